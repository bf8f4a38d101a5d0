"""FollowIR-style demo content, part 3: architecture and home repair, automobiles and cycling.

Hand-written by the infembed team (Apache-2.0). Same structure as part 1.
"""

QUERIES = {
    "architecture_home_repair": [
        {
            "query": "fix a leaking kitchen faucet",
            "og": "A relevant document explains how to repair a dripping or leaking kitchen tap.",
            "changed": "A relevant document explains how to repair a dripping or leaking kitchen tap of the single-lever cartridge type. Instructions for older two-handle compression taps with rubber washers are not relevant.",
            "both": [
                ("Stopping a leak at the base of a mixer tap", "Water pooling around the base of a single-handle kitchen mixer usually means the O-rings on the cartridge or swivel spout have worn. Turn off the water, remove the lever and cartridge, and replace the O-rings with matching ones coated in silicone grease. Refit the cartridge firmly and check for drips before replacing the cap."),
                ("Replacing a single-lever cartridge", "A single-lever mixer tap that drips usually needs a new cartridge. Turn off the isolation valves under the sink, prise off the decorative cap and undo the screw holding the lever. Unscrew the retaining nut, pull out the old cartridge and take it to the shop to match it exactly. Fit the new one, reassemble and open the valves slowly."),
            ],
            "og_only": [
                ("Changing a tap washer", "On a traditional two-handle tap, a constant drip means the rubber washer at the bottom of the valve is worn. Shut off the water, remove the handle and unscrew the headgear with a spanner. Pull off the old washer, press on a new one of the same size and reassemble. The job takes twenty minutes and costs a few pence."),
            ],
            "neither": [
                ("Choosing a kitchen tap", "Kitchen taps come in mixer, pull-out spray and boiling-water styles. Check whether your sink has one or two holes before buying, and measure the distance from the spout to the sink bottom so large pans fit beneath it. Brushed steel finishes hide water spots better than polished chrome, and a tall swan-neck spout makes filling buckets easy."),
            ],
        },
        {
            "query": "how to patch a hole in drywall",
            "og": "A relevant document explains how to repair a hole in a plasterboard or drywall wall.",
            "changed": "A relevant document explains how to repair a hole in a plasterboard or drywall wall larger than ten centimetres across. Methods only for small nail holes or dents are not relevant.",
            "both": [
                ("Patching a large hole in plasterboard", "For a hole bigger than your fist, cut the damaged area into a neat square. Screw a wooden batten inside the cavity across the opening, then cut a piece of new plasterboard to fit and screw it to the batten. Tape the joints with scrim, apply two or three thin coats of joint compound, feathering the edges, and sand smooth once dry."),
            ],
            "og_only": [
                ("Fixing screw pops and small screw holes", "Screw pops show as small round bumps in plasterboard. Drive a new screw a few centimetres away to pull the board tight, then tap the old screw in and fill both small holes with lightweight filler. Hairline cracks can be opened slightly with a scraper, filled, sanded and painted in under an hour."),
                ("Filling nail holes and small dents", "Small holes from picture hooks and dents from doorknobs are easy to fill. Press lightweight filler into the hole with a flexible putty knife, scrape it flush and let it dry for an hour. Sand lightly with fine paper, wipe away the dust and touch up with paint. For holes under a centimetre, one coat is usually enough."),
            ],
            "neither": [
                ("Finding studs behind a wall", "Before hanging heavy shelves, locate the wooden studs inside a stud wall. An electronic stud finder detects the change in density as you slide it along, but you can also tap the wall and listen for a solid sound, or look for the line of screw heads near the skirting board. Studs are usually 40 or 60 centimetres apart."),
            ],
        },
        {
            "query": "reduce condensation on windows in winter",
            "og": "A relevant document gives ways to reduce condensation forming on the inside of windows in cold weather.",
            "changed": "A relevant document gives ways to reduce condensation forming on the inside of windows in cold weather without buying any equipment such as a dehumidifier. Solutions requiring a purchase are not relevant.",
            "both": [
                ("Free ways to beat window condensation", "Condensation forms when warm, moist indoor air meets cold glass. Open the bedroom window for ten minutes each morning, keep trickle vents open, and put lids on pans while cooking. Dry laundry outside or in a room with the door shut and window ajar, and keep the heating at a steady low level rather than short bursts."),
            ],
            "og_only": [
                ("Moisture absorbers and extractor fans", "Buy some moisture traps filled with calcium chloride crystals and place them on bedroom windowsills to soak up excess humidity. Fit a humidity-sensing extractor fan in the bathroom and a cooker hood that vents outside. An inexpensive hygrometer shows whether indoor humidity stays below sixty percent."),
                ("Dehumidifiers for damp homes", "A compressor dehumidifier pulling ten to twenty litres a day is the most effective way to stop condensation streaming down your windows. Run it in the room where washing dries, and empty the tank daily. Secondary glazing or new double-glazed units will also raise the inner glass temperature, though at a higher cost."),
            ],
            "neither": [
                ("How double glazing works", "A double-glazed window has two panes separated by a sealed gap filled with dry air or argon gas. The gap slows heat flow because gases conduct heat poorly. A low-emissivity coating on one pane reflects heat back into the room. When the seal fails, moisture gets between the panes and the glass mists up from inside."),
            ],
        },
        {
            "query": "characteristics of Gothic cathedral architecture",
            "og": "A relevant document describes the architectural features that characterise Gothic cathedrals.",
            "changed": "A relevant document describes the architectural features that characterise Gothic cathedrals and explains how they are engineered to carry loads. Documents that only list features without explaining the structure are not relevant.",
            "both": [
                ("How Gothic cathedrals stand up", "Gothic builders used pointed arches, which push more of their load downward than round arches, so vaults could rise higher. Ribbed vaults channel the weight of the roof onto a few piers, and flying buttresses outside carry the sideways thrust over the aisles to heavy external piers. Because the walls no longer bore the load, they could be opened up with huge stained-glass windows."),
            ],
            "og_only": [
                ("Spotting a Gothic cathedral", "Look for pointed arches over doors and windows, tall ribbed vaults, flying buttresses on the outside, large rose windows and walls filled with stained glass. Spires and pinnacles reach upward, and the west front is often crowded with carved saints. Famous examples include Chartres, Notre-Dame de Paris, Salisbury and Cologne."),
            ],
            "neither": [
                ("Romanesque churches", "Before the Gothic style, Romanesque churches of the eleventh and twelfth centuries had thick walls, round arches and small windows, which made their interiors dark. Barrel vaults pressed outward along their whole length, so the walls had to be massive. Durham Cathedral and the abbey church at Cluny are famous examples."),
                ("Visiting cathedrals responsibly", "Many cathedrals are working places of worship, so check service times before visiting and keep voices low. Some charge an entry fee that pays for restoration, while others ask for a donation. Photography rules vary, and tripods are often banned. Tower climbs usually require a timed ticket booked in advance."),
            ],
        },
        {
            "query": "insulating an attic to save energy",
            "og": "A relevant document explains how to insulate a loft or attic to reduce heat loss.",
            "changed": "A relevant document explains how to insulate a loft or attic to reduce heat loss and states the recommended insulation thickness. Documents that give no thickness are not relevant.",
            "both": [
                ("Laying loft insulation to 270 mm", "Current guidance recommends mineral wool loft insulation 270 millimetres deep. Lay a first 100 millimetre layer between the ceiling joists, then roll a second 170 millimetre layer at right angles across them to cover the joists and cut cold bridging. Keep the eaves clear for ventilation and never cover electrical cables that could overheat."),
            ],
            "og_only": [
                ("Spray foam under the roof", "Spray foam insulation applied to the underside of the roof deck is marketed as a quick way to insulate an attic and block draughts. Installers spray expanding foam between the rafters in a single visit. Check with a surveyor first, since foam can hide roof problems and some mortgage lenders dislike it."),
                ("Insulating between the rafters", "If you want to use the loft as a room, insulate between and under the roof rafters instead of the floor. Cut rigid foam boards to fit snugly between the rafters, leaving a ventilation gap beneath the roof covering, then fix a layer of insulated plasterboard across them. Seal joints with foil tape to stop warm moist air getting into the roof."),
            ],
            "neither": [
                ("Checking a loft for roof leaks", "After heavy rain, take a torch into the loft and look for damp patches on the underside of the roof, darkened timber or water stains on the insulation. Leaks often start around chimneys and vent pipes, where flashing has lifted. Mark the spot and measure from a gable wall so a roofer can find it from outside."),
            ],
        },
    ],
    "automobiles_cycling": [
        {
            "query": "how to change a flat car tyre",
            "og": "A relevant document gives step-by-step instructions for changing a flat tyre on a car.",
            "changed": "A relevant document gives step-by-step instructions for changing a flat tyre on a car and mentions loosening the wheel nuts before jacking the car up. Instructions that omit that step are not relevant.",
            "both": [
                ("Changing a wheel safely", "Park on firm, level ground, put the handbrake on and switch on the hazard lights. Before lifting the car, use the wheel brace to loosen each wheel nut half a turn while the tyre still grips the ground. Then place the jack at the marked lifting point, raise the car, remove the nuts and swap the wheel. Tighten the nuts in a star pattern."),
            ],
            "og_only": [
                ("Roadside tyre change in five steps", "First, jack the car up at the lifting point nearest the flat tyre until the wheel is clear of the ground. Next, undo the wheel nuts completely and pull the wheel off. Fit the spare wheel, screw the nuts on by hand, lower the car and finally tighten the nuts firmly. Check the spare's pressure at the next garage."),
            ],
            "neither": [
                ("Using a tyre repair kit", "Many new cars come with a tyre inflator kit instead of a spare wheel. Screw the sealant bottle onto the valve, plug the compressor into the twelve-volt socket and inflate the tyre. Drive a few kilometres to spread the sealant, then check the pressure again. The kit only fixes small punctures in the tread."),
                ("Reading a tyre sidewall", "A code such as 205/55 R16 91V tells you the tyre is 205 millimetres wide, with a sidewall height of 55 percent of the width, radial construction and a 16-inch rim. The 91 is the load index and V the speed rating. A four-digit date code shows the week and year the tyre was made."),
            ],
        },
        {
            "query": "how to adjust bicycle brakes",
            "og": "A relevant document explains how to adjust the brakes on a bicycle.",
            "changed": "A relevant document explains how to adjust the brakes on a bicycle with mechanical disc brakes. Documents about rim brakes or hydraulic disc brakes are not relevant.",
            "both": [
                ("Fixing a rubbing cable disc brake", "If your mechanical disc brake rubs, first check the wheel is seated straight in the dropouts. Then loosen the caliper mounting bolts, back the fixed inner pad out a little, centre the caliper by eye and tighten again. Adjust cable tension at the barrel adjuster so the lever stops well before touching the handlebar."),
                ("Setting up mechanical disc brakes", "On a cable-operated disc brake, loosen the two caliper bolts, squeeze the lever and retighten the bolts so the caliper centres over the rotor. Turn the inner pad adjuster with a hex key until the pad sits close to the rotor, then use the barrel adjuster to take up slack in the cable. Spin the wheel and listen for rubbing."),
            ],
            "og_only": [
                ("Adjusting V-brakes", "Rim brakes such as V-brakes need the pads to hit the rim squarely, not the tyre. Loosen the pad bolt, align the pad with the rim and toe it in slightly at the front, then retighten. If the lever pulls to the handlebar, turn the barrel adjuster anticlockwise. Balance the spring tension screws so both arms move together."),
                ("Bleeding hydraulic disc brakes", "When a hydraulic brake lever feels spongy, air has entered the system and the brake needs bleeding. Attach a syringe of the correct fluid, mineral oil or DOT fluid, to the caliper and push fluid up to a cup at the lever until no bubbles appear. Never mix fluid types, as this ruins the seals."),
            ],
            "neither": [
                ("Choosing bicycle brake pads", "Resin or organic disc pads are quiet and bite well in the dry, but wear quickly in mud. Sintered metal pads last longer and cope with wet weather, though they are noisier and need longer bedding in. For rim brakes, salmon-coloured compounds grip better on wet aluminium rims than plain black pads."),
            ],
        },
        {
            "query": "signs a car battery is dying",
            "og": "A relevant document lists warning signs that a car battery is failing.",
            "changed": "A relevant document lists warning signs that a car battery is failing and explains how to test the battery with a multimeter. Documents without a multimeter test are not relevant.",
            "both": [
                ("Testing a weak battery", "A slow cranking engine, dim headlights at idle and a battery warning light are classic signs of a failing battery. To confirm, set a multimeter to DC volts and touch the probes to the terminals with the engine off. A healthy battery reads about 12.6 volts; below 12.2 volts it is weak. With the engine running you should see 13.7 to 14.7 volts."),
            ],
            "og_only": [
                ("Five clues your battery is fading", "If the engine turns over sluggishly on cold mornings, the interior lights flicker or the radio resets when you start the car, the battery may be near the end of its life. Corrosion on the terminals and a swollen case are also warning signs. Most batteries last four to six years, so note when yours was fitted."),
            ],
            "neither": [
                ("Choosing a replacement battery", "When buying a new car battery, match the group size, terminal layout and cold cranking amps listed in your handbook. Cars with start-stop systems need an AGM or EFB battery, not a standard flooded one. Some modern cars must have a new battery registered with diagnostic software so the charging system adjusts."),
                ("Jump-starting a car", "Connect the red cable to the positive terminal of the flat battery, then to the positive terminal of the good battery. Attach the black cable to the good battery's negative terminal and then to bare metal on the dead car's engine, away from the battery. Start the donor car, wait a few minutes, then start the other."),
            ],
        },
        {
            "query": "choosing a commuter bike for city riding",
            "og": "A relevant document gives advice on choosing a bicycle for commuting in a city.",
            "changed": "A relevant document gives advice on choosing a bicycle for commuting in a city and recommends a non-electric bike. Documents that recommend an e-bike are not relevant.",
            "both": [
                ("The ideal non-electric city bike", "For daily city commuting, a simple hybrid or Dutch-style bike without a motor is light to carry upstairs and cheap to maintain. Look for an upright riding position, mudguards, a chain guard and a rack for panniers. An internal hub gear with seven or eight speeds copes with most hills and needs almost no maintenance."),
            ],
            "og_only": [
                ("Folding e-bikes for mixed commutes", "If you combine train and bike, a folding electric bike is hard to beat. Choose a model under twenty kilograms with a removable battery you can charge at your desk, and check that it folds in under thirty seconds. The motor assistance makes hills and headwinds disappear on the final leg to work."),
                ("Why an e-bike makes commuting easy", "If your commute is longer than ten kilometres or includes steep hills, an electric bike with a mid-drive motor lets you arrive without sweat. Choose a battery of at least 400 watt-hours for range, integrated lights and hydraulic disc brakes. Many employers' cycle-to-work schemes now cover e-bikes too."),
            ],
            "neither": [
                ("Locking your bike in the city", "Use a sturdy D-lock through the frame and rear wheel to an immovable stand, and a cable for the front wheel. Lock in busy, well-lit places and register the frame number with a national bike register. Take lights and removable saddle bags with you, as they are often stolen even when the bike is not."),
            ],
        },
        {
            "query": "how often to change engine oil",
            "og": "A relevant document gives guidance on how often a car's engine oil should be changed.",
            "changed": "A relevant document gives guidance on how often a car's engine oil should be changed for cars that use fully synthetic oil. Guidance only for conventional mineral oil is not relevant.",
            "both": [
                ("Oil change intervals with synthetic oil", "Most modern cars filled with fully synthetic oil can go 12,000 to 16,000 kilometres, or once a year, between changes. The manufacturer's service schedule is the final word, and many cars now show a variable interval on the dashboard. Shorten the interval if you tow, make lots of very short trips or drive on dusty roads."),
            ],
            "og_only": [
                ("Changing conventional oil", "Older cars that run on conventional mineral oil need a change every 5,000 kilometres or three months, because mineral oil breaks down faster under heat. Change the filter every time and check the level monthly with the dipstick. Dark, gritty oil is a sign that the change is overdue."),
            ],
            "neither": [
                ("Changing your own oil", "Warm the engine for a few minutes, then raise the car on ramps and place a drain pan under the sump plug. Remove the plug and let the old oil drain, then replace the filter and refit the plug with a new washer. Refill with the specified quantity through the filler cap and check the dipstick."),
                ("What oil viscosity numbers mean", "The numbers on an oil bottle, such as 5W-30, describe its viscosity. The first number with the W, for winter, shows how easily the oil flows when cold; a lower number means better cold starts. The second number describes its thickness at the engine's operating temperature. Use the grade your handbook specifies."),
            ],
        },
        {
            "query": "training for a first century bike ride",
            "og": "A relevant document gives advice on training to ride 100 miles (a century) on a bicycle for the first time.",
            "changed": "A relevant document gives advice on training to ride 100 miles (a century) on a bicycle for the first time, including what to eat and drink during the ride. Documents covering only training rides and mileage are not relevant.",
            "both": [
                ("Long-ride nutrition practice", "Use your longest training rides before a first 100-mile ride to practise eating. Try the same bars and drink mix you plan to use on the day, eat small amounts every half hour from the first hour, and drink around 500 to 750 millilitres per hour. Steadily lengthen those rides to 70 or 80 miles."),
                ("Training and fuelling for your first century", "Build up your long weekend ride by about ten percent a week until you can ride 75 miles comfortably a fortnight before the event. On the day, eat something small every 30 to 45 minutes, aiming for 60 grams of carbohydrate an hour from bars, bananas or gels, and drink a bottle of water with electrolytes every hour."),
            ],
            "og_only": [
                ("A twelve-week century plan", "Ride three or four times a week: two shorter midweek rides with some hill efforts and one long ride at the weekend. Start the long ride at 30 miles and add five to ten miles each week, with an easier recovery week every fourth week. Taper for the final week so your legs are fresh on the day."),
            ],
            "neither": [
                ("Fitting a road bike", "Set saddle height so your knee is slightly bent at the bottom of the pedal stroke, and level the saddle. Move it forward or back so your knee sits over the pedal axle when the cranks are horizontal. Adjust the stem so you can reach the bars without locking your elbows. A professional bike fit helps with persistent pain."),
            ],
        },
    ],
}

DISTRACTORS = {
    "architecture_home_repair": [
        ("Bleeding a radiator", "If the top of a radiator stays cold while the bottom is hot, air is trapped inside. Turn off the heating, wait for it to cool, and use a radiator key to open the bleed valve at the top corner a quarter turn, holding a cloth underneath. Close it when water appears, then check the boiler pressure."),
        ("Brutalism in post-war architecture", "Brutalist buildings of the 1950s to 1970s used raw, board-marked concrete and bold, repeated blocks. The style suited public housing, universities and civic centres because concrete was cheap and quick to build with. Many such buildings were demolished, but others, like London's Barbican Estate, are now listed and admired."),
        ("Regrouting bathroom tiles", "Rake out old, cracked grout with a grout saw to about two millimetres deep, vacuum the dust and press new grout into the joints with a rubber float held diagonally. Wipe the surface with a damp sponge after fifteen minutes and buff off the haze the next day. Seal the grout in showers to resist staining."),
    ],
    "automobiles_cycling": [
        ("Cleaning a bicycle chain", "A dirty chain wears out sprockets quickly. Wipe it with a rag while backpedalling, then scrub it with a brush and a biodegradable degreaser. Rinse, dry thoroughly and apply a drop of chain lube to each roller. Wipe off the excess so the outside of the chain does not attract grit."),
        ("How hybrid cars work", "A hybrid car combines a petrol engine with an electric motor and a small battery. At low speeds the motor can drive the wheels alone, while at higher speeds the engine takes over or both work together. Braking recharges the battery through regenerative braking, which is why hybrids save the most fuel in stop-start traffic."),
        ("Car headlight restoration", "Yellowed, cloudy headlight lenses reduce night visibility. Sand the lens with wet abrasive paper, working from 800 up to 3000 grit, then polish with a cutting compound. Finish with a UV-resistant clear coat, otherwise the plastic yellows again within months. Mask the paintwork around the lights before starting."),
    ],
}
