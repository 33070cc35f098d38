"""People by role words and given names, for languages without an NER model."""

import pytest

from tasks.enrich.entities import Mention
from tasks.enrich.people import find_people


def people(text: str, places: tuple[Mention, ...] = ()) -> dict[str, int]:
    return {m.entity: m.count for m in find_people(text, places)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bundeskanzler Olaf Scholz traf in Berlin Journalisten.", {"Olaf Scholz": 1}),
        ("Vorstandschef Oliver Blume sagte, der Markt sei schwach.", {"Oliver Blume": 1}),  # a compound role
        ("Kanzler Scholz sagte nichts.", {"Scholz": 1}),
        ("Harry Kane erzielte zwei Tore.", {"Harry Kane": 1}),  # a given name, no role
        ("EU-Kommissionspräsidentin Ursula von der Leyen reiste ab.", {"Ursula von der Leyen": 1}),
        ("El presidente Pedro Sánchez viajó a Roma.", {"Pedro Sánchez": 1}),
        ("Il premier Giorgia Meloni ha parlato.", {"Giorgia Meloni": 1}),
        # no name after the role, an acronym, a given name alone: nobody
        ("Der Präsident sagte, die SPD habe recht.", {}),
        ("Die Regierung der SPD und Thomas sprachen.", {}),
    ],
)
def test_a_person_needs_a_role_or_a_given_name_before_capitalised_words(text, expected):
    assert people(text) == expected


def test_the_surname_alone_is_the_same_person_unless_an_article_makes_it_a_noun():
    found = people("Landwirtschaftsminister Cem Özdemir besuchte einen Hof. Özdemir sagte, der Bauer habe recht. "
                   "Trainer Thomas Bauer lobte das Team.")
    assert found == {"Cem Özdemir": 2, "Thomas Bauer": 1}  # "der Bauer" is a farmer


def test_a_place_after_a_role_is_no_name_and_a_place_inside_a_name_gives_way():
    text = "Präsident Frankreichs ist Emmanuel Macron. Ministerpräsident Markus Söder kam."
    places = (
        Mention("France", "PLACE", 1, ((10, 21),), "FR"),
        Mention("Södermalm", "PLACE", 1, ((text.index("Söder"), text.index("Söder") + 5),), "SE"),
    )
    assert people(text, places) == {"Emmanuel Macron": 1, "Markus Söder": 1}
