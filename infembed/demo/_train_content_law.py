"""Hand-written demo training rows: law. Tuple order: (Q+, I+, P+, I-, P_hn1, Q-, P_hn2).

General information written for a retrieval demo; not legal advice.
"""

TOPIC = "law"

ROWS = [
    (
        "what is the difference between a misdemeanor and a felony",
        "Answer for the United States and give example crimes for each.",
        "In the United States, a misdemeanor is a less serious crime usually punishable by up to one year in a local jail, "
        "fines or probation; examples include petty theft, trespassing and a first drunk-driving offence. A felony is "
        "punishable by more than a year in state or federal prison, such as burglary, robbery or murder.",
        "Answer for England and Wales, using their terms rather than US ones.",
        "England and Wales do not use the terms misdemeanor and felony, which were abolished in 1967. Instead, offences "
        "are summary, tried only in magistrates' courts, such as minor motoring offences; indictable-only, tried in the "
        "Crown Court, such as murder; or either-way offences, such as theft, which can be tried in either.",
        "what is the difference between an infraction and a misdemeanor",
        "In the United States, an infraction is the least serious kind of violation, usually punished only by a fine and "
        "with no jail time; examples include speeding tickets, jaywalking and littering. A misdemeanor is a crime that can "
        "bring up to a year in jail, such as shoplifting or simple assault.",
    ),
    (
        "how to write a will",
        "Give the steps as a checklist and mention witnesses.",
        "Checklist for writing a will: 1. List your assets and debts. 2. Decide who inherits what. 3. Choose an executor "
        "to carry out the will. 4. Name guardians for any young children. 5. Write it clearly, or use a solicitor. 6. Sign "
        "it in front of two independent adult witnesses who also sign. 7. Store it safely and review it after big life "
        "changes.",
        "Explain in prose why having a will matters, without giving steps.",
        "Without a will, the law decides who inherits your property under rules of intestacy, which may not match your "
        "wishes. An unmarried partner might receive nothing, and a court may choose guardians for your children. A will "
        "also lets you name a trusted executor, reduce family disputes, and sometimes plan to reduce inheritance tax.",
        "how to update a will",
        "Checklist for updating a will: 1. Review who inherits and who is executor. 2. For small changes, write a codicil, "
        "a formal addition. 3. For big changes, make a new will that revokes the old one. 4. Sign in front of two "
        "independent witnesses, who also sign. 5. Destroy outdated copies.",
    ),
    (
        "what does a power of attorney do",
        "Distinguish between financial and health decisions.",
        "A power of attorney is a legal document letting you appoint someone, your attorney or agent, to make decisions "
        "for you. A financial power of attorney covers money and property: paying bills, managing bank accounts, selling a "
        "house. A health care power of attorney covers medical treatment and care decisions if you cannot make them "
        "yourself.",
        "Focus on how to cancel or revoke one, not on the types.",
        "You can revoke a power of attorney at any time while you still have mental capacity. Write a signed, dated "
        "revocation stating that you cancel the document, and notify your attorney in writing. Send copies to banks, "
        "doctors and anyone who relied on it, and register the revocation where the original was registered.",
        "what does an executor of a will do",
        "An executor carries out a will after death, handling both financial and practical matters. Financially, they "
        "collect assets, pay debts and taxes, and distribute what remains. Executors have no power over health decisions "
        "during the person's life; those belong to a health care attorney.",
    ),
    (
        "what are Miranda rights",
        "List the actual warnings read to a suspect.",
        "Miranda rights are warnings US police must give before questioning a suspect in custody. They are: you have the "
        "right to remain silent; anything you say can and will be used against you in a court of law; you have the right "
        "to an attorney; and if you cannot afford an attorney, one will be appointed for you.",
        "Explain the 1966 court case behind them rather than listing the warnings.",
        "Miranda rights come from the 1966 Supreme Court case Miranda v. Arizona. Ernesto Miranda confessed to kidnapping "
        "and rape after police questioned him without telling him his rights. The Court ruled 5 to 4 that the Fifth "
        "Amendment requires police to inform suspects of their rights, or the confession cannot be used as evidence.",
        "what are Fifth Amendment rights",
        "The Fifth Amendment to the US Constitution lists several protections: no one may be compelled to be a witness "
        "against themselves; no one may be tried twice for the same offence, called double jeopardy; serious federal "
        "crimes need a grand jury indictment; no deprivation of life, liberty or property without due process; and just "
        "compensation for takings.",
    ),
    (
        "how does small claims court work",
        "Include typical dollar limits and say whether lawyers are needed.",
        "Small claims court handles minor disputes quickly and cheaply. In the US, limits vary by state, typically between "
        "$5,000 and $12,500; California allows $12,500 for individuals. You file a claim, pay a small fee, serve the other "
        "party and present your case to a judge. Lawyers are usually not needed, and some states do not allow them.",
        "Explain how to prepare evidence, without mentioning limits or lawyers.",
        "To prepare for small claims court, gather every document supporting your case: contracts, receipts, invoices, "
        "photographs and text messages or emails. Put them in date order and bring three copies, one for the judge and one "
        "for the other side. Write a short timeline and list what you are asking for. Bring any witnesses.",
        "how does traffic court work",
        "Traffic court handles tickets for violations like speeding. You can pay the fine, often $100 to $300 for minor "
        "speeding, or plead not guilty and request a hearing. The officer and you present your sides to a judge. Lawyers "
        "are not required for minor tickets, though some people hire one to avoid licence points.",
    ),
    (
        "what is copyright protection",
        "Say how long it lasts and give the figure for the US.",
        "Copyright automatically protects original creative works, such as books, music, photos and software, from the "
        "moment they are fixed in a tangible form. It gives the creator exclusive rights to copy, distribute, adapt and "
        "perform the work. In the US, for works created since 1978, it lasts for the author's life plus 70 years.",
        "Explain what copyright does not protect, without mentioning duration.",
        "Copyright does not cover everything. It does not protect ideas, facts, methods or systems, only their specific "
        "expression. Titles, names, short phrases and slogans are not covered, though some may be trademarks. Works in "
        "the public domain and most US federal government works are free for anyone to use.",
        "what is trademark protection",
        "A trademark protects names, logos and slogans that identify the source of goods or services, such as a brand "
        "name. Unlike copyright, it can last indefinitely as long as the mark is used and renewed. In the US, a federal "
        "registration lasts 10 years and can be renewed for further 10-year terms.",
    ),
    (
        "what happens if you die without a will",
        "Answer for England and Wales and name the rules that apply.",
        "In England and Wales, if you die without a will, your estate passes under the intestacy rules. A surviving spouse "
        "or civil partner receives personal belongings, the first £322,000 and half of the rest; children share the other "
        "half. Unmarried partners inherit nothing automatically, and if there are no relatives, the estate goes to the "
        "Crown.",
        "Answer for the United States in general terms, without naming specific rules.",
        "If someone dies without a will in the US, state law decides who inherits. Usually the estate goes first to a "
        "spouse and children, then to parents, siblings and more distant relatives. A probate court appoints an "
        "administrator to settle debts and distribute property. Details differ widely from state to state.",
        "what happens if you die with debt",
        "In England and Wales, debts are paid from the estate before anything passes to heirs, under set rules of priority "
        "in the administration of estates. Family members are not personally liable unless they co-signed or held joint "
        "accounts. If the estate cannot cover the debts, it is insolvent and creditors share what there is.",
    ),
    (
        "how to dispute a parking ticket",
        "Give the steps and mention the deadline to act.",
        "To dispute a parking ticket, first read it for errors in the date, location or vehicle details. Take photos of "
        "unclear signs or road markings. Submit a written appeal to the issuing authority with your evidence. Act quickly: "
        "many councils allow 14 to 28 days, and some halve the fine if you pay within 14 days if the appeal fails.",
        "List common valid grounds for appeal, without steps or deadlines.",
        "Common valid grounds for challenging a parking ticket include unclear or missing signs, faded road markings, a "
        "broken pay machine, a valid permit or ticket that was displayed, being stopped for a medical emergency, the car "
        "having been stolen, or mistakes on the notice itself, such as the wrong registration number.",
        "how to dispute a speeding ticket",
        "To dispute a speeding ticket, check the notice for errors and gather evidence, such as dash-cam footage or photos "
        "of missing speed signs. Respond by the deadline, often 28 days, pleading not guilty and asking for a hearing. You "
        "can request calibration records for the speed camera or radar.",
    ),
    (
        "what is tenant's right to a security deposit refund",
        "Give the specific deadline for returning the deposit in California.",
        "In California, a landlord must return a tenant's security deposit, or give an itemised statement of deductions, "
        "within 21 days after the tenant moves out. Deductions are allowed only for unpaid rent, cleaning to return the "
        "unit to move-in condition, and repairs beyond normal wear and tear. Withholding in bad faith can cost twice the "
        "deposit.",
        "Explain how to document the unit's condition, without any state deadlines.",
        "To protect your deposit, document the unit carefully. On move-in, walk through with the landlord and note every "
        "mark, stain and fault on a checklist both of you sign. Take dated photos and video of each room. Repeat the "
        "process on move-out, and keep copies of all rent payments and repair requests.",
        "what is a tenant's right to repairs",
        "Tenants have a right to a habitable home. In California, after a tenant gives written notice, a landlord generally "
        "has 30 days to make repairs. If they do not, the tenant may repair and deduct the cost, up to one month's rent, no "
        "more than twice a year, or withhold rent in serious cases.",
    ),
    (
        "what is the statute of limitations",
        "Give example time limits for both civil and criminal cases.",
        "A statute of limitations sets the maximum time after an event within which legal proceedings can start. Limits "
        "vary by jurisdiction and claim. In many US states, personal injury lawsuits must be filed within 2 to 3 years and "
        "written contract claims within 4 to 6 years. For crimes, minor offences may have 1 to 3 years, while murder has "
        "no limit.",
        "Explain the purpose of such limits, without any time limits.",
        "Statutes of limitations exist for several reasons. Over time, evidence is lost, memories fade and witnesses "
        "disappear, making fair trials harder. Limits encourage people with claims to act promptly, and they give "
        "potential defendants certainty that old matters will not suddenly resurface. The most serious crimes are usually "
        "exempt.",
        "what is the statute of frauds",
        "The statute of frauds requires certain contracts to be in writing to be enforceable. In most US states it covers "
        "sales of land, contracts that cannot be completed within one year, and sales of goods over $500. Criminal cases "
        "are unaffected; it applies only to civil contract claims.",
    ),
    (
        "what is an LLC business structure",
        "Compare it with a sole proprietorship and mention taxes.",
        "A limited liability company, or LLC, is a US business structure that protects owners' personal assets from "
        "business debts and lawsuits. Unlike a sole proprietorship, where the owner is personally liable for everything, "
        "an LLC is a separate legal entity. By default its profits pass through to the owners' personal tax returns, "
        "avoiding corporate tax.",
        "Explain the steps to form one, without comparisons or tax details.",
        "To form an LLC, choose a unique name that meets your state's rules. Appoint a registered agent to receive legal "
        "papers. File articles of organisation with the secretary of state and pay the filing fee. Write an operating "
        "agreement setting out ownership and management, and obtain an employer identification number and any licences.",
        "what is an S corporation",
        "An S corporation is a US tax status, not a separate business type: an LLC or corporation can elect it. Like a "
        "sole proprietorship, profits pass through to owners' personal tax returns, but owners who work in the business "
        "take a salary and may save on self-employment taxes on the remaining profit.",
    ),
    (
        "what is jury duty",
        "Explain what happens on the first day for a first-time juror.",
        "Jury duty is a civic obligation to serve on a jury when summoned. On your first day, you check in at the "
        "courthouse, often watch an orientation video and wait in an assembly room. You may be called to a courtroom for "
        "jury selection, where lawyers and the judge ask questions. If not picked, you are usually released that day.",
        "Explain how to postpone or be excused, not the first day.",
        "If jury service falls at a bad time, you can usually ask to postpone it once, by responding to the summons online "
        "or by post with new dates. Excusals may be granted for serious illness, caring responsibilities, severe financial "
        "hardship, or prior service. Provide supporting evidence, such as a doctor's note.",
        "what is grand jury duty",
        "A grand jury decides whether there is enough evidence to charge someone with a serious crime, rather than deciding "
        "guilt. On your first day, you are sworn in, receive instructions from a judge, and then hear prosecutors present "
        "evidence in private. Grand jurors often serve one or two days a week for months.",
    ),
    (
        "how does a prenuptial agreement work",
        "Mention what it cannot include.",
        "A prenuptial agreement is a contract couples sign before marriage setting out how property, debts and income will "
        "be divided if they divorce or one dies. Each partner should disclose finances fully and ideally have their own "
        "lawyer. It cannot set child custody or child support, which courts decide in the child's best interests.",
        "Mention what it typically includes, not what it cannot include.",
        "A prenuptial agreement is signed before marriage to settle financial matters in advance. It typically lists each "
        "partner's separate property, how shared property and savings will be divided, who is responsible for existing "
        "debts, whether spousal support will be paid, and how a family business or inheritance is protected.",
        "how does a postnuptial agreement work",
        "A postnuptial agreement is signed after marriage to set how property and debts will be divided in a divorce. It "
        "requires full financial disclosure and fair terms. Like a prenup, it cannot decide child custody or child support, "
        "which courts always assess based on the child's interests.",
    ),
    (
        "can my employer read my work email",
        "Answer for the US and mention company policy.",
        "In the US, employers can generally monitor email sent on company accounts and devices, because they own the "
        "systems. Most companies state this in an acceptable use or electronic communications policy that employees agree "
        "to. Some states, such as New York and Connecticut, require employers to notify workers of monitoring.",
        "Answer for the EU, referring to GDPR rather than company policy.",
        "In the EU, employers may monitor work email only under GDPR's strict conditions. Monitoring must have a legitimate "
        "purpose, be proportionate and necessary, and employees must be informed in advance. The European Court of Human "
        "Rights in Bărbulescu v. Romania held that secret, blanket monitoring of messages violated privacy.",
        "can my employer track my location",
        "In the US, employers can usually track company vehicles and company phones, especially during work hours, if "
        "their policy discloses it. Tracking personal devices is far more restricted. States such as California, Delaware "
        "and Connecticut have laws requiring notice or consent for electronic monitoring.",
    ),
    (
        "what is fair use in copyright",
        "Name the four factors courts consider.",
        "Fair use is a US doctrine allowing limited use of copyrighted material without permission for purposes like "
        "criticism, news, teaching and research. Courts weigh four factors: the purpose and character of the use, "
        "including whether it is transformative; the nature of the work; the amount used; and the effect on the market for "
        "the original.",
        "Give everyday examples of fair use instead of legal factors.",
        "Fair use covers many everyday activities. A film critic quoting a few lines in a review, a teacher showing a short "
        "clip in class, a news report including a snippet of a speech, a parody song mocking the original, or a "
        "researcher quoting a paragraph in an article are all common examples that usually qualify.",
        "what is public domain in copyright",
        "The public domain includes works no longer protected by copyright, free for anyone to use. In the US, works "
        "published before 1929 have entered it. Unlike fair use, where courts weigh four factors, public domain works need "
        "no analysis: you may copy, adapt and sell them freely.",
    ),
    (
        "how to file for divorce",
        "Describe the process in England and Wales, including the online option.",
        "In England and Wales, you can apply for divorce online through the gov.uk service, alone or jointly, after at least "
        "a year of marriage. Since 2022, no-fault divorce means you simply state the marriage has broken down. After 20 "
        "weeks you apply for a conditional order, then six weeks later for the final order. The fee is £612.",
        "Describe the emotional and practical preparation, not the legal process.",
        "Before filing for divorce, prepare practically and emotionally. Gather financial records: bank statements, "
        "pensions, mortgage papers and tax returns. Think about living arrangements and a budget. Talk to a counsellor or "
        "trusted friends for support, and consider mediation to agree arrangements for children calmly.",
        "how to file for legal separation",
        "In England and Wales, you can apply for a judicial separation online through the gov.uk service, with the same "
        "no-fault approach as divorce. Unlike divorce, there is no one-year wait and only one stage: the court grants a "
        "decree. You stay legally married. The fee is £365.",
    ),
    (
        "what does a notary public do",
        "Describe the process of getting a document notarised in the US.",
        "A notary public is an official who witnesses signatures to deter fraud. To get a document notarised in the US, "
        "bring the unsigned document and government photo ID to a notary at a bank, shipping store or online service. The "
        "notary checks your identity, watches you sign, records the act in a journal, and adds a seal. Fees are usually "
        "$2 to $15.",
        "Describe how civil-law notaries in Europe differ.",
        "In much of continental Europe, a notary is very different from a US notary public. Civil-law notaries are highly "
        "trained lawyers who draft and authenticate important deeds, such as property sales, marriage contracts and "
        "company formations. Their documents carry special legal force and can be enforced without a court judgment.",
        "what does a court clerk do",
        "A court clerk manages court records. To file a document in a US court, bring or upload the papers to the clerk's "
        "office. The clerk checks formatting, stamps the date, collects the filing fee, often $50 to $400, records the "
        "filing in the docket and issues a case number.",
    ),
    (
        "what is self-defense law",
        "Explain the duty to retreat and how states differ.",
        "Self-defence law allows using reasonable force to protect yourself from imminent harm. In the US, states differ on "
        "the duty to retreat. Some require you to retreat if you safely can before using deadly force. Others have stand "
        "your ground laws removing that duty anywhere you are lawfully present. Nearly all apply the castle doctrine at "
        "home.",
        "Explain the proportionality requirement only, without discussing retreat.",
        "A central rule of self-defence is proportionality: the force you use must be reasonable compared with the threat. "
        "Deadly force is justified only against a threat of death or serious injury. Responding to a shove with a weapon "
        "would usually be excessive, and force must stop once the threat has ended.",
        "what is the castle doctrine",
        "The castle doctrine says you have no duty to retreat inside your own home before using force against an intruder. "
        "States differ on how far it extends: some include cars and workplaces, while others require that the intruder "
        "entered unlawfully and forcefully. Outside the home, retreat rules vary by state.",
    ),
    (
        "how do patents work",
        "Give the usual duration and mention that the invention must be disclosed.",
        "A patent gives an inventor the exclusive right to make, use and sell an invention for a limited time, usually 20 "
        "years from the filing date. In exchange, the inventor must publicly disclose how the invention works in enough "
        "detail for others to reproduce it. To qualify, it must be new, non-obvious and useful.",
        "Explain how to search existing patents before applying.",
        "Before applying for a patent, search for prior art. Free databases include Google Patents, the USPTO's Patent "
        "Public Search, and the European Patent Office's Espacenet. Search by keywords and by classification codes, read "
        "the claims of similar patents, and check scientific papers, since any public disclosure can block novelty.",
        "how do trade secrets work",
        "A trade secret is business information kept confidential, such as a recipe or algorithm. Unlike a patent, it "
        "requires no public disclosure and has no fixed duration: it lasts as long as the secret is kept. Coca-Cola's "
        "formula has been protected this way for over a century.",
    ),
    (
        "what rights do employees have when fired",
        "Answer for US at-will employment and list exceptions.",
        "Most US jobs are at-will, meaning employers can fire employees for any reason or none, without notice. There are "
        "important exceptions. It is illegal to fire someone for discrimination based on race, sex, religion, age or "
        "disability, for whistleblowing, for taking protected leave, or in breach of a written contract.",
        "Answer for the UK, with the qualifying period for unfair dismissal.",
        "In the UK, employees with two years of continuous service can claim unfair dismissal if they are fired without a "
        "fair reason, such as misconduct or redundancy, and a fair process. Some dismissals, such as for whistleblowing or "
        "pregnancy, are automatically unfair from day one. Statutory notice is one week per year of service.",
        "what rights do employees have when laid off",
        "In the US, laid-off workers at large employers are covered by the WARN Act, requiring 60 days' notice for mass "
        "layoffs. Most jobs are at-will, but exceptions apply: layoffs cannot target workers by race, age or disability. "
        "Workers may claim unemployment benefits and continue health cover under COBRA.",
    ),
    (
        "what is a class action lawsuit",
        "Include a well-known example case.",
        "A class action is a lawsuit in which one or a few people sue on behalf of a large group with similar claims, "
        "called the class. It lets many small claims be resolved together efficiently. A well-known example is the Exxon "
        "Valdez oil spill litigation, in which thousands of fishermen and Alaska Natives sued over the 1989 spill.",
        "Explain how to join one or opt out, without example cases.",
        "If you are part of a class, you usually receive a notice by post or email explaining the case and settlement. In "
        "most US class actions you are included automatically, and you file a claim form to receive money. If you want to "
        "keep your right to sue separately, you must opt out in writing before the deadline.",
        "what is a mass tort lawsuit",
        "A mass tort involves many individual lawsuits about the same harm, such as a defective drug, handled together but "
        "with each plaintiff keeping their own case. A well-known example is the litigation over Johnson & Johnson's talc "
        "products, involving tens of thousands of claimants.",
    ),
    (
        "what is the age of criminal responsibility",
        "Compare several countries with their specific ages.",
        "The age of criminal responsibility is the youngest age at which a child can be prosecuted for a crime. It varies "
        "widely. In England and Wales it is 10, in Scotland 12, in Germany 14, in Japan 14, and in Sweden 15. Many US "
        "states set no minimum, although juvenile courts handle most young offenders.",
        "Explain the debate about raising it, without country comparisons.",
        "Many experts argue the age of criminal responsibility should be raised. Research on brain development shows "
        "children's impulse control and understanding of consequences mature slowly. Criminalising young children can "
        "lead to more offending later. Opponents argue that serious acts require accountability and that early "
        "intervention needs a legal framework.",
        "what is the legal drinking age",
        "The legal drinking age varies by country. In the United States it is 21, in most of Europe 18, though Germany and "
        "Belgium allow beer and wine at 16, in Japan it is 20, and in Iceland 20. Some countries, such as Saudi Arabia, "
        "prohibit alcohol entirely.",
    ),
    (
        "how does bail work",
        "Explain it for the US and mention bail bonds and their fees.",
        "In the US, bail is money paid to the court to secure a defendant's release before trial, guaranteeing they will "
        "return. If they attend all hearings, the money is refunded. People who cannot pay often use a bail bondsman, who "
        "posts the full amount for a non-refundable fee, typically 10 percent. Some states have ended cash bail.",
        "Explain it for England and Wales, where bail is normally free.",
        "In England and Wales, bail usually involves no payment. A court releases a defendant before trial, often with "
        "conditions such as living at a set address, reporting to a police station or a curfew. There is a presumption in "
        "favour of bail, and it can be refused only for reasons such as risk of absconding or reoffending.",
        "how does probation work",
        "In the US, probation lets a convicted person serve a sentence in the community under supervision instead of jail. "
        "They must meet a probation officer, follow conditions such as drug tests, and often pay monthly supervision fees "
        "of $30 to $100. Breaking conditions can mean jail.",
    ),
    (
        "what is defamation",
        "Distinguish libel from slander.",
        "Defamation is a false statement of fact, communicated to others, that damages a person's reputation. It has two "
        "forms. Libel is defamation in a lasting form, such as print, online posts or broadcasts. Slander is spoken, "
        "transitory defamation. Truth is a defence, and opinions that cannot be proved false generally are not "
        "defamatory.",
        "Explain the higher standard public figures must meet, not the two forms.",
        "In the US, public figures face a higher bar to win defamation cases. Under New York Times v. Sullivan (1964), they "
        "must prove actual malice: that the speaker knew the statement was false or showed reckless disregard for the "
        "truth. This protects robust debate about public officials and celebrities.",
        "what is invasion of privacy",
        "Invasion of privacy covers several wrongs, distinct from libel and slander, which concern false statements. Even "
        "true information can be private: public disclosure of private facts, intrusion into seclusion, presenting someone "
        "in a false light, and using someone's name or likeness without permission.",
    ),
]
