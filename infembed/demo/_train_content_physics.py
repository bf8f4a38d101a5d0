"""Hand-written demo training rows: physics. Tuple order: (Q+, I+, P+, I-, P_hn1, Q-, P_hn2)."""

TOPIC = "physics"

ROWS = [
    (
        "why is the sky blue",
        "Explain it for a ten-year-old, with no equations or technical terms.",
        "Sunlight looks white, but it is really a mix of all the colours. When it travels through the air, it bumps into "
        "tiny bits of gas. Blue light gets bounced around much more than red light, so blue light comes at your eyes from "
        "every part of the sky. That is why, when you look up on a sunny day, the whole sky seems blue.",
        "Explain it for a physics student, using the Rayleigh scattering formula.",
        "The colour of the clear sky follows from Rayleigh scattering by molecules much smaller than the wavelength. The "
        "scattered intensity scales as I ∝ 1/λ⁴, so light at 450 nm is scattered roughly 4.4 times more strongly than "
        "light at 650 nm. Integrated over the solar spectrum and the eye's cone responses, the diffuse skylight therefore "
        "peaks perceptually in the blue.",
        "why are sunsets red",
        "Sunsets look red and orange because the sunlight has to travel through much more air when the sun is low. On the "
        "way, most of the blue light gets bounced off to the sides and never reaches you. The red and orange light is "
        "harder to bounce away, so it keeps going straight to your eyes. That is why the sky near the sun glows red.",
    ),
    (
        "what is Newton's second law of motion",
        "Include the equation and one worked numerical example with units.",
        "Newton's second law states that the net force on an object equals its mass times its acceleration: F = m·a. "
        "Example: a 1,200 kg car speeding up at 2 m/s² needs a net force of 1,200 kg × 2 m/s² = 2,400 N. If the same "
        "force pushed a 600 kg trailer alone, the acceleration would double to 4 m/s².",
        "Describe it in words only, with no equations or numbers.",
        "Newton's second law says that pushing harder on something makes it speed up faster, while a heavier object "
        "speeds up more slowly under the same push. In other words, how quickly an object's motion changes depends on "
        "both the strength of the overall force acting on it and on how much matter the object contains. It links force, "
        "mass and changes in motion.",
        "what is Newton's third law of motion",
        "Newton's third law says every force has an equal and opposite partner: F_AB = −F_BA. Example: a 70 kg skater "
        "pushes a wall with 140 N, and the wall pushes back with 140 N. Her acceleration away from the wall is a = F/m = "
        "140 N ÷ 70 kg = 2 m/s². The two forces act on different bodies, so they never cancel.",
    ),
    (
        "how does a rainbow form",
        "Answer as a numbered list of steps.",
        "1. Sunlight enters a falling raindrop and slows down, bending (refracting) at the surface. 2. Because each colour "
        "bends by a slightly different amount, the white light spreads into a spectrum. 3. The light reflects off the back "
        "of the drop. 4. It refracts again on leaving the drop, at about 42 degrees for red and 40 for violet. 5. Millions "
        "of drops at those angles together form the coloured arc.",
        "Answer as a single flowing paragraph, not a list.",
        "A rainbow forms when sunlight meets raindrops while the sun is behind the observer. Light bends as it enters each "
        "drop, and since different colours bend by different amounts, it fans out into a spectrum. It then reflects off the "
        "inside back surface and bends once more on leaving, emerging at roughly 40 to 42 degrees, so the drops sitting at "
        "that angle from your shadow's head glow in bands of colour.",
        "how does a double rainbow form",
        "1. Sunlight enters a raindrop and refracts. 2. Instead of reflecting once inside the drop, some light reflects "
        "twice. 3. It then refracts again as it exits, at about 50 to 53 degrees from the antisolar point. 4. The extra "
        "reflection reverses the colour order, so red sits on the inside. 5. Extra losses make this secondary bow fainter, "
        "and it appears outside the primary bow.",
    ),
    (
        "what causes tides on Earth",
        "Focus on the Moon's role and leave out the Sun entirely.",
        "Tides are caused mainly by the Moon's gravity. The Moon pulls more strongly on the side of Earth facing it than on "
        "Earth's centre, and more strongly on the centre than on the far side. This difference stretches the oceans into "
        "two bulges, one toward the Moon and one away from it. As Earth rotates through both bulges, most coasts see two "
        "high tides roughly every 24 hours and 50 minutes.",
        "Focus on how the Sun's position changes tides, such as spring and neap tides.",
        "The Sun raises tides too, about half as strong as the Moon's. When the Sun, Moon and Earth line up at new and full "
        "moon, the two tidal bulges add together, giving spring tides with the highest highs and lowest lows. When the Sun "
        "and Moon sit at right angles, at the quarter moons, their effects partly cancel and neap tides with a small range "
        "result.",
        "what causes ocean currents on Earth",
        "Surface ocean currents are driven mainly by the winds, and the Moon plays a negligible part. Steady winds such as "
        "the trade winds drag the surface water along, and Earth's rotation deflects the moving water through the Coriolis "
        "effect, organising it into large circulating gyres. Deeper currents are driven by differences in water density, "
        "which depend on temperature and salt content, forming the slow global conveyor.",
    ),
    (
        "difference between speed and velocity",
        "Give a short everyday example involving a car for each term.",
        "Speed tells you how fast something moves, while velocity tells you how fast and in which direction. A car's "
        "speedometer reading of 60 km/h is a speed: it says nothing about where the car is heading. Saying the car travels "
        "at 60 km/h due north is a velocity. A car driving once around a roundabout at a steady 30 km/h keeps its speed "
        "but constantly changes its velocity.",
        "Give a short example involving a thrown ball instead of a car.",
        "Speed is the rate of motion, while velocity adds the direction. If you throw a ball straight up, it leaves your "
        "hand at perhaps 10 m/s upward. At the top of its path its speed and velocity are both zero. On the way down it "
        "again reaches 10 m/s, the same speed, but its velocity is now 10 m/s downward, the opposite direction.",
        "difference between velocity and acceleration",
        "Velocity is how fast something moves in a given direction, while acceleration is how quickly that velocity "
        "changes. A car cruising at a constant 80 km/h on a straight road has a velocity but zero acceleration. When the "
        "driver presses the pedal and the car goes from 0 to 100 km/h in 10 seconds, it is accelerating at about 10 km/h "
        "each second.",
    ),
    (
        "how do noise cancelling headphones work",
        "Keep it non-technical and mention battery use.",
        "Noise-cancelling headphones have tiny microphones that listen to the sound around you, such as engine hum. A small "
        "chip inside quickly creates the opposite sound wave and plays it through the speakers. When the two waves meet, "
        "they cancel each other out, so you hear much less background noise. Because the microphones and chip need power, "
        "these headphones run on a battery that needs regular charging.",
        "Keep it non-technical and do not mention batteries or power at all.",
        "Noise-cancelling headphones listen to the noise around you with small built-in microphones. They then make a sound "
        "that is the mirror image of that noise and mix it into what you hear. The noise and its mirror image cancel each "
        "other, so steady sounds like a plane engine or an air conditioner fade away, while your music stays clear.",
        "how do bone conduction headphones work",
        "Bone conduction headphones rest on your cheekbones instead of covering your ears. They turn music into small "
        "vibrations, which travel through the bones of your skull straight to your inner ear, skipping the eardrum. This "
        "leaves your ears open, so you can still hear traffic around you. They have a built-in battery that usually lasts "
        "several hours and needs charging, often over USB.",
    ),
    (
        "what is the speed of light",
        "Give the exact value in metres per second and one comparison with travel times.",
        "In a vacuum, light travels at exactly 299,792,458 metres per second, a value fixed by the definition of the metre. "
        "That is about 300,000 km every second. Light from the Sun takes roughly 8 minutes and 20 seconds to reach Earth, "
        "while light reflected from the Moon arrives in about 1.3 seconds. Nothing carrying information can travel faster.",
        "Give the value rounded in miles per second and no travel time comparisons.",
        "The speed of light in empty space is about 186,000 miles per second. It is the universal speed limit: no object "
        "with mass can reach it, and no signal can travel faster. Light slows down inside materials such as water or "
        "glass, which is why lenses bend it, but its speed in a vacuum is the same for every observer.",
        "what is the speed of sound",
        "In dry air at 20 °C, sound travels at about 343 metres per second. That means thunder from a lightning strike 1 km "
        "away reaches you after roughly 3 seconds, which is why counting seconds after a flash tells you the storm's "
        "distance. Sound moves faster in water, about 1,480 metres per second, and faster still in steel.",
    ),
    (
        "how does a nuclear reactor generate electricity",
        "Explain only the energy conversion chain, not safety or waste.",
        "In a nuclear reactor, uranium nuclei split when they absorb neutrons, releasing heat and more neutrons that keep "
        "the chain reaction going. The heat warms water circulating through the core. That heat produces steam, either "
        "directly or through a heat exchanger. The steam spins a turbine connected to a generator, which turns the "
        "mechanical energy into electricity. The steam is then condensed and pumped back.",
        "Explain only the safety systems and waste handling, not the energy conversion.",
        "Reactors are controlled by control rods that absorb neutrons and can be dropped into the core to stop the chain "
        "reaction within seconds. Backup pumps and emergency cooling keep removing decay heat after shutdown, and a thick "
        "steel and concrete containment holds radioactive material in. Spent fuel cools for years in water pools before "
        "being moved to sealed dry casks for long-term storage.",
        "how does a coal power plant generate electricity",
        "A coal plant burns pulverised coal in a boiler, turning the fuel's chemical energy into heat. The heat boils water "
        "flowing through tubes lining the boiler, producing high-pressure steam. The steam spins a turbine, the turbine "
        "turns a generator, and the generator converts the mechanical energy into electricity. The steam is condensed back "
        "into water and returned to the boiler.",
    ),
    (
        "what is quantum entanglement",
        "Explain without math, and clarify that it cannot be used to send messages faster than light.",
        "Quantum entanglement links two particles so that measuring one instantly tells you something about the other, "
        "however far apart they are. For example, two entangled photons may always show opposite polarisations when "
        "tested the same way. Each individual result is random, though, so nobody can choose what the partner sees. That "
        "is why entanglement cannot carry a message faster than light.",
        "Explain without math, focusing on how entanglement is used in quantum computers.",
        "Quantum entanglement ties particles together so their measured properties stay correlated. Quantum computers use "
        "this as a resource: entangled qubits share one joint state, so operations on a few qubits can affect a combined "
        "state that ordinary bits cannot represent efficiently. Entangling gates are the building blocks of quantum "
        "algorithms and of error correction codes that protect fragile information.",
        "what is quantum superposition",
        "Quantum superposition means a particle can be in a combination of states at once, such as an electron spinning "
        "both up and down, until it is measured. Measurement gives one definite result, chosen randomly with set odds. "
        "Even though superposition sounds powerful, it does not let anyone send signals faster than light, because no "
        "single measurement can be controlled to carry a message.",
    ),
    (
        "how do magnets work",
        "Aim at high school level and mention electron spin.",
        "Magnetism comes from moving electric charges, and inside atoms the key source is electron spin. Each electron acts "
        "like a tiny magnet. In most materials these tiny magnets point in random directions and cancel out. In iron, "
        "nickel and cobalt, neighbouring spins line up in regions called domains. When many domains align, the whole piece "
        "of metal becomes a magnet with north and south poles.",
        "Aim at young children and avoid mentioning atoms or electrons.",
        "A magnet is a special piece of metal that can pull on things made of iron, like paper clips and fridge doors, "
        "without touching them. Every magnet has two ends, called north and south. If you hold two magnets close, opposite "
        "ends pull together and matching ends push apart. You can feel this invisible push and pull with your hands.",
        "how do electromagnets work",
        "An electromagnet is a coil of wire, usually wrapped around an iron core, that becomes magnetic when current flows. "
        "Moving electrons in the wire create a magnetic field, and the core strengthens it because the electron spins in "
        "the iron line up in domains along that field. Switch off the current and the spins fall back out of alignment, so "
        "the magnetism mostly disappears.",
    ),
    (
        "what is the photoelectric effect",
        "Mention Einstein and the year he explained it.",
        "The photoelectric effect is the release of electrons from a metal when light shines on it. Classical wave theory "
        "could not explain why dim ultraviolet light ejects electrons while bright red light does not. In 1905, Albert "
        "Einstein proposed that light comes in packets, later called photons, each with energy proportional to frequency. "
        "Only photons above a threshold frequency can free an electron. The work earned him the 1921 Nobel Prize.",
        "Do not mention any scientists' names or dates.",
        "The photoelectric effect happens when light striking a metal surface knocks electrons out of it. Whether electrons "
        "escape depends on the light's frequency, not its brightness: below a threshold frequency, nothing happens however "
        "intense the light is. Above it, electrons leave immediately, and brighter light simply releases more of them. "
        "This showed that light behaves as a stream of energy packets.",
        "what is the Compton effect",
        "The Compton effect is the increase in wavelength of X-rays after they scatter off electrons. Arthur Compton "
        "observed it in 1923 and explained it by treating the X-rays as photons that carry momentum and collide with "
        "electrons like billiard balls. The photon loses energy in the collision, so its wavelength grows. Compton received "
        "the 1927 Nobel Prize in Physics for the discovery.",
    ),
    (
        "why do objects float in water",
        "Include Archimedes' principle and a density comparison with numbers.",
        "By Archimedes' principle, an object in water is pushed up by a force equal to the weight of the water it displaces. "
        "Water has a density of about 1,000 kg/m³. A block of pine at roughly 500 kg/m³ floats with about half its volume "
        "underwater, because that is enough displaced water to match its weight. A steel bolt at 7,850 kg/m³ sinks, since "
        "it can never displace its own weight.",
        "Explain it simply, without naming any principle and without numbers.",
        "Things float when water pushes up on them hard enough to hold their weight. When you put an object in water, it "
        "shoves some water aside, and the water pushes back upward. Light, puffy things like corks or wooden sticks can get "
        "enough upward push before they go under, so they bob on top. Heavy, compact things like stones cannot, so they "
        "sink.",
        "why do hot air balloons float",
        "A hot air balloon floats because of Archimedes' principle applied to air. The balloon displaces cold air of about "
        "1.2 kg/m³ at sea level. Heating the air inside to around 100 °C drops its density to about 0.95 kg/m³. With roughly "
        "2,800 m³ of hot air, the difference gives about 700 kg of lift, enough for the envelope, basket and passengers.",
    ),
    (
        "how does a transformer change voltage",
        "Include the turns ratio formula.",
        "A transformer has two coils wound on a shared iron core. Alternating current in the primary coil creates a "
        "changing magnetic field in the core, which induces a voltage in the secondary coil. The voltages follow the turns "
        "ratio: Vs / Vp = Ns / Np. A transformer with 1,000 primary turns and 50 secondary turns steps 230 V down to 11.5 V. "
        "It only works with alternating current.",
        "Avoid formulas and focus on where transformers are used in the power grid.",
        "Transformers make the power grid practical. At power stations, step-up transformers raise the voltage to hundreds "
        "of thousands of volts so electricity can travel long distances with little loss. Substations near towns then step "
        "it down for local lines, and the grey cans or boxes on poles and pavements lower it again to the voltage your "
        "home sockets use.",
        "how does a rectifier change alternating current",
        "A rectifier converts alternating current into direct current using diodes, which let current pass in one direction "
        "only. A bridge of four diodes flips the negative half of each cycle, giving a bumpy one-way output. A capacitor "
        "then smooths it. The average output of a full-wave rectifier is V_dc = 2·V_peak/π, so a 12 V peak gives about "
        "7.6 V before smoothing.",
    ),
    (
        "what is dark matter",
        "Describe the observational evidence, listing at least two kinds.",
        "Dark matter is unseen mass that does not emit or absorb light. The evidence for it comes from several "
        "observations. Stars in the outer parts of spiral galaxies orbit too fast for the visible mass to hold them. "
        "Galaxy clusters bend light from background galaxies more strongly than their visible matter explains. Patterns in "
        "the cosmic microwave background also require about five times more dark matter than ordinary matter.",
        "Describe the leading candidate particles, not the observational evidence.",
        "Physicists have proposed several particles that could make up dark matter. Weakly interacting massive particles, "
        "or WIMPs, would be heavy and interact only through gravity and perhaps the weak force. Axions are extremely light "
        "hypothetical particles that could also solve a puzzle in nuclear physics. Sterile neutrinos, heavier cousins of "
        "ordinary neutrinos, are another option. None has been detected yet.",
        "what is dark energy",
        "Dark energy is the name for whatever makes the expansion of the universe speed up. Two kinds of evidence point to "
        "it. In 1998, distant type Ia supernovae looked fainter than expected, showing the expansion is accelerating. "
        "Measurements of the cosmic microwave background and of baryon acoustic oscillations in galaxy maps agree, "
        "suggesting dark energy makes up about 68 percent of the universe's energy.",
    ),
    (
        "how does a microwave oven heat food",
        "Include a safety tip about metal.",
        "A microwave oven produces microwaves at about 2.45 GHz using a magnetron. These waves make water molecules in the "
        "food rotate back and forth millions of times per second, and the resulting friction heats the food from within "
        "its outer layers. Safety tip: never put metal foil or metal-rimmed dishes inside, because they can cause sparks "
        "that damage the oven or start a fire.",
        "Do not include any safety tips; stick to the physics.",
        "A microwave oven uses a magnetron to create electromagnetic waves at around 2.45 GHz. Water molecules are polar, "
        "with a positive and a negative end, so the rapidly alternating electric field keeps twisting them. As they rotate "
        "and jostle neighbouring molecules, their energy turns into heat. The waves penetrate a few centimetres, and heat "
        "spreads deeper by conduction.",
        "how does an induction cooktop heat food",
        "An induction cooktop has a copper coil under the glass. Alternating current in the coil creates a rapidly changing "
        "magnetic field, which induces eddy currents in an iron or steel pan. The pan's resistance turns these currents "
        "into heat, so the pan itself warms the food. Safety tip: the glass stays hot after cooking from the pan's heat, so "
        "do not touch it right away.",
    ),
    (
        "what is entropy in thermodynamics",
        "Use an everyday analogy and avoid equations.",
        "Entropy measures how spread out energy is, or how many ways a system's particles can be arranged. Think of a tidy "
        "bedroom: there are only a few ways for it to be neat, but countless ways for it to be messy, so left alone it "
        "tends to get messier. Likewise, heat spreads from a hot mug of coffee into the cooler room, and that spreading "
        "raises the total entropy.",
        "Give the Boltzmann formula and define each symbol.",
        "In statistical mechanics, entropy is defined by Boltzmann's formula S = k_B ln W. Here S is the entropy, k_B is "
        "Boltzmann's constant, about 1.38 × 10⁻²³ J/K, and W is the number of microstates, the microscopic arrangements "
        "consistent with the system's macroscopic state. More accessible microstates mean higher entropy, and the second "
        "law says total entropy of an isolated system never decreases.",
        "what is enthalpy in thermodynamics",
        "Enthalpy is the total heat content of a system at constant pressure, including the energy needed to make room for "
        "it. Think of baking a cake in an open kitchen: the oven's heat goes partly into cooking the batter and partly into "
        "the cake puffing up against the surrounding air. Enthalpy counts both, which is why chemists use it to track heat "
        "released or absorbed in reactions.",
    ),
    (
        "how do airplanes stay in the air",
        "Correct the common equal transit time myth.",
        "Airplanes fly because their wings deflect air downward, and by Newton's third law the air pushes the wing up. The "
        "curved, tilted wing makes air flow faster over the top, lowering pressure there. A popular myth claims the air "
        "over the top must rejoin the air below at the trailing edge, but experiments show the upper air actually arrives "
        "sooner. Lift comes from the pressure difference and downwash, not equal transit times.",
        "Explain lift for kids without discussing any myths.",
        "An airplane's wings are shaped and tilted so that, as the plane zooms forward, they push lots of air downward. When "
        "the wings push air down, the air pushes the wings up, a bit like how your hand rises when you hold it out of a car "
        "window at an angle. The engines keep the plane moving fast so the wings keep making this upward push.",
        "how do helicopters stay in the air",
        "A helicopter's rotor blades are spinning wings. Each blade is tilted slightly, so as it slices through the air it "
        "pushes air down and gets pushed up. A common myth says helicopters float by pushing against the ground or by "
        "suction, but they generate lift only by this downwash. The tail rotor stops the body from spinning the opposite "
        "way to the main rotor.",
    ),
    (
        "what is half-life in radioactive decay",
        "Include a worked example with carbon-14.",
        "Half-life is the time it takes for half of the radioactive nuclei in a sample to decay. Each nucleus decays at "
        "random, but large numbers follow a steady pattern. Carbon-14 has a half-life of about 5,730 years. If a bone starts "
        "with 80 grams' worth of carbon-14 atoms, after 5,730 years 40 remain, after 11,460 years 20 remain, and after "
        "17,190 years only 10.",
        "Include a worked example with iodine-131 used in medicine.",
        "Half-life is the time for half of a radioactive sample to decay. Iodine-131, used to treat thyroid conditions, has "
        "a half-life of about 8 days. A patient given 100 units of activity would have 50 after 8 days, 25 after 16 days and "
        "about 12.5 after 24 days, which is why hospitals give simple precautions for the first weeks after treatment.",
        "what is half-life of a medication",
        "A drug's half-life is the time it takes for its concentration in the blood to fall by half. Caffeine, for example, "
        "has a half-life of about 5 hours in a healthy adult. From a 200 mg coffee at 8 am, about 100 mg remains at 1 pm and "
        "50 mg at 6 pm. A useful example: a drug is mostly cleared after about five half-lives.",
    ),
    (
        "how does GPS use relativity",
        "Give the size of both relativistic effects in microseconds per day.",
        "GPS satellites carry atomic clocks that must agree with clocks on the ground to within nanoseconds. Because the "
        "satellites move at about 3.9 km/s, special relativity makes their clocks run slow by about 7 microseconds per day. "
        "Being higher in Earth's weaker gravity, general relativity makes them run fast by about 45 microseconds per day. "
        "The net 38 microseconds per day is corrected, or positions would drift by about 10 km daily.",
        "Give a qualitative explanation only, with no figures.",
        "GPS depends on very precise clocks in orbit. Relativity predicts that these clocks tick at a different rate from "
        "clocks on Earth: their speed slows them slightly, while the weaker gravity high above Earth speeds them up by a "
        "larger amount. Engineers set the satellite clocks to compensate, and without this correction the positions your "
        "phone computes would steadily drift off.",
        "how does GPS calculate your position",
        "A GPS receiver listens for timed signals from at least four satellites. Each signal says when it was sent, and the "
        "delay, multiplied by the speed of light, gives the distance: a delay of 67 milliseconds means about 20,000 km. "
        "Four distances fix latitude, longitude, altitude and the receiver's clock error. Relativity corrections of about "
        "38 microseconds per day are already built into the satellite clocks.",
    ),
    (
        "why does ice float on water",
        "Mention hydrogen bonds and why this matters for lakes in winter.",
        "Ice floats because it is about 9 percent less dense than liquid water. When water freezes, hydrogen bonds lock the "
        "molecules into an open hexagonal lattice with more empty space than the jostling liquid. This matters for lakes: "
        "ice forms on the surface and insulates the water below, which stays near 4 °C, so fish and other life can survive "
        "the winter instead of being frozen solid.",
        "Mention hydrogen bonds and why this matters for burst water pipes.",
        "Water expands by about 9 percent when it freezes, because hydrogen bonds hold the molecules in an open hexagonal "
        "crystal that takes up more room than the liquid. That is why ice floats, and it is also why pipes burst in a hard "
        "frost: water trapped between an ice plug and a closed tap has nowhere to go, so pressure builds until the pipe "
        "splits.",
        "why does oil float on water",
        "Oil floats because it is less dense than water, typically around 0.9 g/cm³ against 1.0 g/cm³, and it does not mix "
        "because water molecules prefer forming hydrogen bonds with each other over attaching to nonpolar oil. This matters "
        "for lakes and seas: spilled oil spreads as a thin surface film that blocks oxygen exchange and coats birds and "
        "shoreline plants.",
    ),
    (
        "what is a black hole",
        "Write for a general audience and include what the event horizon is.",
        "A black hole is a region of space where gravity is so strong that nothing, not even light, can escape. It forms "
        "when a huge amount of mass is squeezed into a tiny space, for example when a very massive star collapses. The "
        "boundary around it is called the event horizon: once anything crosses it, there is no way back out. Outside the "
        "horizon, a black hole's gravity acts like any other mass.",
        "Write for a general audience and focus on how black holes are detected, not what the event horizon is.",
        "Black holes give off no light, so astronomers find them by their effects. Stars orbiting an unseen object at high "
        "speed reveal its mass, as with the giant black hole at the centre of our galaxy. Gas falling in heats up and glows "
        "in X-rays. Colliding black holes send out gravitational waves detected by LIGO, and telescopes have imaged the "
        "shadow of one in galaxy M87.",
        "what is a neutron star",
        "A neutron star is the collapsed core left behind when a massive star explodes as a supernova. It packs more mass "
        "than our Sun into a ball about 20 km across, so a teaspoon of it would weigh billions of tonnes. Unlike a black "
        "hole, it has no event horizon, the point of no return, so light can still escape its surface; some spin and sweep "
        "beams across space as pulsars.",
    ),
    (
        "how does a refrigerator keep food cold",
        "Describe the refrigeration cycle step by step.",
        "A refrigerator moves heat from inside to the room using a refrigerant. First, the compressor squeezes the "
        "refrigerant vapour, making it hot. Second, the hot gas releases heat through the coils at the back and condenses "
        "to a liquid. Third, the liquid passes through an expansion valve and its pressure drops, cooling it sharply. "
        "Fourth, it evaporates in coils inside the fridge, absorbing heat from the food, and returns to the compressor.",
        "Give practical tips for keeping a refrigerator efficient instead of describing the cycle.",
        "To keep a refrigerator cold and efficient, set it to about 3 to 4 °C and the freezer to −18 °C. Leave a few "
        "centimetres of space behind it so the coils can shed heat, and dust them once or twice a year. Check the door "
        "seal by closing it on a sheet of paper. Let hot leftovers cool a little before putting them in, and avoid "
        "overcrowding the shelves.",
        "how does a heat pump warm a house",
        "A heat pump runs the refrigeration cycle in reverse to warm a house. First, cold refrigerant evaporates in the "
        "outdoor coil, absorbing heat even from chilly air. Second, the compressor squeezes the vapour, raising its "
        "temperature. Third, the hot gas condenses in the indoor coil, releasing heat into the rooms. Fourth, an expansion "
        "valve drops the pressure and the cold liquid returns outside.",
    ),
    (
        "what are gravitational waves",
        "Include the first direct detection and its date.",
        "Gravitational waves are ripples in spacetime produced by accelerating masses, predicted by Einstein's general "
        "relativity in 1916. They stretch and squeeze space by incredibly small amounts as they pass. The first direct "
        "detection came on 14 September 2015, when the two LIGO observatories recorded the signal of two black holes, about "
        "36 and 29 solar masses, merging 1.3 billion light-years away.",
        "Explain the concept only, without mentioning any detection or dates.",
        "Gravitational waves are ripples in the fabric of spacetime itself. When massive objects such as orbiting black "
        "holes or neutron stars accelerate, they disturb the geometry of space around them, and that disturbance spreads "
        "outward at the speed of light. A passing wave alternately stretches space in one direction and squeezes it in the "
        "perpendicular one, though by tiny amounts.",
        "what are gravitational lenses",
        "A gravitational lens is a massive object, such as a galaxy cluster, whose gravity bends the light of more distant "
        "objects behind it, producing arcs, rings or multiple images. Einstein predicted light bending in general "
        "relativity, and it was first confirmed during the solar eclipse of 29 May 1919. The first multiply imaged quasar, "
        "the Twin Quasar, was found in 1979.",
    ),
    (
        "why does a spinning top stay upright",
        "Mention angular momentum and explain why it eventually falls.",
        "A spinning top stays upright because it has angular momentum, which resists changes in the direction of its spin "
        "axis. Instead of toppling, gravity's twisting force makes the axis slowly circle around, an effect called "
        "precession. The top eventually falls because friction at the tip and air resistance gradually steal its spin. As "
        "it slows, precession grows wider and wobblier until the top tips over.",
        "Mention angular momentum and explain how the same effect steadies a bicycle.",
        "Angular momentum, the tendency of a spinning object to keep its axis pointing the same way, keeps a top upright. "
        "Bicycles benefit in a related way: the spinning wheels carry angular momentum, and when the bike leans, gyroscopic "
        "effects together with the front fork's geometry steer the front wheel into the lean, bringing the bike back "
        "under its rider.",
        "why does a spinning coin fall over",
        "A spinning coin has angular momentum, which keeps it upright for a while. But friction where its edge touches the "
        "table, plus air resistance, drains energy. As the spin slows, the coin tilts, and its contact point rolls around "
        "faster and faster, producing the rising whirring sound, until the coin settles flat with a final rattle.",
    ),
    (
        "how do solar cells convert light to electricity",
        "Explain the semiconductor p-n junction involved.",
        "A solar cell is a thin slice of silicon doped to form a p-n junction, where a layer with extra electrons meets a "
        "layer with missing electrons, or holes. This creates a built-in electric field at the boundary. When a photon "
        "with enough energy is absorbed, it frees an electron and leaves a hole. The field sweeps them in opposite "
        "directions, driving a current through any connected circuit.",
        "Skip the semiconductor physics and give typical panel efficiencies instead.",
        "Solar cells turn sunlight directly into electricity. Typical rooftop silicon panels today convert about 20 to 23 "
        "percent of the sunlight hitting them into electrical power, while lab cells that stack several materials exceed "
        "45 percent. Under full sun of roughly 1,000 watts per square metre, a 2 m² panel delivers around 400 watts.",
        "how do LEDs convert electricity to light",
        "An LED is a semiconductor p-n junction run in reverse of a solar cell. When voltage pushes electrons from the n-side "
        "and holes from the p-side into the junction, they meet and recombine. Each recombination releases energy as a "
        "photon, whose colour depends on the semiconductor's band gap: gallium nitride gives blue light, which phosphors "
        "convert to white.",
    ),
    (
        "what is the doppler effect",
        "Use the example of an ambulance siren.",
        "The Doppler effect is the change in a wave's frequency caused by motion of the source or the listener. Picture an "
        "ambulance racing toward you: each siren wave is emitted a little closer than the last, so the waves bunch up and "
        "you hear a higher pitch. Once it passes and moves away, the waves spread out and the pitch drops, giving that "
        "familiar falling sound.",
        "Use the example of light from distant galaxies, not sound.",
        "The Doppler effect shifts the frequency of waves when the source moves relative to the observer. Astronomers see it "
        "in starlight: galaxies moving away from us have their light stretched to longer, redder wavelengths, called "
        "redshift. Edwin Hubble found that more distant galaxies are more redshifted, evidence that the universe is "
        "expanding.",
        "what is a sonic boom",
        "A sonic boom is the loud crack produced when an object travels faster than sound. Imagine an ambulance siren if "
        "the ambulance could outrun its own sound: the waves it emits pile up into a single cone-shaped shock front. When "
        "that cone sweeps past you, you hear one sudden boom rather than a rising and falling siren tone.",
    ),
    (
        "how does a lever make lifting easier",
        "Give a numeric example using the law of the lever.",
        "A lever trades distance for force around a pivot called the fulcrum. The law of the lever says force × distance "
        "is equal on both sides. With a 2 m crowbar, if the rock sits 0.25 m from the fulcrum and you push 1.75 m away, "
        "a 70 N push lifts 70 × 1.75 ÷ 0.25 = 490 N, seven times your effort. You move your end further, though.",
        "Name the three classes of lever with an everyday example of each, without numbers.",
        "Levers come in three classes. In a first-class lever, the pivot sits between effort and load, as in a seesaw or "
        "scissors. In a second-class lever, the load sits between pivot and effort, as in a wheelbarrow. In a third-class "
        "lever, the effort sits in the middle, as with tweezers or your forearm lifting a cup, trading force for speed.",
        "how does a pulley make lifting easier",
        "A pulley system spreads a load across several rope segments. In a block and tackle with four supporting segments, "
        "each carries a quarter of the weight, so lifting a 400 N crate needs only about 100 N of pull, ignoring friction. "
        "The trade-off is distance: to raise the crate 1 m, you must pull 4 m of rope.",
    ),
]
