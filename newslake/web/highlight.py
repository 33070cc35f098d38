"""Marking up an article's body from character offsets (pure): entity mentions (links to
their entity page), quotes with their speaker, figures — and search snippets' matches.

Offsets are Python string indices into ``articles.body``, end exclusive (docs/schema.md).
They come from the lake, so they are not trusted: a span outside the body, empty or
reversed is dropped; spans of one layer that overlap keep the first (then the longest);
an inner span (entity, figure) that crosses an outer one (quote) is dropped, so the
markup always nests. Every piece of text is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape

SNIPPET_MARKS = ("\ue000", "\ue001")
"""Marks :func:`newslake.analysis.search.snippet` puts around matches: private-use
characters, which no article text uses, so a ``«`` in the text is not taken for one."""


@dataclass(frozen=True)
class Span:
    """A stretch of the body to mark: ``kind`` is ``entity``, ``figure`` (inner layer) or
    ``quote`` (outer layer); ``title`` is the tooltip; ``href`` makes it a link; ``css``
    is added to its class."""

    start: int
    end: int
    kind: str
    title: str = ""
    href: str | None = None
    css: str = ""

    @property
    def outer(self) -> bool:
        return self.kind == "quote"


def _valid(spans: Iterable[Span], length: int) -> list[Span]:
    return [s for s in spans if isinstance(s.start, int) and isinstance(s.end, int) and 0 <= s.start < s.end <= length]


def _without_overlaps(spans: list[Span]) -> list[Span]:
    """Spans of one layer in order, each starting at or after the end of the one kept before it."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept


def _nests(span: Span, outer: list[Span]) -> bool:
    """Whether ``span`` lies wholly inside or wholly outside every outer span."""
    return all(span.end <= o.start or span.start >= o.end or (o.start <= span.start and span.end <= o.end) for o in outer)


def arrange(spans: Iterable[Span], length: int) -> list[Span]:
    """The spans that can be marked together: valid, no overlaps in a layer, properly nested."""
    valid = _valid(spans, length)
    outer = _without_overlaps([s for s in valid if s.outer])
    inner = [s for s in _without_overlaps([s for s in valid if not s.outer]) if _nests(s, outer)]
    return sorted(outer + inner, key=lambda s: (s.start, not s.outer))


def _open(span: Span) -> str:
    classes = f"{span.kind} {span.css}".strip()
    title = f' title="{escape(span.title)}"' if span.title else ""
    if span.href:
        return f'<a class="{escape(classes)}" href="{escape(span.href)}"{title}>'
    return f'<span class="{escape(classes)}"{title}>'


def _close(span: Span) -> str:
    return "</a>" if span.href else "</span>"


def highlight(body: str, spans: Iterable[Span]) -> Markup:
    """``body`` as HTML text with every span that :func:`arrange` keeps marked up. Line
    breaks stay line breaks (the page shows the body with ``white-space: pre-line``)."""
    events: list[tuple[int, int, int, Span]] = []
    for span in arrange(spans, len(body)):
        # at one position: closings before openings; the inner closes first, the outer opens first
        events.append((span.end, 0, 0 if not span.outer else 1, span))
        events.append((span.start, 1, 0 if span.outer else 1, span))
    events.sort(key=lambda e: (e[0], e[1], e[2]))
    out: list[str] = []
    position = 0
    for offset, opening, _, span in events:
        out.append(str(escape(body[position:offset])))
        position = offset
        out.append(_open(span) if opening else _close(span))
    out.append(str(escape(body[position:])))
    return Markup("".join(out))


def snippet_html(snippet: str, marks: tuple[str, str] = SNIPPET_MARKS) -> Markup:
    """A search snippet with its matches between ``marks`` as ``<mark>`` elements; unpaired
    marks are dropped."""
    opening, closing = marks
    out: list[str] = []
    inside = False
    for part in _split_marks(snippet, opening, closing):
        if part == opening:
            if not inside:
                out.append("<mark>")
                inside = True
        elif part == closing:
            if inside:
                out.append("</mark>")
                inside = False
        else:
            out.append(str(escape(part)))
    if inside:
        out.append("</mark>")
    return Markup("".join(out))


def _split_marks(text: str, opening: str, closing: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    for char in text:
        if char in (opening, closing):
            parts.append("".join(current))
            parts.append(char)
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [part for part in parts if part]
