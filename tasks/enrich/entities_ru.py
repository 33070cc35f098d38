"""Russian named entities with natasha: its NER and morphology models ship inside the
``natasha`` wheel (navec embeddings, slovnet taggers), so nothing downloads at run time.

Russian declines names ("в Москве", "с Олафом Шольцем"): each span comes with its
nominative form from natasha's normaliser, so that every case of one entity is one name.
The spans then go through the same clean-up and merging as any language's
(``tasks.enrich.entities``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from typing import Any

LANGUAGES = frozenset({"ru"})
# natasha's labels as spaCy's, for the shared clean-up
_LABELS = {"PER": "PERSON", "LOC": "LOC", "ORG": "ORG"}


@dataclass(frozen=True)
class RawSpan:
    """One entity as the model found it: offsets into the text, label, nominative form."""

    start: int
    end: int
    label: str
    normal: str


@dataclass(frozen=True)
class _Models:
    segmenter: Any
    morph_tagger: Any
    ner_tagger: Any
    morph_vocab: Any


@lru_cache(maxsize=1)
def load_models() -> _Models:
    """natasha's models, once per process (about 1 s)."""
    from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

    embedding = NewsEmbedding()
    return _Models(Segmenter(), NewsMorphTagger(embedding), NewsNERTagger(embedding), MorphVocab())


def model_version() -> str:
    return f"natasha/{version('natasha')}"


def russian_spans(text: str) -> list[RawSpan]:
    """The entities natasha finds in ``text``, with their nominative forms."""
    from natasha import Doc

    models = load_models()
    doc = Doc(text)
    doc.segment(models.segmenter)
    doc.tag_morph(models.morph_tagger)
    doc.tag_ner(models.ner_tagger)
    spans = []
    for span in doc.spans:
        label = _LABELS.get(span.type)
        if label is None:
            continue
        span.normalize(models.morph_vocab)
        surface = text[span.start : span.stop]
        tags = [token.pos for token in span.tokens]
        spans.append(RawSpan(span.start, span.stop, label, _normal_form(surface, span.normal, label, tags)))
    return spans


def _normal_form(surface: str, normal: str | None, label: str, tags: list[str]) -> str:
    """The nominative, keeping the surface's capitals (the normaliser lower-cases "МИД"
    sometimes); the surface itself when the normaliser gives nothing usable. A person's
    every word declines; an organisation's or a place's words only up to the first noun,
    the head: its complements stay as written ("Совет Безопасности", "сектор Газа",
    "Министерство иностранных дел"), where the normaliser would decline them too."""
    said, bases = surface.split(), (normal or "").split()
    if not bases or len(bases) != len(said):
        return surface
    if label != "PERSON" and len(tags) == len(said):
        head = next((i for i, tag in enumerate(tags) if tag in ("NOUN", "PROPN")), len(said) - 1)
        bases = bases[: head + 1] + said[head + 1 :]
    words = []
    for word, base in zip(said, bases):
        shouted = len(base) > 1 and word[: len(base)].isupper()  # an acronym, declined or not ("МИДа")
        words.append(base.upper() if shouted else base[:1].upper() + base[1:] if word[:1].isupper() else base)
    return " ".join(words)
