"""Hand-written demo training rows: education. Tuple order: (Q+, I+, P+, I-, P_hn1, Q-, P_hn2)."""

TOPIC = "education"

ROWS = [
    (
        "how to study effectively for exams",
        "Recommend evidence-based techniques and name them.",
        "Research supports a few techniques above others. Retrieval practice, testing yourself instead of rereading, "
        "strengthens memory. Spaced repetition, reviewing material over days and weeks rather than cramming, improves "
        "long-term retention. Interleaving, mixing different problem types in one session, helps you choose the right "
        "method. Highlighting and rereading help little.",
        "Give tips for managing exam stress, not study techniques.",
        "To manage exam stress, keep a regular sleep routine, since tired brains recall less. Take short breaks and go for "
        "walks. Eat regular meals and limit caffeine. Try slow breathing: in for four counts, out for six. Talk to friends "
        "or a teacher, and remember that one exam does not define you.",
        "how to study effectively for a language",
        "Evidence-based techniques work for languages too. Use spaced repetition flashcard apps such as Anki to review "
        "vocabulary at growing intervals. Practise retrieval by recalling words before checking. Interleave reading, "
        "listening, speaking and writing in each session, rather than drilling one skill.",
    ),
    (
        "what is the Pomodoro technique",
        "Give the exact timings and steps.",
        "The Pomodoro technique breaks work into focused intervals. Steps: 1. Choose a task. 2. Set a timer for 25 minutes "
        "and work without interruption. 3. When it rings, take a 5-minute break. 4. After four pomodoros, take a longer "
        "break of 15 to 30 minutes. Francesco Cirillo named it after his tomato-shaped kitchen timer.",
        "Explain why it works psychologically, without timings.",
        "The Pomodoro technique works by making big tasks feel manageable: committing to a short, defined stretch lowers the "
        "urge to procrastinate. Regular breaks fight mental fatigue and keep attention fresh. The timer creates gentle "
        "urgency, and counting completed sessions gives a sense of progress.",
        "what is the Feynman technique",
        "The Feynman technique helps you understand a concept in steps: 1. Write the concept's name at the top of a page. "
        "2. Explain it in plain words as if teaching a 12-year-old. 3. Find gaps where your explanation falters and go back "
        "to the source. 4. Simplify again, using analogies.",
    ),
    (
        "how to help a child learn to read",
        "Focus on phonics for ages four to six.",
        "For children aged four to six, phonics is the foundation. Teach letter sounds, not names, starting with s, a, t, p, "
        "i, n, so they can soon blend words like sat and pin. Practise blending sounds aloud and breaking words into "
        "sounds. Use decodable books that contain only the sounds they have learned.",
        "Focus on encouraging reading for pleasure in older children aged eight to eleven.",
        "For children aged eight to eleven, the goal is reading for pleasure. Let them choose books, including comics and "
        "graphic novels. Visit the library often, read series they love, and keep reading aloud to them, even though they "
        "can read alone. Talk about stories together, and let them see you reading too.",
        "how to help a child learn to write",
        "For children aged four to six, link writing to phonics. Practise letter formation with sounds, starting with s, a, "
        "t, p, i, n, and let them write simple words like sat and tip by sounding them out. Praise phonetic spellings, and "
        "build pencil grip with drawing and play dough.",
    ),
    (
        "what is the difference between a college and a university",
        "Answer for the United States.",
        "In the United States, the words are often used interchangeably. Strictly, a college usually focuses on "
        "undergraduate education and awards bachelor's or associate degrees, while a university is larger, contains several "
        "colleges or schools, and offers graduate programmes, including master's and doctoral degrees, with more research. "
        "Community colleges offer two-year programmes.",
        "Answer for the United Kingdom.",
        "In the UK, a university awards its own degrees and carries out research. A college can mean several things: a "
        "further education college offering courses for students aged 16 and over, such as A levels and vocational "
        "qualifications; or a constituent college of a university, like those at Oxford and Cambridge, where students "
        "live.",
        "what is the difference between a bachelor's and a master's degree",
        "In the United States, a bachelor's degree is an undergraduate degree that usually takes four years at a college or "
        "university. A master's degree is a graduate degree taking one to two more years, offering specialised study, and "
        "often requires a thesis or capstone project.",
    ),
    (
        "how to write a strong college application essay",
        "Give tips and one example opening line.",
        "A strong application essay tells a specific story only you could tell and shows what you learned. Start in the "
        "middle of a moment, for example: \"The smoke alarm went off for the third time, and I realised my grandmother's "
        "recipe had no measurements.\" Show rather than tell, reflect on growth, and edit ruthlessly.",
        "List common mistakes to avoid, with no example lines.",
        "Common mistakes in application essays: repeating your list of activities; writing about a topic so broad it says "
        "nothing personal; using a thesaurus to sound impressive; focusing on someone else's story instead of your own; "
        "ignoring the word limit; and submitting without asking a teacher to proofread.",
        "how to write a strong cover letter",
        "A strong cover letter matches your experience to the job's needs and shows enthusiasm. Open with a specific hook, "
        "for example: \"When your team's app crashed during the marathon, I was the volunteer who fixed the sign-in "
        "queue.\" Keep it to one page and end with a clear next step.",
    ),
    (
        "what is project based learning",
        "Include a concrete classroom example.",
        "Project-based learning is a teaching approach in which students learn by working for an extended period on a "
        "real-world problem or question. For example, a class of ten-year-olds might design a school vegetable stall: they "
        "survey demand, calculate prices and profits, write adverts, and present results to the headteacher.",
        "Summarise the research evidence on its effectiveness, without classroom examples.",
        "Research on project-based learning is broadly positive but mixed. Several randomised studies have found gains in "
        "science and social studies achievement compared with traditional teaching, especially when projects are well "
        "structured. Results depend heavily on teacher training, and poorly designed projects can leave gaps.",
        "what is inquiry based learning",
        "Inquiry-based learning starts with questions rather than answers. For example, a science class might ask why "
        "bread goes mouldy faster in some places: students form hypotheses, set up slices in different conditions, record "
        "observations for a week and present conclusions.",
    ),
    (
        "how to learn a new language quickly",
        "Give a daily routine with time allocations.",
        "A realistic daily routine of about an hour: 15 minutes of spaced-repetition vocabulary flashcards; 20 minutes of "
        "listening to a podcast or show in the language; 15 minutes speaking, with a tutor or by shadowing audio; and 10 "
        "minutes writing a short journal entry. Consistency every day beats long weekend sessions.",
        "Recommend immersion strategies, without a daily routine.",
        "The fastest gains come from immersion. Change your phone and apps to the target language, follow creators who "
        "speak it, and watch films with target-language subtitles. Find a language exchange partner or join local meetups. "
        "If you can, spend time in a country where it is spoken, and resist switching to English.",
        "how to learn sign language quickly",
        "A daily routine of about 45 minutes: 10 minutes learning new signs with video flashcards; 15 minutes watching "
        "native signers in videos; 10 minutes practising fingerspelling; and 10 minutes signing sentences to a mirror or "
        "recording yourself. Join a Deaf community event weekly.",
    ),
    (
        "what are learning styles",
        "Explain what research says about the learning styles theory.",
        "Learning styles theory claims people learn best when teaching matches their preferred style, such as visual, "
        "auditory or kinaesthetic. Research does not support it: controlled studies have found no benefit from matching "
        "instruction to a person's style. Everyone benefits from combining words with pictures and from active practice.",
        "Describe the VARK model's categories as a teacher might use them, without research evaluation.",
        "The VARK model sorts learners into four categories. Visual learners prefer diagrams, charts and colour coding. "
        "Aural learners like discussions and lectures. Read/write learners favour lists, notes and textbooks. Kinaesthetic "
        "learners learn through hands-on activities, experiments and movement.",
        "what is multiple intelligences theory",
        "Howard Gardner's multiple intelligences theory proposes separate abilities, such as linguistic, musical and "
        "interpersonal intelligence. Research gives it weak support: the intelligences are hard to measure separately and "
        "correlate strongly with general intelligence, though the idea encourages varied teaching.",
    ),
    (
        "how to take good notes in lectures",
        "Describe the Cornell method step by step.",
        "The Cornell method divides the page into three parts. Step 1: draw a line down the page, leaving a narrow left "
        "column. Step 2: during the lecture, write notes in the wide right column. Step 3: after class, write key questions "
        "and keywords in the left column. Step 4: summarise the page in a few lines at the bottom.",
        "Describe mind mapping instead of the Cornell method.",
        "Mind mapping captures lecture notes visually. Write the main topic in the centre of a blank landscape page. Draw "
        "branches for each subtopic as the lecturer introduces it, and add smaller branches for details, examples and "
        "links. Use single keywords, colours and small sketches so you can see how ideas connect.",
        "how to take good notes from a textbook",
        "The Cornell method suits textbook reading too. Step 1: divide the page into a cue column and a notes column. Step 2: "
        "read a section, then write notes in your own words. Step 3: write questions in the cue column. Step 4: summarise "
        "the chapter at the bottom of the page.",
    ),
    (
        "benefits of homeschooling",
        "Give a balanced view that includes drawbacks.",
        "Homeschooling lets parents tailor lessons to a child's pace and interests, offers flexible schedules and can "
        "provide a calm environment for children who struggled at school. Drawbacks include the heavy time commitment for "
        "parents, fewer daily chances for socialising, the cost of materials, and limited access to labs or sports teams.",
        "Give only the benefits, as an advocate would.",
        "Homeschooling offers remarkable advantages. Children learn at their own pace, going deeper into subjects they love. "
        "Families set flexible schedules, travel and learn from real-world experiences. One-to-one attention means gaps are "
        "caught quickly, and children can socialise across ages through clubs, co-ops and community activities.",
        "benefits of boarding school",
        "Boarding schools offer structured routines, small classes, strong extracurricular programmes and independence. "
        "Drawbacks include high fees, being far from family during key years, homesickness, and less parental involvement "
        "in daily life. Whether it suits a child depends on personality and family circumstances.",
    ),
    (
        "how to become a teacher in the UK",
        "Give the routes into teaching in England, including the qualification needed.",
        "To teach in state schools in England, you need a degree and qualified teacher status, QTS. Routes include a "
        "postgraduate PGCE with school placements, school-based training such as School Direct, a salaried teacher degree "
        "apprenticeship, or an undergraduate degree with QTS. You also need GCSEs in English and maths at grade 4.",
        "Describe what the job is like day to day, without entry routes.",
        "A teacher's day starts before the first bell, setting up the classroom and checking the plan. Teaching takes most "
        "of the day, with five or six lessons, plus break duties. After school come marking, planning, meetings and parent "
        "emails. The workload is heavy, but watching pupils progress brings real satisfaction.",
        "how to become a teacher in Australia",
        "To teach in Australia, you need an accredited initial teacher education qualification: a four-year Bachelor of "
        "Education, or a degree followed by a two-year Master of Teaching. Graduates must pass the LANTITE literacy and "
        "numeracy test and register with their state's teacher authority.",
    ),
    (
        "what is dyslexia",
        "Explain signs to look for in primary school children.",
        "Dyslexia is a common learning difference that mainly affects reading and spelling, regardless of intelligence. In "
        "primary school children, signs include difficulty linking letters to sounds, slow and effortful reading, "
        "inconsistent spelling of the same word, trouble remembering sequences such as days of the week, and avoiding "
        "reading aloud.",
        "Explain signs to look for in adults at work.",
        "Adults with dyslexia may read slowly and reread documents several times, avoid writing emails or reports, make "
        "spelling mistakes in familiar words, struggle to take notes in meetings or follow long written instructions, and "
        "find forms tiring. Many develop strong problem-solving and verbal strengths.",
        "what is dyscalculia",
        "Dyscalculia is a learning difference that affects understanding numbers. In primary school children, signs include "
        "counting on fingers long after classmates stop, difficulty knowing which of two numbers is larger, trouble "
        "learning number facts, and confusion with telling the time or handling money.",
    ),
    (
        "how to motivate students in the classroom",
        "Give strategies suitable for teenagers.",
        "Teenagers respond to autonomy and relevance. Give them real choices, such as topics or how to present work. Connect "
        "lessons to their lives and future goals. Set challenging but achievable goals and give specific feedback. Build "
        "relationships by learning their interests, and use collaborative tasks, since peers matter greatly at this age.",
        "Give strategies suitable for young children in the first years of school.",
        "Young children are motivated by play, praise and routine. Turn practice into games, use stickers or a class "
        "reward chart, and praise effort specifically: \"You kept trying with that tricky word.\" Keep activities short with "
        "movement breaks, use songs and stories, and let them show work to classmates.",
        "how to motivate adult learners",
        "Adult learners need relevance and autonomy. Link each session to their jobs or goals, let them choose projects, and "
        "draw on their experience in discussion. Set clear, achievable goals and give specific feedback. Respect their time "
        "with flexible schedules.",
    ),
    (
        "what is a growth mindset",
        "Mention Carol Dweck and include example phrases for praise.",
        "A growth mindset is the belief that abilities can be developed through effort, strategies and help from others, a "
        "concept developed by psychologist Carol Dweck. Praise the process, not fixed traits: say \"You worked hard on that "
        "and tried new strategies\" instead of \"You are so clever.\" Add \"yet\" to setbacks: \"You can't do it yet.\"",
        "Summarise the research debate about its effectiveness, without example phrases.",
        "Growth mindset research is debated. Early studies reported large benefits, but later replications found smaller "
        "effects. A 2019 national study in the US found a short online intervention modestly raised grades for lower-"
        "achieving students. Meta-analyses suggest overall effects are small and depend on how it is implemented.",
        "what is grit in education",
        "Grit, a concept developed by psychologist Angela Duckworth, is passion and perseverance for long-term goals. To "
        "encourage it, praise sustained effort: say \"You stuck with that project for weeks\" rather than \"You are a "
        "natural.\" Model persistence by sharing your own struggles.",
    ),
    (
        "how to prepare for a job interview",
        "Include the STAR method with an example answer.",
        "Research the company and the role, and prepare examples using the STAR method: Situation, Task, Action, Result. "
        "Example: \"Our team missed deadlines (situation). I had to fix scheduling (task). I set up a shared task board and "
        "daily check-ins (action). We delivered the next three projects on time (result).\"",
        "Give advice on what to wear and how to arrive, without interview answers.",
        "Dress one level smarter than the company's everyday style; if unsure, choose neat business casual. Plan your route "
        "and aim to arrive 10 minutes early. Bring copies of your CV, a notepad and questions for the interviewer. Turn your "
        "phone off, greet the receptionist politely and offer a firm handshake.",
        "how to prepare for a university interview",
        "Reread your personal statement and prepare to discuss your subject. Use the STAR method for personal examples: "
        "\"When our science fair project failed (situation), I had to find why (task). I retested each variable (action) and "
        "found a faulty sensor (result).\"",
    ),
    (
        "what is the best age to start school",
        "Compare several countries' starting ages.",
        "School starting ages vary widely. Children in England start school in the reception year at age 4, and in "
        "Scotland around 4 or 5. Most US children begin kindergarten at 5. In Germany and France formal school begins at 6, "
        "while Finland, Sweden and Estonia start at 7, after play-based preschool.",
        "Summarise the research on child development, without country comparisons.",
        "Research suggests that starting formal academic instruction very early offers no long-term advantage. "
        "Play-based learning in the early years builds language, self-regulation and social skills. Some studies find "
        "children who are among the youngest in their class score lower and are more often diagnosed with attention "
        "problems.",
        "what is the school leaving age",
        "School leaving ages vary. In England young people must stay in education or training until 18, in Scotland they can "
        "leave at 16. Most US states require attendance until 16 to 18. Germany requires full-time school until about 15 or "
        "16, and Finland raised it to 18 in 2021.",
    ),
    (
        "how to improve reading comprehension",
        "Give strategies with a short example applied to a paragraph.",
        "Active strategies boost comprehension: preview headings, ask questions as you read, and summarise each section. "
        "For a paragraph on volcanoes, first ask, \"What causes eruptions?\" While reading, note the answer: pressure from "
        "gas-rich magma. Afterward, summarise in one sentence: \"Gas builds in magma until it forces an eruption.\"",
        "Recommend books and reading habits, without strategy examples.",
        "Comprehension grows with reading volume and variety. Read every day, mixing fiction with newspapers, science "
        "magazines and biographies. Choose books slightly above your comfort level. Keep a notebook of new words, join a "
        "book club to discuss what you read, and reread favourites to notice more.",
        "how to improve listening comprehension",
        "Active strategies improve listening: predict content from the title, listen for key words, and summarise afterward. "
        "For a podcast on volcanoes, first ask, \"Why do they erupt?\" While listening, note \"gas pressure in magma.\" "
        "Afterward, say one sentence summarising it aloud.",
    ),
    (
        "what is a Montessori school",
        "Describe a typical classroom and materials.",
        "A Montessori classroom mixes ages, often 3 to 6 or 6 to 9, in one room. Low shelves hold hands-on materials such "
        "as wooden number rods, sandpaper letters and pink tower cubes. Children choose their own activities during long "
        "uninterrupted work periods, while the teacher observes and guides individually rather than lecturing.",
        "Describe its founder and history, without the classroom details.",
        "Maria Montessori was one of Italy's first women physicians. In 1907 she opened the Casa dei Bambini, a children's "
        "house in a poor district of Rome, where she developed her method through careful observation. Her approach spread "
        "worldwide, and thousands of Montessori schools now operate.",
        "what is a Waldorf school",
        "A Waldorf classroom feels homely, with natural materials: wooden toys, silk cloths, beeswax crayons and plants. "
        "Young children learn through play, stories, crafts and music, with formal reading delayed until about age 7. "
        "Screens are discouraged, and one teacher often stays with a class for years.",
    ),
    (
        "how to pay for college without debt",
        "Include scholarships and specific US aid programmes.",
        "To avoid student debt, file the FAFSA early to qualify for federal Pell Grants, which do not need repaying, and "
        "work-study jobs. Apply widely for scholarships from colleges, employers and local organisations. Start at a "
        "community college for two years to cut tuition, and choose in-state public universities.",
        "Explain how student loans work, rather than how to avoid them.",
        "Federal student loans in the US have fixed interest rates set each year. Subsidised loans for students with "
        "financial need do not accrue interest while in school; unsubsidised loans do. Repayment starts six months after "
        "leaving school, with income-driven plans that cap payments at a share of income.",
        "how to pay for graduate school without debt",
        "To fund graduate study without debt, look for funded PhD programmes with tuition waivers and stipends, teaching or "
        "research assistantships, and fellowships such as the NSF Graduate Research Fellowship. Some employers offer "
        "tuition assistance of up to $5,250 tax-free each year.",
    ),
    (
        "how to teach fractions to kids",
        "Use hands-on activities with everyday objects.",
        "Make fractions concrete with everyday objects. Cut a pizza or paper plate into equal slices and ask what part one "
        "slice is. Fold paper strips into halves, quarters and eighths to compare sizes. Share a bag of sweets equally among "
        "friends. Use measuring cups while baking to show that two quarter cups fill a half cup.",
        "Use a purely symbolic approach with number lines and written exercises.",
        "Teach fractions as numbers on a number line. Draw a line from 0 to 1 and divide it into equal parts, labelling "
        "each point, such as 1/4, 2/4 and 3/4. Then use written exercises: place fractions on the line, compare them, and "
        "find equivalents such as 2/4 = 1/2 by multiplying or dividing top and bottom.",
        "how to teach decimals to kids",
        "Use everyday objects: money is ideal, since 1.25 is a pound and 25 pence. Use a metre stick to show tenths and "
        "hundredths, and weigh ingredients on kitchen scales reading 0.5 kg. Let children shop with price tags to add "
        "decimals.",
    ),
    (
        "what is the role of a school counselor",
        "Focus on academic and career guidance for secondary students.",
        "In secondary schools, counsellors guide students through academic and career choices. They help pick courses that "
        "fit goals and graduation requirements, explain exam options, and track progress. They advise on college "
        "applications, apprenticeships and jobs, help write recommendation letters, and run career fairs.",
        "Focus on mental health and emotional support, not academic guidance.",
        "School counsellors support students' mental health and wellbeing. They offer confidential one-to-one sessions for "
        "anxiety, low mood, grief or family problems, run groups on friendship and stress, respond to crises, and refer "
        "students to outside mental health services when needed.",
        "what is the role of a careers adviser",
        "A careers adviser helps secondary students plan their futures. They explain subject choices for different careers, "
        "guide university and apprenticeship applications, help write CVs and personal statements, and arrange work "
        "experience and employer talks, often meeting each student one to one in the final years.",
    ),
    (
        "how long should kids spend on homework",
        "Cite the ten-minute rule by grade.",
        "A widely cited guideline is the ten-minute rule: about ten minutes of homework per night per grade level. A "
        "first-grader would do around 10 minutes, a fifth-grader about 50 minutes, and a high school senior roughly two "
        "hours. Research by Harris Cooper found little academic benefit for young children beyond that.",
        "Give tips for parents to help with homework, without time guidelines.",
        "Help with homework by setting a regular time and a quiet spot with supplies ready. Encourage your child to start on "
        "their own and ask for help only when stuck. Ask guiding questions rather than giving answers, praise effort, and "
        "tell the teacher if homework regularly causes tears.",
        "how long should kids spend on screens",
        "Guidelines suggest avoiding screens under 18 months except video calls, about an hour a day of quality programmes "
        "for ages 2 to 5, and consistent limits for older children. Like the ten-minute homework rule, they are guides, not "
        "strict research cut-offs, and what children watch matters as much as how long.",
    ),
    (
        "what is a gap year",
        "Give example activities and typical costs.",
        "A gap year is a break, usually between school and university, spent gaining experience. Common activities include "
        "working to save money, volunteering abroad, travelling, learning a language or doing an internship. Costs vary "
        "widely: working at home can earn money, while organised volunteer programmes can cost $2,000 to $10,000.",
        "Discuss how universities view gap years, without costs.",
        "Many universities view a well-planned gap year positively. Admissions staff note that students often arrive more "
        "mature and focused. Some colleges, such as Harvard, actively encourage deferring a year. Applicants should explain "
        "what they will do and check deferral policies before applying.",
        "what is a sabbatical",
        "A sabbatical is an extended break from work, often 3 to 12 months, for study, travel or rest. Example activities "
        "include writing a book, volunteering or taking courses. Some employers pay full salary; unpaid sabbaticals mean "
        "saving perhaps $20,000 or more for living costs.",
    ),
    (
        "how to help a child with math anxiety",
        "Give practical strategies for parents.",
        "Parents can ease math anxiety at home. Avoid saying \"I was bad at maths too,\" which suggests it is inherited. Use "
        "maths in everyday games and cooking so it feels normal. Praise effort and strategies rather than speed. Treat "
        "mistakes as useful, and practise little and often instead of long, tense sessions.",
        "Give strategies for teachers in the classroom.",
        "Teachers can reduce maths anxiety by removing timed tests, which heighten panic. Allow different methods and "
        "celebrate mistakes as learning. Use low-stakes tasks, such as mini whiteboards, let pupils discuss problems in "
        "pairs first, and give specific praise for reasoning.",
        "how to help a child with test anxiety",
        "Parents can ease test anxiety with practical strategies: practise with low-stakes quizzes at home, teach slow "
        "breathing, keep bedtimes regular before exams, and focus conversations on effort rather than grades. Remind them "
        "a test is a snapshot, not a verdict.",
    ),
    (
        "what is blended learning",
        "Give examples of specific models, like the flipped classroom.",
        "Blended learning combines online and face-to-face teaching. In the flipped classroom, students watch short video "
        "lessons at home and use class time for practice. In the station rotation model, pupils rotate between online "
        "work, small-group teaching and collaborative tasks. The flex model lets students move through online content at "
        "their own pace.",
        "Discuss its challenges, without naming specific models.",
        "Blended learning brings challenges. Students without reliable devices or home internet fall behind. Teachers need "
        "training and time to design good online material. Younger learners may struggle to manage online work on their "
        "own, and screen time concerns parents. Poorly linked online and in-class parts confuse students.",
        "what is distance learning",
        "Distance learning is teaching where students and teachers are apart. Models include synchronous live classes on "
        "video, like a virtual classroom; asynchronous courses with recorded lectures and forums; and correspondence "
        "courses such as the Open University's, which mix online study with tutor feedback.",
    ),
    (
        "how to write a good essay introduction",
        "Give a three-part structure with an example.",
        "A good introduction has three parts: a hook, context and a thesis. Example: \"Every year, a city the size of Rome "
        "is added to the world's slums (hook). Rapid urbanisation outpaces housing (context). This essay argues that "
        "upgrading existing settlements works better than clearing them (thesis).\"",
        "Explain common mistakes, without a structure or example.",
        "Weak introductions often start too broadly, with lines like \"Since the dawn of time.\" Others restate the "
        "question without answering it, pack in too much detail, or promise points the essay never delivers. A "
        "missing or vague thesis leaves readers unsure what is being argued.",
        "how to write a good essay conclusion",
        "A good conclusion has three parts: restate the thesis, summarise key points and end with wider significance. "
        "Example: \"Upgrading settlements proves more effective than clearance (thesis). It preserves communities and costs "
        "less (summary). Cities that adopt it could transform millions of lives (significance).\"",
    ),
    (
        "what is STEM education",
        "Include examples of activities for primary school pupils.",
        "STEM education integrates science, technology, engineering and mathematics through hands-on problem solving. For "
        "primary pupils, activities might include building a bridge from straws that holds the most coins, programming a "
        "floor robot through a maze, growing beans under different lights, or designing a parachute for an egg.",
        "Discuss workforce and policy reasons for STEM, without classroom activities.",
        "Governments promote STEM education because of workforce demand: jobs in computing, engineering and health science "
        "are growing faster than average and pay well. Policymakers also aim to close gaps in participation by girls and "
        "underrepresented groups, and to maintain national competitiveness in research.",
        "what is STEAM education",
        "STEAM adds the arts to science, technology, engineering and mathematics. For primary pupils, activities might "
        "include designing and painting a model house with working circuit lights, composing music with coding blocks, or "
        "building and decorating a kaleidoscope to explore reflection.",
    ),
]
