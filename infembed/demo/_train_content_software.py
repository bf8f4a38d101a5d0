"""Hand-written demo training rows: software and programming. Tuple order: (Q+, I+, P+, I-, P_hn1, Q-, P_hn2)."""

TOPIC = "software"

ROWS = [
    (
        "how to reverse a list in Python",
        "Show a method that modifies the list in place.",
        "To reverse a Python list in place, call its reverse method: numbers = [1, 2, 3]; numbers.reverse() leaves numbers "
        "as [3, 2, 1]. The method returns None, so do not write numbers = numbers.reverse(). Reversing in place uses no "
        "extra memory for a copy, which helps with very large lists.",
        "Show a method that returns a new reversed list and leaves the original unchanged.",
        "To get a reversed copy of a Python list without changing the original, use slicing: reversed_numbers = "
        "numbers[::-1]. Alternatively, list(reversed(numbers)) builds a new list from the reversed iterator. In both cases "
        "numbers keeps its original order, which is safer when other code still uses it.",
        "how to sort a list in Python",
        "To sort a Python list in place, call its sort method: names.sort() rearranges names alphabetically, and "
        "names.sort(reverse=True) sorts in descending order. Pass key=len to sort by length. Like reverse, sort returns "
        "None and modifies the original list, using no extra copy.",
    ),
    (
        "what is a REST API",
        "Explain with an HTTP example request and response.",
        "A REST API lets programs exchange data over HTTP using resources identified by URLs and standard methods: GET "
        "reads, POST creates, PUT updates and DELETE removes. For example, the request GET /users/42 might return status "
        "200 OK with the JSON body {\"id\": 42, \"name\": \"Ada\"}. Each request is stateless, carrying everything the server "
        "needs.",
        "Explain the concept without any code or HTTP examples.",
        "A REST API is a common style for letting software systems talk to each other over the web. Everything is treated "
        "as a resource, such as a user or an order, with its own web address. Clients use a small set of standard actions "
        "to read or change those resources, and the server remembers nothing between requests.",
        "what is a GraphQL API",
        "GraphQL is a query language for APIs where the client asks for exactly the fields it needs, usually through one "
        "endpoint. For example, POST /graphql with the body {\"query\": \"{ user(id: 42) { name } }\"} returns 200 OK with "
        "{\"data\": {\"user\": {\"name\": \"Ada\"}}}, avoiding over-fetching.",
    ),
    (
        "how to undo the last git commit",
        "Keep the changes in the working directory.",
        "To undo the last commit but keep its changes, run git reset --soft HEAD~1; the changes stay staged, ready to "
        "commit again. Use git reset HEAD~1, the default mixed mode, to keep them unstaged in your working directory. Only "
        "do this on commits you have not pushed, since rewriting shared history causes problems for others.",
        "Discard the changes completely.",
        "To throw away the last commit and all its changes, run git reset --hard HEAD~1. Your branch moves back one commit "
        "and the working directory is reset to match it, so uncommitted work is lost too. If you regret it, git reflog "
        "shows the old commit's hash, which you can reset back to.",
        "how to undo a pushed git commit",
        "To undo a commit that is already pushed while keeping history intact, run git revert <commit-hash>. Git creates a "
        "new commit that reverses the changes, and your working directory keeps everything else. Push it normally. This is "
        "safe for shared branches because no history is rewritten.",
    ),
    (
        "difference between a process and a thread",
        "Mention memory sharing and give a Python-specific note about the GIL.",
        "A process is an independent program with its own memory space; a thread runs inside a process and shares that "
        "process's memory with other threads. Threads are lighter to create and communicate easily, but need locks to "
        "avoid data races. In CPython, the global interpreter lock lets only one thread run Python bytecode at a time, so "
        "CPU-heavy work uses multiprocessing.",
        "Keep it language-neutral, with no mention of any specific language.",
        "A process is a running program with its own private memory, file handles and resources, isolated by the operating "
        "system. A thread is a unit of execution within a process; several threads share the same memory, which makes "
        "communication fast but requires synchronisation such as locks. A crash in one process does not affect another.",
        "difference between concurrency and parallelism",
        "Concurrency means structuring a program to handle several tasks that overlap in time, such as threads sharing one "
        "memory space; parallelism means literally running tasks at the same instant on multiple cores. In CPython the GIL "
        "allows concurrency with threads but not parallel bytecode execution.",
    ),
    (
        "how to read a file line by line in Python",
        "Use a with statement and handle large files efficiently.",
        "Open the file with a with statement so it closes automatically, and iterate over the file object directly: with "
        "open(\"data.txt\", encoding=\"utf-8\") as f: for line in f: process(line.rstrip(\"\\n\")). Iterating reads one "
        "line at a time, so even multi-gigabyte files use little memory, unlike f.readlines(), which loads everything.",
        "Load all lines into a list at once for a small file.",
        "For a small file, you can read every line into a list in one call: with open(\"names.txt\", encoding=\"utf-8\") as "
        "f: lines = f.read().splitlines(). The splitlines method removes newline characters. Now lines is an ordinary "
        "list, so you can index it, sort it or count it with len(lines).",
        "how to write a file line by line in Python",
        "Open the file for writing with a with statement so it is flushed and closed automatically: with open(\"out.txt\", "
        "\"w\", encoding=\"utf-8\") as f: for row in rows: f.write(row + \"\\n\"). Writing inside the loop streams data "
        "out, so memory stays low even for millions of lines.",
    ),
    (
        "what is Big O notation",
        "Give examples of common complexities with concrete algorithms.",
        "Big O notation describes how an algorithm's running time or memory grows with input size n, ignoring constants. "
        "O(1): reading an array element by index. O(log n): binary search. O(n): scanning a list for a value. O(n log n): "
        "merge sort. O(n²): comparing every pair, as in bubble sort. O(2ⁿ): trying every subset.",
        "Give the formal mathematical definition, without algorithm examples.",
        "Formally, f(n) = O(g(n)) if there exist positive constants c and n₀ such that 0 ≤ f(n) ≤ c·g(n) for all n ≥ n₀. "
        "Big O therefore gives an asymptotic upper bound. The related notations Ω(g) and Θ(g) give a lower bound and a "
        "tight bound, where f is bounded above and below by constant multiples of g.",
        "what is amortized time complexity",
        "Amortised complexity averages cost over a sequence of operations. Appending to a dynamic array, like a Python list, "
        "is O(1) amortised: most appends are cheap, and the occasional O(n) resize doubles capacity. Another example: a "
        "splay tree's operations cost O(log n) amortised.",
    ),
    (
        "how to center a div in CSS",
        "Use flexbox and center both horizontally and vertically.",
        "To centre a child both horizontally and vertically with flexbox, style the parent: .parent { display: flex; "
        "justify-content: center; align-items: center; height: 100vh; }. justify-content centres along the main axis and "
        "align-items along the cross axis. The parent needs a height for vertical centring to be visible.",
        "Center it horizontally only, using margin auto and no flexbox.",
        "To centre a block element horizontally without flexbox, give it a width and set its left and right margins to "
        "auto: .box { width: 600px; margin: 0 auto; }. The browser splits the remaining space equally on both sides. This "
        "works for block elements but does not centre them vertically.",
        "how to center text in CSS",
        "To centre text horizontally and vertically inside a box with flexbox, use .box { display: flex; justify-content: "
        "center; align-items: center; height: 200px; text-align: center; }. text-align centres each line of a multi-line "
        "paragraph, while flexbox centres the block of text in the box.",
    ),
    (
        "what is a SQL join",
        "Compare inner join and left join with a small example.",
        "A SQL join combines rows from two tables using a related column. With customers(id, name) and orders(customer_id, "
        "total), an INNER JOIN on customers.id = orders.customer_id returns only customers who have orders. A LEFT JOIN "
        "returns every customer, filling the order columns with NULL for customers without orders.",
        "Explain only the cross join.",
        "A CROSS JOIN returns the Cartesian product of two tables: every row of the first paired with every row of the "
        "second, with no join condition. Joining a sizes table of 3 rows with a colours table of 4 rows yields 12 "
        "combinations. It is useful for generating grids but can explode in size.",
        "what is a SQL index",
        "A SQL index is a data structure, usually a B-tree, that speeds up lookups on a column. Compare a query with and "
        "without one: SELECT * FROM orders WHERE customer_id = 7 scans every row without an index, but with CREATE INDEX ON "
        "orders(customer_id) it jumps straight to matching rows.",
    ),
    (
        "how to handle exceptions in Python",
        "Show try, except, else and finally together.",
        "Python handles errors with try blocks: try: value = int(text) except ValueError: print(\"not a number\") else: "
        "print(\"parsed\", value) finally: print(\"done\"). The except block runs only on that error, else runs when no "
        "exception occurred, and finally always runs, making it the place to release resources.",
        "Show how to raise a custom exception class instead.",
        "To signal your own errors, define an exception class and raise it: class InsufficientFunds(Exception): pass. Then "
        "in code: if amount > balance: raise InsufficientFunds(f\"need {amount}, have {balance}\"). Callers can catch "
        "InsufficientFunds specifically, and a descriptive message makes debugging easier.",
        "how to handle exceptions in JavaScript",
        "JavaScript handles errors with try, catch and finally: try { JSON.parse(text); } catch (err) { console.error(\"bad "
        "JSON\", err.message); } finally { cleanup(); }. There is no else clause, so code that should run only on success "
        "goes at the end of the try block.",
    ),
    (
        "what is Docker used for",
        "Write for a non-technical manager, avoiding jargon.",
        "Docker packages an application together with everything it needs to run, so it behaves the same on a developer's "
        "laptop, a test server and in production. Think of it as a shipping container for software: standard, portable and "
        "sealed. It cuts the \"it works on my machine\" problems that slow teams down and makes releases more predictable.",
        "Write for engineers, with commands and technical details.",
        "Docker builds images from a Dockerfile, layered filesystem snapshots that bundle an app with its dependencies, and "
        "runs them as isolated containers using Linux namespaces and cgroups. docker build -t app . creates an image, and "
        "docker run -p 8080:80 app starts it with a port mapping. Compose files define multi-container setups.",
        "what is Kubernetes used for",
        "Kubernetes is like an automated operations manager for software packaged in containers. It decides which computers "
        "run each part of an application, restarts anything that fails, and adds more copies when traffic rises. For a "
        "business, that means fewer outages and less manual work for the team.",
    ),
    (
        "how to merge two dictionaries in Python",
        "Show the syntax for Python 3.9 and later.",
        "In Python 3.9 and later, merge dictionaries with the union operator: merged = defaults | overrides. Keys in the "
        "right-hand dictionary win on conflicts. To update a dictionary in place, use defaults |= overrides. Both operators "
        "leave the key order of the left dictionary first, followed by new keys from the right.",
        "Show a method that works on Python 3.5 to 3.8.",
        "On Python 3.5 to 3.8, merge dictionaries with unpacking: merged = {**defaults, **overrides}. Later dictionaries "
        "overwrite earlier ones on duplicate keys. The older update method also works but changes the dictionary in place: "
        "merged = defaults.copy(); merged.update(overrides).",
        "how to merge two lists in Python",
        "In any modern Python, including 3.9 and later, join lists with the plus operator: combined = first + second "
        "creates a new list. To add in place, use first.extend(second) or first += second. For many lists, "
        "list(itertools.chain(a, b, c)) avoids repeated copies.",
    ),
    (
        "what is a memory leak",
        "Give an example in a garbage-collected language.",
        "A memory leak happens when a program keeps memory it no longer needs, so usage grows over time. Garbage collection "
        "does not prevent all leaks: in JavaScript, adding an event listener to a DOM element and never removing it keeps "
        "the handler and everything it references alive. Caches that grow without limit are another common culprit.",
        "Give an example in C with manual memory management.",
        "A memory leak occurs when allocated memory is never freed. In C, calling char *buf = malloc(1024); inside a loop "
        "and never calling free(buf) leaks 1 KB per iteration, and the lost pointer can never be recovered. Tools such as "
        "Valgrind or AddressSanitizer report leaked blocks and where they were allocated.",
        "what is a dangling pointer",
        "A dangling pointer refers to memory that has been freed or gone out of scope. Garbage-collected languages such as "
        "Java and JavaScript largely prevent them, but a similar bug appears when a cached DOM node reference in JavaScript "
        "points to an element already removed from the page.",
    ),
    (
        "how to write a unit test in Python",
        "Use pytest rather than unittest.",
        "With pytest, a unit test is just a function whose name starts with test_ in a file named test_*.py: def "
        "test_add(): assert add(2, 3) == 5. Run pytest in the project folder to discover and run all tests. Plain assert "
        "statements give detailed failure messages, and fixtures provide reusable setup.",
        "Use the built-in unittest module rather than pytest.",
        "With the standard library's unittest, write a class that inherits from unittest.TestCase and add methods starting "
        "with test: class TestMath(unittest.TestCase): def test_add(self): self.assertEqual(add(2, 3), 5). Run python -m "
        "unittest discover to find and run them. setUp and tearDown handle per-test preparation.",
        "how to mock a function in Python",
        "With pytest, use the built-in monkeypatch fixture to replace a function during a test: def test_fetch(monkeypatch): "
        "monkeypatch.setattr(api, \"get\", lambda url: {\"ok\": True}); assert fetch_status() == \"ok\". The original is "
        "restored after the test automatically, so other tests still see the real function.",
    ),
    (
        "what is the difference between HTTP and HTTPS",
        "Explain TLS and mention the default port numbers.",
        "HTTPS is HTTP sent over an encrypted TLS connection. Before exchanging data, the browser and server perform a TLS "
        "handshake, verifying the server's certificate and agreeing on session keys, so eavesdroppers cannot read or "
        "tamper with traffic. Plain HTTP uses port 80 by default, while HTTPS uses port 443.",
        "Explain it for a shop owner choosing a website plan, without technical terms or ports.",
        "HTTPS is the secure version of the web address your customers see. It scrambles information travelling between "
        "their browser and your site, so card details and passwords cannot be spied on. Browsers show a padlock for HTTPS "
        "and warn visitors about sites without it, and search engines rank secure sites higher.",
        "what is the difference between HTTP/1.1 and HTTP/2",
        "HTTP/2 keeps HTTP's meaning but changes how it travels. It multiplexes many requests over one TCP connection, "
        "compresses headers and uses binary framing, while HTTP/1.1 handles one request at a time per connection. Both use "
        "port 80, or port 443 with TLS, which browsers require for HTTP/2.",
    ),
    (
        "how to make an HTTP request in JavaScript",
        "Use the fetch API with async/await and handle errors.",
        "Use fetch with async/await: async function getUser(id) { const res = await fetch(`/api/users/${id}`); if "
        "(!res.ok) throw new Error(`HTTP ${res.status}`); return res.json(); }. Note that fetch only rejects on network "
        "failures, so check res.ok for HTTP errors, and wrap calls in try/catch.",
        "Use the older XMLHttpRequest object with callbacks.",
        "With XMLHttpRequest: const xhr = new XMLHttpRequest(); xhr.open(\"GET\", \"/api/users/1\"); xhr.onload = () => { "
        "if (xhr.status === 200) console.log(JSON.parse(xhr.responseText)); }; xhr.onerror = () => console.error(\"network "
        "error\"); xhr.send();. It is callback based, predates promises, and is still found in older code bases.",
        "how to make an HTTP request in Python",
        "Use the requests library: import requests; resp = requests.get(\"https://api.example.com/users/1\", timeout=10); "
        "resp.raise_for_status(); user = resp.json(). For async code with await, use httpx.AsyncClient. Always set a timeout "
        "and handle requests.RequestException for errors, since raise_for_status turns 4xx and 5xx responses into exceptions.",
    ),
    (
        "what is recursion in programming",
        "Include a factorial example and mention the base case.",
        "Recursion is when a function calls itself to solve smaller versions of the same problem. Every recursive function "
        "needs a base case that stops the calls. Factorial in Python: def fact(n): return 1 if n <= 1 else n * fact(n - 1). "
        "Here n <= 1 is the base case; without it the calls would never end.",
        "Include a tree traversal example instead of factorial.",
        "Recursion suits naturally nested data such as trees. To count all files in a folder tree in Python: def count(node): "
        "return 1 if node.is_file() else sum(count(child) for child in node.iterdir()). Each call handles one node and "
        "delegates the subfolders to further calls, mirroring the tree's shape.",
        "what is iteration in programming",
        "Iteration repeats a block of code with a loop instead of function calls. Factorial with a loop in Python: result = "
        "1; for i in range(2, n + 1): result *= i. There is no base case; the loop ends when the range is exhausted, and it "
        "uses constant stack space.",
    ),
    (
        "how to create a virtual environment in Python",
        "Use the built-in venv module and show commands for Windows and macOS/Linux.",
        "Create a virtual environment with the built-in venv module: python -m venv .venv. Activate it on macOS or Linux "
        "with source .venv/bin/activate, and on Windows with .venv\\Scripts\\activate. Then pip install installs packages "
        "only into this environment. Run deactivate to leave it.",
        "Use conda instead of venv.",
        "With conda, create an environment that also pins the Python version: conda create -n myproject python=3.11. "
        "Activate it with conda activate myproject on any operating system, install packages with conda install numpy or "
        "pip, and leave with conda deactivate. conda env export saves the environment.",
        "how to install packages in Python",
        "Install packages with pip inside a virtual environment made with the built-in venv module. On macOS or Linux: "
        "source .venv/bin/activate, then pip install requests. On Windows: .venv\\Scripts\\activate, then pip install "
        "requests. Record versions with pip freeze > requirements.txt.",
    ),
    (
        "what is object oriented programming",
        "Explain the four pillars with a short example for each.",
        "Object-oriented programming organises code around objects bundling data and behaviour. Encapsulation: a "
        "BankAccount hides its balance behind deposit(). Abstraction: a car's drive() hides engine details. Inheritance: "
        "SavingsAccount extends BankAccount. Polymorphism: calling area() works on both Circle and Square objects, each "
        "with its own version.",
        "Compare it with functional programming, without listing pillars.",
        "Object-oriented programming models a program as objects that hold changing state and methods that act on it. "
        "Functional programming favours pure functions that take inputs and return outputs without changing state, and "
        "treats functions as values. OOP suits simulations and user interfaces; functional style eases testing and "
        "concurrency.",
        "what is functional programming",
        "Functional programming builds programs from pure functions. Four core ideas: pure functions always return the same "
        "output for the same input; immutability, never changing data in place; first-class functions passed as values, "
        "like map(square, xs); and composition, chaining small functions into larger ones.",
    ),
    (
        "how to find the largest file on Linux",
        "Give a single command line and explain each part.",
        "Run: du -ah /path 2>/dev/null | sort -rh | head -n 10. Here du -ah lists disk usage for all files and folders in "
        "human-readable sizes, 2>/dev/null hides permission errors, sort -rh sorts those sizes largest first, and head -n "
        "10 shows the top ten entries.",
        "Recommend a graphical or interactive tool instead of a single command.",
        "For an interactive view, install ncdu and run ncdu /. It scans the disk and shows folders sorted by size; use the "
        "arrow keys to drill down and press d to delete. On desktops, GNOME's Disk Usage Analyzer, Baobab, shows the same "
        "information as a clickable ring chart.",
        "how to find large files on Windows",
        "In PowerShell, run: Get-ChildItem C:\\ -Recurse -File -ErrorAction SilentlyContinue | Sort-Object Length "
        "-Descending | Select-Object -First 10 FullName, Length. Get-ChildItem lists files recursively, the error option "
        "hides access errors, Sort-Object orders by size, and Select-Object shows the top ten.",
    ),
    (
        "what is continuous integration",
        "Name specific tools and describe a typical pipeline.",
        "Continuous integration means developers merge code into a shared branch often, and every change is built and "
        "tested automatically. A typical pipeline in GitHub Actions, GitLab CI or Jenkins checks out the code, installs "
        "dependencies, runs linters, runs the unit tests, and reports the result on the pull request before merging.",
        "Explain the benefits for a team, without naming tools.",
        "Continuous integration helps teams catch problems early. Because every change is tested automatically as soon as "
        "it is shared, bugs surface within minutes, while the change is fresh in the author's mind. Merges stay small, so "
        "conflicts are rare, and the main branch is always in a working state that can be released.",
        "what is continuous deployment",
        "Continuous deployment automatically releases every change that passes the pipeline to production. A typical flow "
        "in GitHub Actions or GitLab CI builds a Docker image, runs tests, pushes the image to a registry, and deploys it "
        "with Argo CD or Kubernetes, often to a small canary group first.",
    ),
    (
        "how to hash passwords securely",
        "Recommend specific algorithms and say which to avoid.",
        "Never store passwords in plain text or with fast hashes such as MD5, SHA-1 or plain SHA-256, which attackers can "
        "test billions of times per second. Use a slow, salted password hashing algorithm: Argon2id is the current "
        "recommendation, with bcrypt or scrypt as good alternatives. Libraries handle salts and parameters for you.",
        "Explain why salting matters, without naming any algorithms.",
        "A salt is a random value stored alongside each password hash and mixed in before hashing. Because every user gets "
        "a different salt, two people with the same password have different hashes, and attackers cannot use precomputed "
        "rainbow tables or crack many accounts at once with one guess.",
        "how to store API keys securely",
        "Never commit API keys to source control or hard-code them. Store them in environment variables or a secrets manager "
        "such as HashiCorp Vault or AWS Secrets Manager. Avoid plain config files in repositories, and rotate keys "
        "regularly. Hash keys with SHA-256 if you must verify them server-side.",
    ),
    (
        "what is a race condition",
        "Give a concrete bank account example.",
        "A race condition is a bug where the result depends on the unpredictable timing of concurrent operations. Imagine "
        "two threads each withdrawing £100 from an account holding £150. Both read the balance as £150, both decide there "
        "is enough, and both subtract, leaving −£50. A lock around the read and update prevents it.",
        "Give a concrete example involving a web page's counter instead of a bank.",
        "A race condition occurs when outcomes depend on timing. Suppose a web page's visit counter is stored in a database, "
        "and two requests arrive at once. Both read the count 100, both add one, and both write back 101, so one visit is "
        "lost. An atomic UPDATE count = count + 1 fixes it.",
        "what is a deadlock",
        "A deadlock happens when threads wait on each other forever. In a bank transfer, thread A locks account 1 then waits "
        "for account 2, while thread B locks account 2 then waits for account 1. Neither can proceed. Always locking "
        "accounts in the same order, such as by ID, prevents it.",
    ),
    (
        "how to learn programming as a beginner",
        "Recommend starting with Python and give a week-by-week plan for the first month.",
        "Start with Python for its readable syntax. Week 1: install Python and learn variables, types and print. Week 2: "
        "conditions and loops with small exercises. Week 3: functions and lists, writing a simple quiz game. Week 4: files "
        "and dictionaries, building a to-do list app. Code a little every day.",
        "Recommend starting with JavaScript for web development, with no weekly plan.",
        "If you want to build websites, start with JavaScript. It runs in every browser, so you can see results instantly "
        "with no installation. Learn basic HTML and CSS alongside it, then build small interactive pages such as a "
        "calculator. Free resources like MDN Web Docs cover the fundamentals well.",
        "how to learn data science as a beginner",
        "Start data science with Python. Week 1: Python basics, variables, loops and functions. Week 2: NumPy arrays and "
        "basic statistics. Week 3: pandas for loading and cleaning CSV data. Week 4: charts with matplotlib and a small "
        "analysis project on a public dataset.",
    ),
    (
        "what is the difference between git merge and rebase",
        "Explain the effect on commit history and when each is appropriate.",
        "git merge joins two branches by creating a merge commit, preserving the full history of both. git rebase replays "
        "your branch's commits on top of another branch, producing a linear history but rewriting commit hashes. Use rebase "
        "to tidy local, unpushed work; use merge for shared branches, where rewriting history disrupts others.",
        "Give only the commands to run for a rebase, with no comparison.",
        "To rebase your feature branch onto the latest main: git fetch origin, then git checkout feature, then git rebase "
        "origin/main. If conflicts appear, fix the files, git add them, and run git rebase --continue, or git rebase --abort "
        "to give up. Finally git push --force-with-lease.",
        "what is the difference between git fetch and pull",
        "git fetch downloads new commits from the remote without changing your branch, so history stays untouched until "
        "you decide. git pull runs fetch and then merges, or rebases with --rebase, into your current branch, changing its "
        "history. Use fetch to inspect first; pull when ready to integrate.",
    ),
    (
        "how does a hash table work",
        "Explain collision handling with chaining.",
        "A hash table stores key-value pairs in an array. A hash function turns each key into an index. When two keys map to "
        "the same index, a collision, chaining stores both entries in a small list at that slot; lookups hash the key and "
        "scan that short list. With a good hash and resizing, operations average O(1).",
        "Explain collision handling with open addressing instead of chaining.",
        "A hash table maps keys to array slots using a hash function. With open addressing, a collision is resolved by "
        "probing for another free slot in the same array: linear probing checks the next slot, then the next. Lookups "
        "follow the same probe sequence until they find the key or an empty slot.",
        "how does a binary search tree work",
        "A binary search tree stores keys so each node's left subtree holds smaller keys and its right subtree larger ones. "
        "Searching compares the key with the node and goes left or right, taking O(log n) when balanced. Unlike hash "
        "tables, there are no collisions to chain; duplicates follow a fixed rule.",
    ),
    (
        "what is an API rate limit",
        "Explain how clients should respond, including HTTP status 429 and backoff.",
        "An API rate limit caps how many requests a client may make in a time window, such as 100 per minute, to protect "
        "the service. When exceeded, servers usually return HTTP 429 Too Many Requests, often with a Retry-After header. "
        "Clients should wait that long, then retry with exponential backoff and jitter instead of hammering the server.",
        "Explain how servers implement it, such as the token bucket algorithm.",
        "Servers often enforce rate limits with a token bucket. Each client has a bucket holding up to N tokens, refilled at "
        "a steady rate, say 10 per second. Every request spends one token; if the bucket is empty, the request is rejected. "
        "This allows short bursts while capping the average rate.",
        "what is an API timeout",
        "An API timeout is how long a client waits for a response before giving up. Set both a connect and a read timeout. "
        "When a call times out, or the server replies with HTTP 429 or 503, retry with exponential backoff and jitter, and "
        "cap the number of attempts.",
    ),
]
