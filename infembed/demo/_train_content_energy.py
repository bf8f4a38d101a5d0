"""Hand-written demo training rows: energy and climate. Tuple order: (Q+, I+, P+, I-, P_hn1, Q-, P_hn2)."""

TOPIC = "energy"

ROWS = [
    (
        "how do solar panels work on a house",
        "Include typical costs and payback time in dollars.",
        "Rooftop solar panels turn sunlight into direct current, and an inverter converts it to alternating current for your "
        "home; surplus power can flow to the grid for credit. A typical 6 kW US system costs about $15,000 to $20,000 "
        "before the 30 percent federal tax credit, and often pays for itself in 7 to 12 years.",
        "Explain how they work without mentioning costs or payback.",
        "Solar panels on a roof are made of cells that release electrons when sunlight hits them, creating direct current. "
        "An inverter changes this into the alternating current used by household appliances. When panels produce more than "
        "the home uses, the extra flows to the grid or into a home battery for use at night.",
        "how do solar water heaters work",
        "Solar water heaters use rooftop collectors to warm a fluid that heats water in a storage tank, without making "
        "electricity. A typical US system costs about $3,000 to $6,000 installed, before the 30 percent federal tax credit, "
        "and often pays back in 6 to 10 years through lower water heating bills.",
    ),
    (
        "what is the greenhouse effect",
        "Explain it for children, using a blanket analogy.",
        "The greenhouse effect keeps our planet warm. Sunlight passes through the air and warms the ground. The warm ground "
        "gives off heat, and some gases in the air, like carbon dioxide, trap part of it, a bit like a blanket around Earth. "
        "Without this blanket, Earth would be freezing. But too many of these gases make the blanket too thick.",
        "Explain it for adults with the physics of infrared absorption.",
        "Earth absorbs incoming shortwave solar radiation and re-emits energy as longwave infrared. Greenhouse gases such as "
        "CO₂, methane and water vapour absorb infrared at specific wavelengths through molecular vibrations and re-emit it "
        "in all directions, including downward. This raises surface temperature from about −18 °C to the observed average "
        "of about 15 °C.",
        "what is the ozone layer",
        "The ozone layer is like sunscreen for Earth. High up in the sky, a special kind of oxygen called ozone forms a thin "
        "blanket that blocks most of the Sun's harmful ultraviolet rays, which can burn skin. Some old spray cans and "
        "fridges made a hole in it, but now that they are banned, it is healing.",
    ),
    (
        "how do wind turbines generate electricity",
        "Give numbers on the size and output of a modern turbine.",
        "Wind turns a turbine's blades, which spin a shaft connected, often through a gearbox, to a generator that produces "
        "electricity. Modern onshore turbines have rotors around 120 to 150 metres across and produce 3 to 6 MW. Offshore "
        "giants now exceed 220 metres and 15 MW; one rotation can power a home for about two days.",
        "Explain the environmental pros and cons, without size or output numbers.",
        "Wind power produces electricity without burning fuel, so it emits no carbon dioxide or air pollution during "
        "operation and uses almost no water. Drawbacks include bird and bat collisions, noise and visual impact for "
        "neighbours, and blades that are hard to recycle. Careful siting reduces many of these effects.",
        "how do hydroelectric dams generate electricity",
        "A hydroelectric dam stores water in a reservoir; released water flows through penstocks and spins turbines connected "
        "to generators. The Three Gorges Dam in China, the largest, has 34 generators totalling 22.5 GW and a wall 181 "
        "metres high; a typical large turbine there produces 700 MW.",
    ),
    (
        "how to reduce home energy use",
        "Give low-cost tips suitable for renters.",
        "Renters can save energy without renovations. Swap remaining bulbs for LEDs, use draught excluders and thick "
        "curtains, lower the thermostat by one degree, wash clothes at 30 °C, and switch devices off at the wall. Use a "
        "smart plug to stop standby drain, and ask your landlord about insulation grants.",
        "Give major home upgrades suitable for homeowners.",
        "Homeowners can make big savings with upgrades. Insulating the loft and cavity walls cuts heat loss significantly. "
        "Replacing single glazing with double or triple glazing helps, as does installing a heat pump instead of a gas "
        "boiler. Rooftop solar panels and a battery reduce electricity bills for decades.",
        "how to reduce home water use",
        "Renters can save water cheaply: fit a low-flow showerhead, keeping the old one to refit later; take shorter "
        "showers; fix dripping taps with new washers; put a water-saving bag in the toilet cistern; run only full "
        "dishwasher and washing machine loads; and turn off the tap while brushing teeth.",
    ),
    (
        "what is carbon capture and storage",
        "Name real operating projects and their capture amounts.",
        "Carbon capture and storage traps CO₂ from power plants or industry, compresses it, and injects it deep underground "
        "into rock formations. Norway's Sleipner project has stored about 1 million tonnes a year beneath the North Sea "
        "since 1996. Canada's Boundary Dam coal plant captures up to about 1 million tonnes a year.",
        "Explain the criticisms of it, without naming projects.",
        "Critics argue carbon capture is expensive and has repeatedly missed capture targets. Capture equipment uses a lot "
        "of energy, raising fuel use. Much captured CO₂ has been used to pump more oil from old fields. Opponents worry it "
        "prolongs fossil fuel use instead of replacing it with renewables.",
        "what is direct air capture",
        "Direct air capture uses fans and chemical filters to pull CO₂ from ordinary air rather than smokestacks. "
        "Climeworks' Orca plant in Iceland, opened in 2021, captures about 4,000 tonnes a year and stores it in basalt. Its "
        "larger Mammoth plant is designed for 36,000 tonnes a year.",
    ),
    (
        "are electric cars better for the environment",
        "Compare lifecycle emissions including battery manufacturing.",
        "Over their whole life, electric cars usually produce fewer emissions than petrol cars. Making the battery creates "
        "extra emissions, so an EV starts with a larger carbon footprint. But lower running emissions typically repay this "
        "within one to two years of driving. Studies find lifetime emissions roughly 30 to 70 percent lower, depending on "
        "the grid.",
        "Focus only on tailpipe emissions and local air quality.",
        "Electric cars have no tailpipe, so they emit no exhaust gases where they are driven. That means no nitrogen "
        "dioxide or fine soot from the engine, which matters for city air quality and health. Brake and tyre dust still "
        "occurs, although regenerative braking reduces brake wear.",
        "are hybrid cars better for the environment",
        "Over their lifecycle, hybrids emit less than comparable petrol cars, about 20 to 30 percent less, thanks to better "
        "fuel economy. Their small batteries add little manufacturing emissions compared with full EVs. But since they still "
        "burn petrol, their lifetime emissions are usually higher than a battery EV's on most grids.",
    ),
    (
        "what is a heat pump",
        "Explain efficiency using the coefficient of performance with numbers.",
        "A heat pump moves heat from outside air, ground or water into a building, instead of burning fuel. Its efficiency "
        "is measured by the coefficient of performance, COP: a COP of 3 means it delivers 3 kWh of heat for every 1 kWh of "
        "electricity. Air-source heat pumps typically reach 2.5 to 4, compared with about 0.9 for a gas boiler.",
        "Explain installation considerations, without efficiency figures.",
        "Before installing a heat pump, check your home's insulation, since heat pumps work best with steady low-temperature "
        "heating. Larger radiators or underfloor heating may be needed. Air-source units need outdoor space with airflow, "
        "and ground-source systems need land or a borehole. Check local grants.",
        "what is a geothermal power plant",
        "A geothermal power plant uses hot water or steam from deep underground to spin turbines. Efficiency is low by "
        "thermal standards, around 10 to 20 percent, because the heat is at lower temperatures. Iceland gets about 25 percent "
        "of its electricity from geothermal plants.",
    ),
    (
        "what is the Paris Agreement",
        "State its temperature goals with figures.",
        "The Paris Agreement is a 2015 international climate treaty adopted by nearly every country. Its goal is to hold the "
        "global average temperature rise to well below 2 °C above pre-industrial levels, while pursuing efforts to limit it "
        "to 1.5 °C. Each country submits national plans, called NDCs, and strengthens them every five years.",
        "Explain the criticisms of the agreement, without temperature figures.",
        "Critics say the Paris Agreement lacks teeth: national targets are voluntary and there are no penalties for missing "
        "them. Current pledges fall short of its goals. Promised climate finance for developing countries has lagged, and "
        "countries can withdraw, as the United States has done.",
        "what is the Kyoto Protocol",
        "The Kyoto Protocol, adopted in 1997, required developed countries to cut greenhouse gas emissions by an average of "
        "about 5 percent below 1990 levels between 2008 and 2012. It set no temperature goal like Paris's 2 °C. The United "
        "States never ratified it.",
    ),
    (
        "what is nuclear fusion energy",
        "Mention ITER and the 2022 ignition milestone.",
        "Nuclear fusion joins light nuclei, usually hydrogen isotopes deuterium and tritium, into helium, releasing enormous "
        "energy, as in the Sun. In December 2022, the US National Ignition Facility achieved ignition, producing more "
        "fusion energy than its lasers delivered. ITER, a giant tokamak in France, aims to demonstrate large-scale fusion.",
        "Explain why it is so hard to achieve, without naming projects.",
        "Fusion is hard because nuclei repel each other. To make them fuse, fuel must be heated to over 100 million °C, "
        "forming a plasma that must be confined long enough and at high enough density. Plasmas are unstable, neutrons "
        "damage reactor walls, and overall net energy gain remains elusive.",
        "what is nuclear fission energy",
        "Nuclear fission splits heavy nuclei such as uranium-235, releasing energy that boils water to drive turbines. It "
        "has powered grids since the 1950s; unlike fusion's ignition at the National Ignition Facility in 2022 and ITER's "
        "future experiments, fission is mature, supplying about 9 percent of world electricity.",
    ),
    (
        "how does climate change affect sea levels",
        "Give the measured rate of rise and name its two main causes.",
        "Global sea level has risen about 21 to 24 cm since 1880, and the rate has accelerated to about 4 mm a year recently. "
        "The two main causes are thermal expansion, as warming ocean water takes up more space, and melting land ice from "
        "glaciers and the Greenland and Antarctic ice sheets.",
        "Describe the impacts on coastal communities, without rates or causes.",
        "Rising seas bring more frequent flooding to coastal towns, even on sunny days at high tide. Storm surges reach "
        "further inland, salt water gets into farmland and drinking water supplies, and beaches and wetlands erode. Some "
        "island nations and low-lying communities are already planning to relocate.",
        "how does climate change affect rainfall",
        "Warmer air holds about 7 percent more water vapour per degree Celsius, so heavy downpours become more intense. Two "
        "main causes drive changing rainfall: more evaporation and shifting atmospheric circulation, which moves storm "
        "tracks. Many regions see heavier rain, while others face longer droughts.",
    ),
    (
        "what is a carbon footprint",
        "Give average figures per person for several countries.",
        "A carbon footprint is the total greenhouse gas emissions caused by a person, product or organisation, measured in "
        "tonnes of CO₂ equivalent. Average per-person emissions from fossil fuels differ widely: around 14 to 15 tonnes in "
        "the United States, 8 in China, 4 to 5 in the United Kingdom and about 2 in India.",
        "Give personal actions to reduce it, without country averages.",
        "To shrink your carbon footprint, focus on the biggest sources. Fly less, especially long-haul. Drive less or "
        "switch to an electric car, and walk, cycle or use public transport. Eat less red meat and dairy, cut food waste, "
        "insulate your home, and choose a renewable electricity tariff.",
        "what is a water footprint",
        "A water footprint measures the total freshwater used to produce the goods and services a person consumes. Averages "
        "differ widely by country: roughly 2,800 cubic metres per person per year in the United States, 1,250 in the UK "
        "counting domestic use, 1,100 in China and about 1,000 in India.",
    ),
    (
        "what is renewable energy",
        "List the main types with their share of global electricity.",
        "Renewable energy comes from sources that naturally replenish. In 2023, renewables produced about 30 percent of "
        "global electricity. Hydropower led with about 14 percent, wind about 8 percent and solar about 5.5 percent, with "
        "bioenergy and geothermal making up the rest. Solar and wind are the fastest growing.",
        "Explain the challenges of integrating it into grids, without shares.",
        "Wind and solar output varies with weather and time of day, so grids must balance supply and demand. Solutions "
        "include battery storage, pumped hydro, stronger transmission links between regions, demand response that shifts "
        "use to sunny or windy hours, and backup capacity for calm, dark periods.",
        "what is non-renewable energy",
        "Non-renewable energy comes from finite sources. In 2023, coal produced about 35 percent of global electricity, "
        "natural gas about 23 percent, and nuclear about 9 percent, using uranium. Oil is a small share of electricity but "
        "dominates transport fuel.",
    ),
    (
        "how do electric car batteries work",
        "Describe the lithium-ion chemistry involved.",
        "Electric car batteries are usually lithium-ion. Each cell has a graphite anode, a metal oxide cathode, often "
        "nickel-manganese-cobalt or lithium iron phosphate, and a liquid electrolyte. When charging, lithium ions move into "
        "the graphite; when driving, they flow back to the cathode while electrons travel through the motor circuit.",
        "Give practical tips to extend battery life, without chemistry.",
        "To make an EV battery last longer, keep it between about 20 and 80 percent charge for daily driving, and charge to "
        "100 percent only before long trips. Use rapid chargers when needed rather than every day. Avoid leaving the car "
        "fully charged or nearly empty for long periods, and park in shade on hot days.",
        "how do hydrogen fuel cell cars work",
        "A hydrogen fuel cell car stores hydrogen in high-pressure tanks. In the fuel cell, a platinum catalyst splits "
        "hydrogen into protons and electrons at the anode; protons pass through a polymer membrane, electrons power the "
        "motor, and at the cathode they combine with oxygen to form water.",
    ),
    (
        "what is fracking",
        "Explain both the process and the main environmental concerns.",
        "Hydraulic fracturing, or fracking, extracts oil and gas from shale rock. Wells are drilled down and then "
        "horizontally, and a high-pressure mix of water, sand and chemicals cracks the rock, releasing gas. Environmental "
        "concerns include groundwater contamination, large water use, methane leaks and small earthquakes from wastewater "
        "injection.",
        "Explain only the process, without environmental concerns.",
        "Fracking starts with a vertical well drilled thousands of metres down, then turned horizontally through shale. "
        "Explosive charges perforate the casing, and a fluid of mostly water and sand, with small amounts of additives, is "
        "pumped in at high pressure. It cracks the rock, and the sand props the fractures open so gas flows out.",
        "what is offshore drilling",
        "Offshore drilling extracts oil and gas from beneath the seabed using fixed platforms or floating rigs that drill "
        "wells thousands of metres deep. Environmental concerns include oil spills, such as Deepwater Horizon in 2010, "
        "noise that disturbs marine mammals, and methane emissions.",
    ),
    (
        "how to calculate electricity cost of an appliance",
        "Give the formula and a worked example in dollars.",
        "Multiply the appliance's power in kilowatts by hours of use to get kWh, then by your price per kWh. Example: a 2,000 "
        "W space heater used 5 hours a day uses 2 × 5 = 10 kWh daily. At $0.15 per kWh, that costs $1.50 a day, or about "
        "$45 a month.",
        "Suggest tools and meters to measure it, without a formula.",
        "The easiest way to measure an appliance's electricity use is a plug-in energy monitor, such as a Kill A Watt, "
        "which sits between the socket and appliance and shows consumption over time. Smart plugs with energy monitoring "
        "report usage in an app, and a smart meter display shows whole-home use live.",
        "how to calculate solar panel output",
        "Multiply the panel's rated power by peak sun hours and a performance factor of about 0.8. Example: a 400 W panel "
        "with 5 peak sun hours gives 0.4 × 5 × 0.8 = 1.6 kWh a day. At $0.15 per kWh, that is worth about $0.24 daily, or "
        "$88 a year.",
    ),
    (
        "what causes acid rain",
        "Name the chemical pollutants and their sources.",
        "Acid rain forms when sulphur dioxide and nitrogen oxides react with water and oxygen in the atmosphere to produce "
        "sulphuric and nitric acids. Sulphur dioxide comes mainly from burning coal in power stations, and nitrogen oxides "
        "from vehicle engines and industrial combustion. Volcanoes add some naturally.",
        "Describe its effects on ecosystems and buildings, without naming chemicals.",
        "Acid rain damages forests by stripping nutrients from soil and harming leaves, especially at high altitudes. It "
        "makes lakes and streams too acidic for fish and insects. On buildings, it slowly eats away limestone and marble, "
        "blurring statues and carvings, and corrodes metal structures.",
        "what causes smog",
        "Photochemical smog forms when nitrogen oxides and volatile organic compounds react in sunlight to produce "
        "ground-level ozone. The nitrogen oxides come mainly from vehicle exhausts and power plants, while volatile "
        "compounds come from fuels, solvents and paints. Still, sunny weather makes it worse.",
    ),
    (
        "how does a smart grid work",
        "Explain for a general audience with a household example.",
        "A smart grid is an electricity network that uses sensors, meters and software to balance supply and demand "
        "automatically. For example, your smart meter might tell your washing machine to start at 2 am, when wind power is "
        "plentiful and cheap, or your electric car might pause charging during the evening peak.",
        "Explain the technical components for engineers, without household examples.",
        "A smart grid layers advanced metering infrastructure, phasor measurement units, distribution automation and "
        "SCADA systems over the power network. Two-way communications carry telemetry to control centres, enabling "
        "real-time state estimation, automated fault isolation and restoration, volt-VAR optimisation, and dispatch of "
        "distributed energy resources.",
        "how does a microgrid work",
        "A microgrid is a small local power network, like a campus or village, that can disconnect from the main grid. For "
        "example, a school with solar panels and batteries can keep its lights and heating running during a regional power "
        "cut, then reconnect when the grid returns.",
    ),
    (
        "what is the difference between weather and climate",
        "Use a simple analogy and a concrete example.",
        "Weather is what happens in the atmosphere over hours or days; climate is the average weather over decades. An "
        "analogy: weather is your mood today, climate is your personality. For example, a cold snowy week in London is "
        "weather, while London's typical mild, damp winters are its climate.",
        "Give the formal definitions used by meteorologists, without analogies.",
        "Meteorologists define weather as the state of the atmosphere at a given place and time, described by temperature, "
        "humidity, precipitation, wind and pressure. Climate is the statistical description of these variables over a long "
        "period, conventionally 30 years, including their means and extremes.",
        "what is the difference between climate change and global warming",
        "Global warming is the rise in Earth's average surface temperature; climate change includes warming plus its "
        "effects, such as shifting rainfall and rising seas. An analogy: warming is a fever, climate change is the whole "
        "illness. For example, a hotter year is warming; more droughts are climate change.",
    ),
    (
        "is nuclear power safe",
        "Compare deaths per unit of energy with other sources using figures.",
        "By deaths per unit of energy, nuclear power is among the safest sources. Estimates including accidents and air "
        "pollution give about 0.03 deaths per terawatt-hour for nuclear, similar to wind and solar, compared with about 2.8 "
        "for natural gas, 18 for oil and 25 for coal. Chernobyl and Fukushima are included.",
        "Discuss public concerns like waste and accidents, without statistics.",
        "Many people worry about nuclear power's risks. Major accidents at Chernobyl and Fukushima forced mass evacuations "
        "and left lasting fear. Radioactive waste stays dangerous for thousands of years, and permanent disposal sites are "
        "politically difficult. Some also worry about links to nuclear weapons.",
        "is hydropower safe",
        "Hydropower's safety record is dominated by rare dam failures. Deaths per terawatt-hour average about 1.3 including "
        "the 1975 Banqiao disaster in China, which killed tens of thousands, or near 0.02 excluding it, compared with 25 for "
        "coal and 0.03 for nuclear.",
    ),
    (
        "what is net zero emissions",
        "Distinguish net zero from carbon neutral and mention offsets.",
        "Net zero means cutting greenhouse gas emissions as close to zero as possible and balancing the remainder by "
        "removing an equal amount from the atmosphere. It usually covers all greenhouse gases and demands deep cuts first. "
        "Carbon neutral often refers to CO₂ only and can rely heavily on buying offsets without deep reductions.",
        "Give examples of countries' net zero target years, without definitions.",
        "Many countries have set net zero targets. Finland aims for 2035, Germany for 2045, and the United Kingdom, the "
        "European Union, the United States and Japan for 2050. China targets carbon neutrality by 2060, India net zero by "
        "2070. Suriname and Bhutan already absorb more carbon than they emit.",
        "what is carbon offsetting",
        "Carbon offsetting means paying for projects, like forest protection, that reduce emissions elsewhere to balance your "
        "own. It differs from net zero, which demands deep cuts first and uses offsets or removals only for the remainder. "
        "Critics say many offsets overstate their benefits.",
    ),
    (
        "what is energy storage for the grid",
        "Compare at least three storage technologies by duration.",
        "Grid energy storage saves electricity for later. Lithium-ion batteries respond instantly and typically store 1 to 4 "
        "hours of output. Pumped hydro, pumping water uphill and releasing it through turbines, stores 6 to 12 hours or more "
        "and is the largest by capacity. Hydrogen could store energy for weeks or seasons.",
        "Focus on lithium-ion battery farms only.",
        "Grid-scale lithium-ion battery farms have grown rapidly. They consist of thousands of battery modules in "
        "containers, with inverters connecting them to the grid. They charge when power is cheap and plentiful and "
        "discharge at peaks within milliseconds, helping stabilise frequency. Australia's Hornsdale Power Reserve is a "
        "well-known example.",
        "what is demand response for the grid",
        "Demand response shifts electricity use instead of storing it. Compared with storage: a battery covers 1 to 4 hours, "
        "pumped hydro up to 12, while demand response can trim peaks for minutes to a few hours, such as pausing water "
        "heaters or factory processes when the grid is stretched.",
    ),
    (
        "how do tidal power plants work",
        "Name a real tidal power station and its capacity.",
        "Tidal power plants capture the energy of rising and falling tides. Barrage plants build a dam across an estuary: "
        "water flows through turbines as the tide comes in and goes out. The Sihwa Lake station in South Korea, the "
        "world's largest, has a capacity of 254 MW, slightly more than France's La Rance at 240 MW.",
        "Explain the advantages and disadvantages, without naming stations.",
        "Tidal power is highly predictable, since tides follow the Moon's cycle, and it emits no carbon while operating. "
        "Turbines and barrages last decades. However, construction is very expensive, suitable sites with large tidal "
        "ranges are few, and barrages can disrupt estuary ecosystems, fish and sediment flow.",
        "how do wave power devices work",
        "Wave power devices capture the up-and-down motion of ocean waves. Oscillating water columns use waves to push air "
        "through a turbine, while floating buoys drive generators. The Mutriku plant in Spain, built into a breakwater, has "
        "a capacity of about 300 kW.",
    ),
    (
        "what is the difference between AC and DC electricity",
        "Explain why the grid uses AC and where DC is used.",
        "Alternating current reverses direction many times a second, 50 or 60 times, while direct current flows one way. "
        "The grid uses AC because transformers can easily step its voltage up for efficient long-distance transmission and "
        "down for homes. DC is used in batteries, electronics, solar panels and very long high-voltage links.",
        "Tell the history of the War of the Currents instead.",
        "In the 1880s, Thomas Edison promoted direct current for electric lighting, while George Westinghouse and Nikola "
        "Tesla championed alternating current. Edison publicised the dangers of AC, but Westinghouse won the contract to "
        "light the 1893 Chicago World's Fair and to build the Niagara Falls hydroelectric plant.",
        "what is the difference between single phase and three phase power",
        "Single-phase power uses one alternating voltage, common in homes for lights and appliances. Three-phase power uses "
        "three AC waves offset by 120 degrees, delivering smoother, more efficient power, which is why the grid and "
        "factories use it. Motors run better on three-phase; DC is not involved.",
    ),
    (
        "how does deforestation affect climate",
        "Give figures for emissions from deforestation.",
        "Forests store huge amounts of carbon in trees and soil. When they are cleared or burned, that carbon is released as "
        "CO₂. Deforestation and land-use change account for roughly 10 to 12 percent of global greenhouse gas emissions, "
        "about 4 to 5 billion tonnes of CO₂ a year. The tropics lost about 3.7 million hectares of primary forest in 2023.",
        "Describe effects on local rainfall and temperature, without global emission figures.",
        "Forests cool their surroundings by releasing water vapour from leaves, which also feeds clouds and rain. In the "
        "Amazon, trees recycle moisture that falls as rain further inland. When forests are cleared, local temperatures "
        "rise, dry seasons lengthen, and rainfall can drop, raising fire risk.",
        "how does reforestation affect climate",
        "Reforestation removes CO₂ as trees grow. A young tropical forest can absorb roughly 10 to 20 tonnes of CO₂ per "
        "hectare each year in its early decades. Studies estimate restoring degraded forests could remove several billion "
        "tonnes of CO₂ a year globally.",
    ),
    (
        "what is an energy performance certificate",
        "Answer for the UK and explain the rating bands.",
        "In the UK, an Energy Performance Certificate, or EPC, is required when a home is built, sold or rented. It rates "
        "energy efficiency from A, the most efficient, to G, the least, with a score from 1 to 100. Private rentals in "
        "England and Wales need at least an E rating. Certificates last 10 years.",
        "Answer for the US, where Energy Star and HERS are used.",
        "The US has no national equivalent of an energy certificate for every home. Instead, the HERS Index rates a home's "
        "efficiency: 100 is a standard new home, and lower is better, so a HERS score of 70 means 30 percent more efficient. "
        "Energy Star certification marks homes and appliances beating standards.",
        "what is an energy label for appliances",
        "In the UK and EU, appliances carry an energy label rating efficiency on a scale from A, the most efficient, to G, "
        "the least, after a 2021 rescale removed A+++ grades. Labels show annual energy use in kWh and a QR code linking to "
        "a product database.",
    ),
    (
        "what are methane emissions",
        "Mention the warming potential compared with CO2 over 20 years.",
        "Methane is a potent greenhouse gas. Over 20 years, it traps about 80 times more heat than the same mass of CO₂, "
        "though it breaks down within about a decade. Major sources include livestock digestion, rice paddies, landfills, "
        "and leaks from oil and gas production. Cutting it slows near-term warming quickly.",
        "Describe ways to cut methane, without warming comparisons.",
        "Methane emissions can be cut with proven measures. Oil and gas companies can find and fix leaks and stop routine "
        "venting and flaring. Landfills can capture gas for energy. Farmers can use feed additives that reduce cattle "
        "burps, manage manure, and flood rice fields intermittently.",
        "what are nitrous oxide emissions",
        "Nitrous oxide is a greenhouse gas with about 270 times the warming potential of CO₂ over 20 years, staying in the "
        "atmosphere for over a century. The main source is nitrogen fertiliser on farmland, with smaller amounts from "
        "industry and burning fuels.",
    ),
    (
        "how do biofuels work",
        "Compare first and second generation biofuels.",
        "Biofuels are fuels made from plant or waste material. First-generation biofuels use food crops: ethanol from corn "
        "or sugarcane and biodiesel from vegetable oils. They compete with food for land. Second-generation biofuels use "
        "non-food materials such as crop residues, wood waste and grasses, which are harder to process but more "
        "sustainable.",
        "Focus only on ethanol in cars, without generation comparisons.",
        "Ethanol is blended into petrol to cut fossil fuel use. Most petrol in the US contains up to 10 percent ethanol, "
        "called E10, which any modern car can use. Flex-fuel vehicles can run on E85, up to 85 percent ethanol. Ethanol "
        "has less energy than petrol, so fuel economy drops slightly.",
        "how does biogas work",
        "Biogas is produced when bacteria break down organic matter, such as manure, food waste or sewage, without oxygen in "
        "a digester. It is mostly methane and CO₂. First-generation biofuels come from crops, but biogas is usually made "
        "from wastes, like second-generation fuels.",
    ),
    (
        "what is a carbon tax",
        "Give a real country example with the price per tonne.",
        "A carbon tax puts a price on each tonne of CO₂ emitted, encouraging businesses and consumers to pollute less. "
        "Sweden introduced one in 1991 and now charges about 1,200 Swedish kronor, or roughly $115, per tonne, one of the "
        "highest in the world. Its emissions have fallen while the economy has grown.",
        "Explain how a cap-and-trade system differs, without country examples.",
        "Cap-and-trade takes a different route from a carbon tax. The government sets a cap on total emissions and issues "
        "permits up to that cap. Companies that cut emissions can sell spare permits, while heavy emitters must buy more. "
        "The cap fixes quantity and the market sets the price.",
        "what is a carbon border tax",
        "A carbon border tax charges imports for the emissions made producing them. The EU's Carbon Border Adjustment "
        "Mechanism covers steel, cement, aluminium and fertiliser, with payments starting in 2026, linked to the EU carbon "
        "price of roughly €60 to €90 per tonne.",
    ),
    (
        "how much energy does bitcoin use",
        "Give estimates in terawatt-hours and compare with a country.",
        "Bitcoin mining uses a great deal of electricity, because miners compete to solve puzzles with specialised "
        "computers. The Cambridge Bitcoin Electricity Consumption Index estimated about 120 to 170 terawatt-hours a year in "
        "2023 and 2024, comparable to the annual electricity use of a country like Poland or Argentina.",
        "Explain why it uses so much, without numerical estimates.",
        "Bitcoin uses a proof-of-work system. To add a block, miners race to find a number whose hash meets a target, which "
        "requires trillions of guesses. The network adjusts the difficulty so blocks arrive about every ten minutes, so "
        "more miners means more total computation and electricity.",
        "how much energy do data centres use",
        "Data centres used roughly 240 to 340 terawatt-hours in 2022, about 1 to 1.3 percent of global electricity, according "
        "to the International Energy Agency, comparable to the annual electricity use of a country like the United "
        "Kingdom. Demand is rising fast with AI.",
    ),
    (
        "what is green hydrogen",
        "Explain the colour codes for hydrogen production.",
        "Green hydrogen is made by splitting water with electrolysers powered by renewable electricity, emitting almost no "
        "CO₂. Grey hydrogen, most of today's supply, comes from natural gas without capturing emissions. Blue hydrogen is "
        "made from gas with carbon capture, and pink hydrogen uses nuclear power for electrolysis.",
        "Focus on its uses in industry, without colour codes.",
        "Hydrogen made cleanly could decarbonise industries that are hard to electrify. Steelmakers can use it instead of "
        "coal to reduce iron ore. It is a feedstock for ammonia fertiliser and oil refining. It could also fuel ships as "
        "ammonia or methanol and power long-haul lorries.",
        "what is green ammonia",
        "Green ammonia is made from green hydrogen, produced by renewable-powered electrolysis, combined with nitrogen from "
        "air in the Haber-Bosch process. Like hydrogen, ammonia has colour codes: grey from unabated natural gas, blue with "
        "carbon capture, and green from renewables.",
    ),
    (
        "how do electric car charging stations work",
        "Compare charging levels with power and times.",
        "EV charging comes in three levels. Level 1 uses a standard household socket, about 1.4 to 2.3 kW, adding roughly 5 "
        "to 10 km of range per hour. Level 2 home or public chargers, 7 to 22 kW, fill most cars overnight. DC fast "
        "chargers, 50 to 350 kW, can charge from 10 to 80 percent in 20 to 40 minutes.",
        "Explain how to pay and find chargers, without power levels.",
        "To find public chargers, use apps such as PlugShare, Zap-Map or your car's built-in navigation, which shows "
        "availability in real time. Payment varies: many chargers accept contactless bank cards, while networks offer "
        "apps or RFID cards with membership discounts. Check the connector type before arriving.",
        "how do electric bus charging systems work",
        "Electric buses charge in two main ways. Depot charging uses 50 to 150 kW plugs overnight, filling large batteries "
        "in 4 to 6 hours. Opportunity charging uses pantographs at route ends delivering 300 to 600 kW, adding range in 5 to "
        "10 minutes during layovers.",
    ),
]
