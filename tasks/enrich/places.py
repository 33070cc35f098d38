"""Places to ISO 3166-1 alpha-2 country codes.

A reader filters the lake by country ("everything about Iran"), and news
names countries in many ways: by ISO name ("Russian Federation"), by the name
papers actually use ("Russia", "U.S.", "Britain"), by a city standing for its
government ("Tehran", "Moscow", "Washington") and by adjective ("Iranian
soldiers"). pycountry ships the ISO 3166 names (and US/Canadian/Australian
states as ISO 3166-2 subdivisions); common short names, adjectives and cities
are not in it, so compact tables of them live here. Everything is offline and
built once per process.

A name that could mean several countries ("Korea", "Congo", "Korean") and
regions that belong to no single country ("Black Sea", "Middle East", "the
West") resolve to None: no code is better than a wrong one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

PlaceKind = Literal["country", "subdivision", "city"]

# Names that news uses and ISO 3166 does not (or words differently).
_COUNTRY_ALIASES: dict[str, str] = {
    "US": "US", "U.S.": "US", "U.S": "US", "USA": "US", "U.S.A.": "US", "America": "US",
    "United States": "US", "United States of America": "US",
    "UK": "GB", "U.K.": "GB", "Britain": "GB", "Great Britain": "GB", "United Kingdom": "GB",
    "England": "GB", "Scotland": "GB", "Wales": "GB", "Northern Ireland": "GB",
    "Russia": "RU", "Turkey": "TR", "Turkiye": "TR", "Iran": "IR", "Persia": "IR",
    "Syria": "SY", "North Korea": "KP", "DPRK": "KP", "South Korea": "KR",
    "Republic of Korea": "KR", "Vietnam": "VN", "Laos": "LA", "Taiwan": "TW",
    "Czech Republic": "CZ", "Ivory Coast": "CI", "Cote d'Ivoire": "CI", "Cape Verde": "CV",
    "East Timor": "TL", "Burma": "MM", "Swaziland": "SZ", "Macedonia": "MK",
    "Palestine": "PS", "Palestinian territories": "PS", "Vatican": "VA", "Vatican City": "VA",
    "Holy See": "VA", "Brunei": "BN", "Bolivia": "BO", "Venezuela": "VE", "Tanzania": "TZ",
    "Moldova": "MD", "Micronesia": "FM", "Holland": "NL", "The Netherlands": "NL",
    "DRC": "CD", "DR Congo": "CD", "Democratic Republic of Congo": "CD",
    "Democratic Republic of the Congo": "CD", "Congo-Kinshasa": "CD",
    "Republic of Congo": "CG", "Republic of the Congo": "CG", "Congo-Brazzaville": "CG",
    "UAE": "AE", "U.A.E.": "AE", "Emirates": "AE", "Gambia": "GM", "Bahamas": "BS",
    "Kyrgyzstan": "KG", "Slovakia": "SK", "St Lucia": "LC", "St. Lucia": "LC",
    "St Kitts and Nevis": "KN", "St Vincent and the Grenadines": "VC", "Sao Tome": "ST",
    "Hong Kong": "HK", "Macau": "MO", "Macao": "MO",
    # Regions whose country is not in doubt in international usage.
    "Crimea": "UA", "Donbas": "UA", "Donbass": "UA", "Gaza": "PS", "Gaza Strip": "PS",
    "West Bank": "PS", "Tibet": "CN", "Xinjiang": "CN", "Siberia": "RU", "Chechnya": "RU",
    "Catalonia": "ES", "Bavaria": "DE", "Sicily": "IT", "Sardinia": "IT", "Corsica": "FR",
    "Kurdistan Region": "IQ", "Sinai": "EG",
}

# Names that are ambiguous between several countries: never resolved.
_AMBIGUOUS = {"korea", "congo", "guinea", "the congo", "virgin islands", "samoa islands", "kashmir", "kurdistan"}

# Capitals and major cities (pycountry has no cities). Cities whose name is
# mostly another city's (Birmingham, Alexandria, Valencia) map to the larger one.
_CITIES = """
AF: Kabul, Kandahar, Herat, Mazar-i-Sharif | AL: Tirana | DZ: Algiers, Oran | AD: Andorra la Vella
AO: Luanda | AR: Buenos Aires, Cordoba, Rosario | AM: Yerevan | AU: Canberra, Sydney, Melbourne, Brisbane, Perth, Adelaide
AT: Vienna, Salzburg, Graz | AZ: Baku | BS: Nassau | BH: Manama | BD: Dhaka, Chittagong | BB: Bridgetown
BY: Minsk | BE: Brussels, Antwerp | BZ: Belmopan | BJ: Porto-Novo, Cotonou | BT: Thimphu
BO: La Paz, Sucre, Santa Cruz de la Sierra | BA: Sarajevo | BW: Gaborone | BR: Brasilia, Brasília, Sao Paulo, São Paulo, Rio de Janeiro, Salvador, Belo Horizonte
BN: Bandar Seri Begawan | BG: Sofia | BF: Ouagadougou | BI: Gitega, Bujumbura | KH: Phnom Penh | CM: Yaounde, Yaoundé, Douala
CA: Ottawa, Toronto, Montreal, Montréal, Vancouver, Calgary, Edmonton | CV: Praia | CF: Bangui | TD: N'Djamena, Ndjamena
CL: Santiago, Valparaiso | CN: Beijing, Shanghai, Guangzhou, Shenzhen, Wuhan, Chongqing, Chengdu, Tianjin, Nanjing, Xi'an, Hangzhou, Urumqi, Lhasa
CO: Bogota, Bogotá, Medellin, Medellín, Cali | KM: Moroni | CD: Kinshasa, Goma, Lubumbashi | CG: Brazzaville | CR: San José
HR: Zagreb, Split | CU: Havana | CY: Nicosia | CZ: Prague, Brno | DK: Copenhagen | DJ: Djibouti
DO: Santo Domingo | EC: Quito, Guayaquil | EG: Cairo, Alexandria, Giza, Sharm el-Sheikh | SV: San Salvador | GQ: Malabo
ER: Asmara | EE: Tallinn | SZ: Mbabane | ET: Addis Ababa | FJ: Suva | FI: Helsinki
FR: Paris, Marseille, Lyon, Toulouse, Nice, Strasbourg, Bordeaux, Lille | GA: Libreville | GM: Banjul | GE: Tbilisi
DE: Berlin, Hamburg, Munich, Frankfurt, Cologne, Stuttgart, Dusseldorf, Düsseldorf, Leipzig, Dresden, Bonn | GH: Accra, Kumasi
GR: Athens, Thessaloniki | GT: Guatemala City | GN: Conakry | GW: Bissau | GY: Georgetown | HT: Port-au-Prince
HN: Tegucigalpa | HU: Budapest | IS: Reykjavik, Reykjavík | IN: New Delhi, Delhi, Mumbai, Bombay, Kolkata, Calcutta, Chennai, Madras, Bangalore, Bengaluru, Hyderabad, Ahmedabad, Pune, Srinagar
ID: Jakarta, Surabaya, Bali | IR: Tehran, Teheran, Isfahan, Mashhad, Tabriz, Shiraz, Qom | IQ: Baghdad, Basra, Mosul, Erbil, Kirkuk, Fallujah
IE: Dublin, Cork | IL: Jerusalem, Tel Aviv, Haifa | IT: Rome, Milan, Naples, Turin, Florence, Venice, Bologna, Genoa, Palermo
JM: Kingston | JP: Tokyo, Osaka, Kyoto, Yokohama, Hiroshima, Nagasaki, Fukushima, Sapporo | JO: Amman | KZ: Astana, Nur-Sultan, Almaty
KE: Nairobi, Mombasa | KW: Kuwait City | KG: Bishkek | LA: Vientiane | LV: Riga | LB: Beirut | LS: Maseru
LR: Monrovia | LY: Tripoli, Benghazi, Misrata | LI: Vaduz | LT: Vilnius | LU: Luxembourg City | MG: Antananarivo
MW: Lilongwe | MY: Kuala Lumpur | MV: Male | ML: Bamako, Timbuktu | MT: Valletta | MR: Nouakchott | MU: Port Louis
MX: Mexico City, Guadalajara, Monterrey, Tijuana, Cancun | MD: Chisinau, Chișinău | MC: Monte Carlo | MN: Ulaanbaatar, Ulan Bator
ME: Podgorica | MA: Rabat, Casablanca, Marrakesh, Marrakech, Tangier | MZ: Maputo | MM: Naypyidaw, Yangon, Rangoon, Mandalay
NA: Windhoek | NP: Kathmandu | NL: Amsterdam, The Hague, Rotterdam | NZ: Wellington, Auckland, Christchurch | NI: Managua
NE: Niamey | NG: Abuja, Lagos, Kano | KP: Pyongyang | MK: Skopje | NO: Oslo | OM: Muscat
PK: Islamabad, Karachi, Lahore, Peshawar, Rawalpindi, Quetta | PS: Ramallah, Gaza City, Rafah, Khan Younis | PA: Panama City
PG: Port Moresby | PY: Asuncion, Asunción | PE: Lima | PH: Manila, Quezon City, Davao | PL: Warsaw, Krakow, Kraków, Gdansk, Gdańsk, Wroclaw
PT: Lisbon, Porto | QA: Doha | RO: Bucharest | RU: Moscow, St Petersburg, St. Petersburg, Saint Petersburg, Novosibirsk, Yekaterinburg, Kazan, Vladivostok, Sochi, Kaliningrad, Belgorod, Grozny, Murmansk
RW: Kigali | SA: Riyadh, Jeddah, Mecca, Medina | SN: Dakar | RS: Belgrade | SC: Victoria | SL: Freetown | SG: Singapore
SK: Bratislava | SI: Ljubljana | SO: Mogadishu | ZA: Pretoria, Cape Town, Johannesburg, Durban | KR: Seoul, Busan, Incheon | SS: Juba
ES: Madrid, Barcelona, Valencia, Seville, Bilbao, Malaga, Málaga | LK: Colombo | SD: Khartoum, Omdurman | SR: Paramaribo | SE: Stockholm, Gothenburg
CH: Bern, Berne, Geneva, Zurich, Zürich, Basel, Lausanne, Davos | SY: Damascus, Aleppo, Homs, Idlib, Raqqa, Latakia | TW: Taipei, Kaohsiung
TJ: Dushanbe | TZ: Dodoma, Dar es Salaam | TH: Bangkok, Chiang Mai, Phuket | TL: Dili | TG: Lome, Lomé | TT: Port of Spain
TN: Tunis | TR: Ankara, Istanbul, Izmir, İzmir, Antalya | TM: Ashgabat | UG: Kampala | UA: Kyiv, Kiev, Kharkiv, Kharkov, Odesa, Odessa, Lviv, Dnipro, Mariupol, Kherson, Zaporizhzhia, Donetsk, Luhansk, Bakhmut, Sevastopol
AE: Abu Dhabi, Dubai, Sharjah | GB: London, Manchester, Birmingham, Liverpool, Leeds, Glasgow, Edinburgh, Cardiff, Belfast, Bristol, Sheffield, Newcastle, Oxford, Cambridge
US: Washington, Washington D.C., Washington DC, New York City, Los Angeles, Chicago, Houston, Philadelphia, Phoenix, San Antonio, San Diego, Dallas, San Francisco, Seattle, Boston, Miami, Atlanta, Detroit, Denver, Las Vegas, New Orleans, Baltimore, Pittsburgh, Minneapolis, Silicon Valley
UY: Montevideo | UZ: Tashkent, Samarkand | VE: Caracas, Maracaibo | VN: Hanoi, Ho Chi Minh City, Saigon | YE: Sanaa, Sana'a, Aden, Hodeidah
ZM: Lusaka | ZW: Harare, Bulawayo | VA: Vatican City | HK: Kowloon
"""

# Adjectives and plural nouns of nationality. Ambiguous ones ("Korean",
# "Congolese", "Arab", "Kurdish") are deliberately absent.
_DEMONYMS = """
AF: Afghan | AL: Albanian | DZ: Algerian | AD: Andorran | AO: Angolan | AR: Argentine, Argentinian | AM: Armenian
AU: Australian | AT: Austrian | AZ: Azerbaijani, Azeri | BS: Bahamian | BH: Bahraini | BD: Bangladeshi | BB: Barbadian
BY: Belarusian, Belarussian | BE: Belgian | BZ: Belizean | BJ: Beninese | BT: Bhutanese | BO: Bolivian | BA: Bosnian
BW: Botswanan | BR: Brazilian | BN: Bruneian | BG: Bulgarian | BF: Burkinabe | BI: Burundian | KH: Cambodian | CM: Cameroonian
CA: Canadian | CV: Cape Verdean | CF: Central African | TD: Chadian | CL: Chilean | CN: Chinese | CO: Colombian | KM: Comorian
CR: Costa Rican | CI: Ivorian | HR: Croatian, Croat | CU: Cuban | CY: Cypriot | CZ: Czech | DK: Danish, Dane | DJ: Djiboutian
DO: Dominican | EC: Ecuadorian | EG: Egyptian | SV: Salvadoran, Salvadorean | GQ: Equatorial Guinean | ER: Eritrean | EE: Estonian
SZ: Swazi | ET: Ethiopian | FJ: Fijian | FI: Finnish, Finn | FR: French, Frenchman, Frenchwoman | GA: Gabonese | GM: Gambian
GE: Georgian | DE: German | GH: Ghanaian | GR: Greek | GT: Guatemalan | GN: Guinean | GY: Guyanese | HT: Haitian | HN: Honduran
HU: Hungarian | IS: Icelandic, Icelander | IN: Indian | ID: Indonesian | IR: Iranian | IQ: Iraqi | IE: Irish, Irishman
IL: Israeli | IT: Italian | JM: Jamaican | JP: Japanese | JO: Jordanian | KZ: Kazakh, Kazakhstani | KE: Kenyan | KW: Kuwaiti
KG: Kyrgyz | LA: Laotian | LV: Latvian | LB: Lebanese | LS: Basotho | LR: Liberian | LY: Libyan | LI: Liechtensteiner
LT: Lithuanian | LU: Luxembourgish, Luxembourger | MG: Malagasy | MW: Malawian | MY: Malaysian | MV: Maldivian | ML: Malian
MT: Maltese | MR: Mauritanian | MU: Mauritian | MX: Mexican | MD: Moldovan | MC: Monegasque | MN: Mongolian | ME: Montenegrin
MA: Moroccan | MZ: Mozambican | MM: Burmese | NA: Namibian | NP: Nepali, Nepalese | NL: Dutch, Dutchman | NZ: New Zealander
NI: Nicaraguan | NE: Nigerien | NG: Nigerian | KP: North Korean | MK: North Macedonian | NO: Norwegian | OM: Omani
PK: Pakistani | PS: Palestinian | PA: Panamanian | PG: Papua New Guinean | PY: Paraguayan | PE: Peruvian | PH: Filipino, Philippine
PL: Polish, Pole | PT: Portuguese | QA: Qatari | RO: Romanian | RU: Russian | RW: Rwandan | SA: Saudi | SN: Senegalese
RS: Serbian, Serb | SC: Seychellois | SL: Sierra Leonean | SG: Singaporean | SK: Slovak | SI: Slovenian, Slovene | SO: Somali, Somalian
ZA: South African | KR: South Korean | SS: South Sudanese | ES: Spanish, Spaniard | LK: Sri Lankan | SD: Sudanese | SR: Surinamese
SE: Swedish, Swede | CH: Swiss | SY: Syrian | TW: Taiwanese | TJ: Tajik | TZ: Tanzanian | TH: Thai | TG: Togolese | TT: Trinidadian
TN: Tunisian | TR: Turkish, Turk | TM: Turkmen | UG: Ugandan | UA: Ukrainian | AE: Emirati | GB: British, Briton, Scottish, Scot, Welsh, English, Englishman
US: American | UY: Uruguayan | UZ: Uzbek | VE: Venezuelan | VN: Vietnamese | YE: Yemeni | ZM: Zambian | ZW: Zimbabwean
"""

# Place names that are also common personal names: resolved when something else
# says they are places, but never marked as places on their own evidence.
PERSON_LIKE_PLACES = frozenset(
    {"Chad", "Jordan", "Georgia", "Israel", "Victoria", "Sydney", "Florence", "Kingston", "Phoenix",
     "Adelaide", "Perth", "Washington", "Lincoln", "Austin", "Charlotte", "Madison", "Jackson", "Houston",
     "Salvador", "Santiago", "Male", "Nice", "Split", "Medina", "Cork", "Bali", "Georgetown", "Lima",
     "Nassau", "Praia", "Sofia", "Kazan", "Aden", "Juba", "Cali", "Porto", "Moroni", "Dili"}
)

_COUNTRY_SUBDIVISION_TYPES = {"US": {"State", "District"}, "CA": {"Province", "Territory"}, "AU": {"State", "Territory"}}


@dataclass(frozen=True)
class Place:
    """A resolved place name: its country and whether it is the country itself."""

    name: str
    country_code: str
    kind: PlaceKind


@lru_cache(maxsize=65536)
def normalize_key(name: str) -> str:
    """Fold a name so spelling variants meet: case, accents, dots, "the", possessive 's."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u2010", "-").replace("\u2013", "-")
    text = re.sub(r"'s?$", "", text.strip())
    text = text.replace(".", "")
    text = re.sub(r"\s+", " ", text).strip().casefold()
    if text.startswith("the "):
        text = text[4:]
    return text


def _parse_table(table: str) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for chunk in re.split(r"[|\n]", table):
        if ":" not in chunk:
            continue
        code, _, names = chunk.partition(":")
        code = code.strip()
        if len(code) != 2:
            continue
        rows.extend((code, n.strip()) for n in names.split(",") if n.strip())
    return rows


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, Place], dict[str, str], dict[str, PlaceKind]]:
    """Places and demonyms keyed by normalize_key, and every surface form; built once per process."""
    import pycountry

    places: dict[str, Place] = {}
    surfaces: dict[str, PlaceKind] = {}
    ambiguous: set[str] = set(_AMBIGUOUS)

    def add(name: str, code: str, kind: PlaceKind, *, override: bool = False) -> None:
        key = normalize_key(name)
        if not key or key in ambiguous:
            return
        known = places.get(key)
        if known and known.country_code != code and not override:
            if known.kind == kind:  # e.g. "Korea" from both Koreas
                ambiguous.add(key)
                del places[key]
            return
        places[key] = Place(name, code, kind)
        surfaces[name.strip()] = kind

    for sub_country, types in _COUNTRY_SUBDIVISION_TYPES.items():
        for sub in pycountry.subdivisions.get(country_code=sub_country) or []:
            if sub.type in types:
                add(sub.name, sub_country, "subdivision")
    for code, name in _parse_table(_CITIES):
        add(name, code, "city", override=True)
    for country in pycountry.countries:
        code = country.alpha_2
        names = [country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)]
        for name in filter(None, names):
            add(name, code, "country", override=True)
            if "," in name:  # "Iran, Islamic Republic of" -> "Iran"
                add(name.split(",")[0], code, "country")
        if "(" in country.name:  # "Holy See (Vatican City State)"
            add(country.name.split("(")[0], code, "country")
    for name, code in _COUNTRY_ALIASES.items():
        add(name, code, "country", override=True)

    demonyms: dict[str, str] = {}
    for code, adjective in _parse_table(_DEMONYMS):
        for form in _demonym_forms(adjective):
            demonyms[normalize_key(form)] = code
    return places, demonyms, surfaces


def _demonym_forms(adjective: str) -> list[str]:
    """The adjective and its plural noun: Iranian/Iranians, Israeli/Israelis, Frenchman/Frenchmen."""
    if adjective.endswith("man"):
        return [adjective, adjective[:-3] + "men"]
    if adjective.endswith(("ese", "sh", "ss", "s", "ic", "y", "tch", "nch", "otho")):
        return [adjective]  # Chinese, Turkish, Swiss, Icelandic, Malagasy, Dutch, French
    return [adjective, adjective + "s"]


def resolve_place(name: str) -> Place | None:
    """The country a place name stands for, or None for regions and ambiguous names."""
    places, _, _ = _tables()
    return places.get(normalize_key(name))


def country_code(name: str) -> str | None:
    """ISO 3166-1 alpha-2 code of a country, city or state name ("Tehran" -> "IR"); None when unknown."""
    place = resolve_place(name)
    return place.country_code if place else None


def demonym_country(word: str) -> str | None:
    """Country of a nationality adjective or plural ("Iranian", "Israelis" -> IR, IL); None if ambiguous."""
    _, demonyms, _ = _tables()
    return demonyms.get(normalize_key(word))


def is_demonym(word: str) -> bool:
    """Whether a word is a nationality adjective rather than a place name ("Ukrainian", not "Ukraine")."""
    return demonym_country(word) is not None and resolve_place(word) is None


def country_name(code: str) -> str | None:
    """The short name papers use for a country code ("RU" -> "Russia"), for display."""
    import pycountry

    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return None
    preferred = {"RU": "Russia", "TR": "Turkey", "US": "United States", "GB": "United Kingdom"}
    return preferred.get(code.upper()) or getattr(country, "common_name", None) or country.name


def gazetteer() -> list[tuple[str, str]]:
    """(surface form, "country"|"subdivision"|"city") for every place name known here, in its own spelling.

    Used to build entity-ruler patterns that catch places the statistical
    model misses; names that are also personal names are left out.
    """
    places, _, surfaces = _tables()
    return [
        (form, kind)
        for form, kind in surfaces.items()
        if form not in PERSON_LIKE_PLACES
        and "," not in form
        and "(" not in form
        and normalize_key(form) in places
    ]


def demonyms() -> list[str]:
    """Every nationality adjective and plural known here, capitalised as written."""
    return [form for _, adjective in _parse_table(_DEMONYMS) for form in _demonym_forms(adjective)]
