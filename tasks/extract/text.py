"""Plain-text extraction: an article out of a crude scrape of a page's text.

A scrape keeps the page's chrome as lines of their own: navigation and social
links above the headline ("Connect with us"), labels around the date
("Published", "on"), and the comment form, ads and copy-protection notices
after the article. These lines are short, formulaic and the same on thousands
of sites, so they are recognised by phrase, the way jusText recognises
boilerplate; the headline is the first line shaped like one, and the short line
just above it is the section it was filed under.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from tasks.extract.normalize import clean_text, local_timestamp, split_authors, timestamp_or_reason

EXTRACTOR = "newslake-text/1"

# Lines that are page furniture wherever they appear.
_CHROME = re.compile(
    r"""^(?:
      connect\ with\ us | follow\ us(?:\ on\ .*)? | share(?:\ this(?:\ article|\ story|\ post)?)?:? | share\ on\ \w+
    | tweet | whatsapp | facebook | twitter | x | linkedin | telegram | pinterest | reddit | e-?mail | print
    | subscribe(?:\ now|\ to\ .*)? | sign\ (?:up|in) | log\ ?in | register | menu | home | search | close
    | skip\ to\ (?:main\ )?content | advertisement | advertisements | sponsored(?:\ content)? | ad
    | (?:published|updated|posted|last\ updated)(?:\ on)?:? | on | by | and
    | photo:?.* | image:?\ .* | credit:.* | getty\ images | file\ photo
    | error:\ content\ is\ protected\ !* | content\ is\ protected\ !*
    | your\ email\ address\ will\ not\ be\ published.* | required\ fields\ are\ marked.*
    | save\ my\ name,\ email.* | post\ comment | submit | cancel\ reply
    | we\ use\ cookies.* | accept(?:\ all)?(?:\ cookies)? | cookie\ (?:policy|settings)
    | all\ rights\ reserved.* | ©.* | copyright\ .* | privacy\ policy | terms\ of\ (?:use|service)
    | \d+\ (?:min(?:ute)?s?\ read|comments?|shares?|views?) | (?:\d+\ )?min\ read
    | loading\.* | continue\ reading | read\ more | see\ more | show\ more
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# Lines after which nothing belongs to the article (comment forms, "related" rails).
_TRAILER = re.compile(
    r"""^(?:
      click\ to\ comment | leave\ a\ (?:reply|comment) | comments? | \d+\ comments? | add\ a\ comment
    | (?:related|more)\ (?:articles|posts|stories|news|from\ .*) | related | you\ (?:may|might)\ also\ like
    | recommended(?:\ for\ you)? | (?:most\ )?popular(?:\ posts|\ stories)? | trending(?:\ now)? | read\ next
    | about\ the\ author | tags?:.*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_MARKUP = re.compile(r"^<\s*/?\s*[a-z][a-z0-9]*\b[^>]*>$|^<\s*/\s*[a-z]+\s*>$", re.IGNORECASE)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_LINE = re.compile(
    rf"""^(?:(?:published|updated|posted|last\ updated)(?:\ on)?:?\ )?(?:\w+day,?\ )?(?P<date>
      {_MONTH}\ \d{{1,2}},?\ \d{{4}}(?:,?\ (?:at\ )?\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\.?)?(?:\ [A-Z]{{2,4}})?)?
    | \d{{1,2}}\ {_MONTH}\ \d{{4}}(?:,?\ \d{{1,2}}[:.]\d{{2}})?
    | \d{{4}}-\d{{2}}-\d{{2}}(?:[T\ ]\d{{2}}:\d{{2}}(?::\d{{2}})?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_BYLINE = re.compile(r"^(?:by|written\ by|words\ by)\s+(?P<names>[^.!?]{3,120})$", re.IGNORECASE | re.VERBOSE)
_SENTENCE_END = (".", ":", ";", ",")
_MAX_TITLE_WORDS = 30
_MAX_SECTION_WORDS = 3
_HEADER_SCAN_LINES = 12


@dataclass
class TextArticle:
    body: str
    title: str | None = None
    section: str | None = None
    authors: list[str] = field(default_factory=list)
    published_at: datetime | None = None
    published_at_local: str | None = None  # the date line as written (ISO 8601)
    date_source: str | None = None  # "text:date line", or why the date line was ignored


def is_chrome(line: str) -> bool:
    """True for a line of page furniture: navigation, labels, ads, stray markup."""
    stripped = line.strip()
    if _CHROME.match(stripped) or _MARKUP.match(stripped):
        return True
    return not any(ch.isalnum() for ch in stripped)


def _is_headline(line: str) -> bool:
    words = line.split()
    return 3 <= len(words) <= _MAX_TITLE_WORDS and not line.endswith(_SENTENCE_END)


def _is_section(line: str) -> bool:
    words = line.split()
    return 1 <= len(words) <= _MAX_SECTION_WORDS and line[0].isupper() and not line.endswith(_SENTENCE_END)


def extract_text(text: str, *, fetched_at: datetime | None = None) -> TextArticle:
    """Split a scrape into headline, section, byline, date and body paragraphs. A date line
    after ``fetched_at`` (or out of range) is ignored, and ``date_source`` says why."""
    lines = [line for line in clean_text(text).split("\n") if line.strip()]
    article = TextArticle(body="")
    title_at = _find_title(lines)
    if title_at is not None:
        article.title = lines[title_at]
        article.section = _find_section(lines[:title_at])
    paragraphs = _body_paragraphs(lines[(title_at + 1) if title_at is not None else 0 :], article, fetched_at)
    article.body = "\n\n".join(paragraphs)
    return article


def _find_title(lines: list[str]) -> int | None:
    for index, line in enumerate(lines[:_HEADER_SCAN_LINES]):
        if is_chrome(line) or _DATE_LINE.match(line) or _BYLINE.match(line):
            continue
        if _is_headline(line):
            return index
        if len(line.split()) > _MAX_TITLE_WORDS:
            return None  # reached running text: the scrape has no headline line
    return None


def _find_section(header: list[str]) -> str | None:
    candidates = [line for line in header if not is_chrome(line) and _is_section(line)]
    return candidates[-1] if candidates else None


def _body_paragraphs(lines: list[str], article: TextArticle, fetched_at: datetime | None) -> list[str]:
    """The article's paragraphs; byline and date lines fill the article's fields instead."""
    paragraphs: list[str] = []
    for line in lines:
        if _TRAILER.match(line) and paragraphs:
            break
        if is_chrome(line):
            continue
        date = _DATE_LINE.match(line)
        if date and article.published_at is None and not paragraphs:
            article.published_at, why = timestamp_or_reason(date.group("date"), not_after=fetched_at)
            article.date_source = "text:date line" if article.published_at else f"ignored: {why}" if why else None
            article.published_at_local = local_timestamp(date.group("date")) if article.published_at else None
            continue
        byline = _BYLINE.match(line)
        if byline and not paragraphs:
            article.authors = split_authors(byline.group("names"))
            continue
        paragraphs.append(line)
    return paragraphs
