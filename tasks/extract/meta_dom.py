"""Reading metadata off a page's elements: headlines (``<h1>``), ``<time>`` elements,
microdata, ``rel=author`` links, byline elements and links to author pages. Pages repeat
these in teasers, sidebars and comments, so every reader skips those areas and prefers
what is inside ``<article>``/``<main>``. Nothing here modifies the tree."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice

from lxml import etree
from lxml.html import HtmlElement

from tasks.extract.byline_vocabulary_data import BY_PREFIX, BYLINE_START, OUR_STAFF
from tasks.extract.meta_text import SPACES, clean_field, match_key, unique
from tasks.extract.meta_vocabulary_data import (
    AUTHOR_LINK,
    BYLINE_AREA,
    BYLINE_CLASS,
    BYLINE_MARK,
    HEADLINE_MARK,
    KICKER_MARK,
    MODIFIER_CLASS,
    NAME_CLASS,
    NOT_BYLINE_TAGS,
    PUBLISHED_MARK,
    SKIP_CLASS,
    SKIPPED_AREA,
    TITLE_SEPARATOR,
    UPDATED_MARK,
)

_ITEMPROPS = etree.XPath("//*[@itemprop and not(self::meta)]")
_REL_AUTHOR = etree.XPath("//a[@rel]")
_CLASSES = etree.XPath("//@class | //@id", smart_strings=False)
_MARKED = etree.XPath("//*[@class or @id]")
_LINKS = etree.XPath("//a[@href]")
_STRING_LENGTH = etree.XPath("string-length()")
_HIDDEN = ("script", "style", "noscript", "template")
# co-authors of one byline share an ancestor at most this many levels up
BYLINE_LEVELS = 3
# a teaser card: a linked headline of a few words, a byline, a date, a line of summary (the
# length counts the markup's indentation too)
TEASER_CHARS = 1500
TEASER_ELEMENTS = 200
TEASER_WORDS = 3
# a paragraph this short starting with "By" is a byline, not text
SHORT_BYLINE_CHARS = 80
# where the first name of a byline ends: "Max Muster, Brüssel", "Max Muster und Erika Beispiel"
_NAME_END = re.compile(r"\s*(?:[,;|&/(]|\s(?:and|und|et|y|mit|avec|en|e)\s)", re.IGNORECASE)
# elements of the article's head read for a byline line, at most (its text begins sooner)
_MAX_HEAD_ELEMENTS = 400
# second-level headings read as a possible headline, in page order
_MAX_H2 = 3
_INLINE = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd", "mark", "q", "s",
    "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr", "ins", "del", "nobr",
})


@dataclass
class Marked:
    """Elements the page marks as bylines, author links and microdata, in page order."""

    bylines: list[HtmlElement] = field(default_factory=list)  # class or id says byline/author
    author_links: list[HtmlElement] = field(default_factory=list)  # <a href=".../author/...">
    rel_author: list[HtmlElement] = field(default_factory=list)  # <a rel="author">
    itemprops: dict[str, list[HtmlElement]] = field(default_factory=dict)  # lower-cased itemprop → elements


def scan_marks(tree: HtmlElement) -> Marked:
    """Microdata and ``rel=author`` links (few elements: cheap)."""
    marked = Marked()
    for el in _ITEMPROPS(tree):
        for prop in el.get("itemprop", "").lower().split():
            marked.itemprops.setdefault(prop, []).append(el)
    marked.rel_author = [a for a in _REL_AUTHOR(tree) if "author" in a.get("rel", "").lower().split()]
    return marked


def scan_bylines(tree: HtmlElement, marked: Marked) -> None:
    """Elements whose class or id says byline/author, and links to author pages. Checks the
    attribute values first (plain strings, fast) and only then walks the elements."""
    if any(BYLINE_MARK.search(v.lower()) for v in _CLASSES(tree)):
        for el in _MARKED(tree):
            marks = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
            if BYLINE_MARK.search(marks) and el.tag not in NOT_BYLINE_TAGS:
                marked.bylines.append(el)
    marked.author_links = [a for a in _LINKS(tree) if AUTHOR_LINK.search(a.get("href", ""))]


def element_text(el: HtmlElement, *, leave_out: frozenset = frozenset()) -> str:
    """The element's visible text, whitespace folded (``text_content`` would include scripts).
    Inline elements join their neighbours as written ("<em>Kotaku</em>'s" is "Kotaku's"),
    block elements and line breaks separate words; elements in ``leave_out`` are skipped."""
    parts: list[str] = []
    _collect_text(el, parts, leave_out)
    return SPACES.sub(" ", "".join(parts)).strip()


def _collect_text(node: HtmlElement, parts: list[str], leave_out: frozenset, depth: int = 0) -> None:
    """The text of ``node`` and its descendants in document order (not its tail)."""
    if node.text:
        parts.append(node.text)
    for child in node:
        block = isinstance(child.tag, str) and child.tag not in _INLINE
        if isinstance(child.tag, str) and child.tag not in _HIDDEN and child not in leave_out and depth < 200:
            if block:
                parts.append(" ")
            _collect_text(child, parts, leave_out, depth + 1)
            if block:
                parts.append(" ")
        elif block:
            parts.append(" ")
        if child.tail:
            parts.append(child.tail)


def h1s(tree: HtmlElement, kickers: list[str] | None = None, titles: list[str] | None = None) -> list[tuple[str, bool]]:
    """(text, strong) of the page's top headings (``<h1>``) outside navigation; strong when
    inside the article or marked as the story's headline (rather than the site's logo). A
    kicker inside the heading ("<span class=kicker>Kultur</span> Headline") is left out of its
    text and added to ``kickers``, as are kickers just before it. A heading split into a label
    and a headline that one of the stated ``titles`` reads as "label: headline" (or as the
    headline alone) is a kicker too, unmarked; such a heading counts even as an ``<h2>``, which
    many sites use for the story's headline."""
    title_keys = _split_keys(titles or [])
    found = []
    for heading in _headings(tree):
        if _has_ancestor(heading, ("nav", "footer", "aside")):
            continue
        inner = _kicker_elements(heading) or _stated_kicker(heading, title_keys)
        if heading.tag != "h1" and not inner:
            continue
        text = clean_field(element_text(heading, leave_out=frozenset(inner)))
        if not text or len(text) > 400:
            continue
        if kickers is not None:
            kickers += [k for k in (clean_field(element_text(e)) for e in inner + _kickers_before(heading)) if k]
        marks = " ".join((heading.get("class") or "", heading.get("id") or "", heading.get("itemprop") or ""))
        strong = bool(HEADLINE_MARK.search(marks)) or _has_ancestor(heading, ("article", "main")) or heading.tag != "h1"
        found.append((text, strong))
    return found


def _headings(tree: HtmlElement) -> list[HtmlElement]:
    """The ``<h1>`` elements, then the first few ``<h2>`` (a split one may be the headline)."""
    return list(tree.iter("h1")) + list(islice(tree.iter("h2"), _MAX_H2))


def _stated_kicker(heading: HtmlElement, title_keys: set[tuple[str, str]]) -> list[HtmlElement]:
    """The heading's first child, when it is a short label the rest of the heading follows
    and a stated title confirms the split ("Minderheit in Syrien: Die Drusen wehren sich"
    for <span>Minderheit in Syrien</span><span>Die Drusen wehren sich</span>)."""
    if (heading.text or "").strip() or not title_keys:
        return []
    children = [c for c in heading if isinstance(c.tag, str) and c.tag not in _HIDDEN and element_text(c)]
    if not children or (len(children) < 2 and not (children[0].tail or "").strip()):
        return []  # the headline follows the label as an element or as text ("<span>LIVE</span> Headline")
    label, rest = element_text(children[0]), element_text(heading, leave_out=frozenset(children[:1]))
    if not 1 <= len(label.split()) <= 8 or len(rest.split()) < 2:
        return []
    return children[:1] if (match_key(label), match_key(rest)) in title_keys or ("", match_key(rest)) in title_keys else []


def _split_keys(titles: list[str]) -> set[tuple[str, str]]:
    """Each title as ("", title) and as (before, after) at each of its separators, compared by
    :func:`match_key`: "Minderheit in Syrien: Die Drusen wehren sich" gives ("minderheitinsyrien",
    "diedrusenwehrensich")."""
    keys: set[tuple[str, str]] = set()
    for title in titles:
        keys.add(("", match_key(title)))
        for separator in TITLE_SEPARATOR.finditer(title):
            keys.add((match_key(title[: separator.start()]), match_key(title[separator.end() :])))
    return keys


def marked_with(tree: HtmlElement, mark: re.Pattern) -> list[HtmlElement]:
    """The elements whose lower-cased class or id ``mark`` finds, in page order. One search over
    all the page's class names first: most pages have none of the rarer marks, and a loop over
    every element costs milliseconds."""
    if not mark.search("\n".join(_CLASSES(tree)).lower()):
        return []
    return [el for el in _MARKED(tree) if mark.search(_marks(el).lower())]


def kicker_texts(tree: HtmlElement) -> list[str]:
    """Texts of short elements marked as a headline's kicker, in the article when the page has
    one, outside related stories."""
    marked = [el for el in marked_with(tree, KICKER_MARK) if not skipped_area(el)]
    texts = [clean_field(element_text(el)) for el in _in_article_if_any(marked)[:6]]
    return unique(t for t in texts if t and len(t.split()) <= 8)


def _kicker_elements(h1: HtmlElement) -> list[HtmlElement]:
    """Children of a heading marked as its kicker, when the heading says more than them."""
    inner = [c for c in h1.iterdescendants() if isinstance(c.tag, str) and KICKER_MARK.search(_marks(c).lower())]
    return inner if inner and len(element_text(h1, leave_out=frozenset(inner)).split()) >= 2 else []


def _kickers_before(h1: HtmlElement) -> list[HtmlElement]:
    """Short elements marked as a kicker right before the heading (its two previous siblings,
    or its parent's)."""
    found = []
    for anchor in (h1, h1.getparent()):
        if anchor is None:
            continue
        for sibling in list(anchor.itersiblings(preceding=True))[:2]:
            if isinstance(sibling.tag, str) and KICKER_MARK.search(_marks(sibling).lower()) and len(element_text(sibling).split()) <= 8:
                found.append(sibling)
    return found


def _has_ancestor(el: HtmlElement, tags: tuple[str, ...]) -> bool:
    return any(a.tag in tags for a in el.iterancestors())


def time_elements(tree: HtmlElement, marked: Marked, kind: str) -> list[str]:
    """Datetimes of ``<time>`` and microdata elements that state when the article was published
    (``kind="published"``) or modified."""
    prop = "datepublished" if kind == "published" else "datemodified"
    values = [el.get("datetime") or el.get("content") or element_text(el) for el in marked.itemprops.get(prop, [])]
    if kind == "published":
        values += [t.get("datetime") for t in _publication_times(tree)]
    else:
        values += [t.get("datetime") for t in tree.iter("time") if t.get("datetime") and UPDATED_MARK.search(_marks(t))]
    return unique(v.strip() for v in values if v and v.strip())


def _publication_times(tree: HtmlElement) -> list[HtmlElement]:
    """``<time>`` elements that may date the article, most telling first: marked as the
    publication time, then inside the article or its byline, then the page's first."""
    times = [t for t in tree.iter("time") if t.get("datetime")]
    if len(times) > 1:  # not the times of related stories, comments, sidebars
        times = [t for t in times if not skipped_area(t)]
    times = [t for t in times if not UPDATED_MARK.search(_marks(t))]
    pubdate = [t for t in times if t.get("pubdate") is not None or PUBLISHED_MARK.search(_marks(t))]
    in_article = [t for t in times if _has_ancestor(t, ("article", "main")) or _in_byline(t)]
    return pubdate + in_article + times[:1]


def _marks(el: HtmlElement) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''} {el.get('itemprop') or ''}"


def _in_byline(el: HtmlElement) -> bool:
    for a in el.iterancestors():
        marks = " ".join((a.get("class") or "", a.get("id") or ""))
        if BYLINE_AREA.search(marks):
            return True
    return False


def skipped_area(el: HtmlElement) -> bool:
    """Inside comments, related links, footers or sidebars: not the article's own byline. A
    modifier class says what an element has or how it is shown, not what it is: the main
    column of "has-right-sidebar" or "sidebar-active" is not a sidebar."""
    for a in [el, *el.iterancestors()]:
        if a.tag in ("body", "html"):  # their classes name the page's template, not an area
            return False
        if a.tag in ("footer", "aside", "nav"):
            return True
        names = f"{a.get('class') or ''} {a.get('id') or ''}".split()
        marks = " ".join(n for n in names if not MODIFIER_CLASS.search(n))
        if marks.strip() and SKIPPED_AREA.search(marks):
            return True
    return False


def microdata_authors(marked: Marked) -> list[tuple[str, list[str]]]:
    """(source, names) of the authors marked with microdata (``itemprop="author"``) and of
    ``rel=author`` links."""
    names = []
    # one byline, inside the article when some are: pages mark the authors of related stories
    # and of the next story of an infinite scroll the same way
    marked_authors = marked.itemprops.get("author", []) + marked.itemprops.get("creator", [])
    for el in _first_byline(_in_article_if_any(marked_authors)):
        if skipped_area(el):
            continue
        named = [d for d in el.iterdescendants() if isinstance(d.tag, str) and d.get("itemprop") == "name"]
        if named:
            names += [n.get("content") or element_text(n) for n in named]
        elif el.get("content"):
            names.append(el.get("content"))
        else:
            names.append(element_text(el))
    links = [element_text(a) for a in marked.rel_author if not skipped_area(a)]
    found = []
    if names:
        found.append(("microdata", unique(n for n in names if n)[:6]))
    if links:
        found.append(("rel=author", unique(n for n in links if n)[:6]))
    return found


def byline_authors(marked: Marked) -> list[tuple[str, list[str]]]:
    """Names in elements whose class or id says byline/author, and links to author pages."""
    names: list[str] = []
    bylines: list[str] = []
    for el in _in_article_if_any(marked.bylines):
        marks = " ".join((el.get("class") or "", el.get("id") or ""))
        if SKIP_CLASS.search(marks) or _STRING_LENGTH(el) > 400 or skipped_area(el) or _in_teaser(el):
            continue
        text = element_text(el)
        if not text or len(text) > 200:
            continue
        if NAME_CLASS.search(marks) or (el.tag == "a" and el.get("href")):
            names.append(text)
        elif not any(BYLINE_CLASS.search(" ".join((c.get("class") or "", c.get("id") or ""))) for c in el.iterdescendants()):
            bylines.append(text)
    links = [
        element_text(a) for a in _in_article_if_any(marked.author_links)
        if 2 < len(element_text(a)) < 60 and not skipped_area(a) and not _in_text(a) and not _in_teaser(a)
    ]
    found = []
    if names:
        found.append(("byline", unique(names)[:6]))
    if links:
        found.append(("author link", unique(links)[:4]))
    if bylines:
        found.append(("byline text", unique(bylines)[:3]))
    return found


def leading_bylines(tree: HtmlElement) -> list[tuple[str, list[str]]]:
    """A short line at the head of the article that is a byline by its words alone ("Von Max
    Muster", "Ein Kommentar von ...", "Par Jean Dupont"), for pages whose byline carries no
    byline class: looked for until the text begins (its second paragraph longer than a byline)."""
    root = _article_root(tree)
    if root is None:
        return []
    paragraphs = 0
    for el in islice(root.iter("p", "div", "span", "address", "small"), _MAX_HEAD_ELEMENTS):
        length = _STRING_LENGTH(el)
        if len((el.text or "").strip()) > SHORT_BYLINE_CHARS:  # a paragraph of text, whatever its tag
            paragraphs += 1
            if paragraphs >= 2:
                break
        elif 6 <= length <= SHORT_BYLINE_CHARS and not skipped_area(el):
            text = element_text(el)
            if _reads_as_byline(text):
                return [("byline line", [text])]
    return []


def _article_root(tree: HtmlElement) -> HtmlElement | None:
    for tag in ("article", "main", "body"):
        found = next(tree.iter(tag), None)
        if found is not None:
            return found
    return None


def _reads_as_byline(text: str) -> bool:
    """ "By"/"Von"/"Par" (or "Text:", "Autor:") and then a name: capitalised words, two to four
    of them, before any comma ("Von der Leyen will ..." and "Von Berlin nach Paris" are no bylines)."""
    start = BYLINE_START.match(text)
    if not start:
        return False
    rest = OUR_STAFF.sub("", text[start.end() - 1 :])
    first = _NAME_END.split(rest, maxsplit=1)[0].split()
    return 2 <= len(first) <= 4 and all(w[:1].isupper() or not (w[:1].isascii() or w[:1].islower()) for w in first)


def _first_byline(elements: list[HtmlElement]) -> list[HtmlElement]:
    """The first of ``elements`` and those close to it in the page (a common ancestor at most
    BYLINE_LEVELS up from each): the co-authors of one byline, not the bylines of teasers."""
    if not elements:
        return []
    near = set(islice(elements[0].iterancestors(), BYLINE_LEVELS))
    return [el for el in elements if any(a in near for a in islice(el.iterancestors(), BYLINE_LEVELS))]


def _in_teaser(el: HtmlElement) -> bool:
    """In a teaser card: a small block (at most TEASER_CHARS long and TEASER_ELEMENTS elements,
    BYLINE_LEVELS + 1 up, no ``<h1>``) whose subheading is a link to another story, as lists of
    related and latest stories show them. A linked section label ("Politics") is no story; a
    heading that holds the byline itself ("<h4>By <a>Jane Doe</a></h4>") is the byline."""
    for a in islice(el.iterancestors(), BYLINE_LEVELS + 1):
        inside = list(islice(a.iter(), TEASER_ELEMENTS + 1))
        if len(inside) > TEASER_ELEMENTS or _STRING_LENGTH(a) > TEASER_CHARS or any(d.tag == "h1" for d in inside):
            return False
        for h in (d for d in inside if d.tag in ("h2", "h3", "h4")):
            if el in h.iterdescendants():
                continue
            link = h.find(".//a[@href]")
            if link is None and h.getparent() is not None and h.getparent().tag == "a":
                link = h.getparent()
            if link is not None and len(element_text(link).split()) >= TEASER_WORDS:
                return True
    return False


def _in_article_if_any(elements: list[HtmlElement]) -> list[HtmlElement]:
    """The elements inside ``<article>``/``<main>`` when some are: the others belong to teasers."""
    inside = [el for el in elements if _has_ancestor(el, ("article", "main"))]
    return inside or elements


def _in_text(el: HtmlElement) -> bool:
    """Inside a paragraph of the text (a link to a person's page in the story), not a byline:
    a paragraph marked as one, or a short one that reads like one ("By Ken Goldberg")."""
    for a in el.iterancestors():
        if a.tag in ("p", "li", "blockquote", "figcaption"):
            if BYLINE_CLASS.search(" ".join((a.get("class") or "", a.get("id") or ""))):
                return False
            text, name = element_text(a), element_text(el)
            before = text.split(name, 1)[0] if name and name in text else text  # "By" may touch the name
            return not (len(text) <= SHORT_BYLINE_CHARS and BY_PREFIX.match(before + " "))
    return False
