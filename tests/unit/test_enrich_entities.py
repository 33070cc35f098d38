"""People, organisations, places and nationalities, on the seed article and on small texts.

The spaCy model is loaded once for this module (it is cached per process).
"""

import re
from pathlib import Path

import pytest

from tasks.enrich.entities import (
    EntityResult,
    Span,
    clean_span,
    extract_entities,
    extract_entities_one,
    load_nlp,
    merge_spans,
    model_version,
)


def seed_body(seed_path: Path) -> str:
    """The seed article's body: its lines from "Putin arrived in Iran" to "…Russian market."."""
    lines = seed_path.read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("Putin arrived in Iran"))
    last = next(i for i, line in enumerate(lines) if line.endswith("also relies on the Russian market."))
    return "\n\n".join(line for line in lines[first : last + 1] if line.strip())


@pytest.fixture(scope="module")
def body(seed_path) -> str:
    return seed_body(seed_path)


@pytest.fixture(scope="module")
def seed(body) -> EntityResult:
    return extract_entities([body], ["en"])[0]


def _by_name(result: EntityResult, type_: str) -> dict:
    return {m.entity: m for m in result.of_type(type_)}


# --------------------------------------------------------------------------- the seed article


SEED_PEOPLE = [
    "Jake Sullivan", "Yevgeny Popov", "Andrey Kortunov", "Joe Biden", "Donald Trump", "Hossein Amirabdollahian",
    "Fadahossein Maleki", "Yuri Ushakov", "Recep Tayyip Erdogan", "Bashar Assad", "George W. Bush",
]


def test_seed_people(seed):
    people = _by_name(seed, "PERSON")
    for name in SEED_PEOPLE:
        assert name in people, f"{name} missing from {sorted(people)}"
    for surname in ("Putin", "Raisi", "Khamenei"):
        matches = [n for n in people if n.split()[-1] == surname]
        assert len(matches) == 1, f"{surname}: {matches}"  # one merged entity per person


def test_seed_people_are_merged_under_their_longest_name(seed, body):
    people = _by_name(seed, "PERSON")
    khamenei = people["Ayatollah Ali Khamenei"]
    assert khamenei.count == 2
    assert {body[a:b] for a, b in khamenei.offsets} == {"Ayatollah Khamenei", "Ayatollah Ali Khamenei"}
    ushakov = people["Yuri Ushakov"]
    assert {body[a:b] for a, b in ushakov.offsets} == {"Yuri Ushakov", "Ushakov"}
    assert people["Putin"].count == body.count("Putin")
    assert "George W. Bush’s" not in people  # possessive stripped


SEED_PLACES = {
    "Iran": "IR", "Russia": "RU", "Ukraine": "UA", "Tehran": "IR", "Moscow": "RU", "Turkey": "TR",
    "Syria": "SY", "Israel": "IL", "Saudi Arabia": "SA", "Iraq": "IQ", "North Korea": "KP",
    "Turkmenistan": "TM", "Azerbaijan": "AZ", "Libya": "LY", "US": "US", "Black Sea": None,
}


def test_seed_places_and_their_country_codes(seed):
    places = _by_name(seed, "PLACE")
    for name, code in SEED_PLACES.items():
        assert name in places, f"{name} missing from {sorted(places)}"
        assert places[name].country_code == code, name
    assert places["Black Sea"].count == 2  # "the Black Sea" and "Black Sea" are one place


def test_seed_countries(seed):
    expected = {"IR", "RU", "UA", "TR", "SY", "IL", "SA", "IQ", "KP", "TM", "AZ", "LY", "US"}
    assert expected <= set(seed.country_codes)
    assert seed.country_codes[:2] == ("IR", "RU")  # what the story is about


def test_seed_organisations(seed):
    orgs = _by_name(seed, "ORG")
    for name in ("White House", "Kremlin", "Russian International Affairs Council", "NATO"):
        assert name in orgs, f"{name} missing from {sorted(orgs)}"
    assert "U.N." in orgs or "United Nations" in orgs
    assert orgs["Kremlin"].count == 2
    assert "Twitter" in orgs  # NER calls it a person; it is a platform


def test_seed_nationalities_are_not_places(seed):
    norp = _by_name(seed, "NORP")
    assert norp["Iranian"].country_code == "IR"
    assert norp["Russian"].country_code == "RU"
    assert norp["Ukrainian"].country_code == "UA"  # tagged GPE by the model
    assert norp["Turkish"].country_code == "TR"
    assert "Ukrainian" not in _by_name(seed, "PLACE")


def test_seed_has_no_junk_entities(seed):
    names = [m.entity for m in seed.entities]
    for junk in ("Twitter", "National Security Advisor", "Supreme"):
        assert junk not in _by_name(seed, "PERSON")
        assert junk not in (_by_name(seed, "ORG") if junk != "Twitter" else {})
    assert not [n for n in names if n.lower().startswith("the ")]
    assert not [n for n in names if re.search(r"['’]s?$", n)]
    assert not [n for n in names if len(n) < 2 or not any(c.isalpha() for c in n)]


def test_seed_offsets_point_at_the_mentions(seed, body):
    for mention in seed.entities:
        assert mention.count == len(mention.offsets) > 0
        assert list(mention.offsets) == sorted(mention.offsets)
        words = {w.casefold() for w in mention.entity.split()}
        for start, end in mention.offsets:
            surface = body[start:end]
            assert surface and surface == surface.strip()
            assert {w.casefold() for w in surface.split()} <= words or mention.type in ("NORP", "ORG"), (mention, surface)


def test_provenance_names_spacy_and_the_model(seed):
    assert re.fullmatch(r"spacy/3\.\d+\.\d+ en_core_web_sm\S*/3\.\d+\.\d+ newslake-entities/\d+", model_version())
    assert seed.model == model_version()
    assert seed.language == "en" and seed.skipped_reason is None


def test_only_ner_is_loaded():
    nlp = load_nlp()
    assert nlp.pipe_names == ["ner", "newslake_gazetteer"]
    assert load_nlp() is nlp  # loaded once per process


# --------------------------------------------------------------------------- the batch API


FRENCH = "Le président Emmanuel Macron a rencontré Olaf Scholz à Berlin mardi pour parler de l'Ukraine."
GERMAN = "Bundeskanzler Olaf Scholz traf am Dienstag in Paris den französischen Präsidenten Emmanuel Macron."


def test_batch_keeps_order_and_skips_languages_without_a_model(body, seed):
    results = extract_entities([GERMAN, body, "", "Angela Merkel visited Paris.", "Tokyo"], ["de", "en", "en", "en-GB", None])
    assert len(results) == 5
    assert results[0].entities == () and results[0].skipped_reason == "no NER model for language 'de'"
    assert results[1] == seed  # batching changes nothing
    assert results[2].entities == () and results[2].skipped_reason is None
    assert "Angela Merkel" in _by_name(results[3], "PERSON")
    assert results[3].language == "en"
    assert results[4].entities == () and results[4].skipped_reason == "language unknown"


def test_batch_needs_one_language_per_text():
    with pytest.raises(ValueError):
        extract_entities(["a", "b"], ["en"])


def test_a_short_text_of_our_own():
    text = (
        "President Maria Costa of Kenya met Chancellor Olaf Scholz in Berlin on Monday. "
        "Costa said the European Union would fund a new port in Mombasa, and Kenyan officials "
        "welcomed the deal. Later, Costa flew to Washington for talks at the World Bank."
    )
    result = extract_entities_one(text)
    people = _by_name(result, "PERSON")
    assert people["Maria Costa"].count == 3
    assert "Olaf Scholz" in people
    places = _by_name(result, "PLACE")
    assert places["Kenya"].country_code == "KE"
    assert places["Berlin"].country_code == "DE"
    assert places["Mombasa"].country_code == "KE"
    assert places["Washington"].country_code == "US"
    orgs = _by_name(result, "ORG")
    assert {"European Union", "World Bank"} <= set(orgs)
    assert _by_name(result, "NORP")["Kenyan"].country_code == "KE"


def test_gazetteer_and_relabelling_fix_what_the_small_model_gets_wrong():
    """The model misses "Kyiv" and "Burkinabe", calls Kharkiv, Zaporizhzhia and "Nigerien" people."""
    result = extract_entities_one("Officials from Kyiv, Kharkiv and Zaporizhzhia met Burkinabe and Nigerien troops.")
    places = _by_name(result, "PLACE")
    assert {name: places[name].country_code for name in ("Kyiv", "Kharkiv", "Zaporizhzhia")} == dict.fromkeys(
        ("Kyiv", "Kharkiv", "Zaporizhzhia"), "UA"
    )
    norp = _by_name(result, "NORP")
    assert (norp["Burkinabe"].country_code, norp["Nigerien"].country_code) == ("BF", "NE")
    assert result.people == ()


# --------------------------------------------------------------------------- clean-up rules, without the model


def test_clean_span_strips_the_possessive_and_titles():
    text = "the White House said George W. Bush’s Iranian Foreign Minister Hossein Amirabdollahian"
    white_house = clean_span(text, 0, 15, "ORG")
    assert (white_house.text, white_house.start) == ("White House", 4)
    assert clean_span(text, 21, 37, "PERSON").text == "George W. Bush"
    minister = clean_span(text, 38, len(text), "PERSON")
    assert minister.text == "Hossein Amirabdollahian"
    assert text[minister.start : minister.end] == minister.text


def test_clean_span_relabels_and_drops():
    assert clean_span("Twitter", 0, 7, "PERSON").type == "ORG"
    ukrainian = clean_span("Ukrainian", 0, 9, "GPE")
    assert (ukrainian.type, ukrainian.country_code) == ("NORP", "UA")
    assert clean_span("Iran", 0, 4, "PERSON").type == "PLACE"
    assert clean_span("Brindle Road", 0, 12, "PERSON").type == "PLACE"
    assert clean_span("Russia said", 0, 6, "ORG").type == "PLACE"  # a country tagged ORG is the state
    assert clean_span("Liverpool won", 0, 9, "ORG").type == "ORG"  # a city tagged ORG may be a club…
    assert clean_span("a summit in Vilnius", 12, 19, "ORG").type == "PLACE"  # …unless it is where something is
    for text, label in [("National Security Advisor", "ORG"), ("Supreme", "ORG"), ("42", "PERSON"), ("X", "PERSON"),
                        ("hundreds", "PERSON"), ("five months ago", "DATE")]:
        assert clean_span(text, 0, len(text), label) is None, text


def _spans(text: str, *names: str) -> list[Span]:
    spans, cursor = [], 0
    for name in names:
        start = text.index(name, cursor)
        spans.append(Span(name, "PERSON", start, start + len(name)))
        cursor = start + len(name)
    return spans


def test_surnames_join_the_full_name_mentioned_nearest_before():
    text = "George W. Bush met Jeb Bush. Jeb Bush left. Bush stayed. Later George W. Bush spoke and Bush smiled."
    mentions = {m.entity: m for m in merge_spans(_spans(text, "George W. Bush", "Jeb Bush", "Jeb Bush", "Bush", "George W. Bush", "Bush"))}
    assert set(mentions) == {"George W. Bush", "Jeb Bush"}
    assert mentions["Jeb Bush"].count == 3  # "Bush stayed" follows "Jeb Bush left"
    assert mentions["George W. Bush"].count == 3


def test_people_are_named_by_their_longest_form_even_when_it_comes_later():
    text = "Putin spoke. Vladimir Putin listened."
    [putin] = merge_spans(_spans(text, "Putin", "Vladimir Putin"))
    assert (putin.entity, putin.count, putin.offsets) == ("Vladimir Putin", 2, ((0, 5), (13, 27)))


def test_french_has_its_own_model():
    result = extract_entities([FRENCH], ["fr"])[0]
    assert result.skipped_reason is None and result.language == "fr"
    assert {"Emmanuel Macron", "Olaf Scholz"} <= _by_name(result, "PERSON").keys()
    assert "Berlin" in _by_name(result, "PLACE")
