"""Hand-written demo training rows: history. Tuple order: (Q+, I+, P+, I-, P_hn1, Q-, P_hn2)."""

TOPIC = "history"

ROWS = [
    (
        "what caused World War I",
        "Use the MAIN acronym and name the immediate trigger.",
        "Historians often summarise the causes of World War I with MAIN: Militarism, the arms race among European powers; "
        "Alliances, which pulled nations in; Imperialism, rivalry over colonies; and Nationalism, especially in the "
        "Balkans. The immediate trigger was the assassination of Archduke Franz Ferdinand in Sarajevo on 28 June 1914.",
        "Focus only on the July Crisis diplomacy, without the acronym.",
        "After the archduke's assassination, Austria-Hungary, backed by Germany's blank cheque, sent Serbia a harsh "
        "ultimatum on 23 July 1914. Serbia accepted most terms, but Austria declared war on 28 July. Russia mobilised to "
        "support Serbia, Germany declared war on Russia and France, and invaded Belgium, bringing Britain in.",
        "what caused World War II",
        "Causes of World War II include the harsh Treaty of Versailles, the Great Depression, the rise of fascism and "
        "Nazism, and the failure of appeasement. Unlike the first war's MAIN summary, historians stress Hitler's expansion. "
        "The immediate trigger was Germany's invasion of Poland on 1 September 1939.",
    ),
    (
        "who built the pyramids of Giza",
        "Correct the myth that slaves built them and cite the evidence.",
        "The Great Pyramid was built around 2560 BC for the pharaoh Khufu by skilled Egyptian workers, not slaves. "
        "Excavations of workers' villages nearby uncovered bakeries, breweries and cemeteries with tombs bearing the "
        "builders' titles, and skeletons show medical care for injuries. Crews rotated in, possibly as a form of labour "
        "tax.",
        "Explain the construction techniques, without discussing who the workers were.",
        "The Great Pyramid contains about 2.3 million limestone and granite blocks. Workers quarried stone with copper "
        "tools, floated granite from Aswan down the Nile, and hauled blocks on sledges over wetted sand, which reduces "
        "friction. Ramps, straight or spiralling, raised the blocks, and precise astronomical alignment set out the base.",
        "who built Stonehenge",
        "Stonehenge was built in stages from about 3000 to 1500 BC by Neolithic farming communities in Britain, not by "
        "Druids or Romans as once claimed. Evidence from nearby Durrington Walls shows a large builders' settlement, and "
        "isotope analysis of animal bones shows people came from across Britain for feasts.",
    ),
    (
        "why did the Roman Empire fall",
        "Focus on the Western Empire and give the traditional end date.",
        "The Western Roman Empire declined through a mix of causes: political instability with frequent coups, economic "
        "troubles and heavy taxation, reliance on Germanic troops, and pressure from migrating peoples such as the Goths "
        "and Vandals. Its traditional end date is 476 AD, when Odoacer deposed the last emperor, Romulus Augustulus.",
        "Focus on the Eastern Empire and how long it survived.",
        "The Eastern Roman, or Byzantine, Empire, ruled from Constantinople, survived nearly a thousand years after the "
        "West fell. Strong walls, a wealthy economy and skilled diplomacy helped it endure. It was weakened by the Fourth "
        "Crusade's sack of the city in 1204 and finally fell to the Ottoman Turks on 29 May 1453.",
        "why did the Han dynasty fall",
        "The Han dynasty of China fell through political chaos at court, where eunuchs and consort families fought for "
        "power, heavy taxes on peasants and the Yellow Turban Rebellion of 184 AD. Warlords then took control, and the "
        "dynasty's traditional end date is 220 AD, splitting China into the Three Kingdoms.",
    ),
    (
        "what was the Industrial Revolution",
        "Focus on Britain and name key inventions with dates.",
        "The Industrial Revolution was the shift from hand production to machines, beginning in Britain around 1760. Key "
        "inventions included James Hargreaves's spinning jenny around 1764, Richard Arkwright's water frame in 1769, James "
        "Watt's improved steam engine in 1776, and George Stephenson's Rocket locomotive in 1829.",
        "Focus on its social effects on workers, without listing inventions.",
        "The Industrial Revolution transformed working lives. Families moved from villages to crowded factory towns, "
        "living in poor housing with little sanitation. Men, women and children worked twelve-hour shifts in dangerous "
        "mills for low pay. Over time, trade unions and laws such as the Factory Acts improved conditions.",
        "what was the Second Industrial Revolution",
        "The Second Industrial Revolution, from about 1870 to 1914, centred on Germany and the United States as well as "
        "Britain. Key inventions included the Bessemer steel process of 1856, Bell's telephone in 1876, Edison's light bulb "
        "in 1879, and Benz's motor car in 1885.",
    ),
    (
        "who was Napoleon Bonaparte",
        "Include his major reforms, not only his battles.",
        "Napoleon Bonaparte rose from army officer to Emperor of the French in 1804. Beyond his military campaigns, he "
        "reshaped France with lasting reforms: the Napoleonic Code of 1804 standardised civil law, he created the Bank of "
        "France, centralised administration under prefects, and founded the lycée school system.",
        "Focus only on his military campaigns and final defeat.",
        "Napoleon won brilliant victories at Austerlitz in 1805 and Jena in 1806, dominating much of Europe. His invasion of "
        "Russia in 1812 ended in disaster, with most of his army lost. Defeated at Leipzig in 1813, he was exiled to Elba, "
        "returned for the Hundred Days, and lost finally at Waterloo in 1815.",
        "who was Louis XIV of France",
        "Louis XIV reigned from 1643 to 1715, the longest reign in European history. Beyond his wars, his reforms shaped "
        "France: his minister Colbert built industries and the navy, he centralised power around the court at Versailles, "
        "and he founded academies of science and the arts.",
    ),
    (
        "what was the Cold War",
        "Give a timeline of key events from 1947 to 1991.",
        "The Cold War was a rivalry between the US and the Soviet Union without direct war between them. Key events: 1947 "
        "Truman Doctrine; 1948 to 1949 Berlin Airlift; 1950 to 1953 Korean War; 1961 Berlin Wall built; 1962 Cuban Missile "
        "Crisis; 1969 Moon landing; 1989 fall of the Berlin Wall; 1991 collapse of the Soviet Union.",
        "Explain its ideological roots, with no timeline.",
        "The Cold War grew from a clash of ideologies. The United States championed liberal democracy and market "
        "capitalism, while the Soviet Union promoted a one-party communist state and a planned economy. Each saw the other's "
        "system as a threat to its way of life and sought allies around the world.",
        "what was the space race",
        "The space race was a Cold War contest between the US and USSR. Timeline: 1957 Sputnik 1; 1961 Yuri Gagarin becomes "
        "the first human in orbit; 1962 John Glenn orbits Earth; 1965 first spacewalk; 1969 Apollo 11 lands on the Moon; "
        "1975 Apollo-Soyuz joint mission.",
    ),
    (
        "what was the Renaissance",
        "Name key artists and works.",
        "The Renaissance was a revival of classical learning and art that began in Italy in the 14th century and spread "
        "across Europe. Leonardo da Vinci painted the Mona Lisa and The Last Supper. Michelangelo carved David and painted "
        "the Sistine Chapel ceiling. Raphael painted The School of Athens, and Botticelli The Birth of Venus.",
        "Focus on scientific and intellectual developments, without artists.",
        "The Renaissance transformed thought as well as art. Humanists such as Petrarch and Erasmus studied classical texts "
        "and stressed human potential. Gutenberg's printing press spread ideas fast after about 1450. Copernicus placed the "
        "Sun at the centre of the universe in 1543, and Vesalius revolutionised anatomy.",
        "what was the Baroque period",
        "The Baroque period, from about 1600 to 1750, favoured drama, movement and rich detail. Key artists and works "
        "include Caravaggio's The Calling of Saint Matthew, Bernini's Ecstasy of Saint Teresa, Rembrandt's The Night Watch "
        "and Velázquez's Las Meninas.",
    ),
    (
        "when did women get the right to vote",
        "Give dates for several different countries.",
        "Women won the vote at different times. New Zealand was first nationally, in 1893. Australia followed in 1902 for "
        "most women, Finland in 1906 and Norway in 1913. In the United States, the 19th Amendment passed in 1920. Britain "
        "granted some women the vote in 1918 and equal terms in 1928. France waited until 1944 and Switzerland until 1971.",
        "Focus on the British suffragette movement, not other countries.",
        "In Britain, the campaign for women's votes split into suffragists, led by Millicent Fawcett, who used peaceful "
        "persuasion, and suffragettes of Emmeline Pankhurst's Women's Social and Political Union, founded in 1903, who "
        "turned to militant action. Many were imprisoned and force-fed during hunger strikes.",
        "when did slavery end",
        "Slavery was abolished at different times. Haiti ended it in 1804 after its revolution. The British Empire passed "
        "abolition in 1833. France abolished it in 1848, the United States in 1865 with the 13th Amendment, and Brazil, "
        "the last in the Americas, in 1888. Mauritania criminalised it only in 2007.",
    ),
    (
        "what was the Silk Road",
        "Mention goods traded in both directions, not just silk.",
        "The Silk Road was a network of overland and sea routes linking China with Central Asia, the Middle East and the "
        "Mediterranean from around the 2nd century BC. Eastward flowed horses, glassware, wool, gold and silver; westward "
        "came silk, porcelain, tea, paper and spices. Ideas, religions such as Buddhism, and diseases also spread.",
        "Focus on the spread of religions and ideas, not traded goods.",
        "The Silk Road carried beliefs as well as goods. Buddhism travelled from India into Central Asia and China, leaving "
        "cave temples at Dunhuang. Nestorian Christianity, Manichaeism and later Islam spread along the routes. "
        "Papermaking, mathematics and astronomical knowledge moved between civilisations.",
        "what was the spice trade",
        "The spice trade linked the Spice Islands and India with Europe. Westward came pepper, cinnamon, nutmeg and cloves; "
        "eastward went silver, gold, textiles and horses. Control of it drove Portuguese voyages around Africa and Dutch "
        "wars for the Moluccas in the 16th and 17th centuries.",
    ),
    (
        "who was Genghis Khan",
        "Cover both his conquests and his administrative achievements.",
        "Genghis Khan united the Mongol tribes in 1206 and launched conquests that created the largest contiguous land "
        "empire in history, stretching from China to Persia. He also built a strong state: a written legal code, the Yassa; "
        "a postal relay system called the Yam; religious tolerance; and promotion by merit rather than birth.",
        "Cover only his military conquests and tactics.",
        "Genghis Khan's armies were highly mobile horse archers, organised in units of ten, a hundred and a thousand. They "
        "used feigned retreats, encirclement and siege engineers captured from China. From 1206 he conquered the Western "
        "Xia, much of the Jin dynasty in northern China, and the Khwarazmian Empire in Central Asia.",
        "who was Kublai Khan",
        "Kublai Khan, grandson of Genghis Khan, conquered the Song dynasty and founded the Yuan dynasty in China in 1271. He "
        "also governed effectively: he used paper money, extended the Grand Canal, built the capital Dadu, now Beijing, and "
        "welcomed foreign visitors such as Marco Polo.",
    ),
    (
        "what was the French Revolution",
        "Give causes and the key events in chronological order.",
        "The French Revolution began in 1789, caused by royal debt, heavy taxes on commoners, food shortages and "
        "Enlightenment ideas. Key events: May 1789 Estates-General meets; July 1789 storming of the Bastille; August 1789 "
        "Declaration of the Rights of Man; 1792 monarchy abolished; 1793 Louis XVI executed and the Terror; 1799 Napoleon "
        "seizes power.",
        "Focus on its lasting legacy, not causes or events.",
        "The French Revolution left a lasting legacy. It spread ideas of popular sovereignty, equality before the law and "
        "citizenship. It abolished feudal privileges and inspired the metric system and modern nationalism. Its slogan of "
        "liberty, equality and fraternity influenced democratic movements worldwide.",
        "what was the American Revolution",
        "The American Revolution was caused by British taxes without colonial representation, such as the Stamp Act, and "
        "restrictions on westward expansion. Key events: 1773 Boston Tea Party; 1775 Lexington and Concord; 1776 "
        "Declaration of Independence; 1777 Saratoga; 1781 Yorktown; 1783 Treaty of Paris.",
    ),
    (
        "what was the Black Death",
        "Give mortality figures and explain how it spread.",
        "The Black Death was a bubonic plague pandemic that swept Europe from 1347 to 1351, caused by the bacterium "
        "Yersinia pestis. It spread along trade routes, carried by fleas on rats and, in its pneumonic form, directly "
        "between people. It killed an estimated 25 to 50 million Europeans, roughly a third to a half of the population.",
        "Focus on its economic and social consequences, without figures.",
        "The Black Death reshaped European society. With so many workers dead, survivors demanded higher wages, weakening "
        "serfdom. Landowners tried to hold wages down, fuelling revolts such as the English Peasants' Revolt. Faith in the "
        "Church was shaken, and minority groups, especially Jews, were scapegoated and attacked.",
        "what was the Spanish flu",
        "The Spanish flu was an H1N1 influenza pandemic from 1918 to 1920. It spread fast through troop movements at the end "
        "of World War I and by droplets between people. It infected about 500 million people, a third of the world, and "
        "killed an estimated 50 million.",
    ),
    (
        "who was Martin Luther King Jr",
        "Mention specific campaigns with dates.",
        "Martin Luther King Jr. was a Baptist minister and leader of the American civil rights movement who championed "
        "non-violent protest. He led the Montgomery bus boycott in 1955 to 1956, the Birmingham campaign in 1963, and the "
        "March on Washington in August 1963, where he gave his I Have a Dream speech. He was assassinated in 1968.",
        "Focus on his philosophy of non-violence and its influences, without campaign dates.",
        "Martin Luther King Jr.'s philosophy of non-violent resistance drew on his Christian faith, especially the command "
        "to love one's enemies, and on Mahatma Gandhi's satyagraha. He argued that non-violence could expose injustice, "
        "win over opponents and build a beloved community rather than defeat enemies.",
        "who was Rosa Parks",
        "Rosa Parks was a civil rights activist whose refusal to give up her bus seat in Montgomery, Alabama, on 1 December "
        "1955 led to her arrest. It sparked the Montgomery bus boycott, lasting 381 days until December 1956, when the "
        "Supreme Court ruling ending bus segregation took effect.",
    ),
    (
        "what was the Magna Carta",
        "Explain its significance for modern law, quoting one clause.",
        "The Magna Carta was a charter agreed by King John of England in 1215 under pressure from rebel barons. It "
        "established that the king was subject to law. Clause 39 declares that no free man shall be imprisoned or "
        "stripped of rights except by the lawful judgment of his peers or the law of the land, an early basis for due "
        "process.",
        "Explain the events that led to it, without discussing its legal significance.",
        "King John's reign was troubled. He lost Normandy to France in 1204, quarrelled with the Pope, who excommunicated "
        "him, and raised heavy taxes to fund failed wars. In 1215 rebel barons captured London, forcing John to meet them "
        "at Runnymede, near Windsor, where he agreed to their demands.",
        "what was the Bill of Rights 1689",
        "The English Bill of Rights of 1689 limited the monarchy after the Glorious Revolution. It established regular "
        "parliaments and free elections. It states that excessive bail ought not to be required, nor excessive fines "
        "imposed, nor cruel and unusual punishments inflicted, words echoed in the US Eighth Amendment.",
    ),
    (
        "what was the Meiji Restoration",
        "Explain the modernisation reforms with examples.",
        "The Meiji Restoration of 1868 returned power to the emperor in Japan and launched rapid modernisation. Feudal domains "
        "were replaced by prefectures, and the samurai class was abolished. Japan built railways and factories, adopted "
        "universal schooling, created a conscript army modelled on Prussia's, and wrote a constitution in 1889.",
        "Explain the events that led to it, such as the arrival of Perry, without the reforms.",
        "In 1853, US Commodore Matthew Perry's black ships arrived in Edo Bay, forcing Japan to end two centuries of "
        "isolation. Unequal treaties followed, and many blamed the Tokugawa shogunate for weakness. Samurai from Satsuma and "
        "Chōshū allied against it, and after the Boshin War the shogun surrendered power.",
        "what was the Self-Strengthening Movement",
        "China's Self-Strengthening Movement, from about 1861 to 1895, sought to modernise after defeats in the Opium Wars. "
        "Reforms included building arsenals and shipyards, such as the Jiangnan Arsenal, founding translation schools and "
        "creating the Beiyang Fleet, though defeat by Japan in 1895 exposed its limits.",
    ),
    (
        "who invented the printing press",
        "Focus on Gutenberg and give the date of the Gutenberg Bible.",
        "Johannes Gutenberg, a goldsmith from Mainz in Germany, developed a movable-type printing press around 1440. He "
        "combined metal type cast in a hand mould, an oil-based ink and a screw press adapted from wine making. His Bible, "
        "printed around 1455, was the first major book printed with movable type in Europe.",
        "Focus on earlier printing in East Asia, not Gutenberg.",
        "Printing began in East Asia long before Europe. Chinese woodblock printing produced the Diamond Sutra in 868, the "
        "oldest dated printed book. Around 1040, Bi Sheng invented movable type made of baked clay. In Korea, the Jikji, "
        "printed with metal movable type in 1377, predates Gutenberg's Bible.",
        "who invented the telephone",
        "Alexander Graham Bell received the US patent for the telephone on 7 March 1876 and made the first call three days "
        "later, telling his assistant Watson to come in. Elisha Gray filed a similar design the same day, and Antonio Meucci "
        "had earlier prototypes, making the invention disputed.",
    ),
    (
        "what was the Berlin Wall",
        "Explain why it was built and when it fell, with dates.",
        "The Berlin Wall was a barrier built by communist East Germany starting on 13 August 1961 to stop its citizens "
        "fleeing to West Berlin; about 3.5 million had left since 1949. It split the city for 28 years. On 9 November "
        "1989, amid mass protests, border guards opened the crossings, and Germany reunified on 3 October 1990.",
        "Describe life and escape attempts along the wall, without dates of construction or fall.",
        "The wall was far more than one barrier: a death strip of sand, watchtowers, dogs and guards ordered to shoot. "
        "Families were separated for decades. People escaped through tunnels, hidden in car boots, by homemade balloons, "
        "and by jumping from buildings. At least 140 people were killed trying to cross.",
        "what was the Iron Curtain",
        "The Iron Curtain was the boundary dividing communist Eastern Europe from the West after World War II. Winston "
        "Churchill used the phrase in a speech on 5 March 1946. It was built to prevent emigration and Western influence, "
        "and it fell in 1989 when Hungary opened its border and revolutions swept the region.",
    ),
    (
        "what was the Aztec Empire",
        "Describe its capital city with population figures.",
        "The Aztec Empire dominated central Mexico from the 14th century until the Spanish conquest in 1521. Its capital, "
        "Tenochtitlan, was built on an island in Lake Texcoco, linked to the shore by causeways. With perhaps 200,000 "
        "people, it was among the world's largest cities, with canals, floating gardens called chinampas and the Templo "
        "Mayor.",
        "Describe Aztec religion and beliefs, without the capital city.",
        "Aztec religion centred on many gods, including Huitzilopochtli, god of the sun and war, and Quetzalcoatl, the "
        "feathered serpent. Aztecs believed the gods had sacrificed themselves to create the world, and that human "
        "offerings of blood were needed to keep the sun moving. Priests followed a 260-day ritual calendar.",
        "what was the Inca Empire",
        "The Inca Empire ruled the Andes from the 15th century until the Spanish conquest in 1532. Its capital, Cusco, had "
        "perhaps 100,000 to 150,000 people and was laid out, legend says, in the shape of a puma. Fine stone walls, temples "
        "such as the Coricancha and a road network radiated from it.",
    ),
    (
        "who was Cleopatra",
        "Correct common misconceptions about her ancestry and appearance.",
        "Cleopatra VII ruled Egypt from 51 to 30 BC, the last active ruler of the Ptolemaic dynasty. Contrary to popular "
        "belief, she was of Macedonian Greek descent, not native Egyptian, though she was the first of her line to learn "
        "Egyptian. Ancient writers praised her intelligence and charm more than her beauty, and her coins show a strong "
        "nose.",
        "Focus on her political alliances with Rome, without discussing ancestry or appearance.",
        "Cleopatra used alliances with Rome to protect Egypt's independence. She allied with Julius Caesar, who restored her "
        "to the throne in 47 BC, and bore him a son, Caesarion. After Caesar's murder, she partnered with Mark Antony. "
        "Their defeat by Octavian at Actium in 31 BC led to her suicide in 30 BC.",
        "who was Nefertiti",
        "Nefertiti was queen of Egypt around 1350 BC, wife of the pharaoh Akhenaten. A common misconception comes from her "
        "famous painted bust in Berlin: it is idealised, so we cannot be sure of her true appearance. Unlike Cleopatra, she "
        "was native Egyptian, though her parents' identity is unknown.",
    ),
    (
        "what was apartheid in South Africa",
        "Name specific laws and the year it ended.",
        "Apartheid was a system of racial segregation imposed by South Africa's National Party government from 1948. Laws "
        "included the Population Registration Act of 1950, which classified people by race; the Group Areas Act, which "
        "segregated neighbourhoods; and pass laws restricting Black movement. It ended with the 1994 elections that made "
        "Nelson Mandela president.",
        "Focus on the resistance movement, without naming laws.",
        "Resistance to apartheid took many forms. The African National Congress led defiance campaigns, and after the 1960 "
        "Sharpeville massacre formed an armed wing. Students rose in Soweto in 1976. Leaders such as Nelson Mandela were "
        "imprisoned for decades, while international boycotts and sanctions increased pressure.",
        "what was segregation in the United States",
        "Racial segregation in the US was enforced by Jim Crow laws in the South from the 1870s. Plessy v. Ferguson in 1896 "
        "allowed separate but equal facilities. Segregation in schools was struck down by Brown v. Board of Education in "
        "1954, and the Civil Rights Act of 1964 ended it in public places.",
    ),
    (
        "when was the Great Wall of China built",
        "Explain that it was built over many dynasties, with dates.",
        "The Great Wall was not built at once. Walls began in the 7th century BC among rival states. The Qin dynasty linked "
        "sections after 221 BC, and the Han extended them west. Most of the brick and stone wall tourists see today was "
        "built by the Ming dynasty between 1368 and 1644 to defend against Mongol raids.",
        "Describe its length and construction materials, without dates.",
        "Counting all its branches, the Great Wall measures about 21,000 km, according to a Chinese survey. Materials varied "
        "with terrain: rammed earth in the plains, stone in the mountains, and even reeds and sand in the western desert. "
        "Later sections used fired bricks bound with mortar that contained sticky rice.",
        "when was the Forbidden City built",
        "The Forbidden City in Beijing was built between 1406 and 1420 under the Ming Yongle Emperor. It served 24 emperors "
        "across two dynasties, the Ming and the Qing, until the last emperor, Puyi, was expelled in 1924. It became the "
        "Palace Museum in 1925.",
    ),
    (
        "what was the Marshall Plan",
        "Give the amount of aid and its main recipient countries.",
        "The Marshall Plan, officially the European Recovery Program, was a US initiative to rebuild Western Europe after "
        "World War II. From 1948 to 1952, the United States gave about $13 billion in aid, worth over $150 billion today. "
        "The largest recipients were the United Kingdom, France, West Germany and Italy.",
        "Explain its political motives, without amounts or recipients.",
        "The Marshall Plan had clear political goals alongside humanitarian ones. US leaders feared that poverty and "
        "unemployment in war-torn Europe would make communist parties popular, especially in France and Italy. By "
        "rebuilding economies and trade, they hoped to contain Soviet influence and create markets for American goods.",
        "what was the New Deal",
        "The New Deal was President Franklin D. Roosevelt's programme from 1933 to 1939 to fight the Great Depression. "
        "Spending reached roughly $40 billion. Its main agencies were the Works Progress Administration, the Civilian "
        "Conservation Corps and the Tennessee Valley Authority, plus Social Security.",
    ),
    (
        "how did the Titanic sink",
        "Give the sequence of events with times.",
        "The RMS Titanic struck an iceberg at 11:40 pm on 14 April 1912, on its maiden voyage from Southampton to New York. "
        "The collision opened five watertight compartments, one more than it could survive. Lifeboats were launched from "
        "about 12:45 am, and the ship broke apart and sank at 2:20 am on 15 April. About 1,500 people died.",
        "Explain the safety reforms that followed, without the sequence of events.",
        "The Titanic disaster led to major safety reforms. The first International Convention for the Safety of Life at "
        "Sea, in 1914, required lifeboat places for everyone on board, regular lifeboat drills and 24-hour radio watches. "
        "The International Ice Patrol was created to monitor icebergs in the North Atlantic.",
        "how did the Lusitania sink",
        "The RMS Lusitania was torpedoed by the German submarine U-20 at 2:10 pm on 7 May 1915, off the coast of Ireland. A "
        "second explosion followed inside the hull, and the ship sank in about 18 minutes. Of nearly 2,000 on board, 1,198 "
        "died, including 128 Americans.",
    ),
    (
        "what was the Ottoman Empire",
        "Give its start and end dates and its greatest extent.",
        "The Ottoman Empire was founded around 1299 by Osman I in Anatolia. It captured Constantinople in 1453, making it "
        "the capital, Istanbul. At its height under Suleiman the Magnificent in the 16th century, it stretched across "
        "southeastern Europe, the Middle East and North Africa. It was dissolved in 1922, and Turkey became a republic in "
        "1923.",
        "Describe its system of government and society, without dates.",
        "The Ottoman sultan ruled with the help of a grand vizier and a council, the Divan. The devshirme system recruited "
        "Christian boys to train as Janissary soldiers and administrators. Religious communities, called millets, ran many "
        "of their own affairs, letting Christians and Jews keep their courts and schools.",
        "what was the Mughal Empire",
        "The Mughal Empire was founded in 1526 by Babur after the Battle of Panipat. At its greatest extent under Aurangzeb "
        "around 1700, it covered most of the Indian subcontinent. It declined in the 18th century and ended in 1857, when "
        "the British exiled the last emperor.",
    ),
    (
        "who was Nelson Mandela",
        "Write a short biography for primary school children.",
        "Nelson Mandela was a brave man from South Africa. When he was young, the law treated Black people unfairly, so he "
        "worked hard to change it. Because of this he was sent to prison for 27 years. When he came out, he forgave the "
        "people who had hurt him and became the country's first Black president.",
        "Write a detailed political biography for adult readers.",
        "Nelson Mandela, a lawyer, co-founded the ANC Youth League in 1944 and later helped launch Umkhonto we Sizwe, the "
        "ANC's armed wing. Convicted of sabotage at the Rivonia Trial in 1964, he spent 27 years in prison. Released in "
        "1990, he negotiated the end of apartheid, shared the 1993 Nobel Peace Prize, and served as president from 1994 to "
        "1999.",
        "who was Mahatma Gandhi",
        "Mahatma Gandhi was a kind and peaceful man from India. At that time, Britain ruled India, and Gandhi wanted Indians "
        "to be free. He never used violence; instead, he led marches and asked people to stop buying British goods. He "
        "helped India become independent in 1947.",
    ),
]
