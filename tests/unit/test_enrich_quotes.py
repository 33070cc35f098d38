"""Direct quotations and their speakers."""

from pathlib import Path

import pytest

from tasks.enrich.entities import Mention
from tasks.enrich.quotes import Quote, extract_quotes, find_quote_spans


def seed_body(seed_path: Path) -> str:
    """The seed article's body: its lines from "Putin arrived in Iran" to "…Russian market."."""
    lines = seed_path.read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("Putin arrived in Iran"))
    last = next(i for i, line in enumerate(lines) if line.endswith("also relies on the Russian market."))
    return "\n\n".join(line for line in lines[first : last + 1] if line.strip())


def _speakers(quotes: list[Quote]) -> dict[str, str | None]:
    return {q.text: q.speaker for q in quotes}


def _assert_offsets(text: str, quotes: list[Quote]) -> None:
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text


# --------------------------------------------------------------------------- the seed article


@pytest.fixture(scope="module")
def body(seed_path) -> str:
    return seed_body(seed_path)


KORTUNOV = "This is an important visit for Putin personally."
KREMLIN = "The Kremlin doesn’t want to allow itself to be isolated internationally."
AMIRABDOLLAHIAN = "Iran is (the) centre of dynamic diplomacy,"


def _check_seed(body: str, quotes: list[Quote]) -> None:
    speakers = _speakers(quotes)
    assert speakers[KORTUNOV] == "Andrey Kortunov"  # X, head of Y, said: “…”
    assert speakers[KREMLIN] == "Andrey Kortunov"  # the next paragraph continues his quote
    assert speakers[AMIRABDOLLAHIAN] == "Hossein Amirabdollahian"  # “…,” Title X wrote on Twitter
    develop = next(q for q in quotes if q.text.startswith("develop economic cooperation"))
    assert develop.speaker == "Hossein Amirabdollahian"  # …, adding the meetings will “…”
    # ‘hundreds’, ‘axis of good’, ‘axis of evil’ are scare quotes, not quotations
    assert not [q for q in quotes if "axis" in q.text or q.text == "hundreds"]
    assert len(quotes) == 4
    _assert_offsets(body, quotes)


def test_seed_quotes_with_entities(body):
    from tasks.enrich.entities import extract_entities

    entities = extract_entities([body], ["en"])[0].entities
    _check_seed(body, extract_quotes(body, entities))


def test_seed_quotes_without_entities(body):
    _check_seed(body, extract_quotes(body))


# --------------------------------------------------------------------------- attribution shapes


def test_said_x_and_x_said_with_curly_quotes():
    text = (
        "“We will rebuild the bridge by spring,” said Maria Lopez, the mayor of Riverton.\n"
        "“It is too early to tell how much it will cost,” Lopez said on Tuesday."
    )
    quotes = extract_quotes(text)
    assert _speakers(quotes) == {
        "We will rebuild the bridge by spring,": "Maria Lopez",
        "It is too early to tell how much it will cost,": "Maria Lopez",  # surname -> full name
    }
    _assert_offsets(text, quotes)


def test_x_said_colon_with_straight_quotes_and_a_continuation_paragraph():
    text = (
        'Tom Baker, chief executive of Harbour Freight, said: "The plan is dead in the water."\n\n'
        '"Nobody will invest in a port that closes every winter."\n\n'
        "The council did not respond."
    )
    quotes = extract_quotes(text)
    assert _speakers(quotes) == {
        "The plan is dead in the water.": "Tom Baker",
        "Nobody will invest in a port that closes every winter.": "Tom Baker",
    }
    _assert_offsets(text, quotes)


def test_according_to_and_pronouns():
    text = (
        'The deal is "the biggest in our history", according to Anna Weiss.\n'
        "“We did not expect it to happen this year,” she said."
    )
    assert [q.speaker for q in extract_quotes(text)] == ["Anna Weiss", "Anna Weiss"]


def test_he_said_is_the_last_speaker_not_the_last_name():
    text = (
        "“Prices will fall by summer,” said Omar Haddad.\n"
        "The central bank in Amman disagreed with Leila Nasser on rates.\n"
        "Later that day, “we stand by the forecast,” he said."
    )
    assert [q.speaker for q in extract_quotes(text)] == ["Omar Haddad", "Omar Haddad"]


def test_an_object_of_told_is_not_the_speaker():
    text = "“The talks have stalled for now,” the spokesman told Reuters."
    [quote] = extract_quotes(text)
    assert quote.speaker is None


def test_unattributed_quote_has_no_speaker():
    [quote] = extract_quotes("The sign read “no entry after dark for visitors” in red letters.")
    assert quote.speaker is None


def test_single_quotes_with_apostrophes_inside():
    text = "‘It’s a good day for the town and we’re proud of it,’ said Ali Khan."
    [quote] = extract_quotes(text)
    assert quote == Quote("It’s a good day for the town and we’re proud of it,", "Ali Khan", 1, 52)


def test_a_quote_open_at_the_end_of_a_paragraph_runs_to_its_end():
    text = "Sara Obi said: “We are staying here until the water goes down\n“Then we will see.”"
    quotes = extract_quotes(text)
    assert quotes[0].text == "We are staying here until the water goes down"
    assert quotes[0].speaker == "Sara Obi"
    assert quotes[1].text == "Then we will see."  # three words: a quote
    assert quotes[1].speaker == "Sara Obi"


def test_speakers_come_from_entities_when_given():
    """With NER entities the speaker is the merged entity: a surname becomes the full name."""
    text = "Yuri Ushakov spoke on Monday.\n“We expect a trusting dialogue,” Ushakov said."
    start = text.index("Ushakov said")
    ushakov = Mention("Yuri Ushakov", "PERSON", 2, ((0, 12), (start, start + 7)))
    [quote] = extract_quotes(text, [ushakov])
    assert quote.speaker == "Yuri Ushakov"


def test_find_quote_spans_ignores_scare_quotes_and_apostrophes():
    text = "the ‘axis of evil’ and Putin’ back home, doesn’t “it is what it is” 'said so'"
    spans = find_quote_spans(text)
    assert [text[a:b] for a, b, _ in spans] == ["it is what it is"]
