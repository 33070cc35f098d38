"""A news page's title, authors, dates and site name, from what the page states about itself
(private helper of ``tasks.extract.html``).

Two pure steps, so that the page is read before trafilatura modifies the tree:

* :func:`collect_metadata` reads the candidates off the parsed page: JSON-LD
  (``@graph`` included), meta tags (OpenGraph, Twitter, Dublin Core, Parse.ly,
  Sailthru, microdata), ``<h1>``/``<title>``, ``<time>`` elements, author links and
  byline elements, and the date in the URL;
* :func:`decide_metadata` picks among them, with trafilatura's own guesses
  (title, author, htmldate's date, site name) as the last resort.

Title: meta titles lose their site decorations ("Headline | Site", "Site: Headline")
when a segment matches the site name (og:site_name, JSON-LD publisher, domain); the
visible ``<h1>`` wins when a meta title agrees with it, otherwise the meta title
most others agree with. Date: the publisher's statement (JSON-LD, meta, ``<time>``)
before heuristics, never after the fetch, and the candidate agreeing with a date in
the URL when they differ by more than a time zone. Authors: the first source naming
a person (JSON-LD, meta, microdata/``rel=author``, byline elements), cleaned by
:func:`tasks.normalize.split_authors`; organisations and the site itself only when
no person is named anywhere.
"""

from __future__ import annotations

import json
import re
import unicodedata
import warnings
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from html import unescape
from urllib.parse import urlsplit

from dateutil import parser as _dateparser
from lxml import etree
from lxml.html import HtmlElement

from tasks.extract.normalize import clean_text, parse_timestamp, split_authors

# --- vocabularies -------------------------------------------------------------------------

ARTICLE_TYPES = {
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "reviewnewsarticle", "backgroundnewsarticle", "askpublicnewsarticle", "blogposting", "liveblogposting",
    "socialmediaposting", "scholarlyarticle", "medicalscholarlyarticle", "techarticle", "report",
    "satiricalarticle", "advertisercontentarticle", "discussionforumposting", "posting", "creativework",
}
PAGE_TYPES = {"webpage", "itempage", "collectionpage", "aboutpage", "medicalwebpage"}
ORGANIZATION_TYPES = {"organization", "newsmediaorganization", "corporation", "website", "brand", "localbusiness"}
# JSON-LD branches that describe other things than the page's article
_JSON_LD_SKIP = {
    "author", "creator", "publisher", "itemlistelement", "breadcrumb", "image", "video", "associatedmedia",
    "ispartof", "about", "mentions", "citation", "comment", "review", "relatedlink", "significantlink",
    "potentialaction", "logo", "thumbnail", "thumbnailurl", "contributor", "editor", "copyrightholder",
    "sourceorganization", "recipeingredient", "offers", "speakable", "hasmap", "location",
}

TITLE_META = ("title", "headline", "parsely-title", "sailthru.title", "dc.title", "dcterms.title", "citation_title", "fb_title")
PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "og:published_time", "datepublished",
    "article.published", "published_time", "published-date", "publish-date", "publishdate", "pubdate",
    "pub_date", "publication_date", "dc.date.issued", "dcterms.issued", "dcterms.created", "dc.date.created",
    "sailthru.date", "parsely-pub-date", "cxenseparse:recs:publishtime", "article_date_original",
    "original-publish-date", "date", "dc.date", "dcterms.date", "citation_publication_date", "citation_date",
)
MODIFIED_META = (
    "article:modified_time", "og:article:modified_time", "og:updated_time", "datemodified", "modified_time",
    "article.updated", "last-modified", "lastmod", "dcterms.modified", "dc.date.modified",
)
AUTHOR_META = (
    "author", "article:author", "og:article:author", "parsely-author", "sailthru.author", "dc.creator",
    "dcterms.creator", "byl", "citation_author", "authors", "cxenseparse:author", "article.author",
)
SITE_META = ("og:site_name", "application-name", "apple-mobile-web-app-title", "publisher", "dc.publisher", "cxenseparse:site")

# words of a byline that describe a job or a beat, not a person ("AP National Political Writer")
_JOB_WORDS = {
    "staff", "reporter", "reporters", "correspondent", "correspondents", "editor", "editors", "writer",
    "writers", "contributor", "contributors", "contributing", "senior", "chief", "political", "politics",
    "business", "sports", "sport", "science", "health", "foreign", "national", "international", "news",
    "desk", "agency", "press", "associated", "the", "our", "of", "and", "special", "deputy", "managing",
    "digital", "producer", "columnist", "analyst", "team", "auto", "entertainment", "technology", "tech",
    "economics", "economy", "legal", "medical", "white", "house", "security", "diplomatic", "wire",
    "services", "service", "at-large", "at", "large", "executive", "associate", "assistant", "photographer",
    "journalist", "journalists", "editorial", "opinion", "culture", "music", "film", "travel", "fashion",
    "food", "lifestyle", "investigative", "research", "researcher", "freelance", "guest", "author",
    "intern", "fellow", "ap", "afp", "upi", "dpa", "reuters", "redakteur", "redakteurin", "korrespondent",
    "korrespondentin", "journaliste", "rédacteur", "rédactrice", "periodista", "redactor", "redactora",
    "giornalista", "redattore", "corrispondente", "correspondant", "correspondante", "corresponsal",
    "reportero", "reportera", "repórter", "jornalista", "estagiário", "redação", "redacción", "redaktion",
    "rédaction", "redazione", "redactie", "bureau", "head", "director", "manager", "founder", "ceo",
    "professor", "dr", "phd", "md", "ms", "rdn", "rd", "mph", "twitter", "email", "follow", "view",
    "all", "posts", "articles", "stories", "more", "profile", "on", "archive", "rss", "feed", "get",
    "about", "columnists", "facebook", "linkedin", "instagram", "contact", "bio", "see", "read", "full",
}
_STRONG_JOB = {
    "reporter", "reporters", "correspondent", "correspondents", "editor", "editors", "writer", "writers",
    "contributor", "columnist", "analyst", "producer", "photographer", "journalist", "staff", "desk",
    "redakteur", "redakteurin", "korrespondent", "korrespondentin", "journaliste", "rédacteur", "rédactrice",
    "periodista", "redactor", "redactora", "giornalista", "redattore", "corrispondente", "correspondant",
    "correspondante", "corresponsal", "reportero", "reportera", "repórter", "jornalista", "editor-at-large",
    "at-large", "services", "service", "wire",
}
# names that say "the site" or "nobody in particular", never a person
_NOT_PEOPLE = {
    "admin", "administrator", "webmaster", "root", "user", "guest", "anonymous", "unknown", "editor",
    "editors", "staff", "redaktion", "redacción", "rédaction", "redazione", "redação", "redactie",
    "newsroom", "web desk", "news desk", "online desk", "digital desk", "editorial", "editorial staff",
    "editorial team", "editorial board", "staff writer", "staff reporter", "staff reports", "wire services",
}
# words that make a name an organisation rather than a person
_ORG_WORDS = {
    "news", "media", "press", "agency", "agencies", "times", "post", "daily", "journal", "tribune", "herald",
    "gazette", "magazine", "network", "tv", "radio", "staff", "team", "desk", "reuters", "afp", "dpa",
    "xinhua", "bloomberg", "wire", "services", "redaktion",
    "redacción", "rédaction", "redazione", "redação", "bureau", "inc", "ltd", "llc", "gmbh", "group",
    "online", "editorial", "board", "newsroom", "associated", "company", "corporation", "blog",
    "international", "nachrichten", "zeitung", "noticias", "nouvelles", "notizie", "notícias", "nieuws",
    "kyodo", "yonhap", "europa", "prensa", "presse", "agencia", "agenzia", "agência", "agentur",
}
_BYLINE_LEAD = (
    r"(?:written|posted|published|reported|reporting|story|words|analysis|opinion|commentary|column|interview|"
    r"review|photos?|fotos?|video|ein\s+kommentar|kommentar|ein\s+gastbeitrag|ein\s+beitrag|geschrieben|écrit|"
    r"escrito|scritto|publicado|pubblicato|publié|reportage|redigé|un\s+article|artigo|article|texto?)"
)
_BYLINE_PREFIX = re.compile(
    rf"^(?:(?:{_BYLINE_LEAD}\s+)?(?:by|von|par|por|di|door|av|od|przez|от)|"
    r"texte?|texto|testo|tekst|текст|fotos?|photos?|autor|autora|autore|autori|auteur|auteurs|author|authors|"
    r"autorin|autoren|автор|redacción|redaktion)(?:\s*[:\-–—]\s*|\s+)",
    re.IGNORECASE,
)
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|"
    "januar|februar|märz|mai|juni|juli|oktober|dezember|janvier|février|mars|avril|juin|juillet|août|"
    "septembre|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|"
    "octubre|noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|"
    "janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro"
)
_WEEKDAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|"
    "samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|"
    "viernes|sábado|domingo|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|segunda-feira|terça-feira|"
    "quarta-feira|quinta-feira|sexta-feira"
)
# where a byline stops naming people: a date, a time, "Updated", a pipe...
_BYLINE_END = re.compile(
    rf"(?:\b(?:published|updated|posted|last updated|veröffentlicht|aktualisiert|stand|publié|mis à jour|"
    rf"publicado|actualizado|pubblicato|aggiornato|atualizado|opublikowano|gepubliceerd|bijgewerkt|"
    rf"{_WEEKDAYS})\b|\b(?:{_MONTHS})\.?\s+\d|\d{{1,2}}\.?\s+(?:{_MONTHS})\b|\d{{1,4}}[./-]\d{{1,2}}|"
    rf"\d{{1,2}}:\d{{2}}|\||•|·|\bfollow\b|\btwitter\b|\bemail\b|\bread more\b|\bview all\b|\bmore from\b)",
    re.IGNORECASE,
)
_SPACE = re.compile(r"\s+")
_TAGS = re.compile(r"<[^>]+>")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+\d*);", re.IGNORECASE)
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)$")
# separators of decorated titles; a colon only separates when followed by a space
_SEPARATOR = re.compile(r"\s+[|–—\-·•»«~/:›‹⁄*]{1,2}\s+|\s*[|｜│]\s*|\s+::\s+|(?<=\w):\s+|(?<=\w)：\s*|(?<=\S)_(?=\S)")
_BYLINE_CLASS = re.compile(r"byline|author|writer|autor|auteur|firma|signature|journalist|reporter|creator", re.IGNORECASE)
_NAME_CLASS = re.compile(r"name|author__?link|author-link|byline__?author|author__?name", re.IGNORECASE)
_SKIP_CLASS = re.compile(
    r"comment|footer|related|sidebar|widget|recommend|promo|newsletter|share|social|popular|trending|"
    r"more-|teaser|card|outbrain|taboola|nav|menu|bio\b|author-bio|avatar|photo|image|img|caption|credit",
    re.IGNORECASE,
)
_AUTHOR_LINK = re.compile(
    r"/(?:author|authors|autor|autoren|auteur|auteurs|autore|autori|journalist|journalists|reporter|"
    r"reporters|writer|writers|profile|profiles|redaktion/autoren|columnists?|contributors?)/",
    re.IGNORECASE,
)
_URL_DATE = (
    re.compile(r"(?<!\d)((?:19|20)\d{2})[/_-](0?[1-9]|1[0-2])[/_-](0?[1-9]|[12]\d|3[01])(?!\d)"),
    re.compile(r"/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)"),
    re.compile(r"/((?:19|20)\d{2})/([a-z]{3})/(0?[1-9]|[12]\d|3[01])/", re.IGNORECASE),
)
_URL_MONTH = re.compile(r"/((?:19|20)\d{2})/(0[1-9]|1[0-2])/")
_MONTH_ABBR = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)
_PLACEHOLDER_Y = "\ue000"


# --- results ------------------------------------------------------------------------------


@dataclass
class Statements:
    """Everything the page says about itself, as found (see :func:`collect_metadata`)."""

    url: str | None = None
    site_names: list[str] = field(default_factory=list)  # og:site_name, JSON-LD publisher, ... (best first)
    hosts: list[str] = field(default_factory=list)  # the page's host names, for site-name matching
    owners: list[str] = field(default_factory=list)  # copyright holders: the publisher's company
    titles: list[tuple[str, str]] = field(default_factory=list)  # (source, text), best first
    h1s: list[tuple[str, bool]] = field(default_factory=list)  # (text, inside the article or marked as headline)
    published: list[tuple[str, str]] = field(default_factory=list)  # (source, stated value), best first
    modified: list[tuple[str, str]] = field(default_factory=list)
    authors: list[tuple[str, list[str]]] = field(default_factory=list)  # (source, names or bylines), best first
    organizations: list[str] = field(default_factory=list)  # JSON-LD authors that are organisations
    url_date: date | None = None
    url_month: tuple[int, int] | None = None


@dataclass(frozen=True)
class PageMetadata:
    title: str | None = None
    title_source: str | None = None
    authors: tuple[str, ...] = ()
    author_source: str | None = None
    published_at: datetime | None = None
    date_source: str | None = None
    modified_at: datetime | None = None
    site_name: str | None = None


def extract_metadata(tree: HtmlElement, url: str | None = None, *, fetched_at: datetime | None = None) -> PageMetadata:
    """Title, authors, dates and site name of a parsed page, from the page alone."""
    return decide_metadata(collect_metadata(tree, url), fetched_at=fetched_at)


# --- collecting ---------------------------------------------------------------------------


def collect_metadata(tree: HtmlElement, url: str | None = None) -> Statements:
    """Read the page's statements about itself. Does not modify ``tree``."""
    found = Statements(url=url)
    metas = _meta_tags(tree)
    url = url or _first(metas, "og:url") or _canonical(tree)
    found.url = url
    articles, pages, orgs, ids = _json_ld_nodes(tree)
    article = _main_article(articles, url)

    # site names
    names = [_first(metas, "og:site_name")]
    if article is not None:
        names.append(_name_of(_resolve(article.get("publisher"), ids)))
    names += [_name_of(o) for o in orgs]
    names += [_first(metas, key) for key in SITE_META[1:]]
    twitter = _first(metas, "twitter:site")
    if twitter and twitter.startswith("@"):
        names.append(twitter[1:])
    found.site_names = _unique(_clean(n) for n in names if n and not n.lower().startswith("http"))
    found.hosts = _unique(h for h in (_host(url), _host(_first(metas, "og:url")), _host(_canonical(tree))) if h)
    found.owners = _unique(o for o in (_owner(v) for k in ("copyright", "dc.rights", "dcterms.rights") for v in metas.get(k, ())[:1]) if o)

    # titles
    titles: list[tuple[str, str]] = []
    if article is not None:
        headline = article.get("headline") or article.get("name")
        if isinstance(headline, list):
            headline = headline[0] if headline else None
        if isinstance(headline, str):
            titles.append(("json-ld", headline))
    for key in ("og:title", "twitter:title") + TITLE_META:
        for value in metas.get(key, ())[:1]:
            titles.append((key if key.startswith(("og:", "twitter:")) else f"meta {key}", value))
    marked = _scan(tree)
    for el in marked.itemprops.get("headline", []):
        if not _skipped_area(el):  # the first one: pages list related articles' headlines too
            titles.append(("itemprop", el.get("content") or _text(el)))
            break
    for node in pages:
        if isinstance(node.get("headline") or node.get("name"), str):
            titles.append(("json-ld", node.get("headline") or node.get("name")))
    title = tree.find(".//title")
    if title is not None:
        titles.append(("title", _text(title)))
    found.titles = [(source, text) for source, text in ((s, _clean(t)) for s, t in titles) if text]
    # a "site name" that is the article's title or a sentence is a mislabelled field
    title_keys = {_key(t) for _, t in found.titles}
    found.site_names = [n for n in found.site_names if _key(n) not in title_keys and len(n.split()) <= 6]
    found.h1s = _h1s(tree)

    # dates
    for node in ([article] if article is not None else []) + pages:
        for key in ("datePublished", "dateCreated"):
            if value := _scalar(node.get(key)):
                found.published.append(("html:json-ld", value))
        if value := _scalar(node.get("dateModified")):
            found.modified.append(("html:json-ld", value))
    if article is None and not pages:  # unparseable JSON-LD: its dates are still the publisher's
        for script in _json_ld_scripts(tree):
            for match in re.finditer(r'"datePublished"\s*:\s*"([^"]+)"', script):
                found.published.append(("html:json-ld", match.group(1)))
                break
    for key in PUBLISHED_META:
        found.published += [(f"html:meta {key}", v) for v in metas.get(key, ())[:1]]
    for key in MODIFIED_META:
        found.modified += [(f"html:meta {key}", v) for v in metas.get(key, ())[:1]]
    found.published += [("html:time", v) for v in _time_elements(tree, marked, "published")]
    found.modified += [("html:time", v) for v in _time_elements(tree, marked, "modified")]
    found.url_date, found.url_month = _url_date(url)

    # authors
    if article is not None:
        people, organizations = _json_ld_authors(_resolve(article.get("author") or article.get("creator"), ids))
        if people:
            found.authors.append(("json-ld", people))
        found.organizations = organizations
    for key in AUTHOR_META:
        values = [v for v in metas.get(key, ()) if not _is_url(v)]
        if values:
            found.authors.append((f"meta {key}", values))
    found.authors += _microdata_authors(marked)
    # bylines only matter when the structured sources name nobody by full name (the costliest
    # part of the reading: every class and id of the page)
    sites = _site_keys(found, None)
    organizations = {_key(o) for o in found.organizations}
    if not any(
        " " in name and not _is_organization(name, sites, organizations)
        for _, values in found.authors for name in _names(values)
    ):
        _scan_bylines(tree, marked)
        found.authors += _byline_authors(marked)
    return found


def _meta_tags(tree: HtmlElement) -> dict[str, list[str]]:
    metas: dict[str, list[str]] = {}
    for meta in tree.iter("meta"):
        content = meta.get("content")
        if content is None or not content.strip():
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = meta.get(attr)
            if key:
                metas.setdefault(key.strip().lower(), []).append(content.strip())
    return metas


def _owner(notice: str) -> str | None:
    """ "Copyright (c) Condé Nast 2019. All rights reserved." → "Condé Nast"."""
    name = _COPYRIGHT.sub(" ", notice)
    name = _SPACE.sub(" ", name.split(".")[0] if ". " in name else name).strip(" ,.-–")
    return name if 2 < len(name) <= 60 and len(name.split()) <= 6 else None


_COPYRIGHT = re.compile(r"copyright|\(c\)|©|\b(?:19|20)\d{2}\b|all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|-", re.IGNORECASE)


def _first(metas: dict[str, list[str]], key: str) -> str | None:
    values = metas.get(key)
    return values[0] if values else None


def _canonical(tree: HtmlElement) -> str | None:
    for link in tree.iterfind(".//link[@rel]"):
        if link.get("rel", "").lower() == "canonical" and (link.get("href") or "").startswith("http"):
            return link.get("href")
    return None


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.lower() if host else None


def _json_ld_scripts(tree: HtmlElement) -> list[str]:
    return [
        s.text for s in tree.iter("script")
        if s.text and (s.get("type") or "").strip().lower() in ("application/ld+json", "application/json+ld")
    ]


def _json_ld_nodes(tree: HtmlElement) -> tuple[list[dict], list[dict], list[dict], dict[str, dict]]:
    """Article nodes, web-page nodes and organisation nodes of the page's JSON-LD, in page
    order, and every described node by its ``@id`` (Yoast's ``@graph`` refers to its authors)."""
    articles: list[dict] = []
    pages: list[dict] = []
    orgs: list[dict] = []
    ids: dict[str, dict] = {}
    for script in _json_ld_scripts(tree):
        data = _load_json(script)
        if data is None:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack[:0] = item
                continue
            if not isinstance(item, dict):
                continue
            if isinstance(item.get("@id"), str) and len(item) > 2:
                ids.setdefault(item["@id"], item)
            types = _types(item)
            if types & ARTICLE_TYPES and not (types & {"creativework"} and len(types) == 1 and "headline" not in item):
                articles.append(item)
            elif types & PAGE_TYPES:
                pages.append(item)
            elif types & ORGANIZATION_TYPES and "website" not in types:
                orgs.append(item)
            children = [v for k, v in item.items() if k.lower() not in _JSON_LD_SKIP and isinstance(v, (dict, list))]
            stack[:0] = children
    return articles, pages, orgs, ids


def _resolve(value: object, ids: dict[str, dict]) -> object:
    """JSON-LD references (``{"@id": ...}`` without a name) replaced by the nodes they name."""
    if isinstance(value, list):
        return [_resolve(v, ids) for v in value]
    if isinstance(value, dict) and "name" not in value and isinstance(value.get("@id"), str):
        return ids.get(value["@id"], value)
    return value


def _load_json(script: str) -> object:
    text = script.strip()
    for attempt in range(3):
        try:
            return json.loads(text, strict=False)
        except ValueError:
            if attempt == 0:  # HTML comments, CDATA markers, trailing commas
                text = re.sub(r"^\s*(?:<!--|//\s*<!\[CDATA\[)|(?:-->|//\s*\]\]>)\s*$", "", text)
                text = re.sub(r",\s*([}\]])", r"\1", text)
            elif attempt == 1:  # several objects one after the other
                text = "[" + re.sub(r"}\s*{", "},{", text) + "]"
    return None


def _types(node: dict) -> set[str]:
    value = node.get("@type")
    values = value if isinstance(value, list) else [value]
    return {v.rsplit("/", 1)[-1].rsplit(":", 1)[-1].lower() for v in values if isinstance(v, str)}


def _main_article(articles: list[dict], url: str | None) -> dict | None:
    """The article node describing this page: the one naming the page's URL, else the first."""
    if not articles:
        return None
    page = _url_key(url)
    if page:
        for node in articles:
            for key in ("url", "@id", "mainEntityOfPage"):
                value = node.get(key)
                if isinstance(value, dict):
                    value = value.get("@id") or value.get("url")
                if isinstance(value, str) and _url_key(value) == page:
                    return node
    with_date = [n for n in articles if n.get("datePublished") or n.get("headline")]
    return with_date[0] if with_date else articles[0]


def _url_key(url: str | None) -> str | None:
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = (parts.hostname or "").removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}" if host else None


def _scalar(value: object) -> str | None:
    """A JSON-LD date as a string (the first one of a list)."""
    if isinstance(value, list):
        value = value[0] if value else None
    return str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else None


def _name_of(value: object) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("legalName") or value.get("alternateName")
    if isinstance(value, list):
        value = value[0] if value else None
    return value if isinstance(value, str) else None


def _json_ld_authors(value: object) -> tuple[list[str], list[str]]:
    """Names of the persons and of the organisations among JSON-LD authors."""
    people: list[str] = []
    organizations: list[str] = []
    for author in value if isinstance(value, list) else [value]:
        if isinstance(author, str):
            if not _is_url(author):
                people.append(author)
            continue
        if not isinstance(author, dict):
            continue
        name = author.get("name")
        if isinstance(name, list):
            name = ", ".join(n for n in name if isinstance(n, str))
        elif isinstance(name, dict):
            name = name.get("name") or name.get("@value")
        if not name and (author.get("givenName") or author.get("familyName")):
            name = " ".join(str(author[k]) for k in ("givenName", "additionalName", "familyName") if author.get(k))
        if not isinstance(name, str) or not name.strip() or _is_url(name):
            continue
        if _types(author) & ORGANIZATION_TYPES:
            organizations.append(name)
        else:
            people.append(name)
    return people, organizations


def _is_url(value: str) -> bool:
    value = value.strip().lower()
    return value.startswith(("http://", "https://", "www.", "//")) or bool(re.match(r"^[\w.-]+\.(?:com|org|net)/", value))


def _text(el: HtmlElement) -> str:
    parts = []
    for node in el.iter():
        if node.tag in ("script", "style", "noscript", "template") or not isinstance(node.tag, str):
            continue
        if node.text and not _inside_skipped(node, el):
            parts.append(node.text)
        if node is not el and node.tail and not _inside_skipped(node.getparent(), el):
            parts.append(node.tail)
    return _SPACE.sub(" ", " ".join(parts)).strip()


def _inside_skipped(node: HtmlElement, root: HtmlElement) -> bool:
    while node is not None:
        if node.tag in ("script", "style", "noscript", "template"):
            return True
        if node is root:
            return False
        node = node.getparent()
    return False


def _h1s(tree: HtmlElement) -> list[tuple[str, bool]]:
    found = []
    for h1 in tree.iter("h1"):
        text = _clean(_text(h1))
        if not text or len(text) > 400 or _has_ancestor(h1, ("nav", "footer", "aside")):
            continue
        marks = " ".join((h1.get("class") or "", h1.get("id") or "", h1.get("itemprop") or ""))
        strong = bool(re.search(r"headline|title|heading|entry|story|article|post", marks, re.IGNORECASE)) or _has_ancestor(
            h1, ("article", "main")
        )
        found.append((text, strong))
    return found


def _has_ancestor(el: HtmlElement, tags: tuple[str, ...]) -> bool:
    return any(a.tag in tags for a in el.iterancestors())


def _time_elements(tree: HtmlElement, marked: _Marked, kind: str) -> list[str]:
    """Datetimes of ``<time>`` and microdata elements that state when the article was published
    (``kind="published"``) or modified."""
    prop = "datepublished" if kind == "published" else "datemodified"
    values = [el.get("datetime") or el.get("content") or _text(el) for el in marked.itemprops.get(prop, [])]
    if kind == "published":
        times = [t for t in tree.iter("time") if t.get("datetime")]
        if len(times) > 1:  # not the times of related stories, comments, sidebars
            times = [t for t in times if not _skipped_area(t)]
        times = [t for t in times if not _UPDATED.search(_marks(t))]
        pubdate = [t for t in times if t.get("pubdate") is not None or _PUBLISHED.search(_marks(t))]
        in_article = [t for t in times if _has_ancestor(t, ("article", "main")) or _in_byline(t)]
        values += [t.get("datetime") for t in pubdate + in_article + times[:1]]
    else:
        values += [t.get("datetime") for t in tree.iter("time") if t.get("datetime") and _UPDATED.search(_marks(t))]
    return _unique(v.strip() for v in values if v and v.strip())


_UPDATED = re.compile(r"updat|modif|aktualisiert|actualiz|mis-a-jour|maj\b", re.IGNORECASE)
_PUBLISHED = re.compile(r"publi|posted|created|pubdate|veroeffentlicht", re.IGNORECASE)


def _marks(el: HtmlElement) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''} {el.get('itemprop') or ''}"


def _in_byline(el: HtmlElement) -> bool:
    for a in el.iterancestors():
        marks = " ".join((a.get("class") or "", a.get("id") or ""))
        if re.search(r"byline|meta|date|time|info|author|header", marks, re.IGNORECASE):
            return True
    return False


def _url_date(url: str | None) -> tuple[date | None, tuple[int, int] | None]:
    if not url:
        return None, None
    try:
        path = urlsplit(url).path
    except ValueError:
        return None, None
    for pattern in _URL_DATE:
        match = pattern.search(path)
        if match:
            year, month, day = match.groups()
            month_number = int(month) if month.isdigit() else _MONTH_ABBR.get(month.lower())
            if month_number is None:
                continue
            try:
                found = date(int(year), month_number, int(day))
            except ValueError:
                continue
            return found, (found.year, found.month)
    match = _URL_MONTH.search(path)
    return None, (int(match.group(1)), int(match.group(2))) if match else None


@dataclass
class _Marked:
    """Elements the page marks as bylines, author links and microdata, in page order."""

    bylines: list[HtmlElement] = field(default_factory=list)  # class or id says byline/author
    author_links: list[HtmlElement] = field(default_factory=list)  # <a href=".../author/...">
    rel_author: list[HtmlElement] = field(default_factory=list)  # <a rel="author">
    itemprops: dict[str, list[HtmlElement]] = field(default_factory=dict)  # lower-cased itemprop → elements


_ITEMPROPS = etree.XPath("//*[@itemprop and not(self::meta)]")
_REL_AUTHOR = etree.XPath("//a[@rel]")
_CLASSES = etree.XPath("//@class | //@id", smart_strings=False)
_MARKED = etree.XPath("//*[@class or @id]")
_LINKS = etree.XPath("//a[@href]")
_BYLINE_MARK = re.compile(r"byline|author|writer|autor|auteur|firma|signature|journalist|creator")


def _scan(tree: HtmlElement) -> _Marked:
    """Microdata and ``rel=author`` links (few elements: cheap)."""
    marked = _Marked()
    for el in _ITEMPROPS(tree):
        for prop in el.get("itemprop", "").lower().split():
            marked.itemprops.setdefault(prop, []).append(el)
    marked.rel_author = [a for a in _REL_AUTHOR(tree) if "author" in a.get("rel", "").lower().split()]
    return marked


def _scan_bylines(tree: HtmlElement, marked: _Marked) -> None:
    """Elements whose class or id says byline/author, and links to author pages. Checks the
    attribute values first (plain strings, fast) and only then walks the elements."""
    if any(_BYLINE_MARK.search(v.lower()) for v in _CLASSES(tree)):
        for el in _MARKED(tree):
            marks = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
            if _BYLINE_MARK.search(marks) and el.tag not in _NOT_BYLINE_TAGS:
                marked.bylines.append(el)
    marked.author_links = [a for a in _LINKS(tree) if _AUTHOR_LINK.search(a.get("href", ""))]


_NOT_BYLINE_TAGS = {"meta", "script", "style", "body", "html", "article", "link", "main", "img", "noscript", "svg"}


def _microdata_authors(marked: _Marked) -> list[tuple[str, list[str]]]:
    names = []
    for el in marked.itemprops.get("author", []) + marked.itemprops.get("creator", []):
        if _skipped_area(el):
            continue
        named = [d for d in el.iterdescendants() if isinstance(d.tag, str) and d.get("itemprop") == "name"]
        if named:
            names += [n.get("content") or _text(n) for n in named]
        elif el.get("content"):
            names.append(el.get("content"))
        else:
            names.append(_text(el))
    links = [_text(a) for a in marked.rel_author if not _skipped_area(a)]
    found = []
    if names:
        found.append(("microdata", _unique(n for n in names if n)[:6]))
    if links:
        found.append(("rel=author", _unique(n for n in links if n)[:6]))
    return found


def _skipped_area(el: HtmlElement) -> bool:
    """Inside comments, related links, footers or sidebars: not the article's own byline."""
    for a in [el, *el.iterancestors()]:
        if a.tag in ("footer", "aside", "nav"):
            return True
        marks = " ".join((a.get("class") or "", a.get("id") or ""))
        if marks.strip() and re.search(r"comment|related|recommend|sidebar|widget|promo|popular|trending|outbrain|taboola|footer|newsletter", marks, re.IGNORECASE):
            return True
    return False


def _in_text(el: HtmlElement) -> bool:
    """Inside a paragraph of the text (a link to a person's page in the story), not a byline."""
    for a in el.iterancestors():
        if a.tag in ("p", "li", "blockquote", "figcaption"):
            return not _BYLINE_CLASS.search(" ".join((a.get("class") or "", a.get("id") or "")))
    return False


_STRING_LENGTH = etree.XPath("string-length()")


def _in_article_if_any(elements: list[HtmlElement]) -> list[HtmlElement]:
    """The elements inside ``<article>``/``<main>`` when some are: the others belong to teasers."""
    inside = [el for el in elements if _has_ancestor(el, ("article", "main"))]
    return inside or elements


def _byline_authors(marked: _Marked) -> list[tuple[str, list[str]]]:
    """Names in elements whose class or id says byline/author, and links to author pages."""
    names: list[str] = []
    bylines: list[str] = []
    for el in _in_article_if_any(marked.bylines):
        marks = " ".join((el.get("class") or "", el.get("id") or ""))
        if _SKIP_CLASS.search(marks) or _STRING_LENGTH(el) > 400 or _skipped_area(el):
            continue
        text = _text(el)
        if not text or len(text) > 200:
            continue
        if _NAME_CLASS.search(marks) or (el.tag == "a" and el.get("href")):
            names.append(text)
        elif not any(_BYLINE_CLASS.search(" ".join((c.get("class") or "", c.get("id") or ""))) for c in el.iterdescendants()):
            bylines.append(text)
    links = [
        _text(a) for a in _in_article_if_any(marked.author_links)
        if 2 < len(_text(a)) < 60 and not _skipped_area(a) and not _in_text(a)
    ]
    found = []
    if names:
        found.append(("byline", _unique(names)[:6]))
    if links:
        found.append(("author link", _unique(links)[:4]))
    if bylines:
        found.append(("byline text", _unique(bylines)[:3]))
    return found


# --- deciding -----------------------------------------------------------------------------


def decide_metadata(
    found: Statements,
    *,
    fetched_at: datetime | None = None,
    guessed_title: str | None = None,
    guessed_author: str | None = None,
    guessed_date: str | None = None,
    guessed_site_name: str | None = None,
) -> PageMetadata:
    """Pick title, authors and dates among the page's statements; the ``guessed_*`` values
    (trafilatura's heuristics) are used only where the page states nothing usable."""
    sites = _site_keys(found, guessed_site_name)
    title, title_source = _choose_title(found, sites)
    if not title and guessed_title:
        title, title_source = _strip_site(_clean(guessed_title) or "", sites) or None, "trafilatura"
    authors, author_source = _choose_authors(found, sites, guessed_author)
    published, date_source = _choose_published(found, fetched_at, guessed_date)
    modified = next(
        (t for t in (_parse_date(v, fetched_at) for _, v in found.modified) if t is not None), None
    )
    site_name = found.site_names[0] if found.site_names else _clean(guessed_site_name or "") or None
    return PageMetadata(
        title=title or None,
        title_source=title_source if title else None,
        authors=tuple(authors),
        author_source=author_source if authors else None,
        published_at=published,
        date_source=date_source if published else None,
        modified_at=modified,
        site_name=site_name,
    )


# titles


def _clean(value: str) -> str:
    """Entities unescaped (twice-escaped ones too), tags removed, whitespace folded."""
    if not value:
        return ""
    for _ in range(2):
        if "&" in value and _ENTITY.search(value):
            value = unescape(value)
    if "<" in value:
        value = _TAGS.sub(" ", value)
    return _SPACE.sub(" ", clean_text(value)).strip()


def _key(text: str) -> str:
    """Letters and digits only, case- and accent-folded: for comparing titles and names."""
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKD", text.casefold()))


_NOT_ALNUM = re.compile(r"[\W_]+")


def _site_keys(found: Statements, guessed_site_name: str | None) -> list[tuple[str, int]]:
    """Keys of the site's names with their word counts; domain names count 0 words."""
    keys: list[tuple[str, int]] = []
    for name in [*found.site_names, *found.owners, guessed_site_name or ""]:
        key = _key(name)
        if len(key) >= 2:
            keys.append((key, len(name.split())))
            if key.startswith("the") and len(key) > 6:
                keys.append((key[3:], len(name.split()) - 1))
    for host in found.hosts:
        labels = host.removeprefix("www.").split(".")
        keys.append((_key(host.removeprefix("www.")), 0))
        if len(labels) > 1 and (len(labels[-1]) <= 3 or labels[-1] in ("info", "news", "online")):
            labels = labels[:-1]  # the top-level domain, and "co" of "co.uk"
            if len(labels) > 1 and labels[-1] in ("co", "com", "org", "net", "gov", "ac", "edu", "ne", "or", "go", "gv"):
                labels = labels[:-1]
        if labels and len(labels[-1]) >= 3:
            keys.append((_key(labels[-1]), 0))
    keys = _unique(keys)
    return keys + [k for k in _site_in_h1(found, keys) if k not in keys]


def _site_in_h1(found: Statements, sites: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """An ``<h1>`` repeating the short end segment of ``<title>`` ("Headline | Example Gazette")
    is the site's logo, and that segment the site's name, unless the other end already names
    the site ("About us – Example Gazette")."""
    keys = []
    for text, _ in found.h1s:
        key, words = _key(text), len(text.split())
        if words > 5:
            continue
        for source, title in found.titles:
            if source not in ("title", "og:title", "twitter:title"):
                continue
            parts, _ = _segments(title)
            if len(parts) > 1:
                ends = [(parts[-1], parts[:-1], parts[0])] + ([(parts[0], parts[1:], parts[-1])] if len(parts) == 2 else [])
                for end, rest, other in ends:
                    if _key(end) == key and words < sum(len(p.split()) for p in rest) and not _is_site(other, sites):
                        keys.append((key, words))
    return keys


def _is_site(segment: str, sites: list[tuple[str, int]], *, exact: bool = False, domain_prefix: bool = True) -> bool:
    """``segment`` names the site: one of its names or its domain, give or take a word
    ("The Paradigm" for theparadigmng.com, "Anti-June Cleaver" for "The Anti-June Cleaver");
    only the exact name when ``exact`` (a title's first segment: "9to5Mac Gift Guide: ...")."""
    key = _key(segment)
    if len(key) < 2:
        return False
    if exact:
        return any(key == site for site, _ in sites)
    if len(key) >= 3 and " " not in segment.strip() and any(site.startswith(key) for site, _ in sites):
        return True  # "gto" on gto-normativy.ru
    words = len(segment.split())
    initials = "".join(w[0] for w in segment.split() if w[:1].isalnum()).lower()
    for site, site_words in sites:
        if key == site:
            return True
        if min(len(key), len(site)) < 4:
            continue
        if key in site:  # "News" of "BBC News", "The Paradigm" of theparadigmng.com
            return True
        if site in key and words <= site_words + 1:  # "BBC News" of "BBC"
            return True
        if domain_prefix and site_words == 0 and key.startswith(site) and words <= 4:  # "Vortex Cannon Entertainment"
            return True
        if words >= 3 and initials == site:  # "Wall Street Journal" of wsj.com
            return True
    return False


def _segments(title: str) -> tuple[list[str], list[str]]:
    parts = _SEPARATOR.split(title)
    seps = _SEPARATOR.findall(title)
    return parts, seps


def _strip_site(title: str, sites: list[tuple[str, int]]) -> str:
    """The title without segments naming the site: "Headline | Site", "Site: Headline"."""
    parts, seps = _segments(title)
    while len(parts) > 1:
        # after a colon comes the headline ("Exclusive: Guardian editor resigns"), not the site
        if _is_site(parts[-1], sites, exact=":" in seps[-1] or "：" in seps[-1]):
            parts, seps = parts[:-1], seps[:-1]
        elif _is_site(parts[0], sites, exact=True):
            parts, seps = parts[1:], seps[1:]
        else:
            break
    result = parts[0]
    for sep, part in zip(seps, parts[1:]):
        result += sep + part
    return result.strip(" |-–—:·•»")


def _choose_title(found: Statements, sites: list[tuple[str, int]]) -> tuple[str | None, str | None]:
    metas: list[tuple[str, str]] = []
    for source, text in found.titles:
        stripped = _strip_site(text, sites)
        if stripped and not _is_site(stripped, sites, exact=True) and all(_key(stripped) != _key(m) for _, m in metas):
            metas.append((source, stripped))
    h1s = [(text, strong) for text, strong in found.h1s if not _is_site(text, sites, domain_prefix=False)]
    ordered = [t for t, strong in h1s if strong] + [t for t, strong in h1s if not strong]
    # the visible headline, when a meta title agrees with it
    for h1 in ordered:
        if any(_agrees(h1, meta) for _, meta in metas):
            return h1, "h1"
    # the headline begins with a meta title: the meta title is cut short
    for h1 in ordered:
        if any(len(_key(meta)) >= 10 and _key(h1).startswith(_key(meta)) for _, meta in metas):
            return h1, "h1"
    # the page's main headline: sites rewrite headlines for search engines and social media,
    # so a headline marked as such (in the article, class "headline"...) wins unless the page
    # marks another element as the headline (itemprop); any other h1 must be close to the metadata
    strong = [t for t, is_strong in h1s if is_strong]
    if len(strong) == 1 and len(strong[0].split()) >= 3 and not any(source == "itemprop" for source, _ in found.titles):
        return strong[0], "h1"
    for h1 in strong or ordered[:1]:
        if len(h1.split()) >= 3 and (not metas or max(_overlap(h1, meta) for _, meta in metas) >= 0.5):
            return h1, "h1"
    if metas:
        def support(item: tuple[int, tuple[str, str]]) -> tuple[int, int]:
            index, (_, meta) = item
            return (-sum(_agrees(meta, other) or _agrees(other, meta) for j, (_, other) in enumerate(metas) if j != index), index)

        index, (source, meta) = min(enumerate(metas), key=support)
        if source != "json-ld":
            meta = _strip_boilerplate_suffix(meta)
        return meta, source
    if ordered and len(ordered[0].split()) >= 2:
        return ordered[0], "h1"
    return None, None


def _agrees(h1: str, meta: str) -> bool:
    """The meta title says the same as ``h1``: equal, or ``h1`` plus a decoration the site name
    did not catch ("Opinion | ..."), or a truncated form of it."""
    a, b = _key(h1), _key(meta)
    if not a or not b:
        return False
    if a == b:
        return True
    if _ELLIPSIS.search(meta):
        cut = _key(_ELLIPSIS.sub("", meta))
        if len(cut) >= 10 and a.startswith(cut):
            return True
    if len(h1.split()) < 3 and len(a) < 0.5 * len(b):
        return False
    for match in _SEPARATOR.finditer(meta):
        if _key(meta[: match.start()]) == a or _key(meta[match.end():]) == a:
            return True
    return False


def _overlap(a: str, b: str) -> float:
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


# dates


def _parse_date(value: str, fetched_at: datetime | None) -> datetime | None:
    value = value.strip()
    if value.isdigit() and len(value) in (10, 13):
        return _plausible(parse_timestamp(int(value), not_after=fetched_at))
    if _ZONE_NAMES.search(value):
        value = _ZONE_NAMES.sub(lambda m: _ZONES[m.group(1)], value)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _plausible(parse_timestamp(value, not_after=fetched_at))


# zone abbreviations of news pages that tasks.extract.normalize does not know
_ZONES = {
    "IST": "+0530", "PKT": "+0500", "WIB": "+0700", "ICT": "+0700", "SGT": "+0800", "HKT": "+0800",
    "PHT": "+0800", "MYT": "+0800", "AWST": "+0800", "WAT": "+0100", "SAST": "+0200", "EAT": "+0300",
    "NZST": "+1200", "NZDT": "+1300", "ET": "-0500", "PT": "-0800", "BRT": "-0300", "ART": "-0300",
}
_ZONE_NAMES = re.compile(r"(?<=[\d\s])(" + "|".join(_ZONES) + r")\b")


def _plausible(moment: datetime | None) -> datetime | None:
    return moment if moment is not None and moment >= _EARLIEST else None


def _local_day(value: str) -> date | None:
    """The calendar day as written (in the publisher's time zone)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _dateparser.parse(value.strip()).date()
    except (ValueError, OverflowError, TypeError):
        return None


def _agrees_with_url(value: str, moment: datetime, found: Statements) -> bool | None:
    """None when the URL states no date; else whether the candidate is on the URL's day (in
    the publisher's or UTC time) or, for a URL with only a month, in that month."""
    if found.url_date is not None:
        return found.url_date in (moment.date(), _local_day(value))
    if found.url_month is not None:
        days = {moment.date(), _local_day(value) or moment.date()}
        return any((d.year, d.month) == found.url_month for d in days)
    return None


def _choose_published(found: Statements, fetched_at: datetime | None, guessed: str | None) -> tuple[datetime | None, str | None]:
    stated = []
    for source, value in found.published:
        moment = _parse_date(value, fetched_at)
        if moment is not None:
            if _agrees_with_url(value, moment, found) is not False:
                return moment, source
            stated.append((source, value, moment))
    if stated:
        source, value, moment = stated[0]
        if found.url_date is None or abs(moment.date() - found.url_date) <= timedelta(days=1):
            return moment, source  # a time-zone difference, or a URL with only a month
    guess = _parse_date(guessed, fetched_at) if guessed else None
    url_moment = None
    if found.url_date is not None:
        url_moment = datetime(found.url_date.year, found.url_date.month, found.url_date.day, tzinfo=UTC)
        if fetched_at is not None and url_moment > fetched_at:
            url_moment = None
    if stated and url_moment is not None:
        # the page states dates and the URL another day, more than a time zone away: the URL
        # keeps the day the article was first published, the statement is a later re-dating
        return url_moment, "html:url"
    if guess is not None and (url_moment is None or abs(guess.date() - url_moment.date()) <= timedelta(days=1)):
        return guess, "html:htmldate"
    if url_moment is not None:
        return url_moment, "html:url"
    return None, None


# authors


def _choose_authors(found: Statements, sites: list[tuple[str, int]], guessed: str | None) -> tuple[list[str], str | None]:
    """The first source naming people (a later one naming the same people and more, when the
    first names only some: a meta tag with the first author of several); else the first
    source's desk or organisation names; else JSON-LD organisations other than the site."""
    organizations = {_key(o) for o in found.organizations}
    sources = list(found.authors)
    if guessed:
        sources.append(("trafilatura", [guessed.replace(";", ",")]))
    named = [(source, _names(values)) for source, values in sources]
    named = [(source, [n for n in names if _key(n) not in _GENERIC_KEYS and not _user_name(n)]) for source, names in named]
    people = [(source, [n for n in names if not _is_organization(n, sites, organizations)]) for source, names in named]
    # full names before a lone first name or user name ("Josh" in a meta tag, "Josh Smith" in the byline)
    for full_names_only in (True, False):
        for index, (source, chosen) in enumerate(people):
            if not chosen or (full_names_only and not any(" " in n for n in chosen)):
                continue
            keys = {_key(n) for n in chosen}
            for other_source, other in people[index + 1 :]:
                if other_source.split()[0] in _STRUCTURED and keys < {_key(n) for n in other} and len(other) <= 6:
                    return other, other_source
            return chosen, source
    for source, values in sources:  # no person: the first desk or organisation, as written
        names = [n for n in _names(values, keep_jobs=True) if _key(n) not in _GENERIC_KEYS and not _user_name(n)]
        if names:
            return names, source
    organizations_ = [n for n in _names(found.organizations) if not _is_site(n, sites)]
    return (organizations_, "json-ld") if organizations_ else ([], None)


def _user_name(name: str) -> bool:
    """A CMS login rather than a name: "KWCHCIK", "jdoe2"."""
    return " " not in name and len(name) > 5 and name.isupper() and name.lower() not in _ORG_WORDS


_STRUCTURED = {"json-ld", "meta", "microdata", "trafilatura"}
_GENERIC = {"admin", "administrator", "webmaster", "root", "user", "guest", "anonymous", "unknown", "null", "none"}
_GENERIC_KEYS = {_key(n) for n in _GENERIC}
_NOT_PEOPLE_KEYS = {_key(n) for n in _NOT_PEOPLE} | _GENERIC_KEYS


def _names(values: list[str], *, keep_jobs: bool = False) -> list[str]:
    names: list[str] = []
    seen: set[str] = set()
    for value in values:
        for name in _split_byline(value, keep_jobs=keep_jobs):
            key = _key(name)
            if key and key not in seen:
                seen.add(key)
                names.append(name)
    # "Troy Smith" beside "Troy L. Smith": keep the fuller form
    return [n for n in names if not any(m is not n and _shorter_form(n, m) for m in names)]


def _shorter_form(a: str, b: str) -> bool:
    wa, wb = a.casefold().split(), b.casefold().replace(".", " ").split()
    return len(wa) >= 2 and len(wa) < len(wb) and wa[0] == wb[0] and wa[-1] == wb[-1]


def _split_byline(byline: str, *, keep_jobs: bool = False) -> list[str]:
    """Person names in one byline or name field, cleaned by :func:`split_authors`."""
    text = _clean(byline)
    if not text or _is_url(text):
        return []
    end = _BYLINE_END.search(text)
    if end and end.start() > 0:
        text = text[: end.start()]
    text = re.sub(r"\([^)]*\)|\[[^\]]*\]|\S+@\S+|@\w+", " ", text)
    text = _BYLINE_PREFIX.sub("", text.strip(" ,;:-–—"))
    text = re.sub(r"\bY\.", _PLACEHOLDER_Y, text)  # an initial, not Spanish "y"
    names = []
    for piece in split_authors(text):
        piece = _BYLINE_PREFIX.sub("", piece.replace(_PLACEHOLDER_Y, "Y."))
        piece = _LOCATION.sub("", piece)
        name = piece.strip(" ,;:-–—'\"“”‘’")
        name = name if keep_jobs else _without_job(name)
        if not name or len(name) < 2 or len(name) > 60 or not any(c.isalpha() for c in name):
            continue
        if (name.isupper() and " " in name) or name.islower():  # "JANE DOE", "jane doe"; not "PTI"
            name = _title_case(name)
        names.append(name)
    if len(names) > 1 and any(" " in n for n in names):
        names = [n for n in names if " " in n]  # "Von A B und C D, Düsseldorf": the place goes
    return names


# "Jane Smith in Washington", "Max Muster aus Berlin"
_LOCATION = re.compile(r"\s+(?:in|aus|from|à|reporting from)\s+[A-ZÀ-Ý][\w-]+(?:\s+[A-ZÀ-Ý][\w-]+)?\s*$")


def _without_job(name: str) -> str:
    """ "Tom Gillespie News reporter" → "Tom Gillespie"; "AP Auto Writer", "MS" → ""; a desk
    ("HNN Staff") or an agency ("Reuters") is left for :func:`_is_organization` to judge."""
    words = name.split()
    cut = len(words)
    while cut > 0 and _bare(words[cut - 1]) in _JOB_WORDS:
        cut -= 1
    tail = [_bare(w) for w in words[cut:]]
    if not tail:
        return name
    strong = any(w in _STRONG_JOB or w.split("-")[0] in _STRONG_JOB or w in _CREDENTIALS for w in tail)
    if cut == 0:
        return "" if strong else name
    if cut >= 2 and (strong or any(w in _AGENCIES or w in ("associated", "press", "reuters", "bloomberg") for w in tail)):
        return " ".join(words[:cut])
    return name


def _bare(word: str) -> str:
    return word.strip(".,:;'\"()").lower()


_CREDENTIALS = {"ms", "md", "phd", "rdn", "rd", "mph", "mba", "dr", "jr", "sr", "cpa", "rn", "ma", "bsc", "msc"}


def _title_case(name: str) -> str:
    """ "JEAN-PIERRE O'NEILL" → "Jean-Pierre O'Neill"."""
    return re.sub(r"(^|[\s'’\-])(\w)", lambda m: m.group(1) + m.group(2).upper(), name.lower())


def _is_organization(name: str, sites: list[tuple[str, int]], organizations: set[str]) -> bool:
    """The site, a JSON-LD organisation, an agency or a desk rather than a person."""
    key = _key(name)
    if key in organizations or key in _NOT_PEOPLE_KEYS or _is_site(name, sites):
        return True
    for word in name.replace("-", " ").split():
        bare = word.strip(".,:;'\"").lower()
        if bare in _ORG_WORDS or (word.strip(".,").isupper() and bare in _AGENCIES):
            return True
    return False


_AGENCIES = {
    "ap", "afp", "upi", "ani", "dpa", "efe", "pti", "ians", "ansa", "apa", "sda", "ats", "anp", "tass", "kna",
    "epd", "kap", "ddp", "sid", "bta", "mti", "ctk", "pap", "ntb", "tt", "stt", "hina", "lusa", "aa", "cna",
    "unb", "bss", "wam", "spa", "ina", "irna", "ipa", "bbc", "cnn", "abc", "nbc", "cbs", "npr", "pbs",
}


# helpers


def _unique(items) -> list:
    seen = set()
    result = []
    for item in items:
        key = _key(item) if isinstance(item, str) else item
        if key and key not in seen:
            seen.add(key)
            result.append(item)
    return result
