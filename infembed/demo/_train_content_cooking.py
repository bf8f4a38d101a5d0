"""Hand-written demo training rows: cooking. Tuple order: (Q+, I+, P+, I-, P_hn1, Q-, P_hn2)."""

TOPIC = "cooking"

ROWS = [
    (
        "easy weeknight pasta recipes",
        "Only vegetarian options, ready in under 30 minutes.",
        "Three quick vegetarian pastas for busy nights. Garlic and chilli spaghetti takes 15 minutes: fry sliced garlic and "
        "chilli flakes in olive oil and toss with the pasta. Pesto with peas and spinach takes 20. Tomato, basil and "
        "mozzarella penne is ready in 25 minutes with a tin of chopped tomatoes.",
        "Must include a meat or fish dish, ready in under 30 minutes.",
        "Quick pastas for weeknights: spaghetti carbonara with pancetta, eggs and pecorino takes 20 minutes. Prawn and "
        "lemon linguine cooks in 15, with garlic, chilli and parsley. A simple sausage ragù, made by squeezing sausage meat "
        "into a pan with tomatoes and fennel seeds, is ready in 25 minutes.",
        "easy weeknight curry recipes",
        "Three quick vegetarian curries for busy nights. Chickpea and spinach curry takes 20 minutes with tinned chickpeas, "
        "onion, garlic, curry paste and coconut milk. Paneer and pea curry, or matar paneer, takes 25. A red lentil dal "
        "with cumin and turmeric is ready in under 30 minutes.",
    ),
    (
        "how to cook rice on the stove",
        "Give exact water ratios and times for white basmati rice.",
        "For white basmati, rinse 1 cup of rice until the water runs clear. Add it to a pan with 1½ cups of water and a "
        "pinch of salt. Bring to the boil, cover tightly, and simmer on the lowest heat for 12 minutes. Turn off the heat "
        "and leave covered for 10 minutes, then fluff with a fork.",
        "Give exact water ratios and times for brown rice instead.",
        "For brown rice, rinse 1 cup and add it to a pan with 2 to 2½ cups of water and a pinch of salt. Bring to the boil, "
        "cover, and simmer gently for 40 to 45 minutes until the water is absorbed. Let it stand, covered, for 10 minutes "
        "before fluffing. The bran layer is why it takes longer.",
        "how to cook quinoa on the stove",
        "Rinse 1 cup of quinoa in a fine sieve to remove its bitter coating. Add to a pan with 2 cups of water and a pinch "
        "of salt, bring to the boil, then cover and simmer for 15 minutes. Rest, covered, for 5 minutes, then fluff with a "
        "fork; the grains show little curled tails.",
    ),
    (
        "how to make pancakes from scratch",
        "Make them dairy-free and egg-free.",
        "For dairy-free, egg-free pancakes, whisk 1 cup of flour, 1 tablespoon of sugar, 2 teaspoons of baking powder and a "
        "pinch of salt. Stir in 1 cup of oat or soy milk, 1 tablespoon of oil and a splash of vanilla until just combined. "
        "Cook ladlefuls in an oiled pan until bubbles form, then flip.",
        "Use classic ingredients including milk, butter and eggs.",
        "For fluffy classic pancakes, whisk 1 cup of flour, 1 tablespoon of sugar, 2 teaspoons of baking powder and a pinch "
        "of salt. In another bowl beat 1 egg with 1 cup of milk and 2 tablespoons of melted butter. Combine gently, leaving "
        "a few lumps. Cook in a buttered pan until bubbles appear, then flip.",
        "how to make waffles from scratch",
        "For dairy-free, egg-free waffles, mix 2 cups of flour, 1 tablespoon of baking powder, 2 tablespoons of sugar and "
        "salt. Stir in 1¾ cups of soy or oat milk, ⅓ cup of vegetable oil and vanilla. Cook in a hot greased waffle iron "
        "for about 5 minutes until crisp and golden.",
    ),
    (
        "how to boil an egg",
        "Give timings for soft, medium and hard yolks.",
        "Lower eggs straight from the fridge into gently boiling water. For a soft, runny yolk, cook 6 minutes. For a jammy "
        "medium yolk, 8 minutes. For a fully hard yolk, 10 to 11 minutes. Transfer immediately to a bowl of iced water for "
        "a few minutes to stop the cooking and make peeling easier.",
        "Give only the method for hard-boiled eggs and tips for easy peeling.",
        "For hard-boiled eggs, lower them into boiling water and cook for 11 minutes. Plunge into iced water for at least 5 "
        "minutes. To peel easily, use eggs that are a week or more old, tap all over to crack the shell, and start peeling "
        "from the wide end, where the air pocket is, under running water.",
        "how to poach an egg",
        "Bring a pan of water to a gentle simmer and add a splash of vinegar. Crack a fresh egg into a cup, swirl the water, "
        "and slide the egg in. For a soft, runny yolk, cook 3 minutes; for a medium yolk, 4 minutes; for a firm yolk, 5 to 6. "
        "Lift out with a slotted spoon.",
    ),
    (
        "how to make bread without a bread machine",
        "Include a no-knead method for beginners.",
        "Beginners can make great bread with a no-knead method. Mix 500 g of flour, 10 g of salt, ½ teaspoon of instant "
        "yeast and 400 ml of lukewarm water until shaggy. Cover and leave 12 to 18 hours. Shape it gently, rest for 1 hour, "
        "then bake in a preheated lidded pot at 240 °C for 30 minutes covered and 15 uncovered.",
        "Describe a traditional kneaded method instead of a no-knead one.",
        "Mix 500 g of strong flour, 7 g of dried yeast, 10 g of salt and 320 ml of warm water. Knead on a floured surface "
        "for 10 minutes until smooth and elastic. Leave to rise for an hour until doubled, knock back, shape into a loaf "
        "and prove for 45 minutes. Bake at 220 °C for 30 to 35 minutes.",
        "how to make sourdough starter",
        "A sourdough starter is easy for beginners and needs no kneading. Mix 50 g of wholemeal flour with 50 g of water in a "
        "jar, cover loosely, and leave at room temperature. Each day, discard half and feed it 50 g flour and 50 g water. "
        "After 5 to 10 days it should double within hours of feeding.",
    ),
    (
        "what can I substitute for eggs in baking",
        "Give amounts that replace one egg for each option.",
        "To replace one egg in baking: use 1 tablespoon of ground flaxseed mixed with 3 tablespoons of water, rested 5 "
        "minutes; ¼ cup of unsweetened apple sauce; half a mashed ripe banana; 3 tablespoons of aquafaba, the liquid from "
        "tinned chickpeas; or ¼ cup of plain yoghurt. Flax works best in muffins and cookies.",
        "Explain what eggs do in baking, without giving substitute amounts.",
        "Eggs do several jobs in baking. Their proteins set when heated, binding ingredients and giving structure. Beaten "
        "eggs trap air, helping cakes rise. The yolks add fat and richness and act as emulsifiers, blending fat and water. "
        "They also add moisture and colour, browning the crust.",
        "what can I substitute for butter in baking",
        "To replace 1 cup of butter in baking: use 1 cup of vegetable margarine; ¾ cup of vegetable or light olive oil; "
        "1 cup of coconut oil; ½ cup of apple sauce plus ½ cup of oil; or 1 cup of mashed avocado. Oil works best in "
        "muffins; solid fats suit biscuits and pastry.",
    ),
    (
        "how to sear a steak",
        "Include internal temperatures for each doneness level in Celsius.",
        "Pat the steak dry and season well. Heat a heavy pan until smoking, add a little oil, and sear for 2 to 4 minutes "
        "per side. Use a thermometer: rare is 50 °C, medium-rare 55 °C, medium 60 °C, medium-well 65 °C and well done 70 °C. "
        "Rest for 5 minutes; the temperature rises a few degrees.",
        "Include internal temperatures in Fahrenheit instead of Celsius.",
        "Dry and season the steak, then sear it in a very hot oiled cast-iron pan for 2 to 4 minutes per side. Check with "
        "an instant-read thermometer: rare is 120 °F, medium-rare 130 °F, medium 140 °F, medium-well 150 °F and well done "
        "160 °F. Rest it for 5 minutes before slicing against the grain.",
        "how to roast a whole chicken",
        "Dry the chicken, rub with butter, salt and pepper, and roast at 200 °C for about 20 minutes per 500 g plus 20 "
        "minutes. It is done when the thickest part of the thigh reaches 75 °C and the juices run clear. Rest it for 15 "
        "minutes before carving.",
    ),
    (
        "how to make homemade pizza dough",
        "Give gram measurements and a same-day method.",
        "For two pizzas on the same day, mix 500 g of bread flour, 7 g of instant yeast, 10 g of salt, 325 ml of warm "
        "water and 15 ml of olive oil. Knead for 8 to 10 minutes until smooth. Cover and rise for 1 to 2 hours until "
        "doubled. Divide, stretch thinly and bake at the oven's highest setting.",
        "Give a slow cold-fermentation method over several days.",
        "For deeper flavour, cold-ferment your dough. Mix 500 g of flour, just 2 g of yeast, 12 g of salt and 330 ml of "
        "cold water. Knead briefly, then refrigerate in a sealed container for 48 to 72 hours. Divide into balls and let "
        "them warm up for 2 hours before stretching.",
        "how to make homemade pizza sauce",
        "For a quick same-day pizza sauce, blend 400 g of tinned whole San Marzano tomatoes with 5 g of salt, 10 ml of "
        "olive oil, a crushed garlic clove and a few basil leaves. Do not cook it: raw sauce tastes fresher and cooks on the "
        "pizza. This covers about four 30 cm pizzas.",
    ),
    (
        "healthy lunch ideas for work",
        "No cooking required and no refrigeration needed.",
        "Lunches that need no cooking and no fridge: wholemeal wraps with hummus, grated carrot and spinach; a tin of "
        "tuna or chickpeas with crackers and cherry tomatoes; peanut butter and banana sandwiches; trail mix with an apple; "
        "or oatcakes with nut butter. Pack leafy salads undressed, and avoid mayonnaise-based fillings.",
        "Meals that can be cooked ahead in batches and reheated in a microwave.",
        "Batch-cook on Sunday for a week of hot lunches. Chilli con carne, lentil soup, chicken and vegetable curry, and "
        "vegetable lasagne all keep in the fridge for 3 to 4 days and freeze well. Portion into microwave-safe boxes and "
        "reheat for 2 to 3 minutes, stirring halfway, until steaming hot.",
        "healthy snack ideas for work",
        "Snacks that need no cooking or fridge: a handful of unsalted almonds, an apple or banana, rice cakes with nut "
        "butter, roasted chickpeas, dried apricots, oatcakes, or a small bag of plain popcorn. Keep a jar at your desk so "
        "you are not tempted by the vending machine.",
    ),
    (
        "how to keep herbs fresh longer",
        "Cover both soft herbs and woody herbs separately.",
        "Soft herbs like basil, parsley, coriander and mint keep best like flowers: trim the stems and stand them in a jar "
        "of water, loosely covered with a bag; keep basil at room temperature, the rest in the fridge. Woody herbs like "
        "rosemary, thyme and sage last longer wrapped in a damp paper towel inside a container in the fridge.",
        "Cover only freezing and drying methods for long-term storage.",
        "For long-term storage, chop herbs and freeze them in ice cube trays topped with olive oil or water, then drop the "
        "cubes straight into sauces. Woody herbs like rosemary and thyme dry well: hang small bunches upside down in a warm, "
        "airy spot for a week or two, then store the leaves in an airtight jar.",
        "how to keep avocados fresh longer",
        "Whole unripe avocados ripen on the counter in 2 to 5 days; once ripe, move them to the fridge for a few more days. "
        "For a cut half, keep the stone in, brush the flesh with lemon juice, wrap tightly and refrigerate. Unlike herbs, "
        "soft and firm varieties are stored the same way.",
    ),
    (
        "how to make a basic vinaigrette",
        "Give the classic ratio and a few variations.",
        "A classic vinaigrette uses a 3 to 1 ratio of oil to acid. Whisk 3 tablespoons of olive oil with 1 tablespoon of "
        "vinegar, a teaspoon of Dijon mustard, salt and pepper; the mustard helps it emulsify. Variations: swap vinegar for "
        "lemon juice, add honey for sweetness, or stir in minced shallot and fresh herbs.",
        "Give one fixed recipe with no variations.",
        "Classic French vinaigrette: in a small jar, combine 1 tablespoon of red wine vinegar, 1 teaspoon of Dijon mustard, "
        "a pinch of salt and a grind of black pepper. Add 3 tablespoons of extra virgin olive oil, close the lid and shake "
        "hard for 20 seconds until creamy. Dress the salad just before serving.",
        "how to make a basic white sauce",
        "A classic white sauce, or béchamel, uses equal weights of butter and flour to thicken milk: 25 g each for 300 ml. "
        "Melt the butter, stir in flour for a minute, then whisk in milk gradually and simmer until thick. Variations: add "
        "cheese for mornay, or nutmeg and bay for lasagne.",
    ),
    (
        "how long to cook a turkey",
        "Give times per kilogram at a stated oven temperature.",
        "Roast a turkey at 180 °C, or 160 °C in a fan oven. Allow about 40 minutes per kilogram for birds under 4 kg, and "
        "35 minutes per kilogram for birds over 4.5 kg, plus 20 minutes. A 5 kg turkey therefore needs about 3 hours 15 "
        "minutes. Check that the thickest part of the thigh reaches 75 °C, then rest it.",
        "Give times per pound at a stated oven temperature.",
        "Roast an unstuffed turkey at 325 °F, allowing about 13 to 15 minutes per pound. A 12-pound bird takes roughly 2¾ "
        "to 3 hours, and a 20-pound bird about 4¼ to 5 hours. Add around 30 minutes if stuffed. The thigh should read "
        "165 °F on a thermometer; rest it 30 minutes before carving.",
        "how long to thaw a turkey",
        "Thaw a frozen turkey in the fridge at 4 °C or below, allowing about 10 to 12 hours per kilogram. A 5 kg turkey "
        "therefore needs about 2 to 2½ days. Keep it in its wrapping on a tray on the bottom shelf, and cook it within two "
        "days of thawing.",
    ),
    (
        "how to make a smoothie without a banana",
        "Make it high in protein with at least 20 grams.",
        "For a banana-free smoothie with about 25 g of protein, blend 200 g of Greek yoghurt, 100 g of frozen mixed "
        "berries, 1 tablespoon of peanut butter, a handful of spinach and 100 ml of milk. Frozen mango or avocado can stand "
        "in for the creaminess banana usually gives. Add ice for a thicker texture.",
        "Make it fully plant-based, with no dairy or protein powder.",
        "For a plant-based smoothie without banana, blend 1 cup of frozen mango, half an avocado, a handful of spinach, a "
        "tablespoon of chia seeds and 1 cup of oat milk. The avocado and mango give a creamy texture. Add a squeeze of lime "
        "and a few mint leaves for freshness.",
        "how to make a smoothie bowl",
        "For a high-protein smoothie bowl with about 25 g of protein, blend 1 frozen banana, 150 g of frozen berries, 1 "
        "scoop of protein powder and a splash of milk until very thick, like soft ice cream. Pour into a bowl and top with "
        "granola, sliced fruit and seeds.",
    ),
    (
        "how to caramelize onions",
        "Be honest about how long it really takes.",
        "Properly caramelised onions take 40 to 60 minutes, not the 10 minutes some recipes claim. Slice 4 onions thinly, "
        "cook them in butter and oil over medium-low heat with a pinch of salt, stirring every few minutes. As they brown, "
        "deglaze the pan with a splash of water. They are done when deep brown, soft and jammy.",
        "Give a quick shortcut method that finishes in about 15 minutes.",
        "For a faster version, slice onions thinly and cook over medium-high heat in oil and butter, stirring often. Add a "
        "pinch of baking soda, which speeds browning, and a teaspoon of sugar. Whenever the pan browns, add a splash of "
        "water and scrape. In about 15 minutes they will be soft and golden brown.",
        "how to pickle onions quickly",
        "Quick pink pickled onions are ready in about 30 minutes, not days. Slice a red onion thinly and pack it into a jar. "
        "Heat 120 ml of vinegar, 120 ml of water, 1 tablespoon of sugar and 1½ teaspoons of salt until dissolved, pour "
        "over, and leave to cool. They keep two weeks chilled.",
    ),
    (
        "what is the difference between baking soda and baking powder",
        "Explain when to use each in a recipe.",
        "Baking soda is pure sodium bicarbonate and needs an acid in the recipe, such as buttermilk, yoghurt, lemon juice or "
        "brown sugar, to produce gas. Baking powder contains baking soda plus a dry acid, so it works on its own. Use soda "
        "when the recipe has acidic ingredients; use powder when it does not, as in plain sponge.",
        "Explain how to test whether each is still active.",
        "To check baking soda, add half a teaspoon to a few tablespoons of vinegar: strong fizzing means it is still good. "
        "To test baking powder, stir a teaspoon into half a cup of hot water; it should bubble vigorously. If either "
        "barely reacts, replace it, because flat cakes are the result.",
        "what is the difference between plain and self-raising flour",
        "Self-raising flour is plain flour with baking powder and salt already added, about 2 teaspoons of baking powder per "
        "150 g. Use it for cakes, scones and muffins when a recipe calls for it. Use plain flour for bread, pastry, sauces, "
        "and recipes that list their own raising agent.",
    ),
    (
        "how to cook dried beans",
        "Include soaking and the safety step for red kidney beans.",
        "Soak dried beans in plenty of cold water for 8 to 12 hours, then drain and rinse. Cover with fresh water and "
        "simmer until tender, usually 45 to 90 minutes. Safety step: red kidney beans contain a toxin, so boil them hard "
        "for at least 10 minutes before simmering; never cook them in a slow cooker from raw.",
        "Describe a pressure cooker method with no soaking.",
        "With a pressure cooker you can skip soaking. Rinse the dried beans, add them with three times their volume of "
        "water and a teaspoon of salt, and cook at high pressure: black beans about 25 minutes, chickpeas 40 to 45 minutes, "
        "pinto beans about 30. Let the pressure release naturally for 15 minutes.",
        "how to cook dried lentils",
        "Lentils need no soaking. Rinse them, cover with three times their volume of water, and simmer: red lentils 15 to 20 "
        "minutes until they collapse, green or brown lentils 25 to 30 minutes. Safety step: pick out any small stones "
        "first, and add salt only at the end so skins stay tender.",
    ),
    (
        "how to make chocolate chip cookies chewy",
        "Explain the science behind each tip.",
        "For chewy cookies, use more brown sugar than white: its molasses holds moisture. Melt the butter, which develops "
        "more gluten for chew. Add an extra egg yolk, whose fat and emulsifiers keep them tender. Chill the dough so it "
        "spreads less, and take the cookies out while the centres look slightly underdone, since they keep baking on the "
        "tray.",
        "Give tips for making them crispy instead of chewy.",
        "For crisp cookies, use more white sugar than brown, as it spreads and caramelises into a crunchy edge. Cream softened "
        "butter well, use a little less egg, and flatten the dough balls. Bake at a slightly lower temperature for longer "
        "so they dry out evenly, and let them cool fully on a wire rack.",
        "how to make brownies fudgy",
        "For fudgy brownies, use a higher ratio of fat and chocolate to flour: fat coats flour and limits gluten, so they "
        "stay dense. Melted butter and sugar whisked with eggs create a shiny crust. Take them out when a skewer shows moist "
        "crumbs, since residual heat keeps cooking them.",
    ),
    (
        "how to store leftovers safely",
        "Give time limits for the fridge and the two-hour rule.",
        "Cool leftovers quickly and refrigerate them within two hours of cooking, or one hour on a hot day, because "
        "bacteria multiply fast at room temperature. Store them in shallow airtight containers at 5 °C or below. Eat most "
        "leftovers within 3 to 4 days, cooked rice within 1 day, and reheat until steaming hot throughout.",
        "Focus on freezing leftovers, not fridge time limits.",
        "Most leftovers freeze well. Cool them quickly, portion into airtight containers or freezer bags, squeeze out air, "
        "and label with the date. Soups, stews, sauces and cooked grains freeze best; creamy sauces and salads do not. "
        "Thaw in the fridge overnight and reheat until piping hot; do not refreeze thawed food.",
        "how to store fresh fish safely",
        "Keep fresh fish cold: buy it last, get it home within two hours, or one on a hot day, and refrigerate at 0 to 4 °C. "
        "Store it on ice in a sealed container on the bottom shelf. Cook fresh fish within 1 to 2 days of purchase, or "
        "freeze it.",
    ),
    (
        "how to thicken soup",
        "Do not use flour or any gluten-containing ingredient.",
        "To thicken soup without flour or gluten, blend part of it and stir it back in. Add a slurry of cornflour or "
        "arrowroot mixed with cold water, then simmer for a minute. Stir in a handful of red lentils or a diced potato and "
        "cook until soft. Pureed white beans, cream or coconut milk also add body.",
        "Use a classic roux made with flour and butter.",
        "To thicken soup with a roux, melt 2 tablespoons of butter in a small pan and whisk in 2 tablespoons of plain flour. "
        "Cook for 2 minutes, stirring, to lose the raw taste. Whisk in a ladle of hot soup until smooth, then stir the "
        "mixture back into the pot and simmer for 5 minutes until thickened.",
        "how to thicken gravy",
        "To thicken gravy without flour or gluten, whisk 1 tablespoon of cornflour with 2 tablespoons of cold water and "
        "stir it into the simmering gravy; cook for a minute until glossy. Arrowroot works the same way and stays clear. "
        "Reducing the gravy by simmering also thickens it.",
    ),
    (
        "how to sharpen a kitchen knife",
        "Explain using a whetstone, with the angle in degrees.",
        "Soak a water whetstone for 10 to 15 minutes. Hold the blade at about 15 to 20 degrees to the stone, edge forward, "
        "and sweep it across from heel to tip, ten strokes per side on the coarse grit, roughly 1000. Repeat on a fine "
        "grit, around 3000 to 6000, then remove the burr with light alternating strokes.",
        "Explain using a pull-through sharpener, with no angles.",
        "A pull-through sharpener is the easiest option. Place it on a flat surface and hold it firmly. Draw the knife "
        "through the coarse slot from heel to tip, using gentle pressure, five or six times. Repeat in the fine slot to "
        "polish the edge. Wipe the blade clean, and test it on a sheet of paper.",
        "how to hone a kitchen knife",
        "Honing realigns the edge rather than removing metal. Hold a honing steel vertically with its tip on a board. Place "
        "the heel of the blade against the steel at about 15 to 20 degrees and sweep down and back to the tip. Do five "
        "strokes per side, alternating. Hone before each use.",
    ),
    (
        "what is sous vide cooking",
        "Mention equipment cost and whether a beginner needs it.",
        "Sous vide means sealing food in a bag and cooking it in a water bath held at a precise temperature, so it cooks "
        "evenly edge to edge. An immersion circulator costs about $80 to $200. A beginner does not need one: good results "
        "come from a thermometer and care, but it makes steak and eggs nearly foolproof.",
        "Explain the method without mentioning equipment or costs.",
        "Sous vide, French for under vacuum, means sealing food in a bag and cooking it slowly in water kept at the exact "
        "temperature you want the food to reach. A steak held at 55 °C can never overcook past medium-rare. Afterward, a "
        "quick sear in a hot pan adds a brown crust.",
        "what is a pressure cooker",
        "A pressure cooker seals steam inside a pot so the pressure rises and water boils at about 120 °C, cooking food "
        "much faster. Electric multi-cookers cost about $70 to $150. Beginners do not strictly need one, but it cooks beans "
        "and stews in a fraction of the time.",
    ),
    (
        "how to make guacamole",
        "Keep it mild for children, with no chilli or onion.",
        "For a mild guacamole children enjoy, mash 2 ripe avocados with a fork, leaving a little texture. Stir in the juice "
        "of half a lime, a pinch of salt and 1 finely chopped tomato with the seeds removed. A spoonful of plain yoghurt "
        "makes it creamier. Serve with breadsticks or cucumber sticks.",
        "Make it spicy, with fresh chilli and raw onion.",
        "For a punchy guacamole, mash 2 avocados with the juice of a lime and salt. Stir in 1 finely chopped jalapeño or "
        "serrano chilli with its seeds, half a finely diced red onion, a handful of chopped coriander and a chopped tomato. "
        "Taste and add more chilli if you dare. Serve with tortilla chips.",
        "how to make hummus",
        "For mild hummus children like, with no garlic or chilli, blend a drained tin of chickpeas with 2 tablespoons of "
        "tahini, the juice of half a lemon, a pinch of salt and 3 tablespoons of cold water until very smooth. Drizzle with "
        "olive oil and serve with carrot sticks.",
    ),
]
