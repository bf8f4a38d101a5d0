"""FollowIR-style demo content, part 5: board games and puzzles, hiking and outdoor gear.

Hand-written by the infembed team (Apache-2.0). Same structure as part 1.
"""

QUERIES = {
    "board_games_puzzles": [
        {
            "query": "board games for two players",
            "og": "A relevant document recommends board games that work well with exactly two players.",
            "changed": "A relevant document recommends board games that work well with exactly two players and can be finished in under thirty minutes. Games that take longer are not relevant.",
            "both": [
                ("Quick games for couples", "Patchwork is a tile-laying game for two where you stitch a quilt in about twenty minutes. Jaipur, a card game of trading in an Indian market, plays in fifteen to twenty minutes. Lost Cities, a tense expedition game, takes about twenty minutes for three rounds. All three have simple rules you can learn in one evening."),
            ],
            "og_only": [
                ("Deep strategy games for two", "For two players who want a long, thoughtful contest, Twilight Struggle recreates the Cold War over about three hours, while Star Wars: Rebellion pits the Empire against the Rebels over an evening of roughly four hours. Both reward repeated plays, and each player controls a very different side with its own strengths."),
                ("Two-player civilisation building", "7 Wonders Duel adapts the popular drafting game for two. Each player builds a civilisation through three ages, competing for science, military and wonders. A typical game takes about forty-five minutes to an hour once both players know the cards, and there are three different ways to win before the end."),
            ],
            "neither": [
                ("Storing board game components", "Small plastic bags and tackle boxes keep game pieces organised, and foam-core inserts let you set up faster. Store boxes flat rather than upright so components do not slide to one end and bend the cards. Card sleeves protect the decks of frequently played games from wear and spilled drinks."),
            ],
        },
        {
            "query": "tips for solving jigsaw puzzles faster",
            "og": "A relevant document gives strategies for completing jigsaw puzzles more quickly.",
            "changed": "A relevant document gives strategies for completing jigsaw puzzles more quickly for puzzles of 1000 pieces or more. Tips about small children's puzzles are not relevant.",
            "both": [
                ("Speeding up a 1000-piece puzzle", "With a 1000-piece jigsaw, first turn every piece face up and sort them into edge pieces and trays of similar colour or texture. Build the border, then assemble distinctive areas such as text or buildings as separate islands. For large plain skies, sort the remaining pieces by shape: count the tabs and blanks and try them systematically."),
            ],
            "og_only": [
                ("Puzzling with toddlers", "Chunky wooden puzzles of four to twelve pieces suit children aged two to four. Help them find the corner pieces first, then talk about colours and pictures as they search. Let the child turn pieces around to see how they fit, and praise persistence. Peg puzzles with knobs are easiest for small hands."),
            ],
            "neither": [
                ("Gluing and framing a finished puzzle", "To keep a completed jigsaw, slide it onto a board, spread a thin layer of puzzle glue over the front with a spreader and let it dry for a few hours. Add a second coat for strength. Once dry, it can be mounted on card and framed behind glass like a poster."),
                ("The first jigsaw puzzles", "Jigsaw puzzles were invented in the 1760s by a London mapmaker who mounted maps on wood and cut them along country borders as a teaching aid. Cardboard puzzles became popular during the Great Depression because they were cheap entertainment that lasted for hours."),
            ],
        },
        {
            "query": "how to improve at chess openings",
            "og": "A relevant document gives advice on how to play or learn chess openings better.",
            "changed": "A relevant document gives advice on how to play or learn chess openings better for players rated below 1200 or complete beginners. Advice for advanced players about deep theory is not relevant.",
            "both": [
                ("Opening principles for new players", "Beginners should learn principles rather than memorising long lines. Control the centre with a pawn on e4 or d4, develop knights before bishops, castle early to keep the king safe and avoid moving the queen out too soon. Do not move the same piece twice in the opening without a good reason."),
            ],
            "og_only": [
                ("Building a grandmaster repertoire", "Strong club players rated above 2000 should prepare a narrow repertoire with critical lines studied twenty moves deep. Use an engine to check novelties in the Najdorf or the Marshall Attack, and keep a database of your games to find where opponents deviate. Review model games by grandmasters to understand typical middlegame plans."),
            ],
            "neither": [
                ("How chess ratings work", "Chess ratings use the Elo system, in which each game transfers points between players depending on the result and the difference in ratings. Beating a much stronger player earns many points, while losing to a weaker one costs many. Beginners often start around 800 to 1000 on online sites."),
            ],
        },
        {
            "query": "cooperative board games for families",
            "og": "A relevant document recommends cooperative board games, where players work together, for families.",
            "changed": "A relevant document recommends cooperative board games, where players work together, for families with children under eight years old. Cooperative games aimed at older children or adults are not relevant.",
            "both": [
                ("Co-op games for little ones", "Hoot Owl Hoot asks players aged four and up to help the owls fly home before sunrise by matching colours. In Race to the Treasure, children aged five and up build a path together before the ogre arrives. Both games need no reading, last fifteen minutes and make everyone win or lose together, which avoids tears."),
            ],
            "og_only": [
                ("Family co-op games for teens", "Pandemic has the whole family working as disease specialists to stop four outbreaks; it suits ages ten and up and takes about an hour. Forbidden Island, for ages ten and up, is a shorter game of recovering treasures before the island sinks. Both reward discussion and planning together."),
            ],
            "neither": [
                ("Handling sore losers at game night", "Some children find losing very hard. Talk before playing about how the game might go, model good sportsmanship by congratulating the winner yourself, and keep early games short. Praise effort and clever moves rather than only winning, and take a break if someone becomes upset."),
            ],
        },
        {
            "query": "sudoku solving techniques for hard puzzles",
            "og": "A relevant document explains techniques for solving difficult sudoku puzzles.",
            "changed": "A relevant document explains techniques for solving difficult sudoku puzzles using the X-wing pattern. Documents that only cover basic scanning or single candidates are not relevant.",
            "both": [
                ("The X-wing explained", "An X-wing appears when a candidate number can go in only two cells in each of two rows, and those cells share the same two columns. The number must then occupy one diagonal pair of the rectangle, so you can remove it from every other cell in those two columns. The same logic works with columns and rows swapped."),
            ],
            "og_only": [
                ("Naked pairs and hidden singles", "When two cells in a row each allow only the same two candidates, such as 3 and 7, those numbers must go in those cells, so remove 3 and 7 from the rest of the row. A hidden single is a number that fits in only one cell of a box even though that cell has other candidates. These two techniques crack many hard puzzles."),
            ],
            "neither": [
                ("Sudoku's origins", "Despite its Japanese name, the number puzzle first appeared in an American puzzle magazine in 1979 under the name Number Place. A Japanese publisher popularised it in the 1980s, and it became a worldwide craze after British newspapers began printing it in 2004. A valid sudoku has exactly one solution."),
            ],
        },
    ],
    "hiking_outdoor": [
        {
            "query": "what to pack for a day hike",
            "og": "A relevant document lists what to bring on a day hike.",
            "changed": "A relevant document lists what to bring on a day hike in hot desert conditions and states how much water to carry. Packing lists for mild or cold weather are not relevant.",
            "both": [
                ("Desert day hike checklist", "In the desert carry at least one litre of water for every hour of hiking, and more above 35 degrees, plus salty snacks or electrolyte tablets. Wear a wide-brimmed hat, sunglasses and loose, light-coloured long sleeves. Pack sunscreen, a map, a headlamp in case you finish late, and a small first aid kit. Start at dawn to avoid the afternoon heat."),
            ],
            "og_only": [
                ("The ten essentials for a mountain day", "For a day in the hills, pack a waterproof jacket and an extra warm layer, a hat and gloves even in summer, a map and compass, a headlamp, food, a water bottle, a first aid kit, a whistle and a charged phone. Weather in the mountains can turn cold and wet within an hour."),
                ("A light kit for a spring woodland walk", "For an easy woodland walk on a mild spring day, a small daypack is all you need: a light fleece, a rain shell, a bottle of water, sandwiches, a phone with an offline map and plasters for blisters. Comfortable trail shoes are fine on dry, well-marked paths."),
            ],
            "neither": [
                ("Leave no trace principles", "Plan ahead, stick to durable surfaces, pack out all rubbish including fruit peel, leave natural objects where you find them and keep campfires small or use a stove. Respect wildlife by watching from a distance and never feeding animals. Be considerate of other visitors by keeping noise down on busy trails."),
            ],
        },
        {
            "query": "how to choose hiking boots",
            "og": "A relevant document gives advice on selecting a pair of hiking boots.",
            "changed": "A relevant document gives advice on selecting a pair of hiking boots that are waterproof with a membrane. Advice favouring non-waterproof, breathable mesh footwear is not relevant.",
            "both": [
                ("Waterproof boots for wet trails", "For boggy moorland and rainy climates, choose boots with a waterproof membrane such as Gore-Tex and a gusseted tongue that stops water entering at the laces. Leather uppers last longer and can be waxed. Try boots on in the afternoon with your hiking socks, and walk down a ramp in the shop to check your toes do not hit the front."),
            ],
            "og_only": [
                ("Why many hikers ditch waterproof boots", "In hot, dry climates a breathable mesh boot or trail runner without a membrane keeps feet cooler and dries in minutes after a river crossing, whereas a waterproof lining traps sweat. Choose a flexible sole with deep lugs and a roomy toe box, and allow half a size extra for feet swelling on long days."),
            ],
            "neither": [
                ("Caring for leather boots", "After a muddy hike, remove the insoles, brush the boots clean and let them dry slowly at room temperature, stuffed with newspaper. Never dry them next to a fire or radiator, which cracks leather. Apply a wax or conditioner every few months to keep the leather supple and water resistant."),
            ],
        },
        {
            "query": "treating blisters on long hikes",
            "og": "A relevant document explains how to prevent or treat foot blisters while hiking.",
            "changed": "A relevant document explains how to treat foot blisters that have already formed while hiking, including whether to drain them. Documents only about preventing blisters are not relevant.",
            "both": [
                ("Field care for a formed blister", "If a blister is small and intact, leave it unbroken and cover it with a hydrocolloid plaster. A large, painful blister can be drained: clean the skin, pierce the edge with a sterilised needle, press the fluid out and leave the roof of skin in place as a natural dressing. Cover it with a dressing and check for redness or pus each evening."),
            ],
            "og_only": [
                ("Stopping blisters before they start", "Blisters come from friction, heat and moisture. Break in boots before a long trip, wear synthetic or merino socks rather than cotton and consider thin liner socks underneath. Stop at the first hot spot and tape it with zinc oxide tape. Keeping toenails short and feet dry during breaks also helps."),
            ],
            "neither": [
                ("Foot anatomy and walking", "Each foot contains 26 bones and more than 30 joints that flex and spread as you walk, absorbing the impact of every step. The arch acts like a spring, storing and releasing energy. Walking downhill puts extra load on the front of the foot, which is why toes often hurt on long descents."),
            ],
        },
        {
            "query": "choosing a backpacking tent",
            "og": "A relevant document gives advice on choosing a tent for backpacking trips.",
            "changed": "A relevant document gives advice on choosing a tent for backpacking trips for a solo hiker and states the tent's weight. Tents for two or more people are not relevant.",
            "both": [
                ("A light shelter for solo trips", "Solo backpackers can carry a one-person tent weighing under one kilogram. A single-wall trekking-pole shelter can be as light as 700 grams, while a freestanding one-person double-wall tent weighs about 1.1 kilograms and copes better with condensation. Check the inner length if you are tall and make sure there is a porch for wet boots."),
            ],
            "og_only": [
                ("Two-person tents for backpacking couples", "A two-person backpacking tent lets partners split the weight: one carries the inner and poles, the other the fly. Look for two doors and two porches so neither person climbs over the other at night. Most good models weigh between 1.3 and 2 kilograms and pitch in under five minutes."),
            ],
            "neither": [
                ("Pitching a tent in the wind", "In strong wind, pitch with the narrow end of the tent facing the wind and peg that end down first. Peg the corners at forty-five degrees away from the tent and use every guy line. Find shelter behind a wall or low bushes if possible, and avoid the bottom of hollows where cold air and water collect."),
            ],
        },
        {
            "query": "how to purify water while camping",
            "og": "A relevant document explains methods for making stream or lake water safe to drink while camping.",
            "changed": "A relevant document explains methods for making stream or lake water safe to drink while camping without boiling it. Documents that rely on boiling are not relevant.",
            "both": [
                ("Filters and tablets for safe water", "A hollow-fibre squeeze filter removes bacteria and protozoa from stream water in seconds and weighs under a hundred grams. Chlorine dioxide tablets kill viruses as well, but need thirty minutes to four hours depending on water temperature. Combining a filter with tablets covers every risk without a stove. Collect water from fast-flowing streams above any settlement."),
            ],
            "og_only": [
                ("Boiling water in the backcountry", "Boiling is the most reliable way to make water safe. Bring stream water to a rolling boil for one minute, or three minutes above 2,000 metres, then let it cool with the lid on. Pour it through a bandana first to remove debris. Boiling uses fuel, so plan to carry extra gas canisters on longer trips."),
            ],
            "neither": [
                ("How much water do hikers need?", "On a moderate hike in mild weather most adults need about half a litre per hour, more in heat or at altitude. Thirst lags behind dehydration, so sip regularly. Dark urine, headaches and dizziness are warning signs. Drinking too much plain water on very long days without salt can also cause problems."),
            ],
        },
        {
            "query": "layering clothes for cold weather hiking",
            "og": "A relevant document explains how to layer clothing for hiking in cold weather.",
            "changed": "A relevant document explains how to layer clothing for hiking in cold weather using a synthetic insulation layer rather than down. Advice recommending a down jacket is not relevant.",
            "both": [
                ("A synthetic layering system", "Start with a merino or polyester base layer that moves sweat away from the skin, then a fleece mid layer. For insulation choose a synthetic jacket filled with polyester fibres, which stays warm when wet from rain or sweat, unlike down. Top it all with a waterproof, breathable shell, and adjust layers before you get hot or cold."),
            ],
            "og_only": [
                ("Staying warm with down", "In dry cold, layer a thermal base, a fleece and a lightweight down jacket, which gives the most warmth for its weight and packs into a fist-sized bag. Wear the down jacket at rest stops and in camp, and put a waterproof shell over it if snow falls. Keep it dry, since wet down loses its loft."),
            ],
            "neither": [
                ("Recognising hypothermia", "Early hypothermia causes shivering, clumsy hands and slurred speech. As it worsens, shivering may stop and the person becomes confused and drowsy. Get them out of the wind, replace wet clothes with dry ones, insulate them from the ground and give warm, sweet drinks if they can swallow. Call for help in serious cases."),
            ],
        },
    ],
}

DISTRACTORS = {
    "board_games_puzzles": [
        ("Crossword clue types", "Cryptic crossword clues combine a definition with wordplay. Anagram clues signal rearrangement with words like broken or confused, hidden word clues hide the answer inside the clue, and homophones are flagged by words such as we hear. The definition always sits at the start or end of the clue."),
        ("Designing your own board game", "Start a game design with a core idea, such as trading or racing, and make a rough prototype from index cards and coins. Play it with friends early and watch where they get bored or confused. Cut rules that do not add interesting choices. Professional designers play-test a game hundreds of times."),
        ("The Rubik's cube", "The Rubik's cube was invented in 1974 by a Hungarian architecture professor, Erno Rubik, to teach spatial relationships. It has over 43 quintillion possible positions, yet any scrambled cube can be solved in twenty moves or fewer. Speedcubers learn algorithms that solve one layer at a time."),
        ("Mahjong tiles", "A standard mahjong set has 144 tiles: three suits of bamboo, characters and circles numbered one to nine, four of each, plus winds, dragons, flowers and seasons. Players draw and discard tiles to complete a hand of four sets and a pair. Rules differ widely between Chinese, Japanese and American versions."),
    ],
    "hiking_outdoor": [
        ("Reading contour lines", "Contour lines on a map join points of equal height. When they are close together the slope is steep; when they are far apart the ground is gentle. V-shaped contours pointing uphill show a valley or stream, while those pointing downhill show a ridge. The contour interval is printed in the map's legend."),
        ("Choosing a sleeping bag", "Sleeping bags carry a comfort rating and a lower limit rating. Choose a bag whose comfort rating matches the coldest night you expect. Mummy shapes are warmer and lighter than rectangular bags, and a hood makes a big difference. A sleeping mat with a good R-value is just as important for warmth."),
        ("Trekking poles and knees", "Trekking poles take some load off the knees on steep descents and help balance on river crossings and loose ground. Adjust them so your elbow bends at ninety degrees on flat ground, lengthen them for downhill and shorten them for uphill. Use the wrist straps from below so you can push down on them."),
        ("Camp stove fuels", "Canister stoves burning a propane and butane mix are light and easy, but lose pressure in freezing weather. Liquid fuel stoves run on white gas and work well in the cold and at altitude, though they need priming. Alcohol stoves are tiny and silent but slow, and are banned in some areas during fire season."),
    ],
}
