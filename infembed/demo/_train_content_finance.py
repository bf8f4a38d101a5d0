"""Hand-written demo training rows: personal finance. Tuple order: (Q+, I+, P+, I-, P_hn1, Q-, P_hn2).

General information written for a retrieval demo; not financial advice.
"""

TOPIC = "finance"

ROWS = [
    (
        "how to make a monthly budget",
        "Use the 50/30/20 rule with a dollar example.",
        "A simple way to budget is the 50/30/20 rule: spend 50 percent of after-tax income on needs, 30 percent on wants "
        "and 20 percent on savings and debt repayment. On a take-home pay of $4,000 a month, that means $2,000 for rent, "
        "food and bills, $1,200 for fun, and $800 saved.",
        "Use zero-based budgeting instead, with no percentage rule.",
        "In zero-based budgeting, you give every dollar of income a job until income minus planned spending equals zero. "
        "List your take-home pay, then assign amounts to rent, groceries, transport, debt payments, savings and fun, "
        "category by category. Unassigned money goes to savings, and you rebuild the plan each month.",
        "how to make a weekly budget",
        "For a weekly budget, apply the 50/30/20 rule to one week's take-home pay. On $900 a week, that is $450 for needs "
        "such as rent share, groceries and transport, $270 for wants such as eating out, and $180 for savings or paying "
        "down debt. Review it every Sunday.",
    ),
    (
        "what is compound interest",
        "Include the formula and a worked example over 10 years.",
        "Compound interest is interest earned on both your original money and the interest already added. The formula is "
        "A = P(1 + r/n)^(nt). Investing $10,000 at 5 percent compounded annually for 10 years gives 10,000 × 1.05¹⁰ ≈ "
        "$16,289, compared with $15,000 under simple interest.",
        "Explain it with an everyday analogy, with no formula or numbers.",
        "Compound interest works like a snowball rolling downhill. At first it is small, but as it rolls it picks up more "
        "snow, and the bigger it gets, the more snow it collects with each turn. Your savings earn interest, and then that "
        "interest earns interest too, so growth speeds up the longer you wait.",
        "what is simple interest",
        "Simple interest is paid only on the original amount, never on earlier interest. The formula is I = P × r × t. "
        "Investing $10,000 at 5 percent simple interest for 10 years earns 10,000 × 0.05 × 10 = $5,000, for a total of "
        "$15,000, less than compounding would give.",
    ),
    (
        "how much should I have in an emergency fund",
        "Give a range in months of expenses and say where to keep it.",
        "Most planners suggest an emergency fund covering three to six months of essential expenses; aim for the higher end "
        "if your income is irregular or you support a family. Keep it somewhere safe and easy to reach, such as a "
        "high-yield savings account, not in stocks that could fall just when you need the money.",
        "Give tips for building one from zero, without a target size.",
        "To build an emergency fund from nothing, start small: set up an automatic transfer of even $25 a week on payday. "
        "Put windfalls such as tax refunds or gifts straight in. Sell things you no longer use, and trim one subscription. "
        "Celebrate milestones like your first $500 to keep momentum.",
        "how much should I save for a house deposit",
        "Aim to save 10 to 20 percent of the purchase price for a home deposit, which is months or years of saving; a 20 "
        "percent deposit on a $300,000 home is $60,000 and avoids mortgage insurance. Keep the money in a high-yield "
        "savings account, not stocks, if you will buy within five years.",
    ),
    (
        "what is a Roth IRA",
        "Compare it with a traditional IRA on taxes.",
        "A Roth IRA is a US retirement account funded with after-tax money. You get no tax deduction now, but qualified "
        "withdrawals in retirement, including growth, are tax-free. A traditional IRA works the opposite way: contributions "
        "may be tax-deductible today, but withdrawals are taxed as income. Roths suit people expecting higher future tax "
        "rates.",
        "Explain the contribution and income limits only, without comparing account types.",
        "For 2024, you can contribute up to $7,000 to a Roth IRA, or $8,000 if you are 50 or older. Eligibility phases out "
        "at higher incomes: for single filers between $146,000 and $161,000 of modified adjusted gross income, and for "
        "married couples filing jointly between $230,000 and $240,000.",
        "what is a 401k plan",
        "A 401(k) is a US workplace retirement plan. In a traditional 401(k), contributions come out of pay before tax and "
        "withdrawals are taxed; a Roth 401(k) uses after-tax pay, and qualified withdrawals are tax-free. Many employers "
        "match part of your contributions.",
    ),
    (
        "how to improve my credit score",
        "Give specific actions ranked by impact.",
        "The most effective steps, roughly in order of impact: 1. Pay every bill on time, since payment history is the "
        "biggest factor. 2. Keep credit card balances below 30 percent of limits, ideally under 10. 3. Do not close old "
        "accounts, which lengthen your history. 4. Limit new applications. 5. Dispute errors on your credit report.",
        "Explain how scores are calculated, without action tips.",
        "A FICO score, from 300 to 850, is built from five factors: payment history, about 35 percent; amounts owed, or "
        "credit utilisation, 30 percent; length of credit history, 15 percent; new credit and recent enquiries, 10 "
        "percent; and credit mix, such as cards and loans, 10 percent.",
        "how to check my credit report",
        "To check your credit report, ranked by usefulness: 1. Get free reports from Equifax, Experian and TransUnion at "
        "AnnualCreditReport.com. 2. Look for accounts you do not recognise. 3. Check balances and late payments. 4. Dispute "
        "errors online with the bureau.",
    ),
    (
        "should I pay off debt or invest",
        "Compare interest rates with expected returns using numbers.",
        "Compare the interest rate on the debt with a realistic investment return. Paying off a credit card charging 22 "
        "percent is a guaranteed 22 percent return, far above the 7 to 10 percent long-run stock average, so pay it first. "
        "For a mortgage at 3 percent, investing may come out ahead. Always capture an employer retirement match.",
        "Discuss the psychological side of being debt-free, without numbers.",
        "Beyond the maths, many people value the peace of mind of being debt-free. Clearing debts removes monthly pressure, "
        "reduces stress and gives a sense of control that makes other goals feel achievable. For others, watching "
        "investments grow is motivating. The best plan is one you will stick with.",
        "should I pay off my mortgage early",
        "Compare your mortgage rate with what you could earn. Overpaying a 6 percent mortgage gives a guaranteed 6 percent "
        "return, competitive with the 7 to 10 percent long-run stock average after tax. On a 3 percent mortgage, investing "
        "the extra likely wins. Keep an emergency fund first.",
    ),
    (
        "what is an index fund",
        "Explain why fees matter with a cost example.",
        "An index fund is a low-cost fund that tracks a market index, such as the S&P 500, by holding the same stocks. "
        "Because it needs no expensive stock pickers, fees are tiny. On $100,000, a 0.05 percent fee costs $50 a year, "
        "while a 1 percent active fund costs $1,000, a gap that compounds over decades.",
        "Explain how index funds are built, without discussing fees.",
        "An index fund copies a market index. If the S&P 500 contains 500 large US companies weighted by market value, the "
        "fund buys those same companies in the same proportions. When the index adds or drops a company, the fund does "
        "too. It aims to match the market's return rather than beat it.",
        "what is an exchange traded fund",
        "An exchange-traded fund, or ETF, is a basket of investments that trades on a stock exchange like a share. Fees "
        "matter: a broad-market ETF might charge 0.03 percent, or $30 a year on $100,000, while a niche thematic ETF "
        "charging 0.75 percent costs $750 a year.",
    ),
    (
        "how to save money on groceries",
        "Give tips that do not require coupons.",
        "To cut your grocery bill without coupons: plan meals for the week and shop with a list; buy store brands, which "
        "are often 20 to 30 percent cheaper; choose seasonal and frozen produce; buy staples like rice and oats in bulk; "
        "avoid shopping hungry; and cook extra to use leftovers for lunches.",
        "Focus on using coupons and cashback apps.",
        "Coupons and cashback apps can trim grocery costs. Download your supermarket's app for digital coupons and "
        "loyalty prices. Use cashback apps that pay you for scanning receipts or buying featured items. Stack manufacturer "
        "coupons with store sales, and check weekly flyers before you shop.",
        "how to save money on utilities",
        "To save on utilities without buying new gadgets: lower the thermostat by 1 °C, wash clothes at 30 °C, take shorter "
        "showers, switch off devices at the wall, draught-proof doors with tape, and compare suppliers once a year, which "
        "alone can save a few hundred a year.",
    ),
    (
        "what is a good credit card for beginners",
        "Focus on cards with no annual fee and explain secured cards.",
        "Beginners with little credit history should look for cards with no annual fee. A secured credit card is often "
        "easiest to get: you pay a refundable deposit, such as $200, which becomes your limit. Use it for a small bill each "
        "month and pay in full; after 6 to 12 months, many issuers upgrade you.",
        "Focus on rewards cards with the best cashback, even if they charge an annual fee.",
        "If you already have a good credit score, a rewards card can pay you back. Some flat-rate cards give 2 percent "
        "cashback on everything, while others give 3 to 6 percent on groceries or dining. Premium cards with annual fees "
        "of $95 or more can be worth it if your spending earns more than the fee.",
        "what is a good bank account for beginners",
        "Beginners should choose a checking account with no monthly fee and no minimum balance. Many online banks offer "
        "free accounts with fee-free ATMs. If you have had trouble with banks before, a second-chance account, like a "
        "secured card, helps you rebuild your record.",
    ),
    (
        "how does a mortgage work",
        "Explain amortization with a payment example.",
        "A mortgage is a loan to buy property, repaid in monthly instalments over a term such as 25 or 30 years. Each "
        "payment covers interest and some principal. Early on, most goes to interest: on a $300,000 loan at 6 percent over "
        "30 years, the $1,799 payment includes about $1,500 of interest in the first month.",
        "Compare fixed-rate and variable-rate mortgages, without payment examples.",
        "With a fixed-rate mortgage, your interest rate and payment stay the same for a set period or the whole term, giving "
        "certainty. A variable-rate mortgage moves with a benchmark rate, so payments can rise or fall. Variable rates often "
        "start lower but carry the risk of rising payments.",
        "how does a car loan work",
        "A car loan is repaid in fixed monthly instalments over 3 to 7 years, amortised like a mortgage. Early payments go "
        "mostly to interest. On a $25,000 loan at 7 percent over 5 years, each payment is about $495, and total interest "
        "comes to roughly $4,700.",
    ),
    (
        "how to start investing with little money",
        "Mention fractional shares and a specific starting amount.",
        "You can start investing with as little as $50. Many brokerages offer fractional shares, so you can own part of an "
        "expensive stock or a broad index fund. Set up an automatic monthly investment of $50 into a low-cost total-market "
        "fund, and increase it as your income grows. Time in the market matters more than the amount.",
        "Explain the risks of investing for beginners, without starting amounts.",
        "Before investing, understand the risks. Stock prices can fall sharply, sometimes 30 percent or more in a downturn, "
        "and may take years to recover. Investing in a single company is riskier than a diversified fund. Money you need "
        "within a few years should stay in savings, not the stock market.",
        "how to start saving with little money",
        "You can start saving with as little as $5 a week. Open a high-yield savings account with no minimum balance and "
        "set an automatic transfer on payday. Round-up apps move spare change from purchases, like fractional shares do for "
        "investing. Increase the amount with each pay rise.",
    ),
    (
        "what is inflation",
        "Show how it erodes savings with a numerical example.",
        "Inflation is the general rise in prices over time, which means each unit of money buys less. If inflation averages "
        "3 percent a year, $10,000 kept in cash will buy only about $7,400 worth of today's goods after 10 years. That is "
        "why savings should earn interest at or above the inflation rate.",
        "Explain what causes inflation, without examples about savings.",
        "Inflation has several causes. Demand-pull inflation occurs when spending grows faster than the economy can produce "
        "goods. Cost-push inflation happens when costs such as energy or wages rise and firms pass them on. Rapid growth in "
        "the money supply and expectations of future price rises also feed it.",
        "what is deflation",
        "Deflation is a general fall in prices. It sounds good, but it can hurt the economy: if prices drop 2 percent a year, "
        "people delay purchases, and debts become heavier in real terms. $10,000 of debt would cost about 22 percent more "
        "in purchasing power after 10 years.",
    ),
    (
        "how to negotiate a higher salary",
        "Give a sample script for the conversation.",
        "Research the market rate for your role first. Then try: \"Thank you for the offer. I am excited about the role. "
        "Based on my research and my experience leading similar projects, I was expecting something closer to $85,000. "
        "Is there flexibility on the base salary?\" Then pause and let them respond.",
        "Give preparation steps only, without a script.",
        "Before negotiating, research salaries for your role and city using salary surveys, job listings and industry "
        "contacts. List your achievements with measurable results. Decide your target and the minimum you would accept. "
        "Consider the whole package, including bonus, leave and remote work, and time the talk around reviews.",
        "how to ask for a pay rise",
        "Book a meeting with your manager, then say: \"Over the past year I have taken on the client reporting and cut "
        "turnaround by 20 percent. Based on that and market rates for my role, I would like to discuss raising my salary to "
        "$72,000. What would that take?\"",
    ),
    (
        "what are the tax brackets in the United States",
        "Explain how marginal rates work with an example.",
        "The US uses marginal tax brackets: each rate applies only to the income within its band. For a single filer in "
        "2024, income up to $11,600 is taxed at 10 percent and income from $11,601 to $47,150 at 12 percent. Someone with "
        "$50,000 taxable income pays 22 percent only on the part above $47,150.",
        "List only the rates themselves, with no explanation of how they work.",
        "For the 2024 US federal income tax, there are seven brackets: 10 percent, 12 percent, 22 percent, 24 percent, 32 "
        "percent, 35 percent and 37 percent. The top 37 percent rate applies to single filers with taxable income above "
        "$609,350 and married couples filing jointly above $731,200.",
        "what are the tax brackets in the United Kingdom",
        "UK income tax is also marginal: each rate applies only to income in its band. In England for 2024/25, the first "
        "£12,570 is tax-free, income up to £50,270 is taxed at 20 percent, and up to £125,140 at 40 percent. Someone earning "
        "£55,000 pays 40 percent only on £4,730.",
    ),
    (
        "how to stop impulse buying",
        "Give behavioral strategies, including a waiting rule.",
        "To curb impulse buying, use a waiting rule: wait 24 hours for small purchases and 30 days for big ones; the urge "
        "often passes. Unsubscribe from shopping emails, delete saved cards from websites, and shop with a list. Before "
        "buying, translate the price into hours of work to see its real cost.",
        "Explain the psychology behind impulse buying, without strategies.",
        "Impulse buying is driven by the brain's reward system: the anticipation of a purchase releases dopamine, a feeling "
        "that fades soon after buying. Retailers use scarcity cues, limited-time offers and one-click checkout to shorten "
        "the pause for reflection. Stress and boredom make shoppers more susceptible.",
        "how to stop online gambling",
        "To stop gambling online, use blocking tools: install software such as Gamban and ask your bank to block gambling "
        "transactions. Self-exclude from gambling sites. Apply a waiting rule to urges: wait 30 minutes and call a friend or "
        "a gambling helpline. Hand control of cards to someone you trust.",
    ),
    (
        "what is a credit score range",
        "Give the FICO ranges with their labels.",
        "FICO scores run from 300 to 850. Ranges are usually labelled: 300 to 579 poor; 580 to 669 fair; 670 to 739 good; "
        "740 to 799 very good; and 800 to 850 exceptional. Lenders offer their best rates to borrowers in the very good and "
        "exceptional ranges, and many mortgage programmes require at least 620.",
        "Give the UK Experian score ranges instead of FICO.",
        "In the UK, Experian scores run from 0 to 999. The bands are: 0 to 560 very poor; 561 to 720 poor; 721 to 880 fair; "
        "881 to 960 good; and 961 to 999 excellent. Equifax and TransUnion use different scales, so scores are not "
        "comparable between agencies.",
        "what is a debt to income ratio",
        "Debt-to-income ratio is your monthly debt payments divided by gross monthly income. Ranges lenders use: under 36 "
        "percent is good; 36 to 43 percent is acceptable for many mortgages; above 43 percent is high, and above 50 percent "
        "is risky.",
    ),
    (
        "how to pay off credit card debt",
        "Compare the avalanche and snowball methods.",
        "Two popular payoff methods: with the avalanche method, pay minimums on every card and put extra money toward the "
        "one with the highest interest rate, which saves the most interest. With the snowball method, target the smallest "
        "balance first for quick wins that build motivation. Both work if you stop adding new debt.",
        "Recommend a balance transfer card, without comparing payoff methods.",
        "A balance transfer card can help you pay off credit card debt faster. Many offer 0 percent interest for 12 to 21 "
        "months on balances moved from other cards, usually for a fee of 3 to 5 percent. Pay it off before the promotional "
        "period ends, and avoid new spending on the card.",
        "how to pay off student loans faster",
        "Two popular methods apply to student loans too. The avalanche method puts extra payments toward the loan with the "
        "highest interest rate first, saving the most money. The snowball method clears the smallest balance first for "
        "motivation. Either way, ask the servicer to apply extra payments to principal.",
    ),
    (
        "what is dollar cost averaging",
        "Include a numerical example with share prices over several months.",
        "Dollar-cost averaging means investing a fixed amount at regular intervals. Investing $100 a month: at $10 a share "
        "you buy 10 shares, at $5 you buy 20, and at $10 again you buy 10. You spent $300 for 40 shares, an average of "
        "$7.50, below the $8.33 average price.",
        "Compare it with lump-sum investing, without a numerical example.",
        "Dollar-cost averaging spreads an investment over time, while lump-sum investing puts it all in at once. Because "
        "markets rise more often than they fall, research suggests lump sums win about two-thirds of the time. "
        "Dollar-cost averaging reduces the regret of investing right before a drop and suits regular paycheque investing.",
        "what is rebalancing a portfolio",
        "Rebalancing restores a portfolio to its target mix. Suppose you want 60 percent stocks and 40 percent bonds in "
        "$10,000. After a rally, stocks are worth $7,000 and bonds $4,000, or 64 percent stocks. Selling $400 of stocks and "
        "buying bonds restores 60/40.",
    ),
    (
        "how much house can I afford",
        "Use the 28/36 rule with an income example.",
        "A common guideline is the 28/36 rule: spend no more than 28 percent of gross monthly income on housing costs and no "
        "more than 36 percent on all debt. With a gross income of $6,000 a month, that allows about $1,680 for mortgage, "
        "taxes and insurance, and $2,160 for all debts combined.",
        "Explain the hidden costs of buying a home, without any affordability rule.",
        "The price is only the start. Budget for closing costs of 2 to 5 percent, property taxes, homeowners insurance, and "
        "possibly mortgage insurance or association fees. Set aside about 1 percent of the home's value each year for "
        "maintenance and repairs, plus moving costs and furniture.",
        "how much rent can I afford",
        "A common guideline is to spend no more than 30 percent of gross monthly income on rent. With a gross income of "
        "$4,500 a month, that allows about $1,350. Landlords often require income of three times the rent, which works out "
        "to the same figure.",
    ),
    (
        "what is the difference between stocks and bonds",
        "Explain risk and return for each.",
        "A stock is a share of ownership in a company; a bond is a loan to a company or government that pays interest. "
        "Stocks carry higher risk: prices swing widely and can fall sharply, but over long periods they have returned about "
        "7 to 10 percent a year. Bonds are steadier, with lower long-term returns of roughly 2 to 5 percent.",
        "Explain how each is taxed, without discussing risk or return.",
        "In the US, stock dividends are often taxed at lower qualified rates of 0, 15 or 20 percent, and gains on shares "
        "held over a year are taxed as long-term capital gains. Bond interest is usually taxed as ordinary income, though "
        "interest on municipal bonds is generally exempt from federal tax.",
        "what is the difference between stocks and mutual funds",
        "A stock is a share in one company, while a mutual fund pools money from many investors to buy many stocks or bonds. "
        "A single stock carries high risk, since one company can fail; a diversified fund spreads risk but still follows "
        "the market, returning a similar long-run 7 to 10 percent.",
    ),
    (
        "how to save for retirement in your 20s",
        "Show the power of starting early with a numerical comparison.",
        "Starting early matters enormously. Investing $200 a month from age 25 to 65 at a 7 percent return grows to about "
        "$525,000. Waiting until 35 to start the same $200 a month gives about $245,000, less than half, despite only ten "
        "fewer years. Start small and capture any employer match.",
        "Focus on which accounts to open, without any growth numbers.",
        "In your 20s, start with your employer's retirement plan, such as a 401(k), especially if it offers a match, since "
        "that is free money. Then consider opening a Roth IRA, as young workers are often in low tax brackets. Choose a "
        "low-cost target-date or index fund inside each account.",
        "how to save for retirement in your 50s",
        "In your 50s, catch-up contributions help. Investing $1,500 a month from 50 to 65 at 6 percent grows to about "
        "$436,000. Starting at 55 instead yields only about $245,000. People over 50 may contribute an extra $7,500 a year "
        "to a 401(k).",
    ),
    (
        "is it better to rent or buy a home",
        "Mention the price-to-rent ratio with a calculation.",
        "One quick test is the price-to-rent ratio: divide the home price by a year's rent for a similar place. A $360,000 "
        "home that would rent for $2,000 a month gives 360,000 ÷ 24,000 = 15. Ratios under about 15 tend to favour "
        "buying, while ratios above 20 tend to favour renting.",
        "Discuss lifestyle factors, without any ratios or calculations.",
        "Renting suits people who value flexibility: you can move for a job or relationship without selling, and repairs "
        "are the landlord's problem. Buying suits those planning to stay put for years, who want stability, the freedom "
        "to renovate, and a home that becomes theirs.",
        "is it better to lease or buy a car",
        "Compare total costs. Leasing a $35,000 car at $400 a month for 36 months costs $14,400 plus fees, with nothing to "
        "keep. Buying with a loan costs more monthly, but after paying it off, the car might be worth $20,000. Frequent "
        "drivers over 20,000 km a year rarely benefit from leases.",
    ),
    (
        "what is a high yield savings account",
        "Compare the rate with a regular savings account using numbers.",
        "A high-yield savings account pays much more interest than a standard one, usually at online banks. In 2024 many "
        "offered about 4 to 5 percent APY, while the national average was around 0.5 percent. On $10,000, that is roughly "
        "$450 a year versus $50. Deposits are FDIC-insured up to $250,000.",
        "Explain how to choose one, without comparing rates.",
        "When choosing a high-yield savings account, check that the bank is FDIC-insured, or NCUA-insured for credit unions. "
        "Look for no monthly fees and no minimum balance, easy transfers to your checking account, a good mobile app and "
        "responsive customer support. Read the terms for limits on withdrawals.",
        "what is a certificate of deposit",
        "A certificate of deposit locks your money for a fixed term in exchange for a set rate. In 2024, a 12-month CD paid "
        "about 5 percent APY at many banks, versus 0.5 percent in a regular savings account. Early withdrawal usually costs "
        "a few months of interest.",
    ),
    (
        "how to teach kids about money",
        "Give age-specific ideas for young children and teenagers.",
        "Ages 3 to 6: use three jars labelled save, spend and share, and let them count coins. Ages 7 to 12: give a small "
        "weekly allowance and let them make spending mistakes. Teenagers: open a bank account with a debit card, involve "
        "them in a family budget, and show how compound interest grows savings.",
        "Give general principles for parents, without age-specific ideas.",
        "Children learn about money mostly by watching adults, so talk openly about choices you make, such as comparing "
        "prices or saving for a holiday. Let them make small decisions and live with the results. Praise patience and "
        "planning, and explain that money comes from work.",
        "how to teach kids about saving",
        "Ages 3 to 6: use a clear jar so they watch savings grow, and add a sticker for each coin. Ages 7 to 12: help them "
        "save for a specific toy and offer to match deposits. Teenagers: open a high-interest savings account and set a goal, "
        "like a phone.",
    ),
    (
        "what happens to my money if my bank fails",
        "Answer for the United States and give the insurance limit.",
        "In the US, deposits at FDIC-insured banks are protected up to $250,000 per depositor, per bank, for each account "
        "ownership category. If a bank fails, the FDIC usually transfers accounts to another bank or pays depositors "
        "within a few business days. Money above the limit may be only partly recovered.",
        "Answer for the United Kingdom and give the protection limit.",
        "In the UK, the Financial Services Compensation Scheme protects deposits up to £85,000 per person, per authorised "
        "bank or building society. Joint accounts are covered up to £170,000. If a bank fails, the FSCS aims to pay most "
        "people within seven days, and temporary high balances can be protected up to £1 million.",
        "what happens to my investments if my broker fails",
        "In the US, if a brokerage fails, SIPC protects customers' securities and cash up to $500,000, including $250,000 for "
        "cash. Your stocks and funds are held separately from the broker's own assets, so they are usually transferred to "
        "another firm. SIPC does not cover market losses.",
    ),
]
