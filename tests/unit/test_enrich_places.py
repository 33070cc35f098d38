"""Place names to ISO 3166-1 alpha-2 codes: offline, from pycountry and built-in tables."""

import pycountry
import pytest

from tasks.enrich import places as enrich_places
from tasks.enrich import places_data
from tasks.enrich.places import country_code, country_name, demonym_country, gazetteer, is_demonym, normalize_key, resolve_place


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Iran", "IR"), ("Russia", "RU"), ("Ukraine", "UA"), ("Turkey", "TR"), ("Türkiye", "TR"),
        ("Syria", "SY"), ("Israel", "IL"), ("Saudi Arabia", "SA"), ("Iraq", "IQ"), ("North Korea", "KP"),
        ("South Korea", "KR"), ("Turkmenistan", "TM"), ("Azerbaijan", "AZ"), ("Libya", "LY"),
        ("US", "US"), ("U.S.", "US"), ("USA", "US"), ("United States", "US"), ("America", "US"),
        ("Britain", "GB"), ("UK", "GB"), ("Scotland", "GB"), ("Vietnam", "VN"), ("Czech Republic", "CZ"),
        # ISO's own wording, case, "the" and possessives
        ("Russian Federation", "RU"), ("Iran, Islamic Republic of", "IR"), ("Syrian Arab Republic", "SY"),
        ("the Netherlands", "NL"), ("Ukraine’s", "UA"), ("IRAN", "IR"), ("Côte d'Ivoire", "CI"),
    ],
)
def test_countries_by_any_common_name(name, code):
    assert country_code(name) == code
    assert resolve_place(name).kind == "country"


@pytest.mark.parametrize(
    ("name", "code"),
    [("Tehran", "IR"), ("Moscow", "RU"), ("Kyiv", "UA"), ("Kiev", "UA"), ("Ankara", "TR"), ("Damascus", "SY"),
     ("Washington", "US"), ("New York City", "US"), ("London", "GB"), ("Beijing", "CN"), ("São Paulo", "BR"),
     ("Sao Paulo", "BR"), ("The Hague", "NL"), ("Riyadh", "SA"), ("Pyongyang", "KP")],
)
def test_capitals_and_major_cities_map_to_their_country(name, code):
    assert country_code(name) == code
    assert resolve_place(name).kind == "city"


def test_states_come_from_iso_3166_2():
    assert country_code("California") == "US"
    assert country_code("Ontario") == "CA"
    assert resolve_place("Texas").kind == "subdivision"
    assert country_code("Georgia") == "GE"  # the country wins over the US state


@pytest.mark.parametrize("name", ["Black Sea", "Middle East", "West", "Europe", "Korea", "Congo", "Atlantis", ""])
def test_regions_ambiguous_and_unknown_names_have_no_code(name):
    assert country_code(name) is None


@pytest.mark.parametrize(
    ("word", "code"),
    [("Iranian", "IR"), ("Iranians", "IR"), ("Russian", "RU"), ("Ukrainian", "UA"), ("Turkish", "TR"),
     ("Israelis", "IL"), ("American", "US"), ("British", "GB"), ("Dutch", "NL"), ("Saudi", "SA"),
     ("North Korean", "KP"), ("Frenchmen", "FR"), ("Swiss", "CH")],
)
def test_nationality_adjectives_map_to_countries(word, code):
    assert demonym_country(word) == code
    assert is_demonym(word)


def test_ambiguous_adjectives_and_place_names_are_not_demonyms():
    assert demonym_country("Korean") is None
    assert demonym_country("Arab") is None
    assert not is_demonym("Ukraine")
    assert not is_demonym("Iran")


def test_normalize_key_folds_spelling_variants():
    assert normalize_key("U.S.") == normalize_key("US") == "us"
    assert normalize_key("the Black Sea’s") == "black sea"
    assert normalize_key("Türkiye") == "turkiye"


def test_country_name_for_display():
    assert country_name("RU") == "Russia"
    assert country_name("ir") == "Iran"
    assert country_name("ZZ") is None


def test_every_code_in_the_built_in_tables_is_a_real_iso_code():
    """Typos in the hand-written tables would silently map places to nowhere."""
    codes = {code for code, _ in enrich_places._parse_table(places_data.CITIES)}
    codes |= {code for code, _ in enrich_places._parse_table(places_data.DEMONYMS)}
    codes |= set(places_data.COUNTRY_ALIASES.values())
    unknown = {c for c in codes if pycountry.countries.get(alpha_2=c) is None}
    assert not unknown


def test_gazetteer_lists_places_but_not_names_that_are_usually_people():
    forms = {form for form, _ in gazetteer()}
    assert {"Iran", "Tehran", "U.S.", "US", "North Korea", "California"} <= forms
    assert not {"Jordan", "Chad", "Sydney", "Victoria"} & forms
    assert all(country_code(form) for form in forms)
