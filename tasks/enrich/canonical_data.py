"""Curated names for canonical entities (data only; the logic is tasks.enrich.canonical).

WELL_KNOWN_PEOPLE maps a surname that, in news, overwhelmingly means one person to
that person's full name, so a surname-only mention ("Trump said") joins the full
name lake-wide even in an article that never spells it out. Only people whose
surname is unambiguous in international news belong here; an article that names
another person with that surname ("Melania Trump") keeps its own grouping, since
in-article evidence is applied first.

COUNTRY_NAMES gives the short English name a reader expects where the ISO 3166
name is formal ("Russian Federation" -> "Russia").
"""

WELL_KNOWN_PEOPLE: dict[str, str] = {
    "Trump": "Donald Trump",
    "Biden": "Joe Biden",
    "Obama": "Barack Obama",
    "Putin": "Vladimir Putin",
    "Zelensky": "Volodymyr Zelensky",
    "Zelenskyy": "Volodymyr Zelensky",
    "Zelenskiy": "Volodymyr Zelensky",
    "Macron": "Emmanuel Macron",
    "Netanyahu": "Benjamin Netanyahu",
    "Erdogan": "Recep Tayyip Erdogan",
    "Erdoğan": "Recep Tayyip Erdogan",
    "Modi": "Narendra Modi",
    "Scholz": "Olaf Scholz",
    "Merkel": "Angela Merkel",
    "Starmer": "Keir Starmer",
    "Sunak": "Rishi Sunak",
    "Khamenei": "Ali Khamenei",
    "Guterres": "António Guterres",
    "Musk": "Elon Musk",
    "Zuckerberg": "Mark Zuckerberg",
    "Lukashenko": "Alexander Lukashenko",
    "Kim Jong Un": "Kim Jong Un",
    "Jinping": "Xi Jinping",
    "Lula": "Luiz Inácio Lula da Silva",
    "Meloni": "Giorgia Meloni",
    "Orban": "Viktor Orbán",
    "Orbán": "Viktor Orbán",
    "Blinken": "Antony Blinken",
    "Lavrov": "Sergey Lavrov",
    "Pelosi": "Nancy Pelosi",
    "Kamala": "Kamala Harris",
}

# Full names spelled several ways in the news; the value is the canonical spelling.
PERSON_SPELLINGS: dict[str, str] = {
    "Volodymyr Zelenskyy": "Volodymyr Zelensky",
    "Volodymyr Zelenskiy": "Volodymyr Zelensky",
    "Sergei Lavrov": "Sergey Lavrov",
    "Recep Tayyip Erdoğan": "Recep Tayyip Erdogan",
    "Viktor Orban": "Viktor Orbán",
    "Antonio Guterres": "António Guterres",
    "Joseph Biden": "Joe Biden",
    "Joseph R. Biden": "Joe Biden",
    "Joe R. Biden": "Joe Biden",
    "Donald J. Trump": "Donald Trump",
    "Donald John Trump": "Donald Trump",
    "Vladimir Vladimirovich Putin": "Vladimir Putin",
    "Wladimir Putin": "Vladimir Putin",
    "Vladimir Poutine": "Vladimir Putin",
    "Владимир Путин": "Vladimir Putin",
}

COUNTRY_NAMES: dict[str, str] = {
    "RU": "Russia", "IR": "Iran", "KR": "South Korea", "KP": "North Korea", "SY": "Syria",
    "TW": "Taiwan", "VE": "Venezuela", "VN": "Vietnam", "TR": "Turkey", "PS": "Palestine",
    "CD": "DR Congo", "CG": "Republic of the Congo", "BO": "Bolivia", "TZ": "Tanzania", "LA": "Laos",
    "MD": "Moldova", "FM": "Micronesia", "VA": "Vatican City", "BN": "Brunei", "CZ": "Czechia",
}

# Words that make a "person" a product or a thing ("MacBook Pro", "iPhone 15 Pro Max").
PRODUCT_WORDS: frozenset[str] = frozenset(
    "pro max plus ultra mini air series edition galaxy iphone ipad macbook pixel xbox playstation "
    "switch watch studio lite prime premium turbo gpt copilot gemini".split()
)
