"""Direct quotations and who said them.

Quotes are what readers search for ("what did Kortunov say?"), and news
attributes them in a handful of fixed shapes, so a rule-based pass over the
text is enough and costs nothing next to NER:

    “…,” said X.            “…,” X said.            “…,” Title X wrote on Twitter.
    X said: “…”             X, head of Y, said: “…”  according to X, “…”
    “…,” he said.           (he/she: the last speaker, else the last person named)
    “…”                     a quote paragraph after one whose quote is X's: still X
    … adding that “…”       a later quote in the same paragraph: the same speaker

Speakers are found among the people of the text. Given the entities of
tasks.enrich.entities (``Mention`` with offsets), a speaker is the merged
entity, so a bare surname comes back as the full name ("Ushakov" ->
"Yuri Ushakov"). Without entities, capitalised-name runs stand in for them,
and a surname is resolved to an earlier full name the same way.

Curly (“ ” ‘ ’), straight (" ') and guillemet (« ») quotes are handled.
Single quotes double as apostrophes and as scare quotes (‘axis of evil’), so a
single-quoted span counts only from four words up; double-quoted spans from
three words up (shorter ones are mostly scare quotes and titles).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tasks.enrich.entities import Mention
from tasks.enrich.entities_data import TITLE_WORDS
from tasks.enrich.places import is_demonym, resolve_place

MIN_WORDS_DOUBLE = 3
MIN_WORDS_SINGLE = 4
_MAX_ATTRIBUTION_CHARS = 250

_SPEECH_VERBS = (
    "said|says|say|told|tells|wrote|writes|added|adds|adding|asked|asks|explained|explains|noted|notes|"
    "stated|states|tweeted|posted|warned|warns|declared|insisted|insists|claimed|claims|argued|argues|"
    "continued|replied|responded|recalled|acknowledged|admitted|announced|concluded|commented|remarked|"
    "stressed|urged|suggested|observed|predicted|complained|conceded|confirmed|countered|cautioned|"
    "vowed|pledged|promised|boasted|quipped|joked|saying|writing|telling|according\\s+to"
)
_VERB = re.compile(rf"\b(?:{_SPEECH_VERBS})\b", re.IGNORECASE)
# Used with .match(text, pos): anchored at pos (a "^" would only match at the string's start).
_PRONOUN_VERB = re.compile(rf"\W*(?:he|she|they)\s+(?:(?:has|had|later|also|then)\s+)?(?:{_SPEECH_VERBS})\b", re.IGNORECASE)
_PRONOUN_BEFORE = re.compile(rf"\b(?:he|she|they)\s+(?:(?:has|had|later|also|then)\s+)?(?:{_SPEECH_VERBS})\b[^.!?]*$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z\u201c\"\u2018']|\s*$)")
_OPENING_CONTEXT = set(" \t\n([{\u2014\u2013-/:")


@dataclass(frozen=True)
class Quote:
    """A direct quotation: ``text == body[start:end]`` (inside the quote marks)."""

    text: str
    speaker: str | None
    start: int
    end: int


@dataclass(frozen=True)
class _Name:
    name: str  # the (resolved) name to report
    start: int
    end: int
    is_person: bool = True


# --------------------------------------------------------------------------- finding quotes


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line: scrapes and feeds put one paragraph per line."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]


def find_quote_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, bool]]:
    """(start, end, closed) of top-level quoted spans in one paragraph, inside the marks.

    An opening double quote that is never closed runs to the end of the
    paragraph (the convention for quotes that go on in the next paragraph).
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int, bool]] = []
    i = start
    while i < end:
        ch = text[i]
        prev = text[i - 1] if i > start else " "
        close: int | None = None
        single = False
        if ch in "\u201c\u00ab\u201e":
            closer = "\u00bb" if ch == "\u00ab" else "\u201d"
            close = text.find(closer, i + 1, end)
            if close < 0 and ch == "\u201e":
                close = text.find("\u201c", i + 1, end)
            if close < 0:
                close = end
        elif ch == '"' and (prev in _OPENING_CONTEXT or prev == '"'):
            close = text.find('"', i + 1, end)
            if close < 0:
                close = end
        elif ch == "\u2018" or (ch == "'" and prev in _OPENING_CONTEXT and i + 1 < end and text[i + 1].isalnum()):
            close = _single_closer(text, i + 1, end, "\u2019" if ch == "\u2018" else "'")
            single = True
        if close is None or close < 0:
            i += 1
            continue
        inner_start, inner_end = i + 1, close
        while inner_end > inner_start and text[inner_end - 1].isspace():
            inner_end -= 1
        words = len(text[inner_start:inner_end].split())
        if words >= (MIN_WORDS_SINGLE if single else MIN_WORDS_DOUBLE):
            spans.append((inner_start, inner_end, close < end))
        i = close + 1
    return spans


def _single_closer(text: str, start: int, end: int, mark: str) -> int:
    """The closing single quote: one not followed by a letter (that would be an apostrophe: doesn’t)."""
    pos = start
    while True:
        pos = text.find(mark, pos, end)
        if pos < 0:
            return -1
        after = text[pos + 1] if pos + 1 < end else " "
        if not after.isalpha() and not text[pos - 1].isspace():
            return pos
        pos += 1


# --------------------------------------------------------------------------- names


def _names_from_mentions(entities: Sequence[Mention]) -> list[_Name]:
    names = [
        _Name(m.entity, a, b, m.type == "PERSON")
        for m in entities
        if m.type in ("PERSON", "ORG")
        for a, b in m.offsets
    ]
    return sorted(names, key=lambda n: n.start)


_CAPITALISED_RUN = re.compile(
    r"\b[A-Z][\w\u2019'\-]*(?:\s+(?:[A-Z]\.|[A-Z][\w\u2019'\-]*|al-\w+|bin|ibn|de|van|von|da|di|el)(?=[\s,.;:!?\u201d\"')]|$))*"
)
_NOT_NAMES = frozenset(
    """the a an and but or so if when while as at in on of for to with from by after before this that these those
    it its he she they we i you his her their our my your there here then now today yesterday tomorrow
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december last next meanwhile however also mr mrs ms dr""".split()
)

_LEADING_NON_NAMES = TITLE_WORDS | _NOT_NAMES


def _names_from_text(text: str) -> list[_Name]:
    """People-like names found by capitalisation, for when no NER entities are given;
    surnames resolved to the longest earlier-or-later full name that ends with them."""
    found: list[tuple[str, int, int]] = []
    for match in _CAPITALISED_RUN.finditer(text):
        start, end = match.start(), match.end()
        words = list(re.finditer(r"\S+", match.group()))
        # Drop leading titles, nationalities and sentence-initial function words.
        while words and (
            words[0].group().lower().rstrip(".") in _LEADING_NON_NAMES
            or is_demonym(words[0].group())
            or (len(words) > 1 and resolve_place(words[0].group()) is not None)
        ):
            words.pop(0)
        if not words:
            continue
        start = match.start() + words[0].start()
        name = text[start:end]
        name = re.sub(r"(?:['\u2019]s?)$", "", name)
        if len(name) < 2 or name.lower() in _NOT_NAMES or resolve_place(name) is not None:
            continue
        found.append((name, start, start + len(name)))
    full_names = [n for n, _, _ in found if len(n.split()) > 1]
    names: list[_Name] = []
    for name, start, end in found:
        last = name.split()[-1]
        longer = [f for f in full_names if f != name and f.split()[-1] == last and set(name.split()) <= set(f.split())]
        names.append(_Name(max(longer, key=len) if longer else name, start, end, True))
    return names


# --------------------------------------------------------------------------- attribution


def _sentence_start(text: str, lower: int, pos: int) -> int:
    """Start of the sentence containing pos, not before lower."""
    last = lower
    for m in _SENTENCE_END.finditer(text, lower, pos):
        last = m.end()
    return last


def _sentence_end(text: str, pos: int, upper: int) -> int:
    m = _SENTENCE_END.search(text, pos, upper)
    return m.end() if m else upper


def _first_name(names: list[_Name], start: int, end: int) -> _Name | None:
    """The first person in [start, end), else the first organisation."""
    inside = [n for n in names if start <= n.start < end]
    people = [n for n in inside if n.is_person]
    return (people or inside or [None])[0]


def _last_person_before(names: list[_Name], pos: int) -> _Name | None:
    before = [n for n in names if n.end <= pos and n.is_person]
    return before[-1] if before else None


def _attribute(
    text: str, q_start: int, q_end: int, seg_before: int, seg_after: int, names: list[_Name], last_speaker: str | None
) -> str | None:
    """The speaker of the quote at [q_start, q_end) from the words around it, or None."""
    # After the quote: “…,” said X / “…,” X said / “…,” he said.
    close = min(q_end + 1, seg_after)  # past the closing mark
    after_end = min(_sentence_end(text, close, seg_after), close + _MAX_ATTRIBUTION_CHARS)
    verb = _VERB.search(text, close, after_end)
    if verb:
        if _PRONOUN_VERB.match(text, close, after_end):
            return last_speaker or _name_of(_last_person_before(names, q_start))
        subject = _first_name(names, close, verb.start())
        if subject is not None:
            return subject.name  # “…,” X said
        if not re.search(r"\w", text[close:verb.start()]):
            inverted = _first_name(names, verb.end(), after_end)
            if inverted is not None:
                return inverted.name  # “…,” said X
        return None  # “…,” the spokesman told X: not X's words
    # Before the quote: X said: “…” / X, head of Y, said: “…” / according to X, “…”
    open_mark = q_start - 1
    before_start = max(_sentence_start(text, seg_before, open_mark), open_mark - _MAX_ATTRIBUTION_CHARS, seg_before)
    verbs = list(_VERB.finditer(text, before_start, open_mark))
    if verbs or text[before_start:open_mark].rstrip().endswith(":"):
        if _PRONOUN_BEFORE.search(text, before_start, open_mark):
            return last_speaker or _name_of(_last_person_before(names, before_start))
        verb_start = verbs[-1].start() if verbs else open_mark
        found = _first_name(names, before_start, verb_start) or _first_name(names, verb_start, open_mark)
        if found is not None:
            return found.name
    return None


def _name_of(name: _Name | None) -> str | None:
    return name.name if name else None


def extract_quotes(text: str, entities: Sequence[Mention] | None = None) -> list[Quote]:
    """Direct quotations of a text with their speakers, in order.

    ``entities`` are the text's entities from tasks.enrich.entities; they make
    speakers full, merged names. Without them names are found by capitalisation.
    """
    names = _names_from_mentions(entities) if entities is not None else _names_from_text(text)
    quotes: list[Quote] = []
    last_speaker: str | None = None
    previous_paragraph_speaker: str | None = None
    previous_paragraph_intro: str | None = None
    for p_start, p_end in _paragraphs(text):
        spans = find_quote_spans(text, p_start, p_end)
        paragraph_speaker: str | None = None
        cursor = p_start
        for index, (q_start, q_end, _closed) in enumerate(spans):
            segment_end = spans[index + 1][0] - 1 if index + 1 < len(spans) else p_end
            speaker = _attribute(text, q_start, q_end, cursor, segment_end, names, last_speaker)
            if speaker is None and paragraph_speaker is not None:
                speaker = paragraph_speaker  # … adding that “…”: same speaker as the paragraph's earlier quote
            if speaker is None and index == 0 and text[p_start:q_start - 1].strip() == "":
                # A paragraph that opens with a quote continues the previous paragraph's speaker.
                speaker = previous_paragraph_speaker or previous_paragraph_intro
            quotes.append(Quote(text[q_start:q_end], speaker, q_start, q_end))
            if speaker is not None:
                paragraph_speaker = last_speaker = speaker
            cursor = min(q_end + 1, p_end)
        previous_paragraph_speaker = paragraph_speaker
        previous_paragraph_intro = _introduced_speaker(text, p_start, p_end, names) if not spans else None
    return quotes


def _introduced_speaker(text: str, p_start: int, p_end: int, names: list[_Name]) -> str | None:
    """X of a paragraph that ends by introducing a quote ("X said:"), for the quote paragraph after it."""
    paragraph = text[p_start:p_end].rstrip()
    if not paragraph.endswith(":"):
        return None
    sentence_start = _sentence_start(text, p_start, p_start + len(paragraph) - 1)
    if not _VERB.search(text, sentence_start, p_start + len(paragraph)):
        return None
    return _name_of(_first_name(names, sentence_start, p_end))

