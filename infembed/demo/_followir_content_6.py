"""FollowIR-style demo content, part 6: parenting, visual arts and crafts.

Hand-written by the infembed team (Apache-2.0). Same structure as part 1.
"""

QUERIES = {
    "parenting": [
        {
            "query": "how to get a toddler to sleep",
            "og": "A relevant document gives practical advice for helping a toddler fall asleep and sleep through the night.",
            "changed": "A relevant document gives practical advice for helping a toddler fall asleep and sleep through the night without any cry-it-out or controlled crying method. Advice that involves leaving the child to cry is not relevant.",
            "both": [
                ("A gentle bedtime for toddlers", "Keep the same calm routine every night: bath, pyjamas, two books and a song, with lights dimmed an hour before bed. If your toddler calls out, go in, reassure them briefly and sit quietly by the bed, moving the chair a little closer to the door every few nights. This gradual retreat teaches them to settle while knowing you are near."),
            ],
            "og_only": [
                ("Controlled crying for toddlers", "With controlled crying, you put your toddler to bed awake, say goodnight and leave the room. If they cry, wait two minutes before going back briefly to reassure them without picking them up, then leave again, extending the wait to four, six and ten minutes. Most families see results within a week if they stay consistent."),
            ],
            "neither": [
                ("How much sleep do toddlers need?", "Children aged one to two need about eleven to fourteen hours of sleep in twenty-four hours, including one or two daytime naps. By age three most need ten to thirteen hours, and many drop the nap altogether. Too little sleep often shows up as tantrums and hyperactivity rather than obvious tiredness."),
                ("Moving from cot to bed", "Most children move from a cot to a bed between eighteen months and three and a half years, often when they start climbing out. A low bed with a guard rail reduces falls. Let your child choose the bedding to build excitement, and avoid making the switch at the same time as a new sibling arrives."),
            ],
        },
        {
            "query": "healthy lunchbox ideas for kids",
            "og": "A relevant document suggests healthy foods to pack in a child's school lunchbox.",
            "changed": "A relevant document suggests healthy foods to pack in a child's school lunchbox that are completely nut-free for schools with allergy policies. Suggestions containing nuts or nut butters are not relevant.",
            "both": [
                ("Nut-free lunchboxes kids enjoy", "For nut-free schools, try wholemeal wraps with hummus and grated carrot, cheese and cucumber sandwiches, or pasta salad with sweetcorn and tuna. Add a box of berries, a yoghurt pot and some sunflower seed crackers for crunch. Sunflower seed butter is a safe swap for peanut butter. Always check snack bar labels for may-contain warnings."),
            ],
            "og_only": [
                ("Energy-packed lunchboxes", "A peanut butter and banana sandwich on wholegrain bread gives protein and slow-release energy for the afternoon. Add a handful of almonds and raisins, some apple slices with a small pot of almond butter to dip, and a bottle of water. Swap crisps for air-popped popcorn and sweets for a homemade oat and walnut bar."),
            ],
            "neither": [
                ("Choosing a lunchbox", "Bento-style lunchboxes with separate compartments keep wet and dry foods apart and cut down on plastic wrap. Insulated bags with an ice pack keep yoghurt and sandwiches cool until lunchtime. Choose one your child can open without help, and label it clearly, because identical boxes are easily mixed up."),
            ],
        },
        {
            "query": "limiting screen time for children",
            "og": "A relevant document gives advice on how parents can manage or limit their children's screen time.",
            "changed": "A relevant document gives advice on how parents can manage or limit their children's screen time for teenagers aged thirteen to seventeen. Advice aimed at toddlers or young children is not relevant.",
            "both": [
                ("Screen rules that teenagers accept", "With teenagers, agree screen rules together rather than imposing them. Discuss why phones stay out of bedrooms after ten at night and negotiate times for homework and gaming. Parental controls work less well at this age, so focus on trust and model good habits yourself. Review the agreement every few months as your teen gets older."),
            ],
            "og_only": [
                ("Screens and the under-fives", "Health guidance suggests no screen time for children under two apart from video calls with family, and no more than an hour a day of good-quality programmes for two to five year olds. Watch with your young child and talk about what you see, and keep screens off during meals and the hour before bed."),
            ],
            "neither": [
                ("Blue light and sleep", "Screens emit blue light, which can suppress melatonin, the hormone that tells the body it is time to sleep. Night modes reduce the blue light but may matter less than the stimulating content itself. Bright morning daylight helps set the body clock and can offset some effects of evening screens."),
            ],
        },
        {
            "query": "dealing with toddler tantrums in public",
            "og": "A relevant document gives strategies for handling a toddler's tantrum when out in public.",
            "changed": "A relevant document gives strategies for handling a toddler's tantrum when out in public and explains how to prevent tantrums before the outing. Documents covering only what to do during the tantrum are not relevant.",
            "both": [
                ("Before and during a supermarket meltdown", "Most public tantrums can be headed off: shop after a nap and a snack, keep trips short and give your toddler a job, like holding the list. Explain in advance what you will and will not buy. If a tantrum starts anyway, stay calm, move somewhere quieter, name the feeling and wait it out without giving in."),
            ],
            "og_only": [
                ("Riding out the storm", "When your toddler collapses in a shop, crouch down, speak quietly and keep them safe. Ignore the stares; most parents watching have been there. Do not argue or bargain mid-tantrum. Offer a hug when the crying eases, then carry on calmly. Giving the sweet they screamed for teaches them that tantrums work."),
            ],
            "neither": [
                ("Why toddlers have tantrums", "Tantrums peak between eighteen months and three years, when children want independence but lack the words and self-control to handle frustration. The part of the brain that regulates emotion develops slowly. Tantrums are a normal stage and usually become less frequent as language skills grow."),
            ],
        },
        {
            "query": "teaching kids to ride a bike",
            "og": "A relevant document explains how to teach a child to ride a bicycle.",
            "changed": "A relevant document explains how to teach a child to ride a bicycle using a balance bike or by removing the pedals first. Methods using stabilisers or training wheels are not relevant.",
            "both": [
                ("The pedals-off method", "Take the pedals off your child's bike and lower the saddle so both feet rest flat on the ground. Let them scoot along a gentle grassy slope, lifting their feet for longer glides as balance improves. After a few sessions, refit the pedals and they usually ride off within minutes. Children who started on a balance bike often skip this step."),
            ],
            "og_only": [
                ("Starting with stabilisers", "Fit stabilisers, also called training wheels, so your child can practise pedalling and steering without falling. Raise them a little every week so the bike leans and the child starts to balance. When they can ride confidently around corners, remove the stabilisers and run alongside holding the saddle for the first tries."),
            ],
            "neither": [
                ("Children's bike sizes", "Children's bikes are sized by wheel diameter rather than frame. Most three to five year olds fit a 12 or 14 inch wheel, five to eight year olds a 16 or 20 inch, and older children a 24 inch. The child should be able to touch the ground with the balls of both feet when seated. A light frame makes learning easier."),
            ],
        },
    ],
    "arts_crafts": [
        {
            "query": "watercolor painting techniques for beginners",
            "og": "A relevant document explains basic watercolour painting techniques for beginners.",
            "changed": "A relevant document explains basic watercolour painting techniques for beginners, including the wet-on-wet technique. Documents that do not cover wet-on-wet are not relevant.",
            "both": [
                ("Wet-on-wet and flat washes", "Start with a flat wash: tilt the paper slightly and pull a loaded brush across in overlapping strokes. Then try wet-on-wet by brushing clean water on the paper and dropping colour into it, watching the pigment bloom and blend softly, perfect for skies. Use heavy 300 gram cotton paper so it does not buckle."),
            ],
            "og_only": [
                ("Dry brush and layering", "Beginners learn control fastest by painting on dry paper. Lay down a pale layer, let it dry completely and glaze a darker layer on top to build depth. Drag an almost dry brush across rough paper for sparkling texture on water or bark. Leave white paper for highlights, since watercolour has no white paint."),
            ],
            "neither": [
                ("Choosing watercolour paints", "Artist-quality watercolours contain more pigment and less filler than student ranges, giving brighter, more lightfast colours. Pans are convenient for travel, while tubes suit large washes. A starter palette of a warm and cool version of each primary colour lets you mix almost any hue."),
            ],
        },
        {
            "query": "how to start knitting a scarf",
            "og": "A relevant document explains how a beginner can knit a scarf.",
            "changed": "A relevant document explains how a beginner can knit a scarf and specifies the needle size and yarn weight to use. Documents without those specifications are not relevant.",
            "both": [
                ("A first scarf in garter stitch", "For your first scarf, use chunky weight yarn and 8 millimetre needles, which knit up quickly and show each stitch clearly. Cast on 20 stitches and knit every row to make garter stitch, which lies flat and does not curl. Continue until the scarf is about 150 centimetres long, then cast off loosely and weave in the ends."),
            ],
            "og_only": [
                ("Learning to knit with a scarf", "A scarf is the classic beginner project because it is just a long rectangle. Learn the long-tail cast on, then practise the knit stitch row after row. Count your stitches at the end of each row to catch dropped stitches early. When it is long enough, cast off and sew the tails into the back."),
            ],
            "neither": [
                ("The history of knitting", "The oldest known knitted items are cotton socks from Egypt dating to around the eleventh century. Knitting spread through Europe in the Middle Ages, and knitting guilds controlled the craft. Hand knitting became a popular pastime in the nineteenth century, and wartime campaigns asked people to knit for soldiers."),
            ],
        },
        {
            "query": "making pottery at home without a kiln",
            "og": "A relevant document explains how to make pottery or clay objects at home when you do not have a kiln.",
            "changed": "A relevant document explains how to make pottery or clay objects at home when you do not have a kiln, and the objects can be used for food or drink. Methods whose results are decorative only and not food-safe are not relevant.",
            "both": [
                ("Pit firing for usable pots", "Without a kiln, you can still fire real stoneware clay in a backyard pit. Dry the pots for a week, bed them in sawdust in a pit and build a long, hot wood fire over them. Pit firing reaches temperatures that vitrify low-fire clay enough for dry foods. For liquids, seal the inside with a food-safe beeswax coating."),
            ],
            "og_only": [
                ("Air-dry clay projects", "Air-dry clay hardens at room temperature in a day or two, so no kiln is needed. It is ideal for trinket dishes, ornaments and plant pot covers. Seal the finished piece with acrylic varnish. Note that air-dry clay is not waterproof or food-safe, so never use it for mugs, plates or anything that holds drink."),
                ("Oven-bake polymer clay", "Polymer clay bakes hard in a home oven at about 130 degrees in fifteen to thirty minutes. It comes in bright colours and is perfect for beads, figurines and jewellery. Keep it away from food: use a separate baking tray, and do not make cups or plates from polymer clay, as it is not food-safe."),
            ],
            "neither": [
                ("Wedging clay", "Before throwing or hand-building, clay needs wedging to remove air bubbles and make its texture even. Push the clay away with the heels of your hands and roll it back in a spiral or ram's head motion, about fifty times. Air pockets left in the clay can make pieces crack or explode in a firing."),
            ],
        },
        {
            "query": "how to draw realistic portraits with pencil",
            "og": "A relevant document gives techniques for drawing realistic portraits of faces with pencil.",
            "changed": "A relevant document gives techniques for drawing realistic portraits of faces with pencil, including the standard proportions of the face. Documents without facial proportions are not relevant.",
            "both": [
                ("Facial proportions for portraits", "Start with an oval and a vertical centre line. The eyes sit halfway down the head, and the space between them is one eye width. The bottom of the nose sits halfway between the eyes and the chin, and the mouth a third of the way from nose to chin. Block in these guides lightly with a 2H pencil before shading with softer leads."),
            ],
            "og_only": [
                ("Shading skin with graphite", "Realistic skin comes from smooth tonal transitions. Build tone in light layers with an HB pencil, moving to 2B and 4B for shadows around the eyes and under the chin. Blend with a paper stump, and lift highlights on the nose and lips with a kneaded eraser. Keep the darkest darks for the pupils and nostrils."),
            ],
            "neither": [
                ("Pencil grades explained", "Pencils are graded on a scale from hard H leads to soft B leads. A 4H makes faint, crisp lines suited to technical drawing, HB is the everyday middle, and 6B to 9B give rich, dark strokes that smudge easily. The hardness depends on the ratio of clay to graphite in the lead."),
            ],
        },
        {
            "query": "easy crafts to make with recycled materials",
            "og": "A relevant document describes craft projects made from recycled or household waste materials.",
            "changed": "A relevant document describes craft projects made from recycled or household waste materials that need no glue gun or sharp tools, so young children can make them. Projects requiring a hot glue gun or craft knife are not relevant.",
            "both": [
                ("Child-safe junk modelling", "Toilet roll tubes, cereal boxes and egg cartons become rockets, castles and caterpillars with nothing more than child-safe scissors, PVA glue, masking tape and paint. Let preschoolers choose their boxes and stick them together however they like. Bottle tops make great wheels and eyes when pressed into play dough or glued with PVA."),
            ],
            "og_only": [
                ("Upcycled glass jar lanterns", "Turn empty jam jars into hanging lanterns by wrapping wire around the neck to make a handle. Cut patterns from old tin cans with a craft knife and attach them with a hot glue gun, then add a tea light. This is an adult project, as the sharp tin edges and hot glue can burn or cut."),
            ],
            "neither": [
                ("What can be recycled?", "Most councils collect paper, cardboard, glass bottles and jars, metal cans and plastic bottles for recycling, but rules vary. Greasy pizza boxes, plastic film and broken glassware often cannot be recycled. Rinse containers before putting them in the bin, and check your local website if unsure."),
            ],
        },
    ],
}

DISTRACTORS = {
    "parenting": [
        ("Starting solid food", "Most babies are ready for solid food around six months, when they can sit up with support and show interest in what you eat. Start with soft vegetables, fruit and iron-rich foods, offered on a spoon or as finger food. Never leave a baby alone while eating, and avoid honey until their first birthday."),
        ("Pocket money for children", "Pocket money teaches children to manage money early. Some families give a fixed weekly sum from age five or six, while others link part of it to chores. Encourage saving by matching money put aside for a bigger goal, and let children make small mistakes with spending while the stakes are low."),
        ("Sibling rivalry", "Arguments between siblings are normal and can teach negotiation. Avoid comparing children or taking sides, spend some one-to-one time with each child every week, and give them tools to solve disputes, such as taking turns with a timer. Step in only when fights become physical or cruel."),
        ("Reading aloud to older children", "Reading aloud does not have to stop when children can read alone. Sharing longer books with eight to twelve year olds builds vocabulary, exposes them to stories above their own reading level and gives you time together. Let them choose some books and take turns reading chapters."),
    ],
    "arts_crafts": [
        ("Stretching a canvas", "Cut the canvas about eight centimetres larger than the stretcher frame on every side. Staple the middle of each side first, pulling the canvas taut with canvas pliers, then work outwards towards the corners, alternating sides. Fold the corners neatly like a hospital bed and apply two coats of gesso before painting."),
        ("Colour theory basics", "Complementary colours sit opposite each other on the colour wheel, such as blue and orange, and make each other look brighter when placed side by side. Analogous colours sit next to each other and create calm harmony. Mixing a colour with its complement greys it down, which is useful for natural shadows."),
        ("Calligraphy pens", "Beginners in modern calligraphy often start with brush pens, which vary line thickness with pressure. Traditional pointed pens use a flexible nib dipped in ink and need smooth paper that does not bleed. Broad-edged nibs create thick and thin strokes by angle rather than pressure, suited to italic and gothic scripts."),
        ("Embroidery hoop tips", "An embroidery hoop holds fabric taut so stitches stay even. Loosen the screw, place the fabric over the inner ring, press the outer ring on top and tighten while gently pulling the fabric drum-tight. Remove the hoop when you stop stitching for the day to avoid permanent creases."),
    ],
}
