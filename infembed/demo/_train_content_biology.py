"""Hand-written demo training rows: biology. Tuple order: (Q+, I+, P+, I-, P_hn1, Q-, P_hn2)."""

TOPIC = "biology"

ROWS = [
    (
        "how does photosynthesis work",
        "Include the overall chemical equation.",
        "Photosynthesis is how plants, algae and some bacteria turn light into chemical energy. In the chloroplasts, "
        "chlorophyll absorbs light, which splits water and releases oxygen. The captured energy is then used to build "
        "glucose from carbon dioxide. Overall: 6CO₂ + 6H₂O + light → C₆H₁₂O₆ + 6O₂.",
        "Explain it for young children without any chemical equation.",
        "Plants make their own food using sunlight. Their green leaves catch the light like tiny solar panels. The plant "
        "drinks water through its roots and breathes in a gas from the air through its leaves. With the sun's energy it "
        "turns these into sugar to grow, and it gives out the oxygen we breathe.",
        "how does cellular respiration work",
        "Cellular respiration releases energy stored in glucose. Glycolysis in the cytoplasm splits glucose into pyruvate; "
        "the Krebs cycle in the mitochondria strips off electrons; and the electron transport chain uses them to make most "
        "of the cell's ATP. Overall: C₆H₁₂O₆ + 6O₂ → 6CO₂ + 6H₂O + energy.",
    ),
    (
        "what does DNA do in a cell",
        "Mention the four bases by name.",
        "DNA stores the instructions a cell needs to build proteins and function. Its two strands form a double helix held "
        "together by pairs of bases: adenine pairs with thymine, and guanine pairs with cytosine. The order of these four "
        "bases spells out genes, which are copied into RNA and translated into proteins.",
        "Avoid naming the bases and focus on how DNA is copied before cell division.",
        "Before a cell divides, it must copy its DNA so each daughter cell gets a full set. The enzyme helicase unzips the "
        "double helix, and DNA polymerase builds a new matching strand along each old one. Each new molecule keeps one "
        "original strand, a process called semi-conservative replication, with proofreading that catches most errors.",
        "what does RNA do in a cell",
        "RNA carries out the instructions stored in DNA. Messenger RNA copies a gene and carries it to ribosomes, transfer "
        "RNA brings amino acids, and ribosomal RNA links them into proteins. RNA uses four bases: adenine, uracil, guanine "
        "and cytosine, with uracil taking the place of DNA's thymine.",
    ),
    (
        "how do vaccines train the immune system",
        "Explain memory cells and mention mRNA vaccines as one type.",
        "A vaccine shows the immune system a harmless version or piece of a pathogen. B cells learn to make matching "
        "antibodies and T cells learn to recognise infected cells. Some of them become long-lived memory cells that respond "
        "fast if the real pathogen appears. mRNA vaccines work by giving cells instructions to make a viral protein "
        "briefly, which triggers this training.",
        "Explain memory cells and mention only traditional inactivated vaccines, not mRNA vaccines.",
        "Vaccines prepare the immune system by presenting a pathogen it cannot be harmed by. Traditional inactivated "
        "vaccines, such as the injected polio vaccine, contain viruses killed with heat or chemicals. The body still makes "
        "antibodies against them, and memory B and T cells persist for years, ready to respond quickly to a real "
        "infection.",
        "how do antibiotics kill bacteria",
        "Antibiotics target structures bacteria have but human cells lack. Penicillin blocks cell wall building, so the "
        "bacteria burst; others jam bacterial ribosomes. They do not train memory cells: unlike vaccines, they treat an "
        "existing infection. Newer approaches such as mRNA-based therapies are being studied, but antibiotics remain small "
        "molecules.",
    ),
    (
        "what is natural selection",
        "Give the example of the peppered moth.",
        "Natural selection is the process in which individuals with traits better suited to their environment survive and "
        "reproduce more, so those traits become more common over generations. In industrial England, soot darkened tree "
        "bark. Dark peppered moths were better hidden from birds than pale ones, so dark moths became common near cities.",
        "Give the example of Darwin's finches instead of the peppered moth.",
        "Natural selection means that heritable traits helping survival and reproduction spread over generations. On the "
        "Galápagos, a severe drought in 1977 left mostly large, hard seeds. Finches with deeper beaks could crack them and "
        "survived in greater numbers, so the next generation's average beak depth measurably increased.",
        "what is genetic drift",
        "Genetic drift is the random change in how common a gene variant is, especially in small populations, regardless "
        "of whether it helps survival. It is not natural selection: consider peppered moths in a tiny isolated colony where "
        "a storm kills most dark moths by chance; the pale form could then dominate purely by luck.",
    ),
    (
        "how do neurons send signals",
        "Describe both the electrical and the chemical part of the signal.",
        "A neuron signals with an action potential: ion channels open so sodium rushes in and potassium flows out, sending "
        "an electrical wave down the axon. At the axon's end, the synapse, the signal turns chemical. Vesicles release "
        "neurotransmitters that cross the gap and bind receptors on the next cell, which may then fire.",
        "Describe only the chemical part at the synapse.",
        "At a synapse, the end of one neuron releases neurotransmitters such as glutamate, GABA or dopamine from small "
        "vesicles. These molecules diffuse across a narrow gap of about 20 nanometres and bind receptors on the receiving "
        "cell, exciting or inhibiting it. Enzymes or reuptake pumps then clear them so the signal stays brief.",
        "how do muscles contract",
        "Muscle contraction starts electrically: a nerve impulse reaches the muscle, and an action potential spreads along "
        "the fibre. Then chemistry takes over: calcium released inside the cell lets myosin heads grab actin filaments and "
        "pull them, using ATP, so the fibres shorten. When calcium is pumped away, the muscle relaxes.",
    ),
    (
        "what is the function of mitochondria",
        "Keep it to a plain summary for a middle school student.",
        "Mitochondria are often called the powerhouses of the cell. These tiny bean-shaped parts take the sugar from your "
        "food and the oxygen you breathe and use them to make a special energy molecule called ATP. Your cells spend ATP to "
        "move, grow and repair themselves, which is why busy muscle cells have lots of mitochondria.",
        "Write for a university student and describe the electron transport chain.",
        "Mitochondria produce most cellular ATP by oxidative phosphorylation. NADH and FADH₂ from the citric acid cycle "
        "donate electrons to complexes I to IV in the inner membrane. Electron flow pumps protons into the intermembrane "
        "space, and the resulting gradient drives ATP synthase, with oxygen as the final electron acceptor forming water.",
        "what is the function of ribosomes",
        "Ribosomes are the tiny protein factories of the cell. They read the instructions carried by a messenger molecule "
        "from the cell's DNA and join building blocks called amino acids together in the right order, like beads on a "
        "string. The finished chain folds into a protein that the cell needs to work.",
    ),
    (
        "why do leaves change colour in autumn",
        "Name the pigments responsible for each colour.",
        "In autumn, shorter days and cooler nights make trees stop producing chlorophyll, the green pigment. As it breaks "
        "down, yellow and orange carotenoids, present all summer, become visible. Some trees, like maples, also make new "
        "anthocyanins from leftover sugars, giving red and purple shades. Brown comes from tannins left when other pigments "
        "fade.",
        "Explain simply without naming any pigments.",
        "Leaves are green in summer because of a substance that helps them catch sunlight. When the days get short and "
        "cold, the tree stops making it and saves energy for winter. As the green fades, other colours that were hidden "
        "underneath show through, and some trees make bright reds before the leaves finally drop.",
        "why do trees drop leaves in autumn",
        "Trees drop their leaves to save water and energy in winter. Before shedding, they stop making chlorophyll, the "
        "green pigment, revealing carotenoids and sometimes anthocyanins. A layer of cells called the abscission zone forms "
        "at the base of each stalk, sealing it off until the leaf falls in the wind.",
    ),
    (
        "how do bees make honey",
        "Describe the steps in order as a numbered list.",
        "1. Forager bees suck nectar from flowers and store it in a honey stomach, where enzymes start breaking sugars "
        "down. 2. Back at the hive, they pass the nectar to house bees mouth to mouth. 3. House bees deposit it in wax "
        "cells. 4. They fan their wings to evaporate water until it is about 18 percent water. 5. They cap the cells with "
        "wax.",
        "Describe it in one paragraph, and focus on how much honey one bee makes.",
        "Honey comes from nectar that bees collect, process with enzymes and dry by fanning until it thickens. It takes a "
        "great deal of work: a single worker bee produces only about one twelfth of a teaspoon of honey in her whole "
        "life, so a single jar represents the effort of hundreds of bees and visits to millions of flowers.",
        "how do bees make wax",
        "1. Young worker bees, around 12 to 18 days old, gorge on honey. 2. Special glands on the underside of their "
        "abdomen turn the sugar into wax. 3. The wax oozes out as tiny clear flakes. 4. Bees chew the flakes to soften them. "
        "5. They shape the wax into hexagonal comb cells.",
    ),
    (
        "what is the role of the liver",
        "List at least four distinct functions.",
        "The liver performs hundreds of tasks. It filters toxins and drugs from the blood, breaking them down for "
        "removal. It produces bile, which helps digest fats. It stores glucose as glycogen and releases it when blood "
        "sugar falls. It makes blood proteins, including albumin and clotting factors, and stores vitamins and iron.",
        "Focus on just one function, bile production, in detail.",
        "One of the liver's key jobs is making bile, up to about a litre a day. Bile contains bile salts, which act like "
        "detergent to break fat into small droplets that enzymes can digest. It is stored in the gallbladder and released "
        "into the small intestine after a fatty meal. Bile also carries waste such as bilirubin out of the body.",
        "what is the role of the kidneys",
        "The kidneys have several jobs. They filter about 180 litres of blood plasma a day, removing waste as urine. They "
        "balance water and salts. They help control blood pressure through the hormone renin. They make erythropoietin, "
        "which tells bone marrow to produce red blood cells, and activate vitamin D.",
    ),
    (
        "how do birds migrate long distances",
        "Explain the navigation cues they use.",
        "Migrating birds navigate using several cues. They read the sun's position, compensating for time of day with an "
        "internal clock. Night flyers use star patterns around the pole. Many sense Earth's magnetic field, possibly "
        "through proteins in their eyes. Near the end of the journey, landmarks such as coastlines and even smells help "
        "them home in.",
        "Explain how they prepare physically, not how they navigate.",
        "Before migrating, birds go through dramatic physical changes. Many eat intensely and nearly double their body "
        "weight in fat, their main fuel. Some shrink digestive organs to save weight and grow larger flight muscles. The "
        "bar-tailed godwit, prepared this way, flies over 11,000 km from Alaska to New Zealand without stopping.",
        "how do salmon find their home river",
        "Salmon find their home river using several navigation cues. In the open ocean they appear to use Earth's magnetic "
        "field, imprinted as a map when they first entered the sea. Near the coast, smell takes over: each river carries a "
        "distinctive chemical scent that young salmon memorised, guiding them upstream to their birthplace.",
    ),
    (
        "what are stem cells",
        "Distinguish embryonic from adult stem cells.",
        "Stem cells are unspecialised cells that can divide and turn into specialised cell types. Embryonic stem cells, "
        "from very early embryos, are pluripotent: they can become almost any cell in the body. Adult stem cells, found in "
        "tissues such as bone marrow, are more limited, usually producing only the cell types of their own tissue, such as "
        "blood cells.",
        "Focus on current medical uses rather than types of stem cells.",
        "Stem cells already have established medical uses. Bone marrow and blood stem cell transplants treat leukaemia, "
        "lymphoma and some inherited blood disorders by rebuilding the patient's blood system. Skin grafts grown from stem "
        "cells help burn victims, and limbal stem cells can restore the surface of damaged eyes.",
        "what are induced pluripotent stem cells",
        "Induced pluripotent stem cells are adult cells, such as skin cells, reprogrammed in the lab to behave like "
        "embryonic stem cells. Unlike natural adult stem cells, which only make their tissue's cell types, they can become "
        "almost any cell. Shinya Yamanaka discovered the four genes that do this, winning the 2012 Nobel Prize.",
    ),
    (
        "how do plants absorb water",
        "Mention root hairs and osmosis.",
        "Plants take in water mainly through their roots. Thin root hairs, each a long extension of a single cell, greatly "
        "increase the surface area touching the soil. Water enters by osmosis, moving from the wetter soil into root cells "
        "that hold more dissolved minerals. It then passes inward to the xylem, which carries it up the stem.",
        "Focus on how water moves up a tall tree, not how roots absorb it.",
        "Water rises in tall trees through xylem vessels, pulled from the top. As water evaporates from leaves, called "
        "transpiration, it creates tension. Because water molecules cling together by cohesion and to vessel walls by "
        "adhesion, this tension pulls a continuous column upward, over 100 metres in the tallest redwoods.",
        "how do plants absorb nutrients",
        "Plants absorb mineral nutrients such as nitrate, phosphate and potassium through their roots. Root hairs give a "
        "huge surface area. Unlike water, which enters by osmosis, most minerals are pumped in by active transport using "
        "energy, because they are often more concentrated inside the root than in the soil.",
    ),
    (
        "what is the difference between a virus and bacteria",
        "Include how each is treated.",
        "Bacteria are living single-celled organisms that can reproduce on their own; viruses are much smaller packages of "
        "genetic material that can only copy themselves inside a host cell. This difference shapes treatment: bacterial "
        "infections can be treated with antibiotics, while viruses are not affected by antibiotics and are tackled with "
        "antivirals, vaccines or rest.",
        "Compare only their size and structure, with nothing on treatment.",
        "Bacteria are cells, typically 1 to 5 micrometres long, with a cell membrane, often a cell wall, ribosomes and "
        "their own DNA. Viruses are around 20 to 300 nanometres, roughly a hundred times smaller, and consist only of "
        "genetic material in a protein coat, sometimes wrapped in a fatty envelope, with no machinery of their own.",
        "what is the difference between bacteria and fungi",
        "Bacteria are tiny single cells without a nucleus, while fungi, such as yeasts and moulds, have cells with a "
        "nucleus, like ours. Treatment differs: bacterial infections respond to antibiotics, while fungal infections, "
        "such as athlete's foot or thrush, need antifungal drugs that target the fungal cell membrane.",
    ),
    (
        "how does the heart pump blood",
        "Trace the path of blood through all four chambers in order.",
        "Oxygen-poor blood from the body enters the right atrium, passes into the right ventricle, and is pumped to the "
        "lungs. Oxygen-rich blood returns to the left atrium, flows into the left ventricle, and is pumped out through "
        "the aorta to the body. Valves between chambers stop backflow, and the heart's electrical system times each beat.",
        "Explain the heart's electrical system, not the path of blood.",
        "Each heartbeat begins at the sinoatrial node, a natural pacemaker in the right atrium that fires about 60 to 100 "
        "times a minute. The signal spreads across both atria, pauses at the atrioventricular node so the ventricles can "
        "fill, then races down the bundle of His and Purkinje fibres, making the ventricles contract together.",
        "how do the lungs exchange gases",
        "Air travels down the trachea, into the bronchi and bronchioles, and ends in about 480 million tiny air sacs called "
        "alveoli. Oxygen diffuses from the alveoli into blood in surrounding capillaries, while carbon dioxide diffuses "
        "out. The oxygen-rich blood then returns to the heart's left atrium and is pumped to the body.",
    ),
    (
        "what do enzymes do",
        "Use the lock and key model and give one digestive enzyme as an example.",
        "Enzymes are proteins that speed up chemical reactions in living things. In the lock and key model, each enzyme "
        "has an active site shaped to fit one particular molecule, its substrate, like a key in a lock. Amylase in your "
        "saliva fits starch and breaks it into sugars, which is why bread tastes sweeter the longer you chew.",
        "Use the induced fit model and give an example of an industrial enzyme.",
        "Enzymes are biological catalysts. In the induced fit model, the active site is flexible: it changes shape "
        "slightly as the substrate binds, gripping it more tightly and straining the bonds to be broken. Industry uses "
        "enzymes such as proteases in biological washing powders, which break down protein stains at low temperatures.",
        "what do hormones do",
        "Hormones are chemical messengers released into the blood by glands. Like a key in a lock, each hormone fits "
        "specific receptors on its target cells. Insulin from the pancreas, which responds to digestion of a meal, binds "
        "receptors on muscle and fat cells, telling them to take glucose out of the blood.",
    ),
    (
        "why do we need sleep",
        "Cite specific functions supported by research, like memory and waste clearance.",
        "Research points to several functions of sleep. During deep sleep and REM sleep, the brain replays and consolidates "
        "memories. The glymphatic system flushes metabolic waste, including beta-amyloid, from the brain faster during "
        "sleep. Sleep also supports immune function and hormone regulation, and losing it impairs attention and mood.",
        "Give practical tips for better sleep instead of explaining why we need it.",
        "For better sleep, keep a consistent schedule, even on weekends. Make the bedroom dark, quiet and cool, around 18 "
        "°C. Avoid caffeine after early afternoon and heavy meals late at night. Put screens away an hour before bed, and "
        "if you cannot fall asleep within about 20 minutes, get up and do something calm.",
        "why do we dream",
        "Scientists have several research-based ideas about dreaming, which happens mostly in REM sleep. Dreams may help "
        "consolidate memories, as the brain replays and links recent experiences. They may help process emotions, since "
        "emotional brain areas are very active during REM. Another theory holds that dreams rehearse responses to threats.",
    ),
    (
        "how does the immune system fight infection",
        "Describe both innate and adaptive immunity.",
        "The immune system fights infection in two layers. Innate immunity acts within minutes: skin and mucus block "
        "entry, while white blood cells such as neutrophils and macrophages engulf invaders and trigger inflammation. "
        "Adaptive immunity takes days: B cells make antibodies targeted to the specific pathogen, and T cells kill infected "
        "cells, leaving memory behind.",
        "Describe only innate immunity.",
        "Innate immunity is the body's rapid, general defence. Skin and mucous membranes form barriers, and stomach acid "
        "and enzymes in tears kill microbes. If germs get in, neutrophils and macrophages engulf them, natural killer "
        "cells destroy infected cells, and inflammation brings extra blood and defenders to the site, causing heat and "
        "swelling.",
        "how does the immune system cause allergies",
        "Allergies are immune reactions to harmless things such as pollen. The adaptive immune system wrongly makes IgE "
        "antibodies against them, which coat mast cells. On the next exposure, the allergen links these antibodies, and "
        "the mast cells release histamine, a signal of the innate response, causing sneezing, itching and swelling.",
    ),
    (
        "how do fish breathe underwater",
        "Mention countercurrent exchange.",
        "Fish breathe by passing water over their gills. They gulp water through the mouth and push it out past the gill "
        "filaments, which are packed with thin-walled blood vessels. Blood flows through the gills in the opposite "
        "direction to the water, a countercurrent exchange that keeps oxygen diffusing into the blood along the whole "
        "length, capturing up to 80 percent of it.",
        "Explain it simply for kids, without technical terms.",
        "Fish do not have lungs like we do. Instead they have gills, feathery red flaps on the sides of their heads. A fish "
        "takes water in through its mouth, and as the water flows out over the gills, they grab the tiny bits of air "
        "mixed into the water. That is how fish get the air they need.",
        "how do whales breathe",
        "Whales are mammals, so they breathe air through lungs, using a blowhole on top of the head. In the muscles and "
        "blood they store oxygen bound to myoglobin and haemoglobin. In their flippers and flukes, arteries run alongside "
        "veins in a countercurrent exchange that conserves heat rather than oxygen.",
    ),
    (
        "what is CRISPR gene editing",
        "Explain how it works and mention one ethical concern.",
        "CRISPR-Cas9 is a gene editing tool adapted from a bacterial defence system. A guide RNA leads the Cas9 enzyme to a "
        "matching DNA sequence, where it cuts both strands. The cell repairs the break, either disabling the gene or "
        "inserting a supplied sequence. One ethical concern is editing human embryos, since changes would pass to future "
        "generations.",
        "Explain how it works and mention one approved medical treatment, not ethics.",
        "CRISPR-Cas9 uses a guide RNA to steer the Cas9 enzyme to a chosen DNA sequence and cut it; the cell's repair then "
        "knocks out or rewrites the gene. In 2023, regulators approved Casgevy, the first CRISPR therapy, which edits a "
        "patient's blood stem cells to treat sickle cell disease and beta thalassaemia.",
        "what is gene therapy",
        "Gene therapy treats disease by adding, replacing or silencing genes in a patient's cells, often using a harmless "
        "virus to deliver a working copy. Luxturna, for example, delivers a healthy gene to retina cells to treat an "
        "inherited blindness. One ethical concern is the very high price, which limits who can access it.",
    ),
    (
        "how do cells divide",
        "Describe the stages of mitosis in order.",
        "Body cells divide by mitosis. In prophase, chromosomes condense and the spindle forms. In metaphase, chromosomes "
        "line up along the middle of the cell. In anaphase, sister chromatids are pulled to opposite poles. In telophase, "
        "new nuclear envelopes form around each set. Cytokinesis then splits the cytoplasm, giving two identical cells.",
        "Describe meiosis and why it differs from mitosis.",
        "Meiosis produces sex cells and involves two divisions instead of one. Homologous chromosomes pair and swap pieces "
        "in crossing over, then separate in meiosis I; sister chromatids separate in meiosis II. The result is four "
        "genetically different cells with half the chromosome number, unlike mitosis, which gives two identical cells.",
        "how do cells die",
        "Cells often die by apoptosis, programmed cell death, which proceeds in stages. First, the cell shrinks and its "
        "chromatin condenses. Then enzymes called caspases cut up proteins and DNA. Next, the membrane bulges into blebs "
        "and the cell breaks into apoptotic bodies. Finally, immune cells engulf them without inflammation.",
    ),
    (
        "why do some animals hibernate",
        "Give specific numbers for how much heart rate or temperature drops.",
        "Animals hibernate to survive winter when food is scarce. They enter torpor, slashing their energy use. A "
        "hibernating ground squirrel's body temperature can fall from about 37 °C to near 2 °C, and its heart rate drops "
        "from over 200 to around 5 beats a minute. Stored fat fuels them through months without eating.",
        "Describe how bears hibernate differently from small mammals, without numbers.",
        "Bears hibernate differently from small mammals such as ground squirrels. Small hibernators chill almost to "
        "freezing and wake up periodically. Bears cool only a few degrees, so they stay fairly alert and can wake if "
        "disturbed. They do not eat, drink or urinate for months, recycling waste, and females even give birth during "
        "hibernation.",
        "why do some animals estivate",
        "Estivation is a summer dormancy that helps animals survive heat and drought. The African lungfish buries itself in "
        "mud and seals itself in a mucus cocoon, cutting its metabolic rate by about 60 percent, and can survive up to four "
        "years until rain returns. Desert snails can estivate for over a year.",
    ),
    (
        "what is the human microbiome",
        "Mention roughly how many microbes there are and one health link.",
        "The human microbiome is the community of bacteria, fungi and viruses living in and on us, mostly in the gut. "
        "Estimates suggest about 38 trillion bacterial cells, roughly equal to the number of human cells. Gut microbes "
        "digest fibre into short-chain fatty acids, and a disrupted microbiome is linked to conditions such as "
        "inflammatory bowel disease.",
        "Give dietary advice for supporting it, without numbers or disease links.",
        "To support a healthy gut microbiome, eat a wide variety of plants, since different microbes thrive on different "
        "fibres. Include whole grains, beans, vegetables, nuts and fruit. Fermented foods such as yoghurt, kefir, "
        "sauerkraut and kimchi add live microbes. Limit ultra-processed foods, and use antibiotics only when prescribed.",
        "what is the human genome",
        "The human genome is the complete set of DNA instructions in our cells, about 3.1 billion base pairs containing "
        "roughly 20,000 protein-coding genes. It was first sequenced by the Human Genome Project, completed in 2003. One "
        "health link: variants in the BRCA1 gene raise the risk of breast and ovarian cancer.",
    ),
    (
        "how do chameleons change colour",
        "Correct the myth that they change colour to camouflage.",
        "Chameleons change colour by adjusting tiny guanine nanocrystals in skin cells called iridophores. Relaxing or "
        "tightening the skin changes crystal spacing, which alters the colours reflected. Contrary to popular belief, they "
        "mainly change colour to signal mood to rivals and mates and to regulate temperature, not to match their "
        "background.",
        "Explain the camouflage function and do not discuss myths.",
        "Many animals change colour to blend into their surroundings, and chameleons can shift their skin tones using "
        "cells packed with tiny reflective crystals. By relaxing or tightening the skin, they change the spacing of the "
        "crystals and the colours reflected, helping them appear greener or browner among leaves and branches to avoid "
        "predators.",
        "how do octopuses change colour",
        "Octopuses change colour in a fraction of a second using chromatophores, elastic sacs of pigment expanded by "
        "muscles under direct nerve control. Unlike the myth about chameleons, octopuses really do camouflage by matching "
        "their background, and they also flash patterns to startle predators or communicate.",
    ),
    (
        "what is an ecosystem food web",
        "Use a specific ocean example with at least four organisms.",
        "A food web shows the many feeding relationships in an ecosystem. In a kelp forest, kelp is eaten by sea urchins. "
        "Sea otters eat the urchins, and orcas occasionally eat the otters. If otters decline, urchins multiply and strip "
        "the kelp, showing how a change in one link ripples through the whole web.",
        "Use a specific forest example with at least four organisms.",
        "A food web links who eats whom. In a temperate forest, oak trees produce acorns eaten by mice and squirrels. Mice "
        "are hunted by owls and foxes, and caterpillars feeding on oak leaves are eaten by songbirds, which hawks hunt. "
        "Many links mean the web can absorb the loss of one species.",
        "what is an ecosystem keystone species",
        "A keystone species has an outsized effect on its ecosystem. The sea otter is a classic ocean example: it eats sea "
        "urchins, which would otherwise overgraze kelp. Where otters returned, kelp forests recovered, giving shelter to "
        "fish and crabs. A keystone is a single link that holds much of the food web together.",
    ),
]
