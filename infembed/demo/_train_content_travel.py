"""Hand-written demo training rows: travel. Tuple order: (Q+, I+, P+, I-, P_hn1, Q-, P_hn2)."""

TOPIC = "travel"

ROWS = [
    (
        "best time to visit Japan",
        "Focus on cherry blossom season and give the months.",
        "For cherry blossoms, visit Japan from late March to early April, when sakura bloom in Tokyo and Kyoto; dates shift "
        "by a week or two each year. Blossoms open earlier in Okinawa, in January, and later in Hokkaido, in early May. "
        "Book early, since it is peak season and hotels fill quickly.",
        "Focus on autumn foliage season and give the months.",
        "For autumn leaves, visit Japan from mid-November to early December, when maples turn red in Kyoto and Tokyo. "
        "Hokkaido and the Japan Alps colour first, from late September to October. The weather is dry and mild, and crowds "
        "are smaller than in spring, making it many travellers' favourite season.",
        "best time to visit South Korea",
        "For cherry blossoms, visit South Korea from late March to mid-April. Jeju Island and Busan bloom first, around late "
        "March, while Seoul peaks in early April along Yeouido and Seokchon Lake. The Jinhae festival, the largest, runs "
        "in early April and draws huge crowds.",
    ),
    (
        "cheap ways to travel around Europe",
        "Compare trains, buses and budget flights with typical prices in euros.",
        "Budget options across Europe: long-distance buses such as FlixBus often cost €10 to €30 for journeys of several "
        "hundred kilometres. Budget airlines can be €20 to €60 if booked early, but baggage fees add up. Trains are faster "
        "and comfortable; advance tickets start around €20 to €40, and an Interrail pass suits many trips.",
        "Focus only on rail travel and say nothing about prices.",
        "Rail is a scenic, relaxed way to cross Europe. High-speed lines link Paris, Brussels, Amsterdam and London, and "
        "night trains run between cities like Vienna, Munich and Rome, saving a hotel night. An Interrail or Eurail pass "
        "lets you hop between countries, and stations usually sit right in city centres.",
        "cheap ways to travel around Southeast Asia",
        "Budget options in Southeast Asia: overnight buses between Bangkok and Chiang Mai cost about €15 to €25. Trains are "
        "slower but cheap, around €10 to €30 for sleeper berths. Budget airlines like AirAsia fly between countries from "
        "about €30 to €60 when booked early.",
    ),
    (
        "what to pack for a beach holiday",
        "Present it as a checklist and keep it carry-on only.",
        "Carry-on beach packing checklist: two swimsuits; a light cover-up; shorts and two T-shirts; one outfit for "
        "evenings; sandals and flip-flops; sunglasses and a hat; reef-safe sunscreen in containers of 100 ml or less; a "
        "quick-dry microfibre towel; a reusable water bottle, empty through security; phone charger and adapter.",
        "Present it as a checklist for a family with checked luggage.",
        "Family beach checklist with checked bags: swimsuits and rash vests for everyone; a full-size bottle of sunscreen "
        "and after-sun; beach towels; a pop-up sun tent; buckets, spades and snorkels; a cool bag; swim nappies for babies; "
        "a first-aid kit with plasters and antihistamines; spare clothes; and travel games for rainy days.",
        "what to pack for a ski holiday",
        "Carry-on ski packing checklist: base layers; a fleece mid-layer; waterproof jacket and trousers, worn on the plane; "
        "ski socks; gloves, a hat and neck warmer; goggles; sunscreen and lip balm in containers under 100 ml; and "
        "after-ski clothes. Rent skis, boots and helmet at the resort.",
    ),
    (
        "do I need a visa to visit the United States",
        "Explain the ESTA for Visa Waiver Program countries, including cost and validity.",
        "Citizens of Visa Waiver Program countries, including the UK, most of the EU, Japan and Australia, can visit the US "
        "for up to 90 days for tourism or business without a visa, but must get an ESTA authorisation online before "
        "travelling. It costs $21 and is usually valid for two years, or until your passport expires.",
        "Explain the full B-2 visa process for countries outside the Visa Waiver Program.",
        "Travellers from countries outside the Visa Waiver Program need a B-2 tourist visa. Complete the DS-160 form online, "
        "pay the application fee of about $185, and book an interview at a US embassy or consulate. Bring your passport, "
        "photo and evidence of ties to home, such as a job, to show you will return.",
        "do I need a visa to visit Canada",
        "Most visa-exempt visitors to Canada who fly in, including citizens of the UK, EU and Australia, need an Electronic "
        "Travel Authorization, or eTA, obtained online before boarding. It costs 7 Canadian dollars and is valid for up to "
        "five years or until your passport expires. US citizens do not need one.",
    ),
    (
        "how to avoid jet lag",
        "Give a day-by-day plan for flying east.",
        "Flying east is usually harder, because you must go to bed earlier. Three days before, shift bedtime an hour "
        "earlier each night and seek morning light. On the flight day, set your watch to the destination time and sleep "
        "on the plane if it is night there. On arrival, get bright morning sunlight and avoid long naps.",
        "Give general tips that apply in any direction, with no day-by-day plan.",
        "To reduce jet lag, stay hydrated and go easy on alcohol and caffeine while flying. Eat and sleep according to your "
        "destination's clock as soon as possible. Spend time outdoors in daylight after landing, keep any nap under 30 "
        "minutes, and consider a low dose of melatonin at local bedtime for a few days.",
        "how to sleep on a long flight",
        "Day-by-day plan for sleeping on an overnight eastbound flight: two days before, go to bed an hour earlier. On the "
        "flight day, pick a window seat away from the toilets and skip coffee after noon. On board, eat early, then use an "
        "eye mask, earplugs and neck pillow.",
    ),
    (
        "things to do in Rome in two days",
        "Give a day-by-day itinerary and focus on free attractions.",
        "Day 1: walk to the Pantheon, free to enter most days, then the Trevi Fountain and Spanish Steps. In the evening, "
        "explore Trastevere's lanes. Day 2: see St Peter's Basilica, free to enter, and St Peter's Square, then view the "
        "Forum from the free Capitoline terraces and end at Piazza Navona.",
        "Give a day-by-day itinerary focused on paid, ticketed sites.",
        "Day 1: book the Colosseum, Roman Forum and Palatine Hill combined ticket, about €18, for the morning, then the "
        "Capitoline Museums in the afternoon. Day 2: pre-book the Vatican Museums and Sistine Chapel, around €20, for an "
        "early slot, then visit the Borghese Gallery, which requires a timed reservation.",
        "things to do in Florence in two days",
        "Day 1: admire the outside of the Duomo and Baptistery, free to view, stroll across the Ponte Vecchio, then climb to "
        "Piazzale Michelangelo for free sunset views. Day 2: visit the Basilica of San Miniato al Monte, free to enter, "
        "browse the San Lorenzo market, and relax in Piazza Santo Spirito.",
    ),
    (
        "is tap water safe to drink in Mexico",
        "Give practical alternatives travellers can use.",
        "Tap water in most of Mexico is not considered safe for visitors to drink. Drink bottled or purified water instead; "
        "many hotels provide large purified garrafones. Use it for brushing teeth too. A filter bottle or UV purifier "
        "works well, and in restaurants ice is usually made from purified water, but ask if unsure.",
        "Explain why it is unsafe, without giving alternatives.",
        "Mexico's tap water is often treated at the source, but ageing pipes, storage in rooftop tanks and irregular supply "
        "can let bacteria and parasites back in before it reaches the tap. Visitors' stomachs are also unused to local "
        "microbes, so traveller's diarrhoea is common. Quality varies by city and even by building.",
        "is street food safe to eat in Mexico",
        "Street food in Mexico is usually safe and delicious if you choose wisely. Practical alternatives to risky stalls: "
        "pick busy stands with high turnover where food is cooked hot in front of you, avoid raw salsas or pre-cut fruit "
        "left out, and carry hand sanitiser.",
    ),
    (
        "how to get from the airport to central London",
        "Compare options by price and travel time, starting from Heathrow.",
        "From Heathrow to central London: the Piccadilly line Underground takes about 50 minutes and costs around £5.60. "
        "The Elizabeth line reaches Paddington or Tottenham Court Road in about 30 minutes for roughly £13. The Heathrow "
        "Express runs to Paddington in 15 minutes for about £25. A black cab costs £60 to £100.",
        "Compare options by price and travel time, starting from Gatwick.",
        "From Gatwick to central London: the Gatwick Express runs to Victoria in about 30 minutes for roughly £20. Southern "
        "and Thameslink trains take 35 to 45 minutes and cost around £12 to £19, reaching Victoria or London Bridge. "
        "National Express coaches take about 90 minutes from £10. A taxi costs over £100.",
        "how to get from the airport to central Paris",
        "From Charles de Gaulle to central Paris: RER B trains reach Gare du Nord in about 35 minutes for €11.80. The "
        "Roissybus goes to Opéra in 60 to 75 minutes for about €16. Taxis charge a fixed fare of €56 to the Right Bank and "
        "€65 to the Left Bank.",
    ),
    (
        "travel insurance what does it cover",
        "List what is typically excluded as well as included.",
        "Travel insurance typically covers emergency medical costs abroad, repatriation, trip cancellation or cutting short "
        "for covered reasons, lost or delayed baggage, and personal liability. Common exclusions include pre-existing "
        "medical conditions not declared, injuries while drunk, risky sports unless added, travel against government "
        "advice, and unattended belongings.",
        "List only what it typically covers, not exclusions.",
        "A standard travel insurance policy usually covers emergency medical and hospital treatment abroad, medical "
        "evacuation and repatriation, cancellation or curtailment of the trip, missed departures, lost, stolen or delayed "
        "baggage and passports, travel delays, personal liability and sometimes legal expenses.",
        "travel insurance how to make a claim",
        "To make a travel insurance claim, contact the insurer quickly and keep every receipt. Claims are typically paid "
        "for medical bills, cancellations and lost bags; typical exclusions include undeclared conditions, unattended "
        "items, and losses not reported to police within 24 hours. Include reports and booking confirmations.",
    ),
    (
        "how to find cheap flights",
        "Give concrete tactics and debunk the myth about browser cookies.",
        "To find cheap flights, compare dates using flexible calendar views, set price alerts, and check nearby airports. "
        "Book domestic flights about one to three months ahead and international ones two to six months ahead. Flying "
        "midweek is often cheaper. The popular myth that searching repeatedly raises prices via cookies is not supported "
        "by evidence.",
        "Give concrete tactics and recommend using incognito mode to avoid price increases.",
        "To find cheap flights, use comparison sites and set alerts for your route. Be flexible: Tuesday and Wednesday "
        "departures are often cheaper, and nearby airports can save money. Many travellers search in incognito or private "
        "browsing mode so airlines cannot track repeated searches and raise fares.",
        "how to find cheap hotels",
        "To find cheap hotels, compare prices on several booking sites and then check the hotel's own website, which often "
        "matches or beats them. Stay slightly outside the centre near public transport. Contrary to a popular myth, "
        "clearing browser cookies does not reliably lower hotel prices.",
    ),
    (
        "what to do if you lose your passport abroad",
        "Give steps in order and mention the emergency travel document.",
        "1. Report the loss to local police and get a written report. 2. Contact your country's nearest embassy or "
        "consulate. 3. Apply for an emergency travel document, which lets you travel home or to a few named countries; "
        "bring the police report, a photo and any copies of your passport. 4. Cancel the old passport.",
        "Give advice on preventing passport loss before you travel, not after.",
        "Before travelling, photograph your passport's photo page and save copies in cloud storage and on paper. Keep the "
        "passport in a hotel safe and carry a copy instead. Use a zipped inner pocket or money belt in crowded places. "
        "Note your embassy's address and phone number before you leave.",
        "what to do if you lose your wallet abroad",
        "1. Call your bank to freeze or cancel cards. 2. Report the loss to local police and get a written report for "
        "insurance. 3. If your passport was in it, contact your embassy for an emergency travel document. 4. Use a service "
        "such as Western Union for emergency money.",
    ),
    (
        "best way to exchange money when travelling",
        "Recommend the cheapest methods and warn about dynamic currency conversion.",
        "The cheapest ways to pay abroad are usually a card with no foreign transaction fees or a multi-currency account. "
        "Withdraw cash from bank ATMs rather than airport exchange kiosks, which charge high margins. When a card machine "
        "asks whether to pay in your home currency, always choose the local currency: dynamic conversion adds 3 to 7 "
        "percent.",
        "Recommend getting cash from your home bank before leaving.",
        "Ordering currency from your bank or post office before you travel means you arrive with cash ready for taxis and "
        "snacks. Order online a few days ahead for better rates than at the airport, and compare providers. Take a mix of "
        "small notes, and keep the cash divided between bags for safety.",
        "best way to tip when travelling",
        "Tipping customs vary: in the US, 15 to 20 percent in restaurants is expected; in Japan, tipping can offend; in "
        "much of Europe rounding up is enough. When tipping by card abroad, pay in the local currency, not your own, since "
        "dynamic conversion adds 3 to 7 percent.",
    ),
    (
        "how to travel with a toddler on a plane",
        "Include tips for take-off and landing ear pressure.",
        "Book a seat with extra space if you can and board early. Pack a bag of new small toys, snacks and a tablet with "
        "downloaded shows. For take-off and landing, give your toddler a drink, a dummy or something to chew, because "
        "swallowing helps ease ear pressure. Bring spare clothes for both of you.",
        "Focus on what to pack, without any advice on ear pressure.",
        "Toddler flight bag: nappies and wipes for twice the flight length; two changes of clothes, plus a spare T-shirt for "
        "you; favourite snacks; a sippy cup; a few small new toys, stickers and a colouring book; a tablet with headphones "
        "and downloaded shows; a light blanket; and any medicines.",
        "how to travel with a baby on a plane",
        "Request a bassinet seat when booking for babies under about 10 kg. Bring enough milk or formula; these are allowed "
        "through security. For take-off and landing, breastfeed or give a bottle or dummy, as sucking and swallowing help "
        "equalise ear pressure.",
    ),
    (
        "what is the best way to see the Northern Lights",
        "Name specific destinations and the best months.",
        "To see the Northern Lights, go to the auroral zone between September and March, when nights are long and dark. "
        "Good destinations include Tromsø in Norway, Abisko in Sweden, Rovaniemi in Finnish Lapland, Iceland and "
        "Yellowknife in Canada. Get away from city lights, watch aurora forecasts, and be patient on clear nights.",
        "Explain what causes the lights, without destinations or dates.",
        "The Northern Lights, or aurora borealis, happen when charged particles from the Sun, carried by the solar wind, "
        "are funnelled by Earth's magnetic field toward the polar regions. They collide with oxygen and nitrogen high in "
        "the atmosphere, making them glow: green and red from oxygen, blue and purple from nitrogen.",
        "what is the best way to see the Southern Lights",
        "To see the Southern Lights, or aurora australis, visit between March and September, during the southern winter. "
        "Good destinations include Tasmania, especially the south coast, Stewart Island and Lake Tekapo in New Zealand, "
        "and southern Patagonia. Find dark skies facing south.",
    ),
    (
        "how to stay safe while travelling solo",
        "Write the advice specifically for women travelling alone.",
        "For women travelling alone: book accommodation with good reviews from other solo women and arrive in daylight. "
        "Share your itinerary and live location with someone at home. Dress to match local norms. Use licensed taxis or "
        "ride apps, and sit in the back. Trust your instincts, and a fake wedding ring can deter unwanted attention.",
        "Write general advice for any solo traveller, without mentioning gender.",
        "When travelling solo, share your plans with someone at home and check in regularly. Keep copies of key documents "
        "online. Carry only the cash you need and split it up. Research neighbourhoods before booking, arrive in daylight "
        "when possible, and join group tours to meet people safely.",
        "how to make friends while travelling solo",
        "For women travelling alone, making friends is easy: stay in hostels with female-only dorms and social events, join "
        "free walking tours and cooking classes, and use women's travel groups online to find meet-ups. Meet new friends in "
        "public places first.",
    ),
    (
        "road trip ideas in California",
        "Give a route with stops and total driving distance.",
        "A classic California road trip follows Highway 1 from San Francisco to Los Angeles, about 750 km. Stop in Santa "
        "Cruz for the boardwalk, Monterey for the aquarium, Carmel, then Big Sur's cliffs and Bixby Bridge. Continue to "
        "Hearst Castle, elephant seals at San Simeon, and Santa Barbara before reaching LA.",
        "Describe national parks to visit, without a route or distances.",
        "California's national parks offer huge variety. Yosemite has granite cliffs and waterfalls such as El Capitan and "
        "Yosemite Falls. Sequoia and Kings Canyon protect the world's largest trees. Joshua Tree combines two deserts and "
        "great stargazing, while Death Valley holds North America's lowest and hottest point.",
        "road trip ideas in Scotland",
        "The North Coast 500 is Scotland's classic road trip, a loop of about 830 km starting and ending in Inverness. Stop "
        "at Applecross via the steep Bealach na Bà, the beaches of Durness, Smoo Cave, John o' Groats, and Dunrobin Castle "
        "on the east coast.",
    ),
    (
        "how early to arrive at the airport",
        "Give separate times for domestic and international flights.",
        "As a rule, arrive at the airport about 2 hours before a domestic flight and 3 hours before an international one. "
        "Allow more at busy hubs, during holidays, or if you are checking bags or travelling with children. Check-in and "
        "bag drop usually close 45 to 60 minutes before departure.",
        "Give tips to get through security faster, not arrival times.",
        "To get through security faster, check in online and download your boarding pass. Keep liquids under 100 ml in a "
        "clear bag at the top of your carry-on, with laptop easy to reach. Wear shoes you can slip off, empty your pockets "
        "into your bag while queuing, and consider a fast-track pass.",
        "how early to arrive at a train station",
        "For a regional or domestic train, arriving 10 to 15 minutes early is usually enough. For international trains like "
        "the Eurostar, which has passport and security checks, arrive 45 to 90 minutes before departure; check-in closes "
        "30 minutes before.",
    ),
    (
        "what is the best travel adapter for Europe",
        "Explain plug types and whether a voltage converter is needed.",
        "Most of continental Europe uses Type C and Type F plugs, with two round pins, while the UK and Ireland use Type G. "
        "A universal adapter covers them all. Voltage is 230 V, so US devices rated 110 to 240 V, such as phone chargers "
        "and laptops, need only an adapter, but single-voltage hairdryers need a converter.",
        "Recommend features to look for in an adapter, without explaining plug types.",
        "A good travel adapter should have several USB ports, ideally including USB-C with fast charging, so you can charge "
        "several devices from one socket. Look for surge protection, a built-in fuse, a compact design that fits into "
        "recessed sockets, and a safety certification mark.",
        "what is the best travel adapter for Australia",
        "Australia and New Zealand use Type I plugs, with two flat pins in a V shape plus an earth pin. A universal adapter "
        "covers them. Voltage is 230 V, so dual-voltage devices such as phone and laptop chargers need only an adapter, but "
        "110 V-only appliances need a converter.",
    ),
    (
        "how to say hello in Spanish",
        "Include formal and informal versions.",
        "The basic way to say hello in Spanish is hola, which works almost anywhere. Informally, friends say ¿qué tal? or "
        "¿qué onda? in Mexico. For formal situations, use buenos días until about noon, buenas tardes in the afternoon and "
        "buenas noches in the evening, and ¿cómo está usted? to ask how someone is.",
        "Include only casual slang greetings by country.",
        "Casual Spanish greetings vary by country. In Mexico friends say ¿qué onda?, in Spain ¿qué pasa? or ¿qué tal?, in "
        "Argentina ¿qué hacés? or che, in Colombia ¿qué más?, in Chile ¿qué onda? or wena, and in Puerto Rico ¿qué es la "
        "que hay?. Use them only with friends and people your age.",
        "how to say thank you in Spanish",
        "The basic way to say thank you in Spanish is gracias. Informally, you can say mil gracias, a thousand thanks, or "
        "gracias, guapo among friends in Spain. In formal situations, say muchas gracias, se lo agradezco, or le agradezco "
        "mucho su ayuda. The reply is de nada.",
    ),
    (
        "is it worth getting a rail pass in Japan",
        "Include the current price and a break-even example.",
        "The 7-day Japan Rail Pass costs 50,000 yen since the October 2023 price rise. A one-way Tokyo to Kyoto Shinkansen "
        "ticket is about 14,000 yen, so a simple Tokyo-Kyoto-Tokyo trip costs about 28,000 yen and does not pay off. You "
        "need extra long trips, such as to Hiroshima, to break even.",
        "Explain what the pass covers, without prices.",
        "The Japan Rail Pass covers unlimited travel on JR trains nationwide, including most Shinkansen bullet trains, "
        "limited express trains and local JR lines, plus JR buses and the JR ferry to Miyajima. It does not cover private "
        "railways, subways, or the fastest Nozomi and Mizuho trains without an extra fee.",
        "is it worth getting a rail pass in Switzerland",
        "The Swiss Travel Pass costs about 244 Swiss francs for 3 days in second class. A return trip from Zurich to "
        "Interlaken costs around 140 francs, and Interlaken to Jungfraujoch is not fully covered. Break-even usually needs "
        "two or three long journeys, plus museums and boats.",
    ),
    (
        "what vaccines do I need for Thailand",
        "Advise seeing a travel clinic and list routinely recommended vaccines.",
        "See a travel clinic 6 to 8 weeks before visiting Thailand. Routinely recommended vaccines include hepatitis A and "
        "typhoid, plus being up to date with tetanus, diphtheria and polio. Depending on your plans, hepatitis B, rabies and "
        "Japanese encephalitis may also be advised. Yellow fever is needed only if arriving from a risk country.",
        "Focus on mosquito-bite prevention, without listing vaccines.",
        "In Thailand, mosquitoes can spread dengue fever, for which there is no routine travel vaccine. Use repellent with "
        "DEET or picaridin, wear long sleeves at dawn and dusk, sleep under a net or in air conditioning, and treat "
        "clothing with permethrin. Seek medical help for fever with severe aches.",
        "what vaccines do I need for Kenya",
        "Visit a travel clinic 6 to 8 weeks before going to Kenya. Routinely recommended vaccines include hepatitis A, "
        "typhoid and yellow fever, which is advised for most areas. Also be up to date with tetanus, diphtheria and polio; "
        "rabies may be advised. Malaria tablets are needed too.",
    ),
    (
        "how to pack light for two weeks",
        "Give a capsule wardrobe with exact item counts.",
        "Two weeks in one carry-on is possible with a capsule wardrobe in matching colours: 5 tops, 2 pairs of trousers or "
        "skirts, 1 pair of shorts, 1 light sweater, 1 waterproof jacket, 7 pairs of underwear and socks, and 2 pairs of "
        "shoes, wearing the bulkiest. Plan to do laundry once.",
        "Give packing techniques like rolling and cubes, without item counts.",
        "To fit more into a small bag, roll soft clothes tightly instead of folding; it saves space and limits creases. Use "
        "packing cubes to compress and organise items by type. Stuff socks inside shoes. Wear your heaviest layers on the "
        "plane, and choose solid toiletries that skip the liquids bag.",
        "how to pack for a business trip",
        "For a five-day business trip in a carry-on, use a capsule approach: 1 suit, 4 shirts or blouses, 1 extra pair of "
        "trousers, 1 jumper, 5 pairs of underwear and socks, 1 pair of formal shoes plus trainers, and a foldable garment "
        "bag.",
    ),
    (
        "what are the rules for liquids in hand luggage",
        "State the 100 ml rule and which items are exempt.",
        "Most airports limit liquids in hand luggage to containers of 100 ml or less, all fitting in one clear resealable "
        "bag of about 20 by 20 cm. Exemptions include prescription medicines, baby milk and baby food for the journey, and "
        "special dietary items; you may need to show them separately. Some airports with new scanners allow more.",
        "Explain only the new scanner rules, without the 100 ml limit or exemptions.",
        "Some airports have installed new CT scanners that produce 3D images of bags. Where they are in use, passengers may "
        "be allowed to keep liquids and laptops in their bags, and some airports permit containers up to 2 litres. Rules "
        "differ between airports and change often, so check your departure airport's website.",
        "what are the rules for batteries in hand luggage",
        "Spare lithium batteries and power banks must go in hand luggage, never checked bags. Most airlines allow power banks "
        "up to 100 Wh without approval, and 100 to 160 Wh with approval. Exempt from these limits are small batteries "
        "installed in devices such as watches.",
    ),
]
