"""The vocabulary of bylines, in the sources' languages: the words and patterns that tell a
person's name from the job, desk, agency, place or date written around it. Data only.

One vocabulary for both readers of bylines, so that a word added for one is seen by the
other: :func:`tasks.extract.normalize.split_authors` (feeds, text files, JSON records, and
each piece of a page's byline) and the page-metadata author decision
(``tasks.extract.meta_authors``). They differ on purpose in one way: ``split_authors`` drops
a piece only when it is certainly a job ("Senior Political Correspondent") and keeps a name
that might be an agency ("Reuters"), because its callers have no other evidence; the page
reader sees whole bylines and its own organisation checks, so it strips more: the base
sets below plus the extras named for it.
"""

from __future__ import annotations

import re

# --- job words --------------------------------------------------------------------------------

# A byline piece made only of these words is a job description, not a person (split_authors).
JOB_WORDS = frozenset({
    "staff", "reporter", "reporters", "correspondent", "correspondents", "editor", "editors", "writer",
    "writers", "contributor", "contributing", "senior", "chief", "political", "business", "sports", "science",
    "health", "foreign", "news", "desk", "agency", "press", "associated", "the", "our", "of", "and",
    "special", "deputy", "managing", "digital", "producer", "columnist", "analyst", "team",
})
# JOB_WORDS plus the beats, agencies, credentials and profile-link labels that trail a name in
# a page's byline ("Tom Gillespie News reporter", "AP National Political Writer", "Jane Doe
# Follow on Twitter"): the page reader cuts these off the end of a name. Not in JOB_WORDS,
# because alone ("Reuters", "Tech") they may be the only credit a feed gives.
BYLINE_TAIL_WORDS = JOB_WORDS | {
    "writers", "contributors", "politics", "sport", "national", "international", "auto", "entertainment",
    "technology", "tech", "economics", "economy", "legal", "medical", "white", "house", "security",
    "diplomatic", "wire", "services", "service", "at-large", "at", "large", "executive", "associate",
    "assistant", "photographer", "journalist", "journalists", "editorial", "opinion", "culture", "music",
    "film", "travel", "fashion", "food", "lifestyle", "investigative", "research", "researcher", "freelance",
    "guest", "author", "intern", "fellow", "ap", "afp", "upi", "dpa", "reuters", "redakteur", "redakteurin",
    "korrespondent", "korrespondentin", "journaliste", "rédacteur", "rédactrice", "periodista", "redactor",
    "redactora", "giornalista", "redattore", "corrispondente", "correspondant", "correspondante",
    "corresponsal", "reportero", "reportera", "repórter", "jornalista", "estagiário", "redação", "redacción",
    "redaktion", "rédaction", "redazione", "redactie", "bureau", "head", "director", "manager", "founder",
    "ceo", "professor", "dr", "phd", "md", "ms", "rdn", "rd", "mph", "twitter", "email", "follow", "view",
    "all", "posts", "articles", "stories", "more", "profile", "on", "archive", "rss", "feed", "get",
    "about", "columnists", "facebook", "linkedin", "instagram", "contact", "bio", "see", "read", "full",
    "officer", "president", "vice", "secretary", "chairman", "chairwoman", "chair", "spokesperson",
    "spokesman", "spokeswoman", "coordinator", "specialist", "consultant", "strategist", "published",
    "updated", "posted", "by", "veröffentlicht", "aktualisiert", "publié", "publicado", "pubblicato",
    "themen", "thema", "bearbeiten", "folgen", "abonnieren", "teilen", "mehr", "artikel", "suivre", "sr", "snr",
    "cnn", "bbc", "npr", "abc", "nbc", "cbs", "pbs",
}
# Tail words that surely name a job: a name made only of tail words is dropped when one of
# these is among them ("AP Auto Writer"), kept otherwise ("Reuters").
STRONG_JOB_WORDS = frozenset({
    "reporter", "reporters", "correspondent", "correspondents", "editor", "editors", "writer", "writers",
    "contributor", "columnist", "analyst", "producer", "photographer", "journalist", "staff", "desk",
    "redakteur", "redakteurin", "korrespondent", "korrespondentin", "journaliste", "rédacteur", "rédactrice",
    "periodista", "redactor", "redactora", "giornalista", "redattore", "corrispondente", "correspondant",
    "correspondante", "corresponsal", "reportero", "reportera", "repórter", "jornalista", "editor-at-large",
    "at-large", "services", "service", "wire", "officer", "president", "secretary", "chairman",
    "chairwoman", "spokesperson", "spokesman", "spokeswoman", "coordinator", "specialist", "consultant",
    "strategist", "published", "updated", "posted", "veröffentlicht", "aktualisiert", "publié", "publicado",
    "pubblicato", "bearbeiten", "folgen", "abonnieren", "redaktion", "rédaction", "redacción", "redazione",
    "redação", "redactie", "redakcja", "newsroom",
})
# a job named by what it heads: "Head of Reality Labs", "Director at Acme", "Leiter der Redaktion"
JOB_HEADS = frozenset({
    "head", "director", "chief", "manager", "editor", "professor", "president", "chair", "member", "founder",
    "co-founder", "dean", "lecturer", "leiter", "leiterin", "chef", "cheffe", "directeur", "directrice",
    "directora", "responsable", "jefe", "jefa", "capo", "direttore", "direttrice", "redakteur", "redakteurin",
})
JOB_LINKS = frozenset({"of", "at", "for", "der", "des", "de", "del", "della", "du", "bei", "für", "van"})
# degrees and titles after a name ("Ilana Muhlstein, MS, RDN")
CREDENTIALS = frozenset({"ms", "md", "phd", "rdn", "rd", "mph", "mba", "dr", "jr", "sr", "cpa", "rn", "ma", "bsc", "msc"})

# --- organisations and nobodies -----------------------------------------------------------------

# names that say "the site" or "nobody in particular", never a person
NOT_PEOPLE = frozenset({
    "admin", "administrator", "webmaster", "root", "user", "guest", "anonymous", "unknown", "editor",
    "editors", "staff", "redaktion", "redacción", "rédaction", "redazione", "redação", "redactie",
    "newsroom", "web desk", "news desk", "online desk", "digital desk", "editorial", "editorial staff",
    "editorial team", "editorial board", "staff writer", "staff reporter", "staff reports", "wire services",
    "red", "red.", "agenturen", "agences", "agencias", "agenzie", "redakcja", "redakce", "редакция",
    "редакція", "szerkesztőség", "editör", "编辑部", "編集部", "편집부",
})
# CMS placeholders: never an author, not even when nobody else is named
GENERIC_NAMES = frozenset({"admin", "administrator", "webmaster", "root", "user", "guest", "anonymous", "unknown", "null", "none"})
# words that make a name an organisation rather than a person
ORG_WORDS = frozenset({
    "news", "media", "press", "agency", "agencies", "times", "post", "daily", "journal", "tribune", "herald",
    "gazette", "magazine", "network", "tv", "radio", "staff", "team", "desk", "reuters", "afp", "dpa", "today", "insider",
    "xinhua", "bloomberg", "wire", "services", "redaktion",
    "redacción", "rédaction", "redazione", "redação", "bureau", "inc", "ltd", "llc", "gmbh", "group",
    "online", "editorial", "board", "newsroom", "associated", "company", "corporation", "blog",
    "international", "nachrichten", "zeitung", "noticias", "nouvelles", "notizie", "notícias", "nieuws",
    "kyodo", "yonhap", "europa", "prensa", "presse", "agencia", "agenzia", "agência", "agentur",
    "studio", "hauptstadtstudio",
})
# news agencies and broadcasters, recognised when written in capitals ("PTI", "AP")
AGENCIES = frozenset({
    "ap", "afp", "upi", "ani", "dpa", "efe", "pti", "ians", "ansa", "apa", "sda", "ats", "anp", "tass", "kna",
    "epd", "kap", "ddp", "sid", "bta", "mti", "ctk", "pap", "ntb", "tt", "stt", "hina", "lusa", "aa", "cna",
    "unb", "bss", "wam", "spa", "ina", "irna", "ipa", "bbc", "cnn", "abc", "nbc", "cbs", "npr", "pbs",
    "ard", "zdf", "orf", "srf", "swr", "ndr", "wdr", "mdr", "rbb", "dlf", "rtl", "rai", "rtbf", "vrt",
})

# wire agencies by full name: credited alone ("The Associated Press"), they are the byline's
# author, not a job description (split_authors keeps them; the page reader keeps them beside people)
AGENCY_NAMES = frozenset({
    "associated press", "the associated press", "reuters", "thomson reuters", "agence france-presse",
    "agence france presse", "united press international", "press association", "pa media", "bloomberg",
    "deutsche presse-agentur", "xinhua", "kyodo", "kyodo news", "yonhap", "anadolu", "press trust of india",
    "europa press", "agenzia nova", "keystone-sda", "apa", "sda", "dpa", "afp", "ap", "kna", "epd", "kap", "efe",
    "ansa", "anp", "belga", "tass", "ria novosti", "interfax", "pti", "ians", "ani", "upi", "aap", "ntb", "tt",
    "ritzau", "lusa", "cna", "bernama", "antara", "jiji", "jiji press",
    "新华社", "新華社", "中新社", "中新网", "中央社", "共同通信", "時事通信", "연합뉴스", "뉴시스", "뉴스1",
    "тасс", "риа новости", "интерфакс", "anadolu ajansı", "pap", "ctk", "mti", "ana-mpa", "αμπε",
})
# places that bylines and bios put beside names ("... based in Massachusetts"): never an author
PLACES_NOT_PEOPLE = frozenset({
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware", "florida",
    "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky", "louisiana", "maine",
    "maryland", "massachusetts", "michigan", "minnesota", "mississippi", "missouri", "montana", "nebraska",
    "nevada", "new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota", "ohio",
    "oklahoma", "oregon", "pennsylvania", "rhode island", "south carolina", "south dakota", "tennessee", "texas",
    "utah", "vermont", "virginia", "washington", "west virginia", "wisconsin", "wyoming", "district of columbia",
    "washington, d.c.", "washington dc", "london", "paris", "berlin", "new delhi", "beijing", "tokyo", "moscow",
    "नई दिल्ली", "दिल्ली", "मुंबई", "कोलकाता", "चेन्नई", "बेंगलुरु", "लखनऊ", "पटना", "जयपुर", "भोपाल", "москва",
    "北京", "上海", "东京", "東京", "서울", "madrid", "rom", "roma", "rome", "istanbul", "ankara", "warszawa",
    "brussels", "geneva", "zurich", "zürich", "vienna", "wien", "hong kong", "singapore", "sydney", "toronto",
    "ontario", "quebec", "british columbia", "alberta", "england", "scotland", "wales", "ireland",
})

# --- where a byline's names begin and end ----------------------------------------------------

# "By" in the sources' languages: the word that introduces the names (split_authors strips it)
BY_WORDS = ("by", "von", "par", "por", "di", "door", "av", "od")
# ... and the ones only the page reader strips (Polish, Russian), so that split_authors keeps
# giving what it always gave
PAGE_BY_WORDS = (*BY_WORDS, "przez", "от")
BY_PREFIX = re.compile(rf"^(?:{'|'.join(BY_WORDS)})\s*:?\s+", re.IGNORECASE)

# what may come before "by" in a page's byline ("Analysis by", "Ein Kommentar von")
BYLINE_LEAD = (
    r"(?:written|posted|published|reported|reporting|additional|guest|story|words|analysis|opinion|commentary|column|interview|"
    r"review|photos?|fotos?|video|ein\s+kommentar|kommentar|ein\s+gastbeitrag|ein\s+beitrag|geschrieben|écrit|"
    r"escrito|scritto|publicado|pubblicato|publié|reportage|redigé|un\s+article|artigo|article|texto?|"
    r"provided|courtesy|submitted|supplied|illustrations?|images?)"
)
# a genre with its article before the "by": "An analysis by", "Eine Reportage von", "Une analyse
# de" (French "de" is a "by" only after such a lead); "Una foto de …" credits a picture
GENRE_LEAD = (
    r"(?:an?|ein|eine|un|une|una|uno|een)\s+"
    r"(?!(?:fotos?|photos?|photograph\w*|bild\w*|images?|videos?|illustrations?|grafik\w*)\s)[\w-]+\s+"
    r"(?:by|von|de|par|por|di|door|av)"
)
# labels written before the names: "Text:", "Autor ", "Quelle:"; "Text und Fotos:" credits the
# writer too
# "Source:" in the sources' languages, before an agency ("Quelle: dpa")
SOURCE_LABEL = r"(?:quelle|source|fuente|fonte|bron|źródło|источник)"
BYLINE_LABEL = (
    r"(?:(?:texte?|texto|testo|tekst|story|words)\s+(?:und|and|et|y|e|&)\s+(?:fotos?|photos?|bilder)|"
    r"texte?|texto|testo|tekst|текст|words|fotos?|photos?|autor|autora|autore|autori|auteur|auteurs|author|"
    rf"authors|autorin|autoren|автор|{SOURCE_LABEL}|about\s+the\s+authors?)"
)
# what may stand before an agency credited on its own: "(mit dpa)", "with AP", "Quelle: dpa"
CREDIT_LEAD = re.compile(
    r"^(?:(?:with|mit|avec|con|com|met|via|and|und|et|y|e)\s+(?:material\s+(?:von|der|des)\s+)?|"
    rf"{SOURCE_LABEL}\s*:\s*)",
    re.IGNORECASE,
)
# ... and those that need their colon or dash, being also the start of a desk's or a genre's
# name ("Redaktion Politik", "Interview mit …")
COLON_LABEL = r"(?:redacción|redaktion|interview|entretien|entrevista|intervista)"
# a page byline's opening: "[lead] by" ("Photo provided by"), or a label ("Text:", "Autor:", "Текст:")
BYLINE_PREFIX = re.compile(
    rf"^(?:(?:(?:(?:{BYLINE_LEAD}\s+){{0,2}}(?:{'|'.join(PAGE_BY_WORDS)})|{GENRE_LEAD}|{BYLINE_LABEL})"
    rf"(?:\s*[:\-–—]\s*|\s+))|{COLON_LABEL}\s*[:\-–—]\s*)",
    re.IGNORECASE,
)
# "our correspondent" between "by" and the name: "Von unserem Korrespondenten Max Muster"
OUR_STAFF = re.compile(
    r"^(?:unserem|unserer|unseren|our|notre|nos|nuestro|nuestra|nuestros|il\s+nostro|la\s+nostra|ons|onze)\s+"
    r"(?:[\w-]+\s+)?(?:korrespondent(?:en|in)?|redakteur(?:in)?|mitarbeiter(?:in)?|reporter(?:in)?|correspondent|"
    r"correspondante?|envoyée?\s+spéciale?|envoyée?|corresponsal|enviad[oa]\s+especial|inviat[oa]|correspondente|"
    r"redacteur|verslaggever)\s+",
    re.IGNORECASE,
)
# the reporter's role written before or after the name, in scripts that write no "by": "记者 王小明",
# "文/王小明", "홍길동 기자", "山田太郎記者", "(서울=연합뉴스) 홍길동 기자"
ROLE_BEFORE_NAME = re.compile(
    r"^(?:\([^)]*\)\s*)?(?:本报记者|本報記者|本台记者|特约记者|记者|記者|通讯员|通訊員|文\s*[/／:：]|作者\s*[:：]?|撰文\s*[:：]?|"
    r"撰稿\s*[:：]?|来源\s*[:：]|來源\s*[:：]|글\s*[:：/]|yazar\s*:|από\s+(?:τον|την|το)|autor\s+tekstu\s*:)\s*",
    re.IGNORECASE,
)
ROLE_AFTER_NAME = re.compile(r"\s*(?:记者|記者|기자|특파원|特派员|特派員|編集委員|通讯员|通訊員|객원기자)\s*=?\s*$")
# a credit for work other than writing: "Editing by Kirsten Donovan", "Redigiert von ..."
OTHER_CREDIT = re.compile(
    r"^(?:editing|edited|compiled|graphics|design|fact[- ]checked|produced|copy[- ]edited|translated|"
    r"redigiert|bearbeitet|übersetzt|traduit|édité|editado|traducido|a\s+cura)\s+(?:by|von|par|por|di)\b|"
    r"(?:fotos?|photos?|photography|bilder|bild|images?|videos?|illustrations?|grafik|grafiken|infografik|"
    r"kamera|camera)\s*[:：]|"
    r"(?:an?|ein|eine|un|une|una|uno|een)\s+(?:fotos?|photos?|photograph\w*|bild\w*|images?|videos?|illustrations?)\s+"
    r"(?:by|von|de|par|por|di|door)\b|"
    r"special\s+to\b|(?:for|für|pour|voor)\s+\S|"
    r"(?:责任编辑|責任編輯|编辑|編輯|责编|責編|校对|審校|編集|편집)\s*[:：]?",
    re.IGNORECASE,
)
# a line of the article's head that is a byline by its words alone: "Von Max Muster", "Ein
# Kommentar von ...", "Par ...", "Text: ..." (not "Foto: ...", which credits a picture)
# the genres a head line may name before its "by" (a byline element may name any: GENRE_LEAD)
GENRE_WORDS = (
    r"(?:analyse|analysis|análisis|analisi|kommentar|commentary|comment|column|kolumne|chronique|crónica|"
    r"reportage|reportaje|report|bericht|essay|gastbeitrag|beitrag|interview|entretien|entrevista|intervista|"
    r"tribune|editorial|éditorial|editoriale|meinung|opinion|opinión|story|feature|porträt|portrait|review|"
    r"kritik|critique|crítica|recensione|article|artikel|articolo|artículo|glosse)"
)
BYLINE_START = re.compile(
    rf"^(?:(?:{BYLINE_LEAD}\s+)?(?:{'|'.join(BY_WORDS)})\s+|"
    rf"(?:an?|ein|eine|un|une|una|uno|een)\s+{GENRE_WORDS}\s+(?:by|von|de|par|por|di|door)\s+|"
    r"(?:texte?|texto|testo|tekst|autor|autorin|auteur|author)\s*:\s*)"
    r"(?!(?:foto|photo|bild|image|video|illustration)s?\b)\w",
    re.IGNORECASE,
)
MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|"
    "januar|februar|märz|mai|juni|juli|oktober|dezember|janvier|février|mars|avril|juin|juillet|août|"
    "septembre|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|"
    "octubre|noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|"
    "janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro"
)
WEEKDAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|"
    "samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|"
    "viernes|sábado|domingo|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|segunda-feira|terça-feira|"
    "quarta-feira|quinta-feira|sexta-feira"
)
# the English month names as a date glued to a name writes them ("Jane DoeDecember 5, 2023")
MONTHS_CAPITALISED = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
# where a byline stops naming people: a date, a time, "Updated", a pipe...
BYLINE_END = re.compile(
    rf"(?:\b(?:published|updated|posted|last updated|veröffentlicht|aktualisiert|stand|publié|mis à jour|"
    rf"publicado|actualizado|pubblicato|aggiornato|atualizado|opublikowano|gepubliceerd|bijgewerkt|"
    rf"{WEEKDAYS})\b|\b(?:{MONTHS})\.?\s+\d|\d{{1,2}}\.?\s+(?:{MONTHS})\b|\d{{1,4}}[./-]\d{{1,2}}|"
    rf"\d{{1,2}}:\d{{2}}|\||•|·|\bfollow\b|\btwitter\b|\bemail\b|\bread more\b|\bview all\b|\bmore from\b|"
    rf"\d+\s*(?:min|mins|minutes?|hours?|hrs?|days?|weeks?)\b|\bspecial to\b|\s[-–—]\s*(?:for|the)\b|"
    rf"(?-i:(?<=[a-z])(?:{MONTHS_CAPITALISED}))\.?\s+\d)",  # "2 hours ago", "5 min read", "- The Hill", "Jane DoeDecember 5"
    re.IGNORECASE,
)
# a place after the name: "Jane Smith in Washington", "Max Muster aus Berlin"
LOCATION_SUFFIX = re.compile(r"\s+(?i:in|aus|from|à|reporting from)\s+[A-ZÀ-Ý][\w-]+(?:\s+[A-ZÀ-Ý][\w-]+)?\s*$")
