"""Choosing a page's title among its statements. Sites rewrite headlines for search engines
and social media and decorate them with their name, so the visible ``<h1>`` wins when a meta
title agrees with it; otherwise the meta title most others agree with, without the site's
decorations."""

from __future__ import annotations

import re

from tasks.extract.meta_sites import TITLE_LABEL_KEYS, SiteKeys, is_site, segments, strip_site
from tasks.extract.meta_statements import Statements
from tasks.extract.meta_text import clean_field, match_key
from tasks.extract.meta_vocabulary_data import PIPE_LABELS, TITLE_SEPARATOR

_PIPE_LABEL_KEYS = frozenset(match_key(label) for label in PIPE_LABELS)
_PLAIN_COLON = re.compile(r":\s+")
_LEFTOVER_SEPARATOR = re.compile(r"^\s*[:|–—\-·•»›/]+\s+")
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)$")


def choose_title(found: Statements, sites: SiteKeys, guessed: str | None) -> tuple[str | None, str | None]:
    """(title, source): from the page's statements, else trafilatura's guess without the
    site's decorations."""
    title, source = _title_from_statements(found, sites)
    if not title and guessed:
        title, source = strip_site(clean_field(guessed) or "", sites) or None, "trafilatura"
    if not title:
        return title, source
    # a visible headline keeps a genre word it shows ("Review: ..."), unless the page marks it as a kicker
    return strip_labels(title, found.labels, vocabulary=source != "h1"), source


def strip_labels(title: str, labels: list[str], *, vocabulary: bool = True) -> str:
    """The title without a leading or trailing segment that is one of the page's own kickers
    and sections ("Minderheit in Syrien - ...", "Kultur : ...") or, with ``vocabulary``, a
    section or genre label ("Opinion | ...", "... | Editorial"), as long as a headline of three
    words remains; and without the separator a kicker left out of a heading leaves behind."""
    title = _LEFTOVER_SEPARATOR.sub("", title)
    page_labels = {match_key(label) for label in labels}

    def is_label(part: str, sep: str) -> bool:
        key = match_key(part)
        # a column's name before a plain colon is part of its headlines ("Dear Therapist: ..."),
        # and a headline shows a genre word it means ("Review: ...") unless a pipe sets it apart
        if key in page_labels and not _PLAIN_COLON.fullmatch(sep):
            return True
        return (key in TITLE_LABEL_KEYS and (vocabulary or "|" in sep)) or (key in _PIPE_LABEL_KEYS and "|" in sep)

    parts, seps = segments(title)
    while len(parts) > 1:
        if is_label(parts[0], seps[0]) and len(" ".join(parts[1:]).split()) >= 3:
            parts, seps = parts[1:], seps[1:]
        elif is_label(parts[-1], seps[-1]) and ":" not in seps[-1] and len(" ".join(parts[:-1]).split()) >= 3:
            parts, seps = parts[:-1], seps[:-1]
        else:
            break
    result = parts[0]
    for sep, part in zip(seps, parts[1:]):
        result += sep + part
    return result.strip()


def _title_from_statements(found: Statements, sites: SiteKeys) -> tuple[str | None, str | None]:
    metas = _meta_titles(found, sites)
    h1s = [(text, strong) for text, strong in found.h1s if not is_site(text, sites, domain_prefix=False)]
    ordered = [t for t, strong in h1s if strong] + [t for t, strong in h1s if not strong]
    strong = [t for t, is_strong in h1s if is_strong]
    marked_elsewhere = any(source == "itemprop" for source, _ in found.titles)
    if h1 := _confirmed_h1(ordered, strong, metas, marked_elsewhere):
        return h1, "h1"
    if metas:
        return _best_meta_title(metas)
    if ordered and len(ordered[0].split()) >= 2:
        return ordered[0], "h1"
    return None, None


def _meta_titles(found: Statements, sites: SiteKeys) -> list[tuple[str, str]]:
    """(source, title) of the stated titles without the site's decorations, one per title."""
    metas: list[tuple[str, str]] = []
    for source, text in found.titles:
        stripped = strip_site(text, sites)
        if stripped and not is_site(stripped, sites, exact=True) and all(match_key(stripped) != match_key(m) for _, m in metas):
            metas.append((source, stripped))
    return metas


def _confirmed_h1(ordered: list[str], strong: list[str], metas: list[tuple[str, str]], marked_elsewhere: bool) -> str | None:
    """The visible headline, when the metadata backs it up. ``strong`` are the headings inside
    the article or marked as headlines; ``marked_elsewhere``: an itemprop names another one."""
    # the visible headline, when a meta title agrees with it
    for h1 in ordered:
        if any(_agrees(h1, meta) for _, meta in metas):
            return h1
    # the headline begins with a meta title: the meta title is cut short
    for h1 in ordered:
        if any(len(match_key(meta)) >= 10 and match_key(h1).startswith(match_key(meta)) for _, meta in metas):
            return h1
    # the page's main headline: sites rewrite headlines for search engines and social media,
    # so a headline marked as such (in the article, class "headline"...) wins unless the page
    # marks another element as the headline (itemprop); any other h1 must be close to the metadata
    if len(strong) == 1 and len(strong[0].split()) >= 3 and not marked_elsewhere:
        return strong[0]
    for h1 in strong or ordered[:1]:
        if len(h1.split()) >= 3 and (not metas or max(_overlap(h1, meta) for _, meta in metas) >= 0.5):
            return h1
    return None


def _best_meta_title(metas: list[tuple[str, str]]) -> tuple[str, str]:
    """(title, source) of the meta title most others agree with, the first one on a tie."""

    def support(item: tuple[int, tuple[str, str]]) -> tuple[int, int]:
        index, (_, meta) = item
        return (-sum(_agrees(meta, other) or _agrees(other, meta) for j, (_, other) in enumerate(metas) if j != index), index)

    index, (source, meta) = min(enumerate(metas), key=support)
    if source != "json-ld":
        meta = _strip_boilerplate_suffix(meta)
    return meta, source


def _agrees(h1: str, meta: str) -> bool:
    """The meta title says the same as ``h1``: equal, or ``h1`` plus a decoration the site name
    did not catch ("Opinion | ..."), or a truncated form of it."""
    a, b = match_key(h1), match_key(meta)
    if not a or not b:
        return False
    if a == b:
        return True
    if _ELLIPSIS.search(meta):
        cut = match_key(_ELLIPSIS.sub("", meta))
        if len(cut) >= 10 and a.startswith(cut):
            return True
    if len(h1.split()) < 3 and len(a) < 0.5 * len(b):
        return False
    for match in TITLE_SEPARATOR.finditer(meta):
        if match_key(meta[: match.start()]) == a or match_key(meta[match.end():]) == a:
            return True
    return False


def _overlap(a: str, b: str) -> float:
    """Share of the shorter title's words (of three letters or more) found in the other."""
    wa = {w for w in re.findall(r"\w+", a.casefold()) if len(w) > 2}
    wb = {w for w in re.findall(r"\w+", b.casefold()) if len(w) > 2}
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def _strip_boilerplate_suffix(title: str) -> str:
    """ "Long headline | Short Label" loses the label (a pipe is rare in a headline)."""
    parts = title.split(" | ")
    if len(parts) == 2 and len(parts[1].split()) <= 3 and len(parts[0].split()) >= 2 * len(parts[1].split()) + 2:
        return parts[0]
    return title
