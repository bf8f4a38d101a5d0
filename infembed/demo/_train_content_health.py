"""Hand-written demo training rows: health and medicine. Tuple order: (Q+, I+, P+, I-, P_hn1, Q-, P_hn2).

General information written for a retrieval demo; not medical advice.
"""

TOPIC = "health"

ROWS = [
    (
        "symptoms of dehydration in adults",
        "List warning signs that need urgent medical care separately from mild symptoms.",
        "Mild dehydration in adults causes thirst, dark yellow urine, a dry mouth, tiredness and headache; drinking water "
        "or an oral rehydration drink usually fixes it. Seek urgent care for warning signs: confusion, fainting, a racing "
        "heartbeat, no urine for eight hours, or being unable to keep fluids down.",
        "List only mild symptoms, with no urgent warning signs.",
        "Mild dehydration in adults shows up as thirst, a dry or sticky mouth, dark yellow urine, passing less urine than "
        "usual, tiredness, headache and slight dizziness on standing. These usually ease within an hour of drinking water "
        "or a rehydration drink, especially after exercise or a hot day.",
        "symptoms of dehydration in babies",
        "Mild dehydration in babies shows as fewer wet nappies, dark urine, a dry mouth and fewer tears when crying. Offer "
        "more breast milk or formula. Seek urgent care for warning signs: no wet nappy for six hours, a sunken soft spot on "
        "the head, unusual drowsiness, or cold, blotchy hands and feet.",
    ),
    (
        "how much water should I drink a day",
        "Give figures in litres and mention factors that raise the need.",
        "A common guideline is about 2 litres of fluid a day for women and 2.5 litres for men, including water from food "
        "and other drinks. Needs rise with hot weather, exercise, fever, vomiting or diarrhoea, and breastfeeding. Pale "
        "straw-coloured urine is a simple sign that you are drinking enough.",
        "Give figures in cups or ounces and do not mention factors that change the need.",
        "A rough everyday target for healthy adults is around 8 to 10 cups of fluid a day, which is about 64 to 80 fluid "
        "ounces. Water, milk, tea and coffee all count toward this total, and so does the water in fruit, vegetables and "
        "soups. Sipping steadily through the day is easier than drinking a lot at once.",
        "how much caffeine is safe per day",
        "Most healthy adults can safely have up to about 400 mg of caffeine a day, roughly four cups of brewed coffee at "
        "around 0.25 litres each. Need for caution rises in pregnancy, where the limit is about 200 mg, and with anxiety, "
        "heart rhythm problems or certain medicines.",
    ),
    (
        "what is high blood pressure",
        "Include the numeric thresholds in mmHg.",
        "High blood pressure, or hypertension, means blood pushes too hard against artery walls over time. Readings are "
        "given as systolic over diastolic pressure in mmHg. Normal is below 120/80. Many guidelines define hypertension as "
        "130/80 or higher, while a reading of 180/120 or more is a hypertensive crisis needing immediate care.",
        "Explain the health risks without giving any numeric thresholds.",
        "High blood pressure means the heart works harder to push blood through the arteries, and over years it damages "
        "them. It is called a silent killer because it rarely causes symptoms. Left untreated it raises the risk of heart "
        "attack, stroke, kidney disease, heart failure and vision loss, and can contribute to dementia.",
        "what is low blood pressure",
        "Low blood pressure, or hypotension, is usually defined as a reading below about 90/60 mmHg. It is often harmless "
        "in fit people, but it can cause dizziness or fainting, especially when standing up quickly. A drop of 20 mmHg "
        "systolic on standing is called orthostatic hypotension.",
    ),
    (
        "how to treat a minor burn at home",
        "Give step-by-step first aid and list things not to do.",
        "1. Cool the burn under cool running water for 20 minutes. 2. Remove rings or tight items nearby before swelling "
        "starts. 3. Cover loosely with cling film or a clean non-fluffy dressing. 4. Take paracetamol or ibuprofen for pain. "
        "Do not use ice, butter or toothpaste, and do not burst any blisters.",
        "Give step-by-step first aid without any list of things to avoid.",
        "1. Move away from the heat source. 2. Hold the burn under cool running water for 20 minutes. 3. Gently take off "
        "jewellery or clothing near the area unless it is stuck. 4. Cover the burn loosely with cling film or a sterile "
        "dressing. 5. Use an over-the-counter painkiller if needed, and keep the area clean while it heals.",
        "how to treat a minor cut at home",
        "1. Wash your hands, then press a clean cloth on the cut until bleeding stops. 2. Rinse the wound under running "
        "water. 3. Cover it with a plaster or sterile dressing. 4. Change the dressing daily. Do not use cotton wool, which "
        "leaves fibres, and do not pour hydrogen peroxide in, as it harms healing tissue.",
    ),
    (
        "benefits of regular walking",
        "Quote specific numbers from research, such as step counts or risk reductions.",
        "Regular walking brings measurable benefits. A 2023 meta-analysis found that walking about 4,000 steps a day "
        "begins to lower the risk of death from any cause, with further gains up to roughly 7,000 to 10,000 steps. A brisk "
        "30-minute walk five days a week meets the 150-minute weekly activity guideline and lowers heart disease risk.",
        "Describe the benefits in general terms without any numbers.",
        "Walking regularly is one of the simplest ways to stay healthy. It strengthens the heart and lungs, helps control "
        "weight and blood sugar, and keeps joints moving. It lifts mood and eases stress, improves sleep, and gets you "
        "outdoors and social. It needs no equipment, and you can start gently and build up.",
        "benefits of regular stretching",
        "Regular stretching improves flexibility, with research showing measurable gains. Studies find that holding static "
        "stretches for about 30 seconds, repeated two to four times, increases range of motion within four to six weeks. "
        "Guidelines suggest stretching major muscle groups at least two to three days a week.",
    ),
    (
        "what causes migraines",
        "Mention common triggers and note that causes are not fully understood.",
        "The exact causes of migraine are not fully understood, but it involves changes in brain activity and the release "
        "of a protein called CGRP around blood vessels and nerves. It often runs in families. Common triggers include "
        "stress, poor sleep, skipped meals, hormonal changes such as menstruation, bright lights, alcohol and dehydration.",
        "Focus on treatment options rather than causes or triggers.",
        "Migraine treatments fall into two groups. For attacks, options include ibuprofen or aspirin, triptans such as "
        "sumatriptan, and anti-sickness medicine, ideally taken early. For frequent attacks, doctors may prescribe "
        "preventive drugs like propranolol, topiramate, or monoclonal antibodies that block CGRP, and advise keeping a "
        "headache diary.",
        "what causes tension headaches",
        "Tension headaches feel like a tight band around the head. Their exact cause is not fully understood, but muscle "
        "tension and how the brain processes pain are thought to play a part. Common triggers include stress, poor "
        "posture, eye strain, skipped meals, dehydration and lack of sleep.",
    ),
    (
        "how to lower cholesterol naturally",
        "Focus on diet changes and name specific foods.",
        "To lower LDL cholesterol through diet, replace saturated fats in butter, fatty meat and cheese with unsaturated "
        "fats from olive oil, nuts and oily fish. Eat more soluble fibre from oats, barley, beans and lentils, which binds "
        "cholesterol in the gut. Foods fortified with plant sterols, such as some yoghurt drinks, also help.",
        "Focus on lifestyle changes other than diet, such as exercise and smoking.",
        "Beyond diet, several lifestyle changes improve cholesterol. Aim for at least 150 minutes of moderate exercise a "
        "week, which raises protective HDL. Quitting smoking improves HDL within weeks. Losing even 5 to 10 percent of body "
        "weight can lower LDL, and cutting back on alcohol helps lower triglycerides.",
        "how to lower blood sugar naturally",
        "To lower blood sugar through diet, swap white bread, white rice and sugary drinks for whole grains, beans and "
        "lentils, which release glucose slowly. Fill half the plate with non-starchy vegetables such as broccoli and "
        "spinach, include protein like eggs or fish, and choose whole fruit over juice.",
    ),
    (
        "signs of a stroke",
        "Use the FAST acronym and say what to do immediately.",
        "Use FAST to spot a stroke. Face: has one side drooped? Arms: can the person raise both and keep them there? "
        "Speech: is it slurred or confused? Time: call emergency services immediately if you see any of these. Note the "
        "time symptoms started, as it guides treatment, and do not give food, drink or medicine.",
        "Describe the less common signs that FAST misses, without the acronym.",
        "Some strokes show signs the usual checklist misses. These include sudden loss of vision in one or both eyes, "
        "sudden severe dizziness or loss of balance, trouble walking, sudden confusion, and an abrupt, severe headache "
        "unlike any before. Any of these coming on suddenly should be treated as an emergency.",
        "signs of a heart attack",
        "Heart attack signs include chest pain or pressure that may spread to the arm, jaw, neck or back, shortness of "
        "breath, sweating and nausea. Unlike stroke's FAST test, there is no single acronym. Call emergency services "
        "immediately, sit the person down, and if advised give them a 300 mg aspirin to chew.",
    ),
    (
        "how does intermittent fasting work",
        "Describe at least two common schedules.",
        "Intermittent fasting limits eating to certain times rather than restricting which foods you eat. In the 16:8 "
        "method, you eat within an eight-hour window, such as noon to 8 pm, and fast for 16 hours. The 5:2 approach means "
        "eating normally five days a week and about 500 to 600 calories on two non-consecutive days.",
        "Summarise what research says about its effectiveness, without describing schedules.",
        "Research on intermittent fasting shows it can help with weight loss, but trials comparing it with ordinary "
        "calorie restriction generally find similar results over a year. Some studies report improved insulin "
        "sensitivity. It may suit people who find timed eating easier, but it is not recommended in pregnancy or for "
        "people with eating disorders.",
        "how does the keto diet work",
        "The ketogenic diet cuts carbohydrates so low, usually under 50 grams a day, that the body burns fat and produces "
        "ketones for fuel. Two common versions exist: the standard keto diet, about 70 percent fat, 20 percent protein and "
        "10 percent carbs, and cyclical keto, with higher-carb days once or twice a week.",
    ),
    (
        "what is type 2 diabetes",
        "Explain insulin resistance in simple language for a newly diagnosed patient.",
        "Type 2 diabetes means your body does not respond well to insulin, a hormone that moves sugar from your blood into "
        "your cells for energy. This is called insulin resistance. Because the sugar cannot get in easily, it builds up in "
        "your blood. Healthy eating, activity, weight loss and medicines like metformin help bring levels down.",
        "Explain insulin resistance in clinical detail for medical students.",
        "Type 2 diabetes is characterised by peripheral insulin resistance, with impaired insulin-stimulated GLUT4 "
        "translocation in skeletal muscle and adipose tissue, plus inadequate suppression of hepatic gluconeogenesis. "
        "Pancreatic beta cells initially compensate with hyperinsulinaemia, but progressive beta-cell dysfunction leads to "
        "relative insulin deficiency and sustained hyperglycaemia.",
        "what is type 1 diabetes",
        "Type 1 diabetes happens when your immune system destroys the cells in your pancreas that make insulin, the hormone "
        "that lets sugar leave your blood and enter your cells. Without insulin, sugar builds up in the blood. It is not "
        "caused by lifestyle, and you will need insulin injections or a pump every day.",
    ),
    (
        "how to recover from a sprained ankle",
        "Give a timeline of recovery stages in weeks.",
        "Most mild ankle sprains heal in 2 to 4 weeks. In the first 48 to 72 hours, rest, ice for 15 to 20 minutes every "
        "few hours, compress and elevate. From about day 3 to week 2, start gentle range-of-motion exercises and walk as "
        "pain allows. From weeks 2 to 6, add balance and strengthening exercises to prevent re-injury.",
        "Give the immediate first aid only, with no recovery timeline.",
        "Right after spraining an ankle, stop the activity and rest it. Apply ice wrapped in a cloth for 15 to 20 minutes. "
        "Wrap the ankle with an elastic bandage firmly but not tightly, and raise it above heart level on pillows. Check "
        "for severe pain or inability to bear weight, which may mean a fracture.",
        "how to recover from a broken wrist",
        "A broken wrist usually takes 6 to 8 weeks in a cast or splint to heal. In weeks 1 to 2, keep the hand raised and "
        "move your fingers. After the cast comes off, around week 6, physiotherapy restores movement. Grip strength often "
        "takes 3 to 6 months to fully return.",
    ),
    (
        "is it safe to take ibuprofen daily",
        "Mention risks to the stomach and kidneys and advise consulting a doctor.",
        "Taking ibuprofen every day for long periods carries risks. It can irritate the stomach lining, causing ulcers and "
        "bleeding, especially in older adults. It can reduce blood flow to the kidneys and raise blood pressure and heart "
        "risk. If you need a painkiller daily for more than ten days, talk to a doctor or pharmacist.",
        "Give dosing information for short-term use, without discussing long-term risks.",
        "For short-term pain or fever, adults usually take 200 to 400 mg of ibuprofen every 4 to 6 hours, with no more than "
        "1,200 mg in 24 hours unless a doctor advises otherwise. Take it with food or milk. Use the lowest dose that works "
        "for the shortest time, and follow the packet directions.",
        "is it safe to take paracetamol daily",
        "Paracetamol, also called acetaminophen, is gentler on the stomach than ibuprofen, but daily use has risks. Going "
        "over 4 grams a day can severely damage the liver, and alcohol raises that risk. Some studies link long-term use "
        "to kidney problems. If you need it every day, consult a doctor.",
    ),
    (
        "what are the symptoms of anxiety",
        "Cover both physical and psychological symptoms.",
        "Anxiety affects both body and mind. Physical symptoms include a racing heart, fast breathing, sweating, trembling, "
        "muscle tension, stomach upset and trouble sleeping. Psychological symptoms include constant worry, feeling on "
        "edge, difficulty concentrating, irritability and a sense of dread. When these persist and disrupt daily life, it "
        "may be an anxiety disorder.",
        "Cover only the physical symptoms.",
        "Anxiety often shows up in the body. Common physical symptoms are a pounding or racing heart, shortness of breath, "
        "tightness in the chest, sweating, trembling hands, tense muscles, headaches, nausea or butterflies in the "
        "stomach, dizziness, and tiredness from poor sleep. These can feel alarming but are the body's stress response.",
        "what are the symptoms of depression",
        "Depression affects body and mind. Psychological symptoms include persistent low mood, loss of interest in things "
        "once enjoyed, hopelessness, guilt and poor concentration. Physical symptoms include tiredness, changes in appetite "
        "and weight, sleeping too much or too little, and aches without clear cause.",
    ),
    (
        "how to lower a fever in children",
        "Include when to call a doctor and dosing cautions.",
        "To ease a child's fever, dress them in light clothing and offer plenty of fluids. Children's paracetamol or "
        "ibuprofen can help; give the dose for their weight and never give aspirin to under-16s. Call a doctor if a baby "
        "under three months has a temperature of 38 °C or more, or if the fever lasts over five days.",
        "Describe comfort measures only, without medicines or doctor advice.",
        "To help a feverish child feel comfortable, dress them in light layers and keep the room at a pleasant temperature. "
        "Offer water, diluted juice or ice lollies often. Let them rest with quiet activities like books or films. A "
        "lukewarm cloth on the forehead can soothe, but avoid cold baths, which can cause shivering.",
        "how to treat a cold in children",
        "Colds in children get better on their own in about a week. Give plenty of fluids and rest, and saline drops can "
        "ease a blocked nose. Children's paracetamol can help with aches at the dose for their weight; avoid aspirin in "
        "under-16s. Call a doctor if breathing is laboured or symptoms last over three weeks.",
    ),
    (
        "how much protein do I need per day",
        "Give the figure in grams per kilogram of body weight and a worked example.",
        "The standard recommendation for adults is about 0.8 grams of protein per kilogram of body weight per day. A person "
        "weighing 70 kg therefore needs about 56 grams a day. Older adults and people doing regular strength training may "
        "benefit from 1.2 to 1.6 g/kg, which for the same person is 84 to 112 grams.",
        "Give food-based examples of protein portions, not per-kilogram figures.",
        "Meeting daily protein needs is easy with ordinary foods. An egg has about 6 grams of protein, a cup of milk 8 "
        "grams, a small pot of Greek yoghurt around 15 grams, a cup of cooked lentils 18 grams, and a chicken breast about "
        "30 grams. Spreading protein across meals helps muscles use it well.",
        "how much fibre do I need per day",
        "Adults are advised to eat about 25 to 30 grams of fibre a day; a rough guide is 14 grams per 1,000 calories "
        "eaten. For someone eating 2,000 calories, that is about 28 grams. Worked example: porridge with berries at "
        "breakfast gives 8 grams, beans at lunch 10, and vegetables and wholemeal bread the rest.",
    ),
    (
        "what is the difference between a cold and the flu",
        "Present the comparison as a short table-like list of symptoms.",
        "Cold vs flu: Onset — cold gradual; flu sudden. Fever — cold rare; flu common, often high. Aches — cold mild; flu "
        "severe. Tiredness — cold mild; flu extreme, can last weeks. Sneezing and stuffy nose — cold common; flu sometimes. "
        "Complications — cold rarely; flu can lead to pneumonia. A flu vaccine helps prevent flu.",
        "Present the comparison as a flowing paragraph, not a list.",
        "A cold usually creeps up gradually with a sore throat, sneezing and a blocked nose, and most people keep going "
        "about their day. Flu tends to hit suddenly and hard, bringing a high fever, severe aches and exhaustion that can "
        "keep you in bed for days. Flu is also more likely to cause complications such as pneumonia.",
        "what is the difference between flu and COVID-19",
        "Flu vs COVID-19: Cause — influenza viruses; SARS-CoV-2. Onset after exposure — flu 1 to 4 days; COVID 2 to 14 "
        "days. Loss of smell or taste — flu rare; COVID more common. Long-term symptoms — flu uncommon; COVID can cause "
        "long COVID. Testing — separate tests, though combined ones exist.",
    ),
    (
        "how to improve posture at a desk",
        "Give specific measurements or angles for the setup.",
        "Set your chair so your feet rest flat on the floor and your knees are at about 90 degrees. Keep your elbows at "
        "roughly 90 to 100 degrees with forearms level. Place the top of the monitor at or just below eye level, about an "
        "arm's length, or 50 to 70 cm, away. Stand up and move every 30 minutes.",
        "Give general habits for good posture without any measurements.",
        "Good desk posture is mostly about habits. Sit back in your chair so your lower back is supported, keep your "
        "shoulders relaxed rather than hunched, and avoid craning your neck toward the screen. Keep frequently used items "
        "within easy reach. Most importantly, change position often and take short walking breaks throughout the day.",
        "how to set up a standing desk",
        "Set a standing desk so your elbows bend at about 90 degrees with forearms level and wrists straight. Place the top "
        "of the screen at eye level, about 50 to 70 cm away. Start by standing 30 to 60 minutes at a time, alternating with "
        "sitting, and use an anti-fatigue mat.",
    ),
    (
        "what is a normal resting heart rate",
        "Give the adult range and mention how athletes differ.",
        "For most adults, a normal resting heart rate is between 60 and 100 beats per minute. Well-trained athletes often "
        "have resting rates of 40 to 60, because their hearts pump more blood with each beat. Measure your pulse after "
        "sitting quietly for a few minutes, ideally in the morning before getting out of bed.",
        "Give the ranges for children by age, not adults or athletes.",
        "Normal resting heart rates are higher in children and fall with age. Newborns typically have 100 to 160 beats per "
        "minute, infants up to a year 80 to 140, toddlers 80 to 130, children aged 3 to 10 about 70 to 120, and from about "
        "age 10 the rate approaches the adult range of 60 to 100.",
        "what is a normal blood oxygen level",
        "For most healthy adults, a normal blood oxygen saturation measured by a pulse oximeter is 95 to 100 percent. "
        "Athletes training at high altitude may briefly read a little lower. A reading of 92 percent or below at rest "
        "usually needs medical advice, and under 88 percent is urgent.",
    ),
    (
        "how long does it take to quit smoking benefits",
        "Present the benefits as a timeline from minutes to years.",
        "Quitting smoking brings benefits fast. After 20 minutes, heart rate and blood pressure begin to drop. After 12 "
        "hours, carbon monoxide in the blood returns to normal. Within 2 to 12 weeks, circulation and lung function "
        "improve. After 1 year, heart disease risk is about half a smoker's. After 10 years, lung cancer risk roughly "
        "halves.",
        "Give practical strategies for quitting, without a benefits timeline.",
        "To quit smoking, set a quit date and tell friends for support. Nicotine replacement such as patches and gum, or "
        "prescription aids like varenicline, roughly double success rates. Identify triggers like coffee or stress and "
        "plan alternatives. Free stop-smoking services and phone lines offer counselling, which improves the odds further.",
        "how long does it take to quit vaping benefits",
        "Benefits of quitting vaping come over time. Within 24 hours, heart rate and blood pressure begin to settle. After "
        "2 to 3 days, nicotine leaves the body and cravings peak. Within 2 to 4 weeks, breathing and coughing often improve. "
        "After 1 to 3 months, lung function and circulation continue to recover.",
    ),
    (
        "what is a healthy BMI",
        "Include the formula and the standard categories, plus one limitation.",
        "Body mass index is weight in kilograms divided by height in metres squared: BMI = kg/m². For adults, under 18.5 "
        "is underweight, 18.5 to 24.9 healthy, 25 to 29.9 overweight, and 30 or more obese. One limitation: BMI cannot tell "
        "muscle from fat, so muscular athletes may be classed as overweight.",
        "Discuss alternatives to BMI, without giving the formula or categories.",
        "Because BMI ignores body composition, clinicians often add other measures. Waist circumference shows belly fat, "
        "which is linked to heart disease and diabetes. The waist-to-height ratio, where keeping your waist under half "
        "your height is a simple target, predicts risk well. Body fat scans such as DEXA give precise composition.",
        "what is a healthy waist size",
        "A simple rule is the waist-to-height ratio: waist divided by height, both in the same units, should be below 0.5. "
        "Risk rises above 94 cm for men and 80 cm for women, and is high above 102 cm and 88 cm. One limitation: cut-offs "
        "differ for some ethnic groups.",
    ),
    (
        "how does an MRI scan work",
        "Explain what the patient experiences, including noise and duration.",
        "During an MRI scan you lie on a table that slides into a large tube. A powerful magnet and radio waves create "
        "detailed pictures of your body without X-rays. The machine makes loud knocking and buzzing sounds, so you are given "
        "earplugs or headphones. Scans usually last 15 to 90 minutes, and you must keep very still.",
        "Explain the physics of how images are formed, not the patient experience.",
        "MRI relies on hydrogen nuclei in the body's water and fat. A strong magnetic field aligns their spins. Radio "
        "pulses tip them out of alignment, and as they relax they emit signals. Gradient coils vary the field across the "
        "body so each signal's frequency encodes position, and a computer reconstructs images by Fourier transform.",
        "how does a CT scan work",
        "During a CT scan you lie on a table that moves through a short ring. An X-ray tube rotates around you and a "
        "computer builds cross-sectional images. The machine hums and whirs but is much quieter than MRI. Most scans take "
        "only 5 to 10 minutes, and you may be asked to hold your breath briefly.",
    ),
    (
        "what foods are high in iron",
        "Include only plant-based sources suitable for vegans.",
        "Good vegan sources of iron include lentils, chickpeas and beans, tofu and tempeh, pumpkin seeds, quinoa, dark "
        "leafy greens like spinach and kale, and fortified breakfast cereals. Plant iron is absorbed less easily, so pair "
        "these foods with vitamin C from peppers, citrus or tomatoes, and avoid tea or coffee with meals.",
        "Include animal-based sources such as meat and fish.",
        "The richest sources of easily absorbed haem iron are animal foods. Liver is especially high, followed by red meat "
        "such as beef and lamb. Shellfish like mussels, clams and oysters are excellent sources, and dark poultry meat, "
        "sardines and tuna add more. Haem iron is absorbed two to three times better than plant iron.",
        "what foods are high in calcium",
        "Good vegan sources of calcium include calcium-set tofu, fortified plant milks and yoghurts, kale, bok choy and "
        "broccoli, almonds, tahini and sesame seeds, chia seeds and dried figs. Spinach contains calcium but oxalates block "
        "most of it, so it is a poor source despite its reputation.",
    ),
    (
        "when should you get a tetanus shot",
        "Give the booster interval and advice for wounds.",
        "Adults should have a tetanus booster about every 10 years after completing the childhood series. If you get a "
        "deep or dirty wound, such as from a rusty nail or animal bite, and your last dose was more than 5 years ago, get a "
        "booster promptly. Clean wounds only need a booster if it has been over 10 years.",
        "Describe the disease itself without any vaccination schedule.",
        "Tetanus is caused by the bacterium Clostridium tetani, whose spores live in soil and dust and enter through "
        "wounds. The toxin it makes affects nerves, causing painful muscle stiffness and spasms, often starting with "
        "lockjaw in the jaw muscles. It can make breathing difficult and is fatal in about one in ten cases.",
        "when should you get a flu shot",
        "Get a flu vaccine once a year, ideally in early autumn before flu season peaks, because the virus changes and "
        "protection fades. Everyone over six months old is advised to have it. There is no wound advice for flu, but if "
        "you are injured and your tetanus booster is over 5 years old, ask about that too.",
    ),
    (
        "how to get rid of hiccups",
        "Explain why the remedies might work, referencing the diaphragm.",
        "Hiccups are sudden involuntary spasms of the diaphragm, followed by the vocal cords snapping shut. Remedies such as "
        "holding your breath or breathing into a paper bag raise carbon dioxide in the blood, which may calm the spasms. "
        "Sipping ice water or swallowing a spoonful of sugar stimulates the vagus nerve, which can interrupt the reflex.",
        "Just list quick remedies without explaining how they work.",
        "Quick hiccup remedies to try: hold your breath for about ten seconds; sip a glass of cold water slowly; swallow a "
        "teaspoon of sugar; breathe into a paper bag; pull your knees to your chest; gargle with ice water; or bite on a "
        "lemon wedge. Most bouts stop on their own within a few minutes.",
        "how to stop snoring",
        "Snoring happens when relaxed tissues in the throat vibrate as air passes. Sleeping on your side stops the tongue "
        "falling back. Losing weight reduces tissue around the airway. Avoiding alcohol before bed keeps the muscles "
        "firmer. Unlike hiccups, the diaphragm is not involved, but persistent loud snoring can signal sleep apnoea.",
    ),
]
