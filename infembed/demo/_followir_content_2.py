"""FollowIR-style demo content, part 2: sports and fitness, pets and animal care.

Hand-written by the infembed team (Apache-2.0). Same structure as part 1.
"""

QUERIES = {
    "sports_fitness": [
        {
            "query": "couch to 5k running plan",
            "og": "A relevant document describes a training plan that takes a non-runner to running five kilometres.",
            "changed": "A relevant document describes a training plan that takes a non-runner to running five kilometres in six weeks or less. Plans lasting longer than six weeks are not relevant.",
            "both": [
                ("A six-week path to 5K", "This plan gets beginners running five kilometres in six weeks with three sessions a week. Week one alternates one minute of jogging with ninety seconds of walking for twenty minutes. Each week the running blocks grow, reaching ten minutes by week four and a continuous thirty-minute run in week six. Rest days between sessions are essential."),
            ],
            "og_only": [
                ("An eight-week beginner running plan", "Over eight weeks this schedule turns walkers into runners. Weeks one and two alternate two minutes of running with two of walking. Each week adds a minute of running until week eight, when you run the full five kilometres without a break. Run three days a week, never on consecutive days, and repeat a week if it felt too hard."),
                ("The gentle nine-week 5K programme", "Designed for complete beginners, this nine-week programme builds up slowly to avoid shin splints. You run three times a week, starting with sixty seconds of jogging and ninety seconds of walking. By week five you jog for twenty minutes without stopping, and by the end of week nine you can run for thirty minutes, roughly five kilometres."),
            ],
            "neither": [
                ("Choosing running shoes", "A running shop can film you on a treadmill to see how your foot lands and suggest neutral or stability shoes. Buy shoes in the afternoon when your feet are slightly swollen, and leave a thumb's width of space at the toe. Replace them after about 700 kilometres, when the cushioning starts to feel flat."),
            ],
        },
        {
            "query": "exercises to strengthen lower back",
            "og": "A relevant document describes specific exercises that strengthen the muscles of the lower back.",
            "changed": "A relevant document describes specific exercises that strengthen the muscles of the lower back and that need no equipment at all. Exercises that use weights, machines or bands are not relevant.",
            "both": [
                ("Planks and dead bugs for core strength", "A strong core protects the lower back, and you need nothing but the floor. Hold a forearm plank for twenty to forty seconds, keeping the hips level. Then lie on your back with arms and knees raised and slowly lower the opposite arm and leg, the dead bug, pressing the lower back into the floor. Three rounds take ten minutes."),
                ("Bodyweight moves for a stronger back", "You can strengthen your lower back on a mat with no equipment. Try the bird dog: on hands and knees, extend the opposite arm and leg and hold for five seconds. Add glute bridges, lifting the hips until the body forms a straight line, and the superman, raising arms and legs off the floor while lying face down. Do ten slow repetitions of each."),
            ],
            "og_only": [
                ("Gym exercises for the lower back", "Deadlifts with a light barbell teach the hips to hinge while the spine stays neutral, which builds the spinal erectors. Back extensions on a Roman chair and cable pull-throughs add volume without heavy loading. Start with weights you can lift fifteen times with good form, and increase the load by small steps each week."),
            ],
            "neither": [
                ("When back pain needs a doctor", "Most lower back pain settles within a few weeks with gentle movement. See a doctor promptly, however, if pain follows a fall, spreads down both legs, or comes with numbness around the groin or problems controlling the bladder. These signs can point to nerve compression that needs urgent assessment rather than exercise."),
            ],
        },
        {
            "query": "improve swimming freestyle breathing technique",
            "og": "A relevant document gives advice on how to breathe correctly while swimming front crawl.",
            "changed": "A relevant document gives advice on how to breathe correctly while swimming front crawl, including bilateral breathing every three strokes. Advice that only covers breathing to one side is not relevant.",
            "both": [
                ("Learning to breathe both sides", "Breathing every three strokes alternates the side you breathe to, which keeps your stroke symmetrical and helps you swim straight. Exhale steadily through your nose and mouth while your face is in the water, so you only need to inhale when you turn. Roll your body rather than lifting your head, keeping one goggle in the water."),
            ],
            "og_only": [
                ("Mastering one-sided breathing", "Many swimmers breathe to their stronger side every two strokes, which gives more oxygen during hard sets. Turn your head with the body roll as your arm on that side pulls back, and keep the other ear in the water. Exhale fully underwater so the inhale is quick. Practise with a kickboard until the turn feels natural."),
            ],
            "neither": [
                ("Freestyle kick drills", "A steady flutter kick keeps your legs high in the water and reduces drag. Kick from the hips with relaxed ankles and only a small knee bend. Practise with a kickboard for lengths at a time, then on your side with one arm extended. Short fins help swimmers with stiff ankles feel the right movement."),
                ("Choosing swimming goggles", "Good goggles seal around the eye sockets without the strap pulled tight. Press them to your face without the strap: if they stay for a second, the fit is right. Tinted or mirrored lenses suit outdoor swimming in bright sun, while clear lenses work best in indoor pools. Rinse them in fresh water after every swim."),
            ],
        },
        {
            "query": "how to prevent injuries in football",
            "og": "A relevant document gives practical ways to reduce the risk of injury for people playing football (soccer).",
            "changed": "A relevant document gives practical ways to reduce the risk of injury for people playing football (soccer) aimed at youth players under 16. Advice for adult or professional players is not relevant.",
            "both": [
                ("Keeping young footballers injury-free", "Coaches of under-12 and under-14 teams can cut injuries by starting every session with a structured warm-up of jogging, dynamic stretches and balance drills. Growing children should not play more matches than their age in hours per week, and should rest during growth spurts when knee and heel pain is common. Shin pads that fit properly are essential."),
            ],
            "og_only": [
                ("Protecting adult amateur players", "Sunday league players in their thirties and forties are prone to calf and hamstring strains because they play hard once a week without training. Warm up for ten minutes, do a few sprints before kick-off, and add two short strength sessions during the week. Older adult players should also replace worn boots that no longer grip."),
                ("Injury prevention in the professional game", "Elite clubs use GPS trackers to monitor each player's workload and reduce training when the numbers spike. Nordic hamstring curls twice a week cut hamstring strains among senior players by half in several studies. Recovery sessions with ice baths and sleep monitoring help adults cope with two matches a week."),
            ],
            "neither": [
                ("The offside rule explained", "A player is in an offside position if any part of their head, body or feet is nearer to the opponents' goal line than both the ball and the second-last defender when the ball is played to them. Being in that position is not an offence by itself; it becomes one only if the player becomes involved in active play."),
            ],
        },
        {
            "query": "stretching routine after weight training",
            "og": "A relevant document gives a stretching routine to do after a weight training session.",
            "changed": "A relevant document gives a stretching routine to do after a weight training session that lasts no longer than ten minutes. Routines that take longer are not relevant.",
            "both": [
                ("A ten-minute post-lifting stretch", "Finish your weights session with this ten-minute routine. Hold each stretch for thirty seconds on each side: standing quad stretch, seated hamstring reach, kneeling hip flexor lunge, doorway chest stretch, overhead triceps stretch and child's pose for the back. Breathe slowly and never bounce. The whole sequence fits comfortably into the last ten minutes."),
            ],
            "og_only": [
                ("A full-body cooldown after lifting", "After heavy lifting, take thirty minutes to cool down properly. Begin with five minutes of easy cycling, then spend twenty minutes moving through long-held stretches for hamstrings, hips, chest, shoulders and back, holding each for up to ninety seconds. Finish with five minutes of foam rolling on the quads and upper back."),
            ],
            "neither": [
                ("Should you stretch before lifting?", "Long static stretches right before heavy lifting may slightly reduce strength for a short time. A dynamic warm-up works better: leg swings, arm circles, bodyweight squats and a few light sets of the first exercise. Save long-held stretches for after the session or a separate mobility day."),
                ("How many sets build muscle", "Research suggests that ten to twenty hard sets per muscle group each week is enough for most people to build muscle. Sets should end close to failure, within one to three repetitions of it. Split the sets across two or three sessions a week rather than doing them all on one day, and add weight gradually."),
            ],
        },
    ],
    "pets": [
        {
            "query": "how to house train a puppy",
            "og": "A relevant document explains how to toilet train a puppy so it stops soiling indoors.",
            "changed": "A relevant document explains how to toilet train a puppy so it stops soiling indoors without using crate training. Methods that rely on a crate are not relevant.",
            "both": [
                ("Puppy toilet training with a schedule", "Take your puppy outside every two hours, after every meal, nap and play session, and always to the same spot. Praise and reward the moment it finishes. Keep the puppy in a small gated area of the kitchen when you cannot watch it, with newspaper in one corner, and clean accidents with an enzyme cleaner so the smell does not draw it back."),
            ],
            "og_only": [
                ("Overnight crate routine", "Place the crate next to your bed for the first weeks so you hear when your puppy wakes at night. Carry it straight out to the garden, wait quietly until it goes and put it back in the crate without play. Using the crate overnight speeds house training because the puppy learns to hold on until you open the door."),
                ("Crate training for clean puppies", "Dogs avoid soiling where they sleep, so a crate just big enough to stand and turn in is a powerful toilet training tool. Put the puppy in the crate when you cannot supervise, then carry it straight outside when you let it out. Most puppies learn to hold on for a few hours within two weeks of crate training."),
            ],
            "neither": [
                ("Socialising a new puppy", "Between about three and twelve weeks of age, puppies learn what is normal in their world. Gently introduce yours to different people, friendly vaccinated dogs, traffic noise, vacuum cleaners and car journeys. Keep every experience short and positive, with treats, so the puppy grows into a confident adult dog."),
            ],
        },
        {
            "query": "what to feed a pet rabbit",
            "og": "A relevant document describes what a healthy diet for a pet rabbit consists of.",
            "changed": "A relevant document describes what a healthy diet for a pet rabbit consists of and gives daily quantities. Documents that list foods without any amounts are not relevant.",
            "both": [
                ("Daily rations for a house rabbit", "An adult rabbit should have unlimited fresh hay, a pile roughly the size of its own body each day. Add a cupful of leafy greens per kilogram of body weight, such as romaine lettuce, parsley and kale, and one tablespoon of plain pellets per kilogram. Carrots and fruit are treats, no more than a teaspoon a day."),
            ],
            "og_only": [
                ("The rabbit food pyramid", "Hay is the foundation of a rabbit's diet, wearing down the teeth and keeping the gut moving. Fresh leafy greens come next, followed by a small amount of high-fibre pellets. Fruit and root vegetables should only be occasional treats, and muesli-style mixes are best avoided because rabbits pick out the sugary bits."),
            ],
            "neither": [
                ("Rabbit teeth problems", "Rabbit teeth grow continuously, around two millimetres a week. If they do not wear down evenly, sharp spurs form and cut the cheeks and tongue. Drooling, dropping food and weight loss are warning signs. A vet can file or trim overgrown teeth under sedation, and regular checks catch problems early."),
                ("Signs of a happy rabbit", "A relaxed rabbit flops onto its side, stretches out its back legs and may grind its teeth softly, a sound like purring. Jumping and twisting in the air, called a binky, shows pure joy. Rabbits that thump their hind feet are alarmed, while a hunched posture with half-closed eyes can signal pain."),
            ],
        },
        {
            "query": "setting up a freshwater aquarium for beginners",
            "og": "A relevant document explains how a beginner should set up a new freshwater aquarium.",
            "changed": "A relevant document explains how a beginner should set up a new freshwater aquarium, including cycling the tank before adding fish. Guides that add fish on the first day are not relevant.",
            "both": [
                ("Cycle first, fish later", "Rinse the gravel, fit the filter and heater, and fill the tank with dechlorinated water. Then run it empty for four to six weeks while beneficial bacteria grow in the filter, feeding them with a pinch of fish food every few days. Test the water: when ammonia and nitrite both read zero, add a few hardy fish."),
            ],
            "og_only": [
                ("Instant tank setup with bottled bacteria", "Modern bottled bacteria products claim to make fishless cycling unnecessary. Set up the tank, add the dechlorinator and a full dose of bacteria, and introduce your first small group of fish the same afternoon. Test the water daily for the first two weeks and do partial water changes if ammonia appears."),
                ("Your first tank in a weekend", "Place the tank on a level stand away from windows, add washed gravel, plants and decorations, then fill it with water treated with a dechlorinator. Switch on the filter and heater and add a bottle of live bacteria starter. After a few hours, float the bag of fish for fifteen minutes and release them the same day."),
            ],
            "neither": [
                ("Why goldfish need big tanks", "Common goldfish can grow to twenty centimetres or more and produce a lot of waste, so a small bowl quickly becomes toxic. Fancy goldfish need at least 75 litres for the first fish, and outdoor pond types are better kept in ponds. They also prefer cooler water than tropical fish and do not need a heater."),
            ],
        },
        {
            "query": "cat scratching furniture how to stop",
            "og": "A relevant document gives ways to stop a cat from scratching furniture.",
            "changed": "A relevant document gives ways to stop a cat from scratching furniture without declawing or any form of punishment. Advice that recommends declawing, spraying water at the cat or other punishment is not relevant.",
            "both": [
                ("Scratchers in the right places", "Cats often scratch when they wake up, so put a horizontal cardboard scratcher next to their bed and a vertical post by the door they use most. Try different materials, as some cats prefer carpet and others sisal rope. Trim their claws every couple of weeks and praise them warmly when they choose the scratcher over the sofa."),
                ("Redirecting your cat's claws", "Cats scratch to stretch, mark territory and keep their claws healthy, so give them a better option. Place a tall, sturdy sisal post right next to the sofa they favour and rub catnip on it. Reward them with a treat when they use it. Cover the sofa corners with double-sided tape for a few weeks until the habit moves."),
            ],
            "og_only": [
                ("Quick fixes for furniture scratchers", "Keep a spray bottle of water handy and squirt the cat whenever it starts scratching the couch; most cats learn within days. A loud clap or a shake of a can of coins also startles them away. In persistent cases some owners consider declawing surgery, although many vets now refuse to perform it."),
            ],
            "neither": [
                ("How to trim a cat's claws", "Hold your cat gently on your lap and press a paw pad to extend the claws. Clip only the sharp, clear tip, staying well away from the pink quick, which contains nerves and blood vessels. Do one or two claws at a time if the cat is nervous, and reward it afterwards. Trimming every two weeks is usually enough."),
            ],
        },
        {
            "query": "how often should dogs be bathed",
            "og": "A relevant document gives guidance on how often a pet dog should be bathed.",
            "changed": "A relevant document gives guidance on how often a pet dog should be bathed, specifically for dogs with long or double coats. Guidance for short-haired dogs is not relevant.",
            "both": [
                ("Bathing long-coated and double-coated breeds", "Dogs with long or double coats, such as collies, huskies and golden retrievers, usually need a bath only every six to eight weeks. Bathing too often strips the oils that keep the undercoat waterproof. Brush thoroughly before the bath to remove mats, rinse until the water runs clear, and dry the dense undercoat fully to prevent hot spots."),
            ],
            "og_only": [
                ("Washing hairless and smooth breeds", "Hairless and very short-coated dogs, such as the Chinese crested, whippet and Staffordshire bull terrier, may need a bath every two to four weeks because skin oils build up with no long coat to absorb them. Use a gentle shampoo and moisturise dry skin, and protect hairless dogs from sunburn afterwards."),
                ("Bath time for short-haired dogs", "Smooth-coated breeds like beagles, boxers and dachshunds stay clean with a bath every month or two. Their short hair dries quickly, so a towel rub is usually enough afterwards. Use a mild dog shampoo, never human shampoo, and a rubber grooming mitt between baths to lift loose hair and spread natural oils."),
            ],
            "neither": [
                ("Brushing your dog's teeth", "Dental disease affects most dogs over three years old. Use a soft toothbrush or finger brush and a toothpaste made for dogs, since human toothpaste can be toxic. Let the dog lick the paste first, then brush the outer surfaces of the back teeth in small circles. Aim for a few times a week."),
            ],
        },
        {
            "query": "keeping backyard chickens in winter",
            "og": "A relevant document gives advice for caring for backyard chickens during cold winter weather.",
            "changed": "A relevant document gives advice for caring for backyard chickens during cold winter weather without using a heat lamp or other electric heating in the coop. Advice that relies on heaters is not relevant.",
            "both": [
                ("A cold but healthy flock", "Chickens cope with cold far better than with damp. Keep the coop dry and draught-free at perch height but ventilated near the roof, and use the deep litter method so composting bedding releases gentle warmth. Rub petroleum jelly on large combs to prevent frostbite and give a handful of scratch grains at dusk so the hens digest through the night."),
            ],
            "og_only": [
                ("Warming the winter coop", "When temperatures drop below freezing, hang a ceramic heat lamp securely above the roost and use a heated waterer so the drinking water does not freeze. Insulate the walls with foam boards and add extra straw. Check the electrical cords daily, because heat lamps in dusty coops are a known fire risk."),
            ],
            "neither": [
                ("Why hens stop laying in winter", "Hens need around fourteen hours of daylight to lay steadily, so production falls as days shorten in autumn. Moulting, when birds shed and regrow feathers, often happens at the same time and diverts protein away from eggs. Most flocks start laying again in early spring without any help."),
                ("Choosing chicken breeds for eggs", "For plenty of eggs, hybrid layers can lay over 300 a year, while heritage breeds such as Orpingtons lay fewer but live longer and are calm with children. Leghorns are prolific but flighty. Egg colour varies with breed too: Marans lay dark brown eggs and Araucanas blue ones."),
            ],
        },
    ],
}

DISTRACTORS = {
    "sports_fitness": [
        ("Choosing a yoga mat", "A yoga mat around four to six millimetres thick cushions the knees without making balance poses wobbly. Natural rubber grips well even when you sweat but is heavy and smells at first. PVC mats are cheap and durable, while cork mats stay grippy and are easy to clean. Roll the mat with the top side out to keep the edges flat."),
        ("The history of the marathon", "The marathon commemorates the legend of a Greek messenger who ran from the battlefield of Marathon to Athens. The race was part of the first modern Olympics in 1896, but its distance was only fixed at 42.195 kilometres in 1921, based on the route of the 1908 London Olympics, which started at Windsor Castle."),
        ("Tennis racket string tension", "Lower string tension gives more power and a larger sweet spot, while higher tension gives more control but demands a faster swing. Most rackets list a range, such as 22 to 26 kilograms. Players with elbow pain often drop a couple of kilograms and switch to softer multifilament strings."),
    ],
    "pets": [
        ("Microchipping pets", "A microchip is a tiny implant, about the size of a grain of rice, injected under the skin between a pet's shoulder blades. It holds a number that links to the owner's details in a database. Vets and shelters scan lost animals to reunite them with owners, so remember to update the record when you move."),
        ("Hamster cage size", "Hamsters run several kilometres a night in the wild, so a cage with at least 0.4 square metres of floor space and deep bedding for burrowing keeps them healthy. Provide a solid wheel large enough that the hamster's back stays straight. Syrian hamsters must live alone, as adults fight."),
        ("Understanding parrot behaviour", "Parrots are flock animals that need several hours of social contact every day. Screaming often means boredom or loneliness, while feather plucking can follow stress or poor diet. Foraging toys that hide food, daily time out of the cage and a regular sleep schedule with ten to twelve hours of darkness help keep them calm."),
    ],
}
