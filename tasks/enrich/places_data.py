"""The place tables behind tasks.enrich.places: country aliases, cities, demonyms.

pycountry knows ISO names and states; what news actually writes ("U.S.",
"Britain", "Tehran", "Iranian") is listed here by hand. Kept apart from the
lookup logic so that the tables can grow without touching it. Plain data:
``CITIES`` and ``DEMONYMS`` are "CODE: name, name | CODE: …" text, parsed once
per process by tasks.enrich.places.
"""

from __future__ import annotations

# Names that news uses and ISO 3166 does not (or words differently).
COUNTRY_ALIASES: dict[str, str] = {
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
AMBIGUOUS = {"korea", "congo", "guinea", "the congo", "virgin islands", "samoa islands", "kashmir", "kurdistan"}

# Capitals and major cities (pycountry has no cities). Cities whose name is
# mostly another city's (Birmingham, Alexandria, Valencia) map to the larger one.
CITIES = """
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
DEMONYMS = """
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

# The ISO 3166-2 subdivision types of the countries whose states papers name on their own.
COUNTRY_SUBDIVISION_TYPES = {"US": {"State", "District"}, "CA": {"Province", "Territory"}, "AU": {"State", "Territory"}}
