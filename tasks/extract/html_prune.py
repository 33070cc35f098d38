"""The parts of a page that are never its article, removed before the body is extracted.

Two kinds slip past trafilatura's own filters on real pages:

* **reader comments** whose container it does not recognise: it looks for classes that *start*
  with "comment", and a forum widget (``xenforo-comment-widget``) or a translated name
  (``kommentare``) is kept as article text;
* **the next articles** of an infinite-scroll page, each in an ``<article>`` with its own
  ``<h1>``: extracted together, the body is several stories long.

Removal is conservative: a comment container holding a ``<h1>`` or most of the page's
paragraph text is kept (a wrapper named ``has-comments`` around the article), and peer
articles are only pruned when there are two or more, each with an ``<h1>`` and real text.
"""

from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import dataclass
from itertools import islice

from lxml import etree
from lxml.html import HtmlElement

from tasks.extract.body_vocabulary_data import COMMENT_WORDS

_COMMENT_TOKEN = re.compile(rf"(?:^|[-_])(?:{'|'.join(COMMENT_WORDS)})(?:$|[-_])", re.IGNORECASE)
_COMMENT_HOLDERS = ("div", "section", "ul", "ol", "aside", "li", "details", "footer", "dl")
# a peer article shorter than this (words) is a teaser, left to the extractors
PEER_MIN_WORDS = 100
_NON_WORD = re.compile(r"\W+")


def without_other_content(tree: HtmlElement, titles: list[str]) -> HtmlElement:
    """``tree`` without its comment sections and, on a page of several articles, without the
    articles other than the one headed by one of the page's stated ``titles`` (the first,
    when none is). A pruned copy; ``tree`` itself when nothing is to be removed."""
    named = [el for el in tree.iter(*_COMMENT_HOLDERS) if _named_for_comments(el)]
    if not named and sum(1 for _ in islice(tree.iter("article"), 2)) < 2:
        return tree  # most pages: nothing to count, nothing to remove
    stats = _subtree_stats(tree)
    doomed = _outermost(tree, _comment_sections(tree, named, stats) + _other_articles(tree, stats, titles))
    if not doomed:
        return tree
    pruned = deepcopy(tree)
    # a deep copy keeps the order of elements: pair them up instead of looking each one up
    copies = [copy for original, copy in zip(tree.iter(), pruned.iter(), strict=True) if original in doomed]
    for el in copies:
        detach_tail(el)
        el.getparent().remove(el)
    return pruned


@dataclass
class _Stats:
    paragraph_words: int = 0  # words inside <p> elements
    words: int = 0
    has_h1: bool = False
    has_article: bool = False  # an <article> inside (not counting itself)


def _subtree_stats(tree: HtmlElement) -> dict[etree._Element, _Stats]:
    """Word counts and headline flags of every element's subtree, in one pass over the page
    (children before parents), so that no check below walks a subtree again: a page of
    thousands of nested "comment" elements costs no more than any other page."""
    stats: dict[etree._Element, _Stats] = {}
    for el in reversed(list(tree.iter())):
        own = _Stats(words=len((el.text or "").split()) if isinstance(el.tag, str) else 0)
        for child in el:
            inner = stats[child]
            own.words += inner.words + len((child.tail or "").split())
            own.paragraph_words += inner.paragraph_words
            own.has_h1 |= inner.has_h1
            own.has_article |= inner.has_article or child.tag == "article"
        if el.tag == "p":
            own.paragraph_words = own.words
        own.has_h1 |= el.tag == "h1"
        stats[el] = own
    return stats


def _comment_sections(
    tree: HtmlElement, named: list[etree._Element], stats: dict[etree._Element, _Stats]
) -> list[etree._Element]:
    """The elements ``named`` for comments that hold neither the headline nor most of the
    page's paragraphs (a wrapper named "has-comments" around the article)."""
    total = stats[tree].paragraph_words
    return [el for el in named if not stats[el].has_h1 and stats[el].paragraph_words <= total / 2]


def _named_for_comments(el: etree._Element) -> bool:
    names = (el.get("class") or "").split() + (el.get("id") or "").split()
    return any(_COMMENT_TOKEN.search(name) for name in names)


def _other_articles(tree: HtmlElement, stats: dict[etree._Element, _Stats], titles: list[str]) -> list[etree._Element]:
    """The innermost ``<article>`` elements with a headline and text, but one, when there are
    several: the one whose ``<h1>`` is one of ``titles`` (or a part of one, or the other way
    round: titles carry the site's name), else the first in page order."""
    peers = [
        a
        for a in tree.iter("article")
        if not stats[a].has_article and stats[a].has_h1 and stats[a].words >= PEER_MIN_WORDS
    ]
    if len(peers) < 2:
        return []
    wanted = [t for t in map(_plain, titles) if t]

    def titled(article: etree._Element) -> bool:
        headline = _plain(" ".join(h.text_content() for h in article.iter("h1")))
        return bool(headline) and any(headline in t or t in headline for t in wanted)

    kept = next((a for a in peers if titled(a)), peers[0])
    return [a for a in peers if a is not kept]


def _outermost(tree: HtmlElement, elements: list[etree._Element]) -> set[etree._Element]:
    """``elements`` without those inside another of them (removing the outer one removes
    them), in one pass down the page."""
    chosen, inside, outermost = set(elements), set(), set()
    for el in tree.iter():
        parent = el.getparent()
        if parent is not None and (parent in inside or parent in chosen):
            inside.add(el)
        elif el in chosen:
            outermost.add(el)
    return outermost


def _plain(text: str | None) -> str:
    return _NON_WORD.sub(" ", (text or "").lower()).strip()


def detach_tail(el: etree._Element) -> None:
    """Leave the text following ``el`` where it is when ``el`` moves or goes (lxml keeps it on
    ``el`` as its tail)."""
    if not el.tail:
        return
    previous, parent = el.getprevious(), el.getparent()
    if previous is not None:
        previous.tail = (previous.tail or "") + el.tail
    elif parent is not None:
        parent.text = (parent.text or "") + el.tail
    el.tail = None
