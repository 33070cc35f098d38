"""The word lists behind entity finding: organisations, job titles, name words.

Kept apart from tasks.enrich.entities so that the logic reads on its own and
these lists, which grow with every misread name, can be extended without
touching it. Plain data: no imports of ours, nothing computed at run time but
the set unions below.
"""

from __future__ import annotations

# Major organisations, by canonical name with the other names papers use.
# Mentions of any alias merge into one entity.
ORGANISATIONS: dict[str, tuple[str, ...]] = {
    "United Nations": ("UN", "U.N.", "United Nations"),
    "UN Security Council": ("UN Security Council", "U.N. Security Council", "United Nations Security Council", "Security Council"),
    "UN General Assembly": ("UN General Assembly", "U.N. General Assembly", "General Assembly"),
    "NATO": ("NATO", "Nato", "N.A.T.O.", "North Atlantic Treaty Organization", "North Atlantic Treaty Organisation"),
    "European Union": ("EU", "E.U.", "European Union"),
    "European Commission": ("European Commission",),
    "European Parliament": ("European Parliament",),
    "European Central Bank": ("European Central Bank", "ECB"),
    "Council of Europe": ("Council of Europe",),
    "OSCE": ("OSCE", "Organization for Security and Co-operation in Europe"),
    "IAEA": ("IAEA", "International Atomic Energy Agency"),
    "World Health Organization": ("WHO", "World Health Organization", "World Health Organisation"),
    "IMF": ("IMF", "International Monetary Fund"),
    "World Bank": ("World Bank",),
    "WTO": ("WTO", "World Trade Organization", "World Trade Organisation"),
    "OPEC": ("OPEC", "Opec", "OPEC+", "Opec+"),
    "OECD": ("OECD",),
    "G7": ("G7", "G-7", "Group of Seven"),
    "G20": ("G20", "G-20", "Group of 20"),
    "BRICS": ("BRICS", "Brics"),
    "ASEAN": ("ASEAN", "Asean", "Association of Southeast Asian Nations"),
    "African Union": ("African Union", "AU"),
    "Arab League": ("Arab League",),
    "Gulf Cooperation Council": ("Gulf Cooperation Council", "GCC"),
    "Shanghai Cooperation Organisation": ("Shanghai Cooperation Organisation", "Shanghai Cooperation Organization", "SCO"),
    "CSTO": ("CSTO", "Collective Security Treaty Organization"),
    "UNESCO": ("UNESCO", "Unesco"),
    "UNICEF": ("UNICEF", "Unicef"),
    "UNHCR": ("UNHCR",),
    "World Food Programme": ("World Food Programme", "World Food Program", "WFP"),
    "Red Cross": ("Red Cross", "ICRC", "International Committee of the Red Cross"),
    "International Criminal Court": ("International Criminal Court", "ICC"),
    "International Court of Justice": ("International Court of Justice", "ICJ"),
    "Interpol": ("Interpol",),
    "Europol": ("Europol",),
    "Amnesty International": ("Amnesty International",),
    "Human Rights Watch": ("Human Rights Watch",),
    "World Economic Forum": ("World Economic Forum", "WEF"),
    "Kremlin": ("Kremlin",),
    "White House": ("White House",),
    "Pentagon": ("Pentagon",),
    "State Department": ("State Department", "US State Department", "U.S. State Department"),
    "Downing Street": ("Downing Street",),
    "Foreign Office": ("Foreign Office",),
    "Elysee Palace": ("Elysee", "Élysée", "Elysee Palace", "Élysée Palace"),
    "Congress": ("Congress", "US Congress", "U.S. Congress"),
    "Senate": ("Senate", "US Senate", "U.S. Senate"),
    "House of Representatives": ("House of Representatives",),
    "Federal Reserve": ("Federal Reserve",),
    "Bundestag": ("Bundestag",),
    "Knesset": ("Knesset",),
    "State Duma": ("State Duma", "Duma"),
    "CIA": ("CIA",),
    "FBI": ("FBI",),
    "FSB": ("FSB",),
    "KGB": ("KGB",),
    "Mossad": ("Mossad",),
    "MI6": ("MI6",),
    "MI5": ("MI5",),
    "IRGC": ("IRGC", "Revolutionary Guards", "Revolutionary Guard", "Islamic Revolutionary Guard Corps"),
    "Hamas": ("Hamas",),
    "Hezbollah": ("Hezbollah", "Hizbollah"),
    "Taliban": ("Taliban",),
    "Islamic State": ("Islamic State", "ISIS", "ISIL", "IS"),
    "al-Qaeda": ("al-Qaeda", "al-Qaida", "Al Qaeda", "Al-Qaeda"),
    "Wagner Group": ("Wagner Group", "Wagner"),
    "Gazprom": ("Gazprom",),
    "Rosneft": ("Rosneft",),
    "Twitter": ("Twitter",),
    "Facebook": ("Facebook",),
    "Instagram": ("Instagram",),
    "YouTube": ("YouTube",),
    "TikTok": ("TikTok",),
    "WhatsApp": ("WhatsApp",),
    "Telegram": ("Telegram",),
    "Google": ("Google",),
    "Microsoft": ("Microsoft",),
    "Reuters": ("Reuters",),
    "Associated Press": ("Associated Press", "AP"),
    "AFP": ("AFP", "Agence France-Presse"),
    "BBC": ("BBC",),
    "CNN": ("CNN",),
    "Al Jazeera": ("Al Jazeera", "Al-Jazeera"),
    "TASS": ("TASS", "Tass"),
    "Interfax": ("Interfax",),
    "Xinhua": ("Xinhua",),
    "IRNA": ("IRNA",),
}
# Aliases too short or too common to be matched on their own evidence
# ("IS" is a verb in headlines, "AP"/"AU" are initials); NER may still find them.
NO_RULER_ALIASES = {"IS", "AP", "AU", "WHO", "Wagner", "Duma", "Congress", "Senate", "Security Council", "General Assembly"}

# Words that make up job titles. A PERSON or ORG span made only of them is
# not an entity ("National Security Advisor", "Supreme"), and a person's name
# starts after them ("Foreign Minister Hossein Amirabdollahian").
TITLE_WORDS = frozenset(
    """president presidents vice prime minister ministers foreign defence defense interior finance
    secretary general state national security advisor adviser supreme leader chief executive
    spokesman spokeswoman spokesperson ambassador envoy chancellor senator sen rep representative
    governor mayor deputy former late mr mrs ms miss mx dr prof professor sir dame lord lady gen
    colonel col admiral adm commander captain capt lieutenant lt sergeant sgt chairman chairwoman
    chair director head ceo judge attorney premier officer official minister's secretary-general
    first acting opposition parliamentary speaker senior top assistant special""".split()
)
# Titles that are part of how a person is named, and kept: "Ayatollah Ali Khamenei", "King Charles".
NAME_TITLES = frozenset(
    "ayatollah sheikh sheik pope imam rabbi cardinal archbishop king queen prince princess emir crown sultan".split()
)
# Titles that announce a name right after them, for the ruler ("President Raisi").
RULER_TITLES = sorted(
    {"President", "Minister", "Secretary", "Chancellor", "Senator", "Sen.", "Rep.", "Governor", "Mayor",
     "Colonel", "Col.", "Gen.", "Admiral", "Commander", "Captain", "Lieutenant", "Sergeant", "Ambassador",
     "Envoy", "Spokesman", "Spokeswoman", "Spokesperson", "Adviser", "Advisor", "Judge", "Premier", "Leader",
     "Professor", "Prof.", "Dr", "Dr.", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Sir", "Dame", "Lord", "Lady"}
    | {w.capitalize() for w in NAME_TITLES if w != "crown"}
)
# Words that end a name matched after a title (the ruler has no parser).
NOT_NAME_WORDS = sorted(
    {"The", "A", "An", "And", "Or", "But", "Of", "In", "On", "At", "To", "For", "From", "With", "By", "Is",
     "Was", "Has", "Had", "Will", "Would", "Said", "Says", "Visit", "Visits", "Meets", "Met", "He", "She",
     "It", "They", "This", "That", "Who", "Which", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
     "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August",
     "September", "October", "November", "December"}
    | {w.capitalize() for w in TITLE_WORDS}
)
# Nationality nouns that are also common words ("Pole" vault, "Turk" ...).
NO_RULER_DEMONYMS = {"Pole", "Poles", "English", "Englishman", "Englishmen", "Turk", "Scot"}

# Lower-case words that may sit inside a person's name ("Bashar al-Assad", "Ursula von der Leyen").
NAME_PARTICLES = frozenset("al al- bin ibn bint de da di del della der van von la le du dos das ben abu el y".split())

# Last words that make a name a place or an organisation, not a person
# ("Brindle Road", "Skerry Point", "Ashcombe Dairy").
PLACE_HEADS = frozenset(
    """road street avenue lane square park bridge river lake sea ocean gulf bay point island islands mount
    mountain mountains hill hills valley coast beach harbour harbor port airport station strait canal
    peninsula province region district county city town village desert forest""".split()
)
ORG_HEADS = frozenset(
    """council ministry department agency authority company corporation corp inc ltd plc llc group bank
    university college school institute hospital committee commission party union association federation
    foundation trust dairy farm farms club fund court office service services police army navy""".split()
)
# Prepositions of place: a city after one is the place, not the club ("a summit in Vilnius").
LOCATIVE = frozenset("in at from to into near outside inside across around toward towards via".split())
