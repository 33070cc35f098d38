"""Russian entities (natasha, its models from the wheel): declined names become one
entity under their nominative form."""

from tasks.enrich.entities import extract_entities_one
from tasks.enrich.entities_ru import _normal_form

TEXT = (
    "Мэр Москвы Сергей Собянин открыл новую станцию метро. В Москве ждут гостей из Казани. "
    "Собянин сказал, что Министерство транспорта поддержало проект."
)


def test_declined_mentions_of_one_place_are_one_entity_in_the_nominative():
    result = extract_entities_one(TEXT, "ru")
    assert result.model.startswith("natasha/") and result.skipped_reason is None
    places = {m.entity: m.count for m in result.places}
    assert places.get("Москва") == 2  # "Москвы" and "Москве"
    assert "Казань" in places


def test_a_surname_alone_joins_the_full_name():
    people = extract_entities_one(TEXT, "ru").people
    assert [(m.entity, m.count) for m in people] == [("Сергей Собянин", 2)]


def test_an_organisation_keeps_its_complements_as_written():
    assert _normal_form("Совета Безопасности", "Совет Безопасность", "ORG", ["PROPN", "PROPN"]) == "Совет Безопасности"
    assert _normal_form("Государственной думы", "государственная дума", "ORG", ["ADJ", "NOUN"]) == "Государственная дума"


def test_a_person_declines_in_every_word_and_capitals_follow_the_text():
    assert _normal_form("Олега Иванова", "олег иванов", "PERSON", ["PROPN", "PROPN"]) == "Олег Иванов"
    assert _normal_form("МИДа", "мид", "ORG", ["NOUN"]) == "МИД"


def test_an_unusable_normal_form_leaves_the_surface():
    assert _normal_form("Нью-Йорке", None, "LOC", ["PROPN"]) == "Нью-Йорке"
