"""Choosing an article body among several extractors (private helper of ``tasks.extract.html``).

Three candidates are computed on the same parsed page:

* **primary** - trafilatura in precision mode, without its internal fallbacks
  (``fast=True``), followed by :func:`rejoin_split_body`;
* **readability** - trafilatura's bundled readability port, a different
  algorithm (best-scoring node plus related siblings);
* **recall** - trafilatura in recall mode, computed only when the first two
  disagree.

When readability agrees with the primary (word 4-gram overlap F1 >=
``AGREEMENT``) the primary is kept. Otherwise the candidate that agrees most
with the other two (the medoid) wins, and the primary is only replaced when
another candidate beats its agreement score by more than ``MARGIN``: a primary
that is an outlier (nearly empty, or a different block of the page) loses,
near-ties keep the precise extraction. An empty candidate scores 0, so when the
primary found nothing a fallback is only used if another candidate corroborates
it (a page of menus and footers yields no article rather than its footer).
"""

from __future__ import annotations

import re
from collections import Counter
from copy import deepcopy
from dataclasses import dataclass

import trafilatura
from lxml import etree
from lxml.html import HtmlElement

try:  # the readability-lxml port trafilatura ships: same algorithm, ~7x faster on a parsed tree
    from trafilatura.readability_lxml import Document as _Readability
except ImportError:  # pragma: no cover - a trafilatura without the port: use readability-lxml itself
    from readability import Document as _Readability
from trafilatura.settings import Document

from tasks.extract.html_prune import detach_tail

AGREEMENT = 0.9
MARGIN = 0.1
# a rejoined split body must keep this share of the first extraction's shingles
KEPT = 0.9
SHINGLE = 4
# readability output mostly made of link text is a menu or a link list, not an article
MAX_LINK_DENSITY = 0.5

_COMMON = {"include_comments": False, "include_tables": True, "deduplicate": False, "fast": True}
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
    "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "td", "th", "figure", "figcaption", "br",
    "hr", "header", "footer", "aside", "nav", "address",
}
# elements whose text is one paragraph of the extraction, when looking for it in the page
_TEXT_BLOCKS = ("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt", "td")


@dataclass(frozen=True)
class Body:
    """The chosen body text (one paragraph a line) and which candidate it came from."""

    text: str
    source: str  # "primary", "readability" or "recall"
    metadata: Document | None  # trafilatura's result for the primary run (None if it found nothing)


def choose_body(tree: HtmlElement, url: str | None, *, date_params: dict) -> Body:
    """Extract the candidates from ``tree`` (left unmodified) and pick one. ``Body.text`` is
    empty when the primary found nothing and no other candidate is corroborated by a third."""
    document = trafilatura.bare_extraction(
        tree, url=url, with_metadata=True, favor_precision=True, date_extraction_params=date_params, **_COMMON
    )
    primary = (document.text or "") if document is not None else ""
    url = url or (document.url if document is not None else None)
    if primary:
        primary = rejoin_split_body(tree, primary, url)
    readable = readability_text(tree)

    texts = {"primary": primary, "readability": readable}
    shingles = {name: _shingles(text) for name, text in texts.items()}
    if primary and agreement(shingles["primary"], shingles["readability"]) >= AGREEMENT:
        return Body(primary, "primary", document)

    recall = trafilatura.bare_extraction(tree, url=url, favor_recall=True, **_COMMON)
    texts["recall"] = (recall.text or "") if recall is not None else ""
    shingles["recall"] = _shingles(texts["recall"])
    chosen = _medoid(texts, shingles)
    return Body(texts[chosen], chosen, document)


def _medoid(texts: dict[str, str], shingles: dict[str, Counter]) -> str:
    """Name of the text agreeing most with the others: its score is the sum of its agreement
    with each other candidate. The primary (first name) stays unless a non-empty candidate
    scores more than MARGIN above it; an empty primary scores 0, so a fallback must be
    corroborated by another candidate to replace it. Earlier names win exact ties."""
    names = list(texts)
    score = {
        name: sum(agreement(shingles[name], shingles[other]) for other in names if other != name) for name in names
    }
    primary = best = names[0]
    for name in names[1:]:
        if texts[name].strip() and score[name] > score[best] + (MARGIN if best == primary else 0.0):
            best = name
    return best


def agreement(a: Counter, b: Counter) -> float:
    """F1 of the overlap of two multisets of word 4-grams (0 when either is empty)."""
    if not a or not b:
        return 0.0
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def _shingles(text: str) -> Counter:
    tokens = _WORD.findall(text.lower())
    if len(tokens) < SHINGLE:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))


# --- readability -------------------------------------------------------------------------


def readability_text(tree: HtmlElement) -> str:
    """The readability candidate as paragraphs, one a line; empty when it only found links."""
    try:
        summary = _Readability(deepcopy(tree), min_text_length=25).summary()
        root = etree.fromstring(summary, etree.HTMLParser()) if summary.strip() else None
    except Exception:  # readability raises on odd documents; it is only a second opinion
        return ""
    if root is None:
        return ""
    paragraphs = html_paragraphs(root)
    text_length = sum(len(p) for p in paragraphs)
    if not text_length:
        return ""
    link_length = sum(len(_norm("".join(a.itertext()))) for a in root.iter("a"))
    if link_length / text_length > MAX_LINK_DENSITY:
        return ""
    return "\n".join(paragraphs)


def html_paragraphs(root: etree._Element) -> list[str]:
    """Visible text of an HTML fragment, one paragraph per block-level element."""
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = _norm("".join(current))
        if text:
            paragraphs.append(text)
        current.clear()

    def walk(el: etree._Element) -> None:
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "noscript", "template"):
            if el.tail:
                current.append(el.tail)
            return
        block = el.tag in _BLOCK_TAGS
        if block:
            flush()
        if el.text:
            current.append(el.text)
        for child in el:
            walk(child)
        if block:
            flush()
        if el.tail:
            current.append(el.tail)

    walk(root)
    flush()
    return paragraphs


# --- split bodies ------------------------------------------------------------------------


def rejoin_split_body(tree: HtmlElement, text: str, url: str | None) -> str:
    """Recover the rest of an article whose body the page splits into several containers.

    Pages interrupted by ad slots or newsletter boxes often repeat the body container
    (same tag and classes, at the same place of the layout) once per chunk; trafilatura
    keeps the first chunk only. When the container holding the extracted paragraphs has
    such look-alikes next to it, they are moved into it and the extraction is redone. The
    new text is kept only if it still holds (nearly) all of the first one and adds to it.
    """
    container = _container_of(tree, text.split("\n"))
    if container is None:
        return text
    chunks = _look_alikes(container)
    if not chunks:
        return text
    merged = _merge_into(tree, container, chunks)
    if merged is None:
        return text
    document = trafilatura.bare_extraction(merged, url=url, favor_precision=True, **_COMMON)
    rejoined = (document.text or "") if document is not None else ""
    before, after = _shingles(text), _shingles(rejoined)
    kept = sum((before & after).values()) / max(1, sum(before.values()))
    if kept >= KEPT and sum(after.values()) > sum(before.values()):
        return rejoined
    return text


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _signature(el: etree._Element) -> tuple[str, frozenset[str]]:
    return el.tag, frozenset((el.get("class") or "").split())


def _container_of(tree: HtmlElement, lines: list[str]) -> etree._Element | None:
    """The deepest element holding 90% of the extracted paragraphs found in the page."""
    wanted = {_norm(line) for line in lines if len(_norm(line)) >= 20}
    if len(wanted) < 2:
        return None
    found = []
    for el in tree.iter(*_TEXT_BLOCKS):
        content = _norm(el.text_content())
        if len(content) >= 20 and content in wanted:
            found.append((el, len(content)))
    if len(found) < 2:
        return None
    total = sum(size for _, size in found)
    held: dict[etree._Element, int] = {}
    for el, size in found:
        for ancestor in el.iterancestors():
            held[ancestor] = held.get(ancestor, 0) + size
    holders = [el for el, size in held.items() if size >= 0.9 * total]
    return max(holders, key=lambda el: sum(1 for _ in el.iterancestors()), default=None)


def _look_alikes(container: etree._Element, levels: int = 3) -> list[etree._Element]:
    """Elements reached from an ancestor (at most ``levels`` up) by the same path of tags and
    classes as ``container``: the other chunks of a split body. Needs a class to compare."""
    if not (container.get("class") or "").strip():
        return []
    path = [container, *list(container.iterancestors())[:levels]]
    for depth in range(1, len(path)):
        level = [path[depth]]
        for step in reversed(path[:depth]):
            wanted = _signature(step)
            level = [child for el in level for child in el if isinstance(child.tag, str) and _signature(child) == wanted]
        others = [el for el in level if el is not container]
        if others:
            return others
    return []


def _merge_into(tree: HtmlElement, container: etree._Element, chunks: list[etree._Element]) -> HtmlElement | None:
    """A copy of ``tree`` where the chunks are moved into the container, in page order (None
    if the copy's elements cannot be matched to the original's)."""
    source = tree.getroottree()
    merged = deepcopy(tree)
    target = merged.getroottree()

    def counterpart(el: etree._Element) -> etree._Element | None:
        found = target.xpath(source.getpath(el))
        return found[0] if found else None

    into = counterpart(container)
    copies = [counterpart(chunk) for chunk in chunks]
    if into is None or any(chunk is None for chunk in copies):
        return None
    position = {el: i for i, el in enumerate(merged.iter())}
    earlier = 0
    for chunk in sorted(copies, key=position.get):
        detach_tail(chunk)
        if position[chunk] < position[into]:
            into.insert(earlier, chunk)
            earlier += 1
        else:
            into.append(chunk)
    return merged


