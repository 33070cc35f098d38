"""Canonical entities: one name and one stable id per real entity, and fewer false persons."""

from tasks.enrich.annotations import annotate_batch
from tasks.enrich.canonical import canonicalize, drop_false_people, entity_id, is_person_like
from tasks.enrich.entities import Mention


def _mentions(text: str, language: str = "en") -> list[dict]:
    return annotate_batch([text], [language])[0].mentions


def _ids(rows: list[dict], type_: str) -> dict[str, str]:
    return {r["entity"]: r["entity_id"] for r in rows if r["type"] == type_}


def test_surface_forms_of_one_entity_share_name_and_id_across_articles():
    a = _mentions("Donald Trump spoke in Washington. Americans in the United States listened.")
    b = _mentions("The U.S. economy grew, Trump told reporters, and an American official agreed.")
    c = _mentions("President Trump met officials from the US and an American company.")
    people = [_ids(rows, "PERSON") for rows in (a, b, c)]
    assert all(p.get("Donald Trump") for p in people), people
    assert len({p["Donald Trump"] for p in people}) == 1
    places = [_ids(rows, "PLACE") for rows in (a, b, c)]
    assert all("United States" in p for p in places), places
    assert len({p["United States"] for p in places}) == 1
    groups = [_ids(rows, "NORP") for rows in (a, b, c)]
    assert all(set(g) == {"American"} for g in groups), groups
    assert len({g["American"] for g in groups}) == 1


def test_a_place_is_the_feature_it_resolves_to_never_its_country():
    a = _ids(_mentions("Officials in Kiev said that Gaza and Scotland were discussed."), "PLACE")
    b = _ids(_mentions("Kyiv responded on Monday, and Bavaria's premier agreed."), "PLACE")
    assert a["Kyiv"] == b["Kyiv"]  # two spellings, one city
    assert {"Gaza Strip", "Scotland"} <= set(a) and "Bavaria" in b
    assert not {"Palestine", "United Kingdom", "Germany"} & (set(a) | set(b))
    german = _ids(_mentions("Bayern und Nordrhein-Westfalen stimmten zu, sagte der Minister in München.", "de"), "PLACE")
    assert german["Bavaria"] == b["Bavaria"]


def test_ids_are_stable_and_typed():
    assert entity_id("PERSON", "joe biden") == entity_id("PERSON", "joe biden")
    assert entity_id("PERSON", "joe biden") != entity_id("ORG", "joe biden")
    assert entity_id("PLACE", "country:US").startswith("place:")


def test_two_forms_that_become_one_entity_merge_their_offsets():
    us = Mention("U.S.", "PLACE", 1, ((0, 4),), "US")
    united = Mention("United States", "PLACE", 2, ((10, 23), (40, 53)), "US")
    (merged,), _ = canonicalize((us, united))
    assert merged.entity == "United States" and merged.count == 3 and merged.entity_id


def test_people_need_a_personal_name_signal():
    text = "Max was fast. The Moon rose. Apple sold a MacBook Pro. President Raisi spoke. Biden spoke."
    def person(name: str) -> Mention:
        start = text.index(name)
        return Mention(name, "PERSON", 1, ((start, start + len(name)),))
    kept = {m.entity for m in drop_false_people(text, tuple(person(n) for n in ("Max", "Moon", "MacBook Pro", "Raisi", "Biden")))}
    assert kept == {"Raisi", "Biden"}
    assert is_person_like("Ann Smith said", Mention("Ann Smith", "PERSON", 1, ((0, 9),)))
