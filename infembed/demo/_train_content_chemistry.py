"""Hand-written demo training rows: chemistry. Tuple order: (Q+, I+, P+, I-, P_hn1, Q-, P_hn2)."""

TOPIC = "chemistry"

ROWS = [
    (
        "what is a covalent bond",
        "Give one example molecule and say how many electrons are shared.",
        "A covalent bond forms when two atoms share a pair of electrons so that each reaches a more stable arrangement. "
        "In a hydrogen molecule, H₂, each hydrogen atom contributes one electron, and the two shared electrons form a single "
        "covalent bond holding the atoms together. Covalent bonds are typical between nonmetal atoms.",
        "Give one example molecule with a double bond and how many electrons it shares.",
        "A covalent bond is a shared pair of electrons between two atoms, usually nonmetals. Atoms can share more than one "
        "pair: in an oxygen molecule, O₂, the two atoms share two pairs, four electrons in total, forming a double bond. "
        "Double bonds are shorter and stronger than single bonds between the same atoms.",
        "what is an ionic bond",
        "An ionic bond forms when one atom transfers electrons to another and the resulting oppositely charged ions attract. "
        "In sodium chloride, NaCl, sodium gives up one electron to chlorine, becoming Na⁺, while chlorine becomes Cl⁻. The "
        "single transferred electron creates the charges that hold the crystal lattice together.",
    ),
    (
        "how to balance a chemical equation",
        "Walk through the combustion of methane as the example.",
        "To balance an equation, adjust the coefficients, never the formulas, until each element has the same number of "
        "atoms on both sides. For methane burning, start with CH₄ + O₂ → CO₂ + H₂O. Carbon already balances. Put 2 in front "
        "of H₂O to balance the four hydrogens. Now there are four oxygens on the right, so use 2 O₂: CH₄ + 2O₂ → CO₂ + 2H₂O.",
        "Walk through the formation of water from hydrogen and oxygen as the example.",
        "Balancing means giving every element the same atom count on each side by changing coefficients only. For water, "
        "start with H₂ + O₂ → H₂O. Oxygen is unbalanced: two on the left, one on the right, so write 2H₂O. That gives four "
        "hydrogens on the right, so write 2H₂ on the left. The balanced equation is 2H₂ + O₂ → 2H₂O.",
        "how to calculate the enthalpy change of a reaction",
        "To estimate a reaction's enthalpy change from bond enthalpies, add up the energy of bonds broken and subtract the "
        "energy of bonds formed. For methane burning, CH₄ + 2O₂ → CO₂ + 2H₂O, breaking four C–H bonds and two O=O bonds "
        "costs about 2,648 kJ/mol, while forming two C=O and four O–H bonds releases about 3,466 kJ/mol, so ΔH ≈ −818 kJ/mol.",
    ),
    (
        "what is the pH scale",
        "Include three common household examples with their approximate pH values.",
        "The pH scale measures how acidic or basic a water solution is, from 0 to 14, with 7 neutral. Each step is a tenfold "
        "change in hydrogen ion concentration. Lemon juice is about pH 2, strongly acidic. Pure water sits at 7. Household "
        "bleach is around pH 12 to 13, strongly basic, which is why it should never be mixed with acidic cleaners.",
        "Explain the logarithmic definition mathematically, with no household examples.",
        "pH is defined as the negative base-ten logarithm of the hydrogen ion activity: pH = −log₁₀[H⁺]. A solution with "
        "[H⁺] = 1 × 10⁻³ mol/L has pH 3. Because the scale is logarithmic, lowering pH by one unit means a tenfold increase "
        "in [H⁺]. At 25 °C, pH + pOH = 14, since the ion product of water is 10⁻¹⁴.",
        "what is the Mohs hardness scale",
        "The Mohs scale ranks minerals from 1 to 10 by which can scratch which. Three household comparisons help: a "
        "fingernail is about 2.5, so it scratches gypsum but not calcite. A copper coin is about 3.5. Window glass is "
        "around 5.5, which is why quartz sand, at 7, scratches glass. Diamond tops the scale at 10.",
    ),
    (
        "why does salt melt ice on roads",
        "Mention the temperature below which salt stops working well.",
        "Salt melts ice because dissolved sodium and chloride ions lower the freezing point of water, a property called "
        "freezing point depression. A thin film of meltwater dissolves the salt, and the brine stays liquid below 0 °C. "
        "Rock salt works well down to about −9 °C; in colder weather road crews switch to calcium chloride or spread sand "
        "for grip instead.",
        "Focus on the environmental damage from road salt and leave out temperature limits.",
        "Road salt melts ice by lowering water's freezing point, but it has costs. Runoff carries chloride into streams and "
        "lakes, where it harms fish and amphibians and can make freshwater lakes stratify. Salt burns roadside plants and "
        "trees, corrodes cars, bridges and rebar, and can seep into wells, raising sodium levels in drinking water.",
        "why do road crews spray brine before snow",
        "Road crews spray salt brine before a storm because liquid brine starts working immediately, without waiting for "
        "meltwater to dissolve solid grains, and it stops snow and ice from bonding to the pavement, so ploughs can scrape "
        "it off. It also stays put instead of bouncing off the road. Like rock salt, sodium chloride brine loses most of its "
        "effect below about −9 °C.",
    ),
    (
        "what is a catalyst in chemistry",
        "Include an example from the human body.",
        "A catalyst speeds up a chemical reaction without being used up, by offering a pathway with a lower activation "
        "energy. In the human body, enzymes are the catalysts. Catalase, found in liver cells, breaks down harmful hydrogen "
        "peroxide into water and oxygen millions of times faster than it would decompose on its own.",
        "Include an example from industry instead of the human body.",
        "A catalyst increases the rate of a reaction without being consumed, by lowering its activation energy. Industry "
        "depends on them. In the Haber process, an iron catalyst lets nitrogen and hydrogen combine into ammonia at a "
        "practical rate, producing the fertiliser that feeds a large share of the world's population.",
        "what is an inhibitor in chemistry",
        "An inhibitor slows or stops a chemical reaction. In the human body, many medicines work as enzyme inhibitors: "
        "aspirin blocks the cyclooxygenase enzymes that make prostaglandins, which reduces pain and inflammation. "
        "Inhibitors may bind the enzyme's active site directly or attach elsewhere and change its shape.",
    ),
    (
        "difference between an acid and a base",
        "Use the Brønsted-Lowry definitions and give one example of each.",
        "Under the Brønsted-Lowry definitions, an acid is a substance that donates a proton, a hydrogen ion, while a base "
        "accepts one. Hydrochloric acid, HCl, is an acid because it hands its proton to water, forming H₃O⁺. Ammonia, NH₃, "
        "is a base because it takes a proton from water, becoming NH₄⁺ and leaving OH⁻.",
        "Use simple kitchen terms only, without any formal definitions.",
        "Acids taste sour, like lemon juice and vinegar, and they can make baking soda fizz. Bases feel slippery and taste "
        "bitter, like soap or baking soda itself. When you mix an acid with a base, they cancel each other out to some "
        "degree, which is why a spoonful of baking soda calms the tang of tomato sauce.",
        "difference between an acid and an alkali",
        "In Brønsted-Lowry terms, an acid donates protons and a base accepts them; an alkali is a base that dissolves in "
        "water to release hydroxide ions. So every alkali is a base, but not every base is an alkali. Sodium hydroxide, "
        "NaOH, is an alkali, while copper oxide is a base that does not dissolve in water.",
    ),
    (
        "how does soap remove grease",
        "Describe the structure of a soap molecule.",
        "A soap molecule has two ends: a long hydrocarbon tail that is attracted to oil and grease, and a charged head that "
        "is attracted to water. When you wash, the tails bury themselves in the grease while the heads face the water, "
        "forming tiny spheres called micelles with the grease trapped inside. Rinsing water then carries the micelles away.",
        "Give practical handwashing guidance and skip the molecular structure.",
        "To remove grease from your hands, wet them with warm water, apply soap and rub every surface for at least 20 "
        "seconds, including between the fingers, the backs of the hands and under the nails. Rinse thoroughly under "
        "running water and dry with a clean towel. Warm water loosens fats faster than cold.",
        "how does bleach remove stains",
        "Bleach removes stains chemically rather than lifting them off. Sodium hypochlorite, the active ingredient in "
        "household bleach, is an oxidiser. Its structure includes a chlorine atom bonded to oxygen, which readily attacks "
        "the double bonds in coloured stain molecules. Breaking those bonds destroys the parts that absorb light, so the "
        "stain becomes colourless.",
    ),
    (
        "what are isotopes",
        "Use carbon as the example and state the neutron numbers.",
        "Isotopes are atoms of the same element with different numbers of neutrons. All carbon atoms have 6 protons. "
        "Carbon-12, the most common form, has 6 neutrons; carbon-13 has 7; and carbon-14, which is radioactive, has 8. "
        "They behave almost the same chemically, but their masses differ, and carbon-14's decay is used to date ancient "
        "remains.",
        "Use hydrogen as the example and state the neutron numbers.",
        "Isotopes are versions of an element that differ only in neutron count. Hydrogen has three: ordinary hydrogen, "
        "protium, has 0 neutrons; deuterium has 1; and tritium has 2 and is radioactive. Water made with deuterium, called "
        "heavy water, is about 11 percent denser than normal water and is used in some nuclear reactors.",
        "what are allotropes",
        "Allotropes are different structural forms of the same element. Carbon is the classic example, where the atoms "
        "still each have 6 neutrons in the common isotope but bond differently. In diamond each carbon bonds to four others "
        "in a rigid 3D lattice; in graphite it bonds to three in flat sheets; in buckminsterfullerene sixty atoms form a "
        "hollow ball.",
    ),
    (
        "how does a battery produce electricity",
        "Name the anode and cathode reactions in a simple zinc-copper cell.",
        "A battery turns chemical energy into electrical energy through redox reactions. In a zinc-copper cell, the zinc "
        "anode is oxidised, Zn → Zn²⁺ + 2e⁻, releasing electrons into the external wire. At the copper cathode, copper ions "
        "are reduced, Cu²⁺ + 2e⁻ → Cu. A salt bridge lets ions flow between the halves, completing the circuit and giving "
        "about 1.1 volts.",
        "Explain it for children without naming any chemical reactions.",
        "Inside a battery are two different materials separated by a special paste or liquid. One material likes to give "
        "away tiny charged particles called electrons, and the other wants to take them. When you connect a wire, the "
        "electrons rush through it from one side to the other, and that flow can light a bulb or run a toy.",
        "how does a fuel cell produce electricity",
        "A hydrogen fuel cell produces electricity from hydrogen and oxygen. At the anode, a platinum catalyst splits "
        "hydrogen: H₂ → 2H⁺ + 2e⁻. The electrons travel through the external circuit while the protons cross a membrane. At "
        "the cathode, oxygen combines with them: O₂ + 4H⁺ + 4e⁻ → 2H₂O. The only exhaust is water.",
    ),
    (
        "why do fireworks have different colours",
        "List which metal produces which colour.",
        "Firework colours come from metal salts heated in the explosion. Heat excites the metals' electrons, and as they "
        "fall back to lower energy levels they emit light of specific colours. Strontium gives red, sodium yellow-orange, "
        "barium green, copper blue, calcium orange, and a mix of strontium and copper produces purple. Blue is the hardest "
        "colour to make bright.",
        "Explain the physics of electron emission without listing specific metals.",
        "Firework colours are atomic emission spectra. The burst heats metal compounds enough to bump electrons into higher "
        "energy levels. Each element has its own fixed set of energy gaps, so when the electrons drop back, they release "
        "photons of particular wavelengths. The wavelength set by each gap determines the colour we see, which is why each "
        "element glows its own shade.",
        "why do neon signs have different colours",
        "Neon signs get their colours from different gases and coatings. Neon itself glows red-orange. Argon with a drop of "
        "mercury glows blue, helium gives pinkish white, krypton pale lilac, and xenon blue-violet. Many other shades come "
        "from coating the inside of the tube with phosphors that turn the mercury's ultraviolet glow into green, yellow or "
        "white.",
    ),
    (
        "what is the periodic table organized by",
        "Mention Mendeleev and his predictions of missing elements.",
        "The periodic table arranges elements by increasing atomic number, the number of protons, in rows called periods, "
        "with elements of similar properties stacked in columns called groups. Dmitri Mendeleev published an early version "
        "in 1869 and boldly left gaps, predicting the properties of undiscovered elements. When gallium and germanium were "
        "found, they matched his predictions closely.",
        "Explain the layout by electron shells only, without any history.",
        "The periodic table is ordered by atomic number. Each row, or period, corresponds to filling a new electron shell, "
        "and elements in the same column, or group, have the same number of outer electrons, so they behave alike. The "
        "s-, p-, d- and f-blocks show which kind of subshell is being filled, explaining the table's characteristic shape.",
        "what is the periodic table used for",
        "Chemists use the periodic table to predict how elements behave: position reveals valence, reactivity and likely "
        "bonds. This predictive power goes back to Dmitri Mendeleev, who in 1869 left gaps for unknown elements and "
        "predicted their properties; gallium, scandium and germanium later filled them. Today it also guides the search "
        "for new materials.",
    ),
    (
        "what happens when baking soda and vinegar react",
        "Include the balanced chemical equation.",
        "Baking soda, sodium bicarbonate, reacts with the acetic acid in vinegar to form sodium acetate, water and carbon "
        "dioxide gas: NaHCO₃ + CH₃COOH → CH₃COONa + H₂O + CO₂. The carbon dioxide bubbles out rapidly, which is why the "
        "mixture fizzes and foams. The reaction also absorbs heat, so the mixture feels slightly cool.",
        "Describe it as a kids' experiment without any chemical formulas.",
        "Put a spoonful of baking soda in a cup and pour in some vinegar. Straight away the mixture fizzes and foams, "
        "sometimes overflowing the cup. The bubbles are a gas made by the two ingredients reacting together. Add a drop of "
        "food colouring and some washing-up liquid to make a colourful volcano eruption.",
        "what happens when baking soda is heated",
        "When baking soda is heated above about 80 °C, it decomposes into sodium carbonate, water and carbon dioxide: "
        "2NaHCO₃ → Na₂CO₃ + H₂O + CO₂. The released gas is what leavens some quick breads and pancakes. The leftover sodium "
        "carbonate can give a soapy taste if too much baking soda is used.",
    ),
    (
        "what is oxidation and reduction",
        "Give a memory aid for remembering which is which.",
        "Oxidation is the loss of electrons, and reduction is the gain of electrons; they always happen together in what "
        "chemists call redox reactions. A handy memory aid is OIL RIG: Oxidation Is Loss, Reduction Is Gain. When iron "
        "rusts, iron atoms lose electrons and are oxidised, while oxygen gains those electrons and is reduced.",
        "Give the historical oxygen-based definitions instead of a memory aid.",
        "Originally, oxidation meant combining with oxygen and reduction meant losing oxygen. Burning magnesium, which forms "
        "magnesium oxide, was oxidation, while heating copper oxide with hydrogen to recover copper metal was reduction. "
        "The word reduction came from metal ores losing mass as their oxygen was removed during smelting.",
        "what is a precipitation reaction",
        "A precipitation reaction happens when two dissolved salts combine to form an insoluble solid, the precipitate. "
        "Mixing silver nitrate with sodium chloride gives white silver chloride. A handy memory aid for solubility is that "
        "nitrates and sodium, potassium and ammonium salts are nearly always soluble, so look to the other ion pairing for "
        "the solid.",
    ),
    (
        "how does carbon dating work",
        "State its useful age range in years.",
        "Living things take in carbon, including a small fixed fraction of radioactive carbon-14. When they die, intake "
        "stops and the carbon-14 decays with a half-life of about 5,730 years. Measuring how much remains tells scientists "
        "how long ago death occurred. The method is useful for organic remains up to about 50,000 years old; beyond that, "
        "too little carbon-14 remains.",
        "Explain how the method is calibrated rather than its age range.",
        "Carbon dating assumes the atmosphere's carbon-14 level was constant, but it has varied. To correct for this, raw "
        "radiocarbon ages are calibrated against records of known age: tree rings counted year by year, layered lake "
        "sediments and cave deposits. International calibration curves, such as IntCal, convert a measured radiocarbon "
        "age into calendar years with a stated uncertainty.",
        "how does potassium-argon dating work",
        "Potassium-argon dating measures how much potassium-40 in a volcanic rock has decayed to argon-40, with a half-life "
        "of about 1.25 billion years. Argon escapes molten lava, so the clock starts when the rock solidifies. The method "
        "is useful for rocks older than about 100,000 years and has dated hominin fossils by the ash layers around them.",
    ),
    (
        "why does iron rust",
        "Include practical ways to prevent rust.",
        "Iron rusts when it reacts with oxygen and water, forming hydrated iron oxide, the flaky reddish-brown rust. Salt "
        "speeds the process by helping electrons move. To prevent rust, keep iron dry, paint or oil it to block air and "
        "moisture, galvanise it with a zinc coating that corrodes first, or use stainless steel, whose chromium forms a "
        "protective oxide layer.",
        "Describe only the electrochemistry of rusting, with no prevention tips.",
        "Rusting is an electrochemical process. At anodic spots on the iron surface, iron is oxidised: Fe → Fe²⁺ + 2e⁻. "
        "Electrons travel through the metal to cathodic spots where dissolved oxygen is reduced with water to hydroxide "
        "ions. Fe²⁺ and OH⁻ combine and are further oxidised to hydrated iron(III) oxide, Fe₂O₃·xH₂O, which we call rust.",
        "why does copper turn green",
        "Copper turns green as it reacts slowly with oxygen, carbon dioxide, water and sulphur compounds in the air, "
        "building up a patina of copper carbonates and sulphates over years, as on the Statue of Liberty. To prevent it on "
        "jewellery or pans, keep copper dry, polish it regularly, or seal it with lacquer or wax.",
    ),
    (
        "what is a mole in chemistry",
        "Give Avogadro's number and one calculation example.",
        "A mole is the chemist's counting unit: one mole contains 6.022 × 10²³ particles, Avogadro's number. The mass of one "
        "mole in grams equals the substance's formula mass. Water, H₂O, has a molar mass of about 18 g/mol, so 36 g of water "
        "is 2 moles, containing about 1.2 × 10²⁴ molecules.",
        "Use an analogy instead of numbers or calculations.",
        "A mole is a counting word, like a dozen, but for incredibly tiny things such as atoms and molecules. Because "
        "particles are so small, chemists count them in huge batches. Choosing the batch size cleverly means one batch of "
        "any substance weighs, in grams, the same as its particles' relative mass, letting a kitchen scale count atoms.",
        "what is molarity in chemistry",
        "Molarity is the concentration of a solution in moles of solute per litre of solution, mol/L. For example, "
        "dissolving 58.4 g of sodium chloride, which is one mole since its molar mass is 58.4 g/mol, in water and topping up "
        "to 0.5 L gives a 2 M solution. Each mole contains Avogadro's number, 6.022 × 10²³ formula units.",
    ),
    (
        "what are polymers",
        "Give examples of both natural and synthetic polymers.",
        "Polymers are very large molecules made of many repeating units called monomers, linked in chains. Nature makes "
        "plenty: cellulose in wood and cotton, proteins built from amino acids, and DNA. Synthetic polymers include "
        "polyethylene for plastic bags, nylon for clothing and rope, and PVC for pipes. Chain length and branching "
        "control how stiff or stretchy they are.",
        "Give examples of synthetic polymers only.",
        "Polymers are long chain molecules built from repeating units called monomers. Synthetic examples are everywhere: "
        "polyethylene in bags and bottles, polypropylene in food tubs, polystyrene in foam cups, PVC in pipes and window "
        "frames, nylon in stockings and ropes, and polyester in clothing fibres and drinks bottles.",
        "what are monomers",
        "Monomers are small molecules that join together to form polymers. Nature uses glucose, which links into starch and "
        "cellulose, and amino acids, which form proteins. Synthetic examples include ethylene, which becomes polyethylene, "
        "and vinyl chloride, which becomes PVC. A monomer needs at least two reactive sites to build chains.",
    ),
    (
        "why is water a good solvent",
        "Explain using polarity and mention one substance water cannot dissolve.",
        "Water is a good solvent because its molecules are polar: the oxygen end carries a partial negative charge and the "
        "hydrogen ends partial positive charges. These charged ends surround and pull apart ions, as with table salt, and "
        "form hydrogen bonds with polar molecules like sugar. Nonpolar substances such as cooking oil do not dissolve, "
        "because they cannot interact with water's charges.",
        "Explain using polarity and mention its role in the human body, not what it fails to dissolve.",
        "Water's polarity, with a partially negative oxygen and partially positive hydrogens, lets it surround ions and polar "
        "molecules and carry them in solution. In the body this matters everywhere: blood plasma, mostly water, transports "
        "glucose, salts and hormones, and cells rely on dissolved ions to send nerve signals and drive chemical reactions.",
        "why is water's boiling point so high",
        "Water boils at 100 °C, far higher than similar small molecules such as hydrogen sulphide, which boils at −60 °C. "
        "The reason is polarity: each water molecule forms hydrogen bonds with its neighbours, and these must be broken to "
        "escape as vapour. Oil, which cannot dissolve in water, shows the contrast: its molecules attract only weakly.",
    ),
    (
        "what is an exothermic reaction",
        "Give two everyday examples.",
        "An exothermic reaction releases energy to its surroundings, usually as heat, because the products hold less "
        "chemical energy than the reactants. Burning wood in a fireplace is one everyday example. Another is a disposable "
        "hand warmer, where iron powder slowly oxidises in air and releases steady warmth for hours.",
        "Give the energy-diagram explanation with no everyday examples.",
        "In an exothermic reaction, the products lie lower in energy than the reactants, so the enthalpy change, ΔH, is "
        "negative. On an energy diagram, the reactants must first climb over an activation energy barrier, after which the "
        "system drops to the lower product level, and the difference is released as heat to the surroundings.",
        "what is an endothermic reaction",
        "An endothermic reaction absorbs energy from its surroundings, so things around it get colder. One everyday example "
        "is an instant cold pack, in which ammonium nitrate dissolves in water and chills quickly. Another is baking, where "
        "oven heat drives the decomposition of baking powder to release gas.",
    ),
    (
        "how does chromatography separate mixtures",
        "Describe a simple paper chromatography experiment with ink.",
        "Chromatography separates a mixture by how strongly each part sticks to a stationary material versus how easily it "
        "travels with a moving solvent. Try it: draw a dot of black felt-tip ink near the bottom of a strip of filter paper, "
        "dip the edge in water, and watch the water climb. The ink splits into coloured bands, because each dye travels a "
        "different distance.",
        "Describe gas chromatography used in laboratories, not paper experiments.",
        "Gas chromatography separates volatile compounds. A tiny sample is vaporised and carried by an inert gas such as "
        "helium through a long, thin coated column inside an oven. Compounds that interact more with the coating move more "
        "slowly, so they exit at different retention times, and a detector records each as a peak for identification and "
        "quantification.",
        "how does distillation separate mixtures",
        "Distillation separates liquids by boiling point. Try a simple demonstration: heat salty water in a flask fitted "
        "with a tube leading to a cooled glass. The water boils off as steam, condenses in the cool glass, and drips out "
        "pure, leaving the salt behind. Fractional distillation repeats this in a column to separate mixtures like crude "
        "oil.",
    ),
    (
        "what are noble gases",
        "List all of them and one use for each.",
        "The noble gases form group 18 of the periodic table. Their full outer electron shells make them very unreactive. "
        "Helium lifts balloons; neon glows red-orange in signs; argon protects welds and fills light bulbs; krypton "
        "insulates double glazing; xenon powers bright car headlamps; and radon, which is radioactive, was once used in "
        "cancer therapy.",
        "Explain why they are unreactive without listing individual gases or uses.",
        "The noble gases are unreactive because their outer electron shells are completely full. Having no tendency to gain, "
        "lose or share electrons, they rarely form bonds and exist as single atoms. Their first ionisation energies are the "
        "highest in each period, so removing an electron costs a lot. Only under harsh conditions do the heavier ones form "
        "compounds.",
        "what are halogens",
        "The halogens form group 17. Fluorine is added to toothpaste as fluoride; chlorine disinfects swimming pools and "
        "tap water; bromine is used in flame retardants; iodine is an antiseptic and is added to salt; and astatine, "
        "extremely rare and radioactive, is studied for targeted cancer therapy. All have seven outer electrons and react "
        "readily.",
    ),
    (
        "why does cutting onions make you cry",
        "Include tips for reducing the tears.",
        "Cutting an onion breaks its cells, releasing enzymes that convert sulphur compounds into syn-propanethial-S-oxide, "
        "a volatile gas. When it reaches your eyes, it irritates nerve endings and triggers tears. To cry less, chill the "
        "onion first to slow the reaction, use a very sharp knife to crush fewer cells, and cut near a vent or open window.",
        "Explain only the chemistry of the irritant, with no tips.",
        "An onion stores sulphur in amino acid sulfoxides. Slicing it mixes these with the enzyme alliinase, producing "
        "sulfenic acids. A second enzyme, lachrymatory factor synthase, then converts them into syn-propanethial-S-oxide. "
        "This volatile molecule reaches the eye, stimulates sensory nerves of the cornea, and tear glands respond with a "
        "rush of tears.",
        "why does chopping garlic make it smell",
        "Chopping garlic mixes the compound alliin with the enzyme alliinase, producing allicin, the source of the sharp "
        "smell. Tip: chop it and wait about ten minutes before cooking to let allicin form fully. To remove the smell from "
        "your hands, rub them on stainless steel under running water, or wash with lemon juice.",
    ),
    (
        "how do antacids relieve heartburn",
        "Name a specific active ingredient and its neutralising reaction.",
        "Antacids relieve heartburn by neutralising excess stomach acid. Many contain calcium carbonate, which reacts with "
        "hydrochloric acid to form calcium chloride, water and carbon dioxide: CaCO₃ + 2HCl → CaCl₂ + H₂O + CO₂. Raising the "
        "stomach's pH eases the burning feeling. The released gas is why some people burp after taking them.",
        "Give general advice on when to use them, without naming ingredients or reactions.",
        "Antacids are meant for occasional heartburn, such as after a large or spicy meal. Take them when symptoms start or "
        "shortly after eating, following the package dose. If you need them more than twice a week, have trouble "
        "swallowing, or notice weight loss, see a doctor, since frequent heartburn can signal a condition needing other "
        "treatment.",
        "how do proton pump inhibitors reduce acid",
        "Proton pump inhibitors such as omeprazole reduce acid at its source. Stomach lining cells pump hydrogen ions into "
        "the stomach with an enzyme, H⁺/K⁺-ATPase. The drug becomes active in acid and binds irreversibly to this pump, "
        "forming a covalent bond with its cysteine groups, so acid production falls until new pumps are made.",
    ),
    (
        "what is the ideal gas law",
        "Give the equation, define each variable with units, and include one calculation.",
        "The ideal gas law is PV = nRT, where P is pressure in pascals, V is volume in cubic metres, n is amount in moles, "
        "R is the gas constant, 8.314 J/(mol·K), and T is temperature in kelvin. For example, one mole at 273 K and "
        "101,325 Pa occupies V = nRT/P ≈ 0.0224 m³, or 22.4 litres.",
        "Describe it qualitatively, showing how pressure, volume and temperature relate, with no equation.",
        "The ideal gas law ties together a gas's pressure, volume, temperature and amount. Squeeze a gas into a smaller "
        "space and its pressure rises. Heat it in a rigid container and the pressure also climbs, while in a flexible "
        "balloon it expands instead. Add more gas and either the pressure or the volume increases.",
        "what is Boyle's law",
        "Boyle's law states that for a fixed amount of gas at constant temperature, pressure and volume are inversely "
        "proportional: P₁V₁ = P₂V₂, with pressure in pascals and volume in litres or cubic metres. For example, compressing "
        "2 litres of air at 100,000 Pa to 1 litre raises its pressure to 200,000 Pa.",
    ),
]
