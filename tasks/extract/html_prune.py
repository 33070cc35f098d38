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

from lxml import etree
from lxml.html import HtmlElement

from tasks.extract.body_vocabulary_data import COMMENT_WORDS

# a comment word as a whole part of a class or id: between the start, a space, "-" or "_" and
# the end, a space, "-" or "_" (searched in "class id" at once)
_COMMENT_NAME = re.compile(rf"(?:^|[\s_-])(?:{'|'.join(COMMENT_WORDS)})(?:$|[\s_-])", re.IGNORECASE)
_COMMENT_HOLDERS = ("div", "section", "ul", "ol", "aside", "li", "details", "footer", "dl")
# comment-named elements kept (weighed and found to hold the article) before the search stops:
# each costs a walk of its subtree, and nested ones would cost it again and again
MAX_KEPT = 50
# a peer article shorter than this (words) is a teaser, left to the extractors
PEER_MIN_WORDS = 100
_NON_WORD = re.compile(r"\W+")


def without_other_content(tree: HtmlElement, titles: list[str]) -> HtmlElement:
    """``tree`` without its comment sections and, on a page of several articles, without the
    articles other than the one headed by one of the page's stated ``titles`` (the first,
    when none is). A pruned copy; ``tree`` itself when nothing is to be removed."""
    doomed = _outermost(_comment_sections(tree) + _other_articles(tree, titles))
    if not doomed:
        return tree
    pruned = deepcopy(tree)
    # a deep copy keeps the order of elements: pair them up instead of looking each one up
    # (only the tags that can be removed, in the same order on both sides)
    tags = {el.tag for el in doomed}
    copies = [copy for original, copy in zip(tree.iter(*tags), pruned.iter(*tags), strict=True) if original in doomed]
    for el in copies:
        detach_tail(el)
        el.getparent().remove(el)
    return pruned


def _comment_sections(tree: HtmlElement) -> list[etree._Element]:
    """Elements named for comments that hold neither the headline nor most of the page's
    paragraphs (a wrapper named "has-comments" around the article). One inside a section
    already found is not looked at again, and the search stops after MAX_KEPT wrappers: a
    hostile page of nested "comment" elements costs no more than a real one."""
    found: set[etree._Element] = set()
    words: dict[etree._Element, int] | None = None  # of each <p>, counted once
    kept = total = 0
    for el in tree.iter(*_COMMENT_HOLDERS):
        if el is tree or not _named_for_comments(el) or any(a in found for a in el.iterancestors()):
            continue  # the page handed in is never removed as a whole
        if el.find(".//h1") is None:
            if words is None:
                words = {p: len(p.text_content().split()) for p in tree.iter("p")}
                total = sum(words.values())
            if sum(words[p] for p in el.iter("p")) <= total / 2:
                found.add(el)
                continue
        kept += 1  # weighed and kept: a wrapper; the elements inside it are weighed again
        if kept >= MAX_KEPT:
            break
    return list(found)


def _named_for_comments(el: etree._Element) -> bool:
    return bool(_COMMENT_NAME.search(f"{el.get('class') or ''} {el.get('id') or ''}"))


def _other_articles(tree: HtmlElement, titles: list[str]) -> list[etree._Element]:
    """The innermost ``<article>`` elements with a headline and text, but one, when there are
    several: the one whose ``<h1>`` is one of ``titles`` (or a part of one, or the other way
    round: titles carry the site's name), else the first in page order."""
    peers = [
        a
        for a in tree.iter("article")
        if a.find(".//article") is None
        and a.find(".//h1") is not None
        and len(a.text_content().split()) >= PEER_MIN_WORDS
    ]
    if len(peers) < 2:
        return []
    wanted = [t for t in map(_plain, titles) if t]

    def titled(article: etree._Element) -> bool:
        headline = _plain(" ".join(h.text_content() for h in article.iter("h1")))
        return bool(headline) and any(headline in t or t in headline for t in wanted)

    kept = next((a for a in peers if titled(a)), peers[0])
    return [a for a in peers if a is not kept]


def _outermost(elements: list[etree._Element]) -> set[etree._Element]:
    """``elements`` without those inside another of them (removing the outer one removes
    them)."""
    chosen = set(elements)
    return {el for el in chosen if not any(a in chosen for a in el.iterancestors())}


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
