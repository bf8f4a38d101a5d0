"""FollowIR-style demo content, part 1: gardening and music.

Hand-written by the infembed team (Apache-2.0). Each query has an og instruction and a stricter
changed instruction; docs are (title, text) pairs judged as relevant under both, og only (they
break exactly the changed requirement), or neither (on topic but not answering).
"""

QUERIES = {
    "gardening": [
        {
            "query": "how to get rid of aphids on plants",
            "og": "A relevant document explains a concrete method for removing or controlling aphids on garden or house plants.",
            "changed": "A relevant document explains a concrete method for removing or controlling aphids on garden or house plants. Documents that recommend synthetic chemical insecticides are not relevant.",
            "both": [
                ("Blast aphids off with water", "The simplest way to deal with an aphid colony is a firm spray of plain water from the hose, aimed at the undersides of leaves where the insects cluster. Repeat every two or three days for a week. Follow up by wiping stems with a damp cloth and encourage ladybirds and lacewings, which eat hundreds of aphids, by planting dill and yarrow nearby."),
                ("Soap spray for soft-bodied pests", "Mix one teaspoon of pure liquid castile soap into a litre of water and spray it directly onto aphids in the cool of the evening. The soap breaks down their soft outer layer and they dry out within hours. Rinse the plant the next morning so the leaves do not scorch, and repeat after five days to catch newly hatched nymphs."),
            ],
            "og_only": [
                ("Spraying roses with pyrethroids", "For a quick knockdown of aphids on ornamentals, a ready-to-use spray containing the synthetic pyrethroid lambda-cyhalothrin kills on contact and keeps working for up to two weeks. Spray in calm, dry weather, wear gloves and cover the undersides of the leaves thoroughly. Do not use it near ponds, as it is highly toxic to fish."),
                ("Systemic control for heavy aphid infestations", "When aphids cover roses or fruit trees, a systemic insecticide containing imidacloprid or acetamiprid gives the fastest result. Water the product into the soil around the roots according to the label and the plant carries it through its sap, killing aphids that feed for several weeks. Avoid spraying open flowers because these synthetic chemicals also harm bees."),
            ],
            "neither": [
                ("Why aphids love new growth", "Aphids are small sap-sucking insects that gather on tender shoot tips and flower buds in spring. Many species give birth to live young without mating, so a single female can found a colony of thousands in a few weeks. Ants often farm them for the sweet honeydew they excrete, which later turns black with sooty mould."),
            ],
        },
        {
            "query": "best soil mix for growing tomatoes",
            "og": "A relevant document recommends a soil or compost mix suitable for growing tomato plants and says what goes into it.",
            "changed": "A relevant document recommends a soil or compost mix suitable for growing tomato plants in containers or pots and says what goes into it. Advice only for in-ground garden beds is not relevant.",
            "both": [
                ("Potting mix for container tomatoes", "For tomatoes grown in pots, blend equal parts peat-free multipurpose compost, well-rotted garden compost and coarse perlite, then add a handful of slow-release organic fertiliser per twenty-litre container. The perlite keeps the mix from compacting as you water daily in summer. Use a pot of at least twenty litres per plant and never reuse last year's container soil without refreshing it."),
            ],
            "og_only": [
                ("Preparing a tomato bed in the ground", "Tomatoes thrive in an open garden bed dug deeply and enriched with plenty of organic matter. In autumn, spread five centimetres of manure or compost over the bed and fork it into the top spade's depth of native soil. A loamy soil with a pH around 6.5 suits them best; heavy clay should be lightened with grit before planting out in late spring."),
                ("Raised beds for tomatoes", "A permanent raised bed filled with sixty percent topsoil and forty percent compost gives tomatoes warm, well-drained roots. Build the bed directly on the ground so roots can reach the subsoil, and top it up each spring with a layer of compost. Rotate the tomato planting to a different bed every year to reduce blight and soil-borne wilt."),
            ],
            "neither": [
                ("Feeding tomatoes once they flower", "Once the first truss of flowers sets fruit, tomatoes need extra potassium. Feed them weekly with a liquid tomato fertiliser diluted according to the label, or with homemade comfrey tea. Too much nitrogen produces lush leaves but few fruits, so avoid general-purpose lawn or leafy feeds during the fruiting season."),
                ("Choosing tomato varieties", "Cherry tomatoes ripen quickly and forgive beginners, while large beefsteak types need a long warm season and careful support. Determinate varieties stop growing at a set height and crop all at once, which suits canning. Indeterminate varieties keep growing and producing until frost, so they need tall stakes and regular removal of side shoots."),
            ],
        },
        {
            "query": "when to prune rose bushes",
            "og": "A relevant document states when in the year rose bushes should be pruned.",
            "changed": "A relevant document states when in the year rose bushes should be pruned and explains why that timing matters. Documents about climbing or rambling roses are not relevant.",
            "both": [
                ("Late winter pruning of bush roses", "Hybrid tea and floribunda bush roses are best pruned in late winter, just as the buds begin to swell. Pruning earlier invites frost damage to fresh cuts, while waiting too long wastes the energy the plant has already put into new shoots. Cut each stem back to an outward-facing bud about a third of its height."),
            ],
            "og_only": [
                ("Autumn tidy-up for climbing roses", "After the last flowers fade in autumn, shorten the flowered side shoots on your climbing rose by two-thirds and tie in any long new stems before winter winds whip them about. This is the main annual prune for climbers. Leave hard pruning of bush roses for another time and deal only with the climbers now."),
                ("Pruning climbers and ramblers", "Climbing roses are pruned in autumn after flowering by tying the long main canes horizontally and shortening the side shoots to two or three buds. Rambling roses flower only on last year's wood, so prune them straight after their summer flush, removing a third of the oldest canes at the base so that new canes can replace them."),
            ],
            "neither": [
                ("Deadheading roses in summer", "Snipping off faded rose flowers during summer keeps the bush tidy and encourages a second flush of blooms. Cut just above the first leaf with five leaflets below the spent flower. Stop deadheading in early autumn so that the plant can form hips, which feed birds over winter and signal the bush to harden off."),
            ],
        },
        {
            "query": "starting a compost pile at home",
            "og": "A relevant document gives practical steps for starting a home compost pile or bin.",
            "changed": "A relevant document gives practical steps for starting a home compost pile or bin suitable for a small apartment balcony. Methods that need a garden or yard are not relevant.",
            "both": [
                ("Balcony composting in a bokashi bucket", "If you live in a flat, a sealed bokashi bucket fits under the sink or on a balcony. Layer kitchen scraps with a handful of bran inoculated with microbes, press them down and close the lid. Drain the liquid every few days. After two weeks the fermented contents can be added to a large planter of potting soil, where they break down fully."),
            ],
            "og_only": [
                ("A simple compost bin for the back garden", "Buy or build a plastic compost bin and stand it directly on bare soil in a sunny corner of the yard, so worms can move in from below. Add kitchen peelings, lawn mowings and shredded paper in roughly equal amounts, and keep the contents as damp as a wrung-out sponge. Compost is ready in nine to twelve months."),
                ("Building a three-bay compost heap", "Choose a level spot in the garden and build three bays from pallets. Fill the first with alternating layers of green material, such as grass clippings, and brown material, such as dry leaves and cardboard. Turn the heap into the next bay every few weeks to add air. Finished compost sits in the third bay, ready to dig into beds."),
            ],
            "neither": [
                ("What compost does for soil", "Compost improves soil structure by binding fine particles into crumbs, so clay drains better and sandy soil holds more water. It also feeds earthworms and soil microbes, which release nutrients slowly to plant roots. Gardeners often call it black gold because a few centimetres spread every year gradually transforms even poor ground."),
            ],
        },
        {
            "query": "low light houseplants that are easy care",
            "og": "A relevant document names houseplants that tolerate low light and are easy to look after.",
            "changed": "A relevant document names houseplants that tolerate low light and are easy to look after and are safe for cats and dogs. Documents recommending plants toxic to pets are not relevant.",
            "both": [
                ("Calathea and friends for shady rooms", "Prayer plants such as calatheas and marantas are happy in low light and are non-toxic to cats and dogs, so they are safe for homes with curious pets. Keep the soil slightly moist and mist the leaves in dry weather. The friendship plant, Pilea involucrata, is another pet-safe option for a dim bathroom."),
                ("Pet-safe plants for a dim room", "A cast iron plant, a parlour palm and a Boston fern all cope with a north-facing room and are listed as non-toxic to cats and dogs. Water them when the top few centimetres of soil feel dry and feed only twice a year. The spider plant is another forgiving choice that pets can nibble without harm."),
            ],
            "og_only": [
                ("Three almost unkillable shade plants", "The snake plant, the ZZ plant and golden pothos will grow in a dark corner and forgive weeks of neglect. Water them only when the soil has dried out completely. Keep them out of reach of cats and dogs, though: all three are toxic to pets and can cause vomiting and mouth irritation if chewed."),
            ],
            "neither": [
                ("Why houseplants drop leaves", "Sudden leaf drop in indoor plants usually follows a change in conditions, such as moving the pot, a cold draught from a window or a blast of dry air from a radiator. Overwatering is another common cause because waterlogged roots cannot take up oxygen. Check the roots before repotting or adding fertiliser."),
            ],
        },
        {
            "query": "how often to water succulents",
            "og": "A relevant document gives guidance on how often succulents should be watered.",
            "changed": "A relevant document gives guidance on how often succulents should be watered, including a specific interval in days or weeks. Vague advice without any number is not relevant.",
            "both": [
                ("A watering calendar for windowsill succulents", "On a sunny windowsill, most succulents in a ten-centimetre pot need water about once a week in summer and once every two to three weeks in spring and autumn. In winter, water roughly once a month. Use a pot with a drainage hole and gritty compost, and push a finger into the soil to confirm it is dry first."),
                ("Soak and dry for succulents", "Water succulents thoroughly, until water runs out of the drainage hole, and then leave them alone until the soil is completely dry. In a warm summer that usually means once every seven to ten days; in winter, when growth slows, once every three to four weeks is plenty. Never let the pot sit in a saucer of water."),
            ],
            "og_only": [
                ("Reading your succulent's leaves", "Rather than following a calendar, let the plant tell you when it needs a drink. Plump, firm leaves mean it is fine; slightly wrinkled or soft leaves mean it is thirsty. Water deeply and allow the soil to dry out before the next watering, and water less during the cooler, darker months when succulents rest."),
            ],
            "neither": [
                ("Propagating succulents from leaves", "Many succulents, such as echeveria and sedum, can be grown from a single leaf. Twist a healthy leaf cleanly from the stem, let the end callus over for a few days, then lay it on dry cactus mix. Tiny roots and a rosette appear after a few weeks, and the original leaf slowly shrivels as it feeds the new plant."),
            ],
        },
    ],
    "music": [
        {
            "query": "how to tune a guitar by ear",
            "og": "A relevant document explains a method for tuning a guitar by ear without relying on an electronic tuner.",
            "changed": "A relevant document explains a method for tuning a guitar by ear without relying on an electronic tuner, using harmonics. Documents that only use the fifth-fret method are not relevant.",
            "both": [
                ("Tuning with harmonics", "Lightly touch the low E string directly above the fifth fret and pluck it to sound a harmonic, then do the same on the A string above the seventh fret. The two bell-like tones should match; if you hear a slow wobble, turn the A peg until the beating disappears. Repeat the pattern across the strings, using the fourth and fifth fret harmonics for the B string."),
            ],
            "og_only": [
                ("Tuning to a piano or another instrument", "If you have a piano or keyboard nearby, play each note of standard tuning, E A D G B E, and tune the matching guitar string until the two sounds merge into one. Listen for the slow pulsing when the pitches are close and keep turning until it stops. This also works against a recording of the open strings."),
                ("The fifth-fret tuning method", "Once the low E string sounds right, press it at the fifth fret and play the open A string: both notes should be the same. Adjust the A string until they match, then repeat with the A string at the fifth fret to tune the D string, and so on. The only exception is the B string, which you tune from the G string at the fourth fret."),
            ],
            "neither": [
                ("Why guitars go out of tune", "New strings stretch for several days after they are fitted, so a freshly restrung guitar keeps drifting flat. Temperature and humidity changes also make the wooden neck move slightly. Worn nut slots can pinch the string and cause it to jump in pitch as you bend notes. Good tuning machines help, but stretching new strings is the quickest fix."),
            ],
        },
        {
            "query": "beginner piano practice routine",
            "og": "A relevant document suggests a structured practice routine for beginner piano students.",
            "changed": "A relevant document suggests a structured practice routine for adult beginner piano students that fits in thirty minutes or less per day. Routines for children or longer sessions are not relevant.",
            "both": [
                ("A 25-minute routine for adult beginners", "Adults starting piano with little spare time can make steady progress in twenty-five minutes a day. Spend five minutes on scales and finger exercises, ten minutes on the piece you are learning, hands separately first, five minutes on sight-reading a very easy page, and finish with five minutes playing something you already enjoy. Consistency matters more than length."),
            ],
            "og_only": [
                ("Making practice fun for young pianists", "Children aged six to nine practise best with a sticker chart and short games. Start with a warm-up song they love, then a few minutes on the new piece, then clapping rhythms. Parents should sit nearby and praise effort. Break practice into two ten-minute sessions if the child loses concentration, and end on a success."),
                ("The one-hour practice plan", "Serious beginners who can give an hour a day should split it into four blocks: fifteen minutes of technique, twenty-five minutes of repertoire, ten minutes of theory and ear training, and ten minutes of review. Taking a short break between blocks keeps the mind fresh and helps the hands absorb what they have learned."),
            ],
            "neither": [
                ("Digital piano or acoustic?", "A digital piano with weighted keys costs less than an acoustic upright, never needs tuning and lets you practise silently with headphones. An acoustic piano offers a richer tone and a more responsive touch, but it needs tuning twice a year and a stable room temperature. Many teachers accept either for the first years of lessons."),
            ],
        },
        {
            "query": "choosing a first violin size",
            "og": "A relevant document explains how to choose the right violin size for a player.",
            "changed": "A relevant document explains how to choose the right violin size for a player by giving arm-length measurements. Advice that relies only on age is not relevant.",
            "both": [
                ("Measuring for a violin", "Hold the left arm straight out with the palm up and measure from the side of the neck to the middle of the palm. A measurement of about 60 centimetres or more suits a full-size 4/4 violin, around 56 centimetres a 3/4, and about 51 centimetres a 1/2. A teacher can confirm the fit by checking the player can curl their fingers around the scroll."),
            ],
            "og_only": [
                ("Renting a violin for a growing child", "Most five year olds start on a 1/16 or 1/10 violin and move up a size roughly every eighteen months to two years. Because children grow so fast, music shops offer rent-to-own schemes that let you swap sizes and put the rent towards a full-size instrument when the child reaches about twelve."),
                ("Violin sizes by age", "As a rough rule, children aged four to six play a 1/10 or 1/8 violin, seven to eight year olds a 1/4, eight to ten year olds a 1/2, and eleven to twelve year olds a 3/4. Most players move to a full-size violin around the age of twelve. Renting lets a growing child change size without buying each time."),
            ],
            "neither": [
                ("Caring for a new violin", "Wipe rosin dust from the strings and top after each practice with a soft, dry cloth. Loosen the bow hair before putting it away so the stick keeps its curve. Store the violin in its case, away from radiators and sunny windows, and have a luthier check the bridge and soundpost once a year."),
            ],
        },
        {
            "query": "home recording setup for vocals",
            "og": "A relevant document describes equipment needed to record vocals at home.",
            "changed": "A relevant document describes equipment needed to record vocals at home and gives a total budget under 300 dollars. Documents describing setups with no price or a higher budget are not relevant.",
            "both": [
                ("A vocal recording kit for under $300", "You can record clean vocals at home for about 250 dollars: a large-diaphragm condenser microphone at around 100 dollars, a two-input USB audio interface for 110 dollars, a pop filter and a stand for 25 dollars, and closed-back headphones from a budget range. Free recording software is enough to start. Hang blankets behind you to reduce room echo."),
            ],
            "og_only": [
                ("Treating a room for vocal recording", "A good vocal recording needs a quiet, dead-sounding room more than expensive gear. Record in a small room full of soft furnishings, or build a vocal booth from a clothes rail and heavy moving blankets. Use a cardioid condenser microphone, a pop shield and an audio interface, and keep the microphone away from walls."),
                ("Building a pro vocal chain", "For a professional vocal sound at home, pair a high-end condenser microphone with a dedicated preamp and an interface with excellent converters. Add acoustic panels and a reflection filter, plus studio monitors. Expect to spend around 2,500 dollars on the full chain, with the microphone and preamp making the biggest difference to the sound."),
            ],
            "neither": [
                ("Warming up your voice", "Before singing, spend ten minutes on lip trills, gentle humming and sirens that glide from low to high notes. These exercises relax the throat and bring the breath under control. Drink room-temperature water rather than cold drinks and avoid shouting before a session. A warmed-up voice records with fewer cracks and a steadier tone."),
            ],
        },
        {
            "query": "learn to read sheet music quickly",
            "og": "A relevant document gives tips or a method for learning to read standard music notation.",
            "changed": "A relevant document gives tips or a method for learning to read standard music notation in the bass clef specifically. Documents covering only the treble clef are not relevant.",
            "both": [
                ("Grand staff reading for pianists", "Pianists read two clefs at once, so practise the bass clef as seriously as the treble. Learn the bass clef lines from the bottom, G, B, D, F and A, and the spaces A, C, E and G. Play the left hand alone on easy pieces, saying note names aloud, and use interval reading to move between notes."),
                ("Bass clef landmarks", "Learn the bass clef from a few landmark notes instead of memorising every line. The two dots of the clef surround the F line, the top line is A and the middle C sits on a ledger line just above the staff. Read other notes as steps from the nearest landmark, and practise with bass lines from simple songs every day."),
            ],
            "og_only": [
                ("Treble clef made easy", "The lines of the treble clef from bottom to top are E, G, B, D and F, often remembered as Every Good Boy Deserves Fruit. The spaces spell FACE. Start by recognising these, then practise short melodies in the treble clef each day, naming the notes aloud before playing them. Flashcard apps help build speed within a couple of weeks."),
            ],
            "neither": [
                ("A short history of notation", "Medieval monks wrote chant with neumes, small marks above the words that showed the shape of a melody but not exact pitches. Staff lines were added in the eleventh century, attributed to Guido of Arezzo, so singers could read pitch precisely. Modern note shapes and time signatures settled only in the seventeenth century."),
            ],
        },
    ],
}

DISTRACTORS = {
    "gardening": [
        ("Mulching paths with bark", "Bark chippings make soft, natural paths between vegetable beds. Lay a sheet of cardboard first to smother weeds, then spread the chips about eight centimetres deep. They slowly rot down, so top them up every second spring. Old path material can be raked onto the beds as a soil conditioner once it has broken down."),
        ("Saving seeds from beans", "Leave a few bean pods on the plant until they turn brown and papery and the seeds rattle inside. Pick them on a dry day, shell them and spread the seeds on a tray indoors for two weeks. Store the dry seeds in a labelled paper envelope in a cool, dark cupboard, and they will stay viable for several years."),
        ("Attracting pollinators to a garden", "A garden that flowers from early spring to late autumn keeps bees and hoverflies fed all season. Plant crocus and pussy willow for spring, lavender and borage for summer, and ivy and asters for autumn. Leave a patch of long grass and a shallow dish of water with pebbles so insects can drink safely."),
    ],
    "music": [
        ("Caring for a drum kit", "Wipe cymbals with a soft cloth after playing, and clean them only occasionally with a dedicated cleaner because the lathing marks shape the sound. Check the tension rods on each drum and lubricate them once a year. Replace batter heads when they lose their ring or become dented, usually every few months for busy drummers."),
        ("Understanding time signatures", "A time signature tells you how beats are grouped in each bar. The top number gives the number of beats and the bottom number gives the note value of one beat, so 3/4 means three quarter-note beats per bar, the feel of a waltz. Compound signatures such as 6/8 group the beats in threes, giving a lilting, swinging pulse."),
        ("Choosing ukulele strings", "Most ukuleles come with nylon strings, but fluorocarbon strings give a brighter, louder tone and hold their tuning better. A low-G string replaces the usual high G to extend the range downwards, which suits fingerstyle arrangements. New strings take a few days to settle, so tune frequently after restringing."),
    ],
}
