"""Geocoding against the offline GeoNames gazetteer, and places found in 20+ languages by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from tasks.enrich.entities import Mention
from tasks.enrich.geo import LANGUAGES, candidates, geocode_mentions, index_key, nationality_country, resolve
from tasks.enrich.geo_match import find_places
from tasks.enrich.places import normalize_key

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"


def place(name: str, code: str | None = None) -> Mention:
    return Mention(entity=name, type="PLACE", count=1, offsets=((0, len(name)),), country_code=code)


def test_a_city_has_its_geonames_id_class_admin1_and_coordinates():
    tehran = resolve("Tehran")
    assert (tehran.geonames_id, tehran.feature_class, tehran.country_code) == (112931, "P", "IR")
    assert tehran.admin1.startswith("IR.")
    assert 35 < tehran.latitude < 36 and 51 < tehran.longitude < 52


@pytest.mark.parametrize(
    ("name", "kind", "code"),
    [("Iran", "country", "IR"), ("U.S.", "country", "US"), ("Europe", "continent", None),
     ("Black Sea", "region", None), ("Middle East", "region", None), ("Texas", "admin1", "US"),
     ("Crimea", "region", "UA"), ("Bayern", "admin1", "DE"), ("Nordrhein-Westfalen", "admin1", "DE"),
     ("Ontario", "admin1", "CA"), ("Cataluña", "admin1", "ES"), ("Scotland", "admin1", "GB"), ("广东", "admin1", "CN"),
     ("Chechnya", "admin1", "RU"), ("北海道", "admin1", "JP")],
)
def test_countries_continents_seas_regions_and_states_resolve(name, kind, code):
    feature = resolve(name)
    assert (feature.kind, feature.country_code) == (kind, code)
    assert -90 <= feature.latitude <= 90 and -180 <= feature.longitude <= 180


@pytest.mark.parametrize(
    ("mentions", "target", "code", "admin1"),
    [
        (["Paris", "France"], "Paris", "FR", None),
        (["Paris", "Texas", "Dallas"], "Paris", "US", "US.TX"),
        (["Birmingham", "Manchester", "Britain"], "Birmingham", "GB", None),
        (["Birmingham", "Alabama", "Montgomery"], "Birmingham", "US", "US.AL"),
        (["Georgia", "Tbilisi", "Russia"], "Georgia", "GE", None),
        (["Georgia", "Atlanta", "Florida"], "Georgia", "US", "US.GA"),
        (["Ontario", "California", "Los Angeles"], "Ontario", "US", "US.CA"),
        (["Punjab", "India", "Delhi"], "Punjab", "IN", "IN.23"),
        (["Punjab", "Pakistan", "Lahore"], "Punjab", "PK", "PK.04"),
    ],
)
def test_an_ambiguous_name_is_settled_by_the_articles_other_places(mentions, target, code, admin1):
    features = geocode_mentions([place(m) for m in mentions])
    chosen = features[mentions.index(target)]
    assert chosen.country_code == code
    if admin1:
        assert chosen.admin1 == admin1
    assert len(candidates(target)) >= 2


def test_without_context_the_bigger_place_wins():
    assert resolve("Paris").country_code == "FR"
    assert resolve("Georgia").kind == "country"
    assert (resolve("Ontario").kind, resolve("Quebec").kind) == ("admin1", "admin1")  # not the Californian city


def test_a_state_outside_the_us_lies_among_its_cities():
    bavaria = resolve("Bavaria")
    assert (bavaria.name, bavaria.admin1, bavaria.feature_class) == ("Bavaria", "DE.02", "A")
    assert 47 < bavaria.latitude < 51 and 9 < bavaria.longitude < 14
    assert resolve("Munich").admin1 == "DE.02"


def test_mentions_of_other_types_get_no_feature():
    person = Mention(entity="Paris Hilton", type="PERSON", count=1, offsets=((0, 12),))
    assert geocode_mentions([person, place("Moscow")])[0] is None


def test_the_fast_index_key_is_normalize_key():
    for name in ["São Paulo", "The Hague", "St. Petersburg", "Ukraine’s", "Москва", "Côte d'Ivoire", "  New   York "]:
        assert index_key(name) == normalize_key(name)


# The same news in 22 languages besides English: Russia (by its local name, or Germany
# where the language inflects it away), Berlin (inflected where the language does) and
# Americans (a nationality word, lower case in most languages).
SENTENCES = {
    "fr": "La Russie a répondu mardi à Berlin aux critiques des diplomates américains.",
    "de": "Russland hat am Dienstag in Berlin auf die Kritik amerikanischer Diplomaten reagiert.",
    "es": "Rusia respondió el martes en Berlín a las críticas de los diplomáticos estadounidenses.",
    "it": "La Russia ha risposto martedì a Berlino alle critiche dei diplomatici americani.",
    "pt": "A Rússia respondeu na terça-feira em Berlim às críticas dos diplomatas americanos.",
    "nl": "Rusland reageerde dinsdag in Berlijn op de kritiek van Amerikaanse diplomaten.",
    "ru": "Россия во вторник ответила в Берлине на критику американских дипломатов.",
    "uk": "Росія у вівторок відповіла в Берліні на критику американських дипломатів.",
    "pl": "Rosja odpowiedziała we wtorek w Berlinie na krytykę amerykańskich dyplomatów.",
    "cs": "Rusko v úterý v Berlíně odpovědělo na kritiku amerických diplomatů.",
    "sv": "Ryssland svarade i tisdags i Berlin på kritiken från amerikanska diplomater.",
    "da": "Rusland svarede tirsdag i Berlin på kritikken fra amerikanske diplomater.",
    "nb": "Russland svarte tirsdag i Berlin på kritikken fra amerikanske diplomater.",
    "fi": "Venäjä ja Saksa vastasivat amerikkalaisten diplomaattien kritiikkiin.",
    "tr": "Rusya salı günü Berlin'de Amerikalı diplomatların eleştirilerine yanıt verdi.",
    "ar": "ردت روسيا يوم الثلاثاء في برلين على انتقادات الدبلوماسيين الأمريكيين.",
    "zh": "俄罗斯周二在柏林回应了美国外交官的批评。",
    "ja": "ロシアは火曜日、ベルリンでアメリカ人外交官の批判に反論した。",
    "ko": "러시아는 화요일 베를린에서 미국 외교관들의 비판에 대응했다.",
    "el": "Η Ρωσία απάντησε την Τρίτη στο Βερολίνο στην κριτική Αμερικανών διπλωματών.",
    "hu": "Oroszország kedden Berlinben válaszolt az amerikai diplomaták bírálatára.",
    "ro": "Rusia a răspuns marți la Berlin criticilor diplomaților americani.",
    "he": "רוסיה הגיבה ביום שלישי בברלין לביקורת של דיפלומטים אמריקאים.",
}


def test_twenty_languages_and_more_are_covered():
    assert set(SENTENCES) <= set(LANGUAGES)
    assert len(SENTENCES) >= 20


@pytest.mark.parametrize("language", sorted(SENTENCES))
def test_places_countries_and_nationalities_in_each_language(language):
    text = SENTENCES[language]
    found = find_places(text, language)
    codes = {m.country_code for m in found}
    assert {"RU", "DE", "US"} <= codes, (language, found)
    for m in found:  # offsets point at the words found
        for start, end in m.offsets:
            assert text[start:end].strip() == text[start:end] and end > start


@pytest.mark.parametrize(
    ("word", "language", "code"),
    [("russischen", "de", "RU"), ("américaines", "fr", "US"), ("украинских", "ru", "UA"), ("israelí", "es", "IL"),
     ("chińskich", "pl", "CN"), ("iranilaiset", "fi", "IR"), ("الإيرانية", "ar", None)],
)
def test_nationality_words_are_inflected_forms_of_a_stem(word, language, code):
    assert nationality_country(word, language) == code


def test_everyday_words_that_are_also_places_are_not_places():
    text = "Das Essen in der Halle war gut, sagte Mark. Nach dem Bad ging es weiter."
    assert find_places(text, "de") == ()


def test_unknown_language_finds_nothing():
    assert find_places("Russland und Berlin", None) == ()


def test_the_seed_articles_places_keep_their_iso_codes():
    from tasks.enrich.annotations import annotate_batch

    seed = next((SHARED / "seed").glob("*.txt"))
    annotation = annotate_batch([seed.read_text(encoding="utf-8")], ["en"])[0]
    places = {m["entity"]: m for m in annotation.mentions if m["type"] == "PLACE"}
    codes = {m["country_code"] for m in places.values()}
    assert {"IR", "RU", "UA", "TR", "SY", "IL", "SA", "IQ", "KP", "TM", "AZ", "LY", "US"} <= codes
    for name in ("Iran", "Russia", "Ukraine", "Tehran", "Moscow", "Black Sea"):
        assert places[name]["latitude"] is not None and places[name]["longitude"] is not None
    assert places["Tehran"]["geonames_id"] == 112931 and places["Tehran"]["feature_class"] == "P"
    assert places["Black Sea"]["feature_class"] == "H"


def test_an_article_without_an_ner_model_gets_geocoded_places_and_says_how():
    from tasks.enrich.annotations import annotate_batch

    text = ("Bundeskanzler Friedrich Merz hat am Montag in Brüssel über die Lage in der Ukraine beraten. "
            "Die Bundesregierung will die Hilfe für Kiew aufstocken, sagte ein Sprecher in Berlin. "
            "Die chinesische Regierung reagierte zurückhaltend.")
    annotation = annotate_batch([text], ["de"])[0]
    assert annotation.summary["entities_status"] == (
        "skipped: no NER model for language 'de'; places from the gazetteer; people from role words and given names"
    )
    assert {"BE", "UA", "DE", "CN"} <= set(annotation.summary["country_codes"])
    places = {m["entity"]: m for m in annotation.mentions if m["type"] == "PLACE"}
    assert {"Brussels", "Ukraine", "Kyiv", "Berlin"} <= set(places)  # stored under one (GeoNames) name
    assert all(m["latitude"] is not None and m["geonames_id"] for m in places.values())
    # no model: the one person comes from the role word before the name (tasks.enrich.people)
    assert [m["entity"] for m in annotation.mentions if m["type"] == "PERSON"] == ["Friedrich Merz"]


def test_a_language_without_case_endings_finds_no_place_inside_another_word():
    """"Europea" (Spanish "European") is no cut form of "Europe"; German "Deutschlands" is one of "Deutschland"."""
    from tasks.enrich.geo_match import find_places

    assert not [m for m in find_places("La Comisión Europea aprobó el plan.", "es") if m.type == "PLACE"]
    assert [m.entity for m in find_places("Die Wirtschaft Deutschlands wächst.", "de")] == ["Germany"]


def test_the_place_in_a_sports_clubs_name_is_the_clubs():
    from tasks.enrich.geo_match import find_places

    assert [m.entity for m in find_places("Real Madrid gewann in Barcelona.", "de")] == ["Barcelona"]
    assert [m.entity for m in find_places("Der FC Bayern München spielt in Berlin.", "de")] == ["Berlin"]
    assert [m.entity for m in find_places("In Madrid regnet es.", "es")] == ["Madrid"]
    # a short club word counts in capitals only: Portuguese "As" is an article
    assert [m.entity for m in find_places("As Filipinas e a China assinaram.", "pt")] == ["Philippines", "China"]
