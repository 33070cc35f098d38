"""Reading a page's JSON-LD: the article node that describes the page, the web-page and
organisation nodes around it, and the names and dates they hold. Pages embed JSON-LD in
every shape (a ``@graph`` referring to its nodes by ``@id``, lists, several scripts, broken
JSON), so each reader accepts them all."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from tasks.extract.meta_text import is_url
from tasks.extract.meta_vocabulary_data import ARTICLE_TYPES, JSON_LD_SKIP, ORGANIZATION_TYPES, PAGE_TYPES


def json_ld_scripts(tree: HtmlElement) -> list[str]:
    """The text of every JSON-LD script of the page."""
    return [
        s.text for s in tree.iter("script")
        if s.text and (s.get("type") or "").strip().lower() in ("application/ld+json", "application/json+ld")
    ]


def json_ld_nodes(tree: HtmlElement) -> tuple[list[dict], list[dict], list[dict], dict[str, dict]]:
    """Article nodes, web-page nodes and organisation nodes of the page's JSON-LD, in page
    order, and every described node by its ``@id`` (Yoast's ``@graph`` refers to its authors)."""
    articles: list[dict] = []
    pages: list[dict] = []
    orgs: list[dict] = []
    ids: dict[str, dict] = {}
    for script in json_ld_scripts(tree):
        data = _load_json(script)
        if data is None:
            continue
        stack = [data]  # depth first, in page order: the next item is the last one
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
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
            children = [v for k, v in item.items() if k.lower() not in JSON_LD_SKIP and isinstance(v, (dict, list))]
            stack.extend(reversed(children))
    return articles, pages, orgs, ids


def resolve(value: object, ids: dict[str, dict]) -> object:
    """JSON-LD references (``{"@id": ...}`` without a name) replaced by the nodes they name,
    in a value or a list of values (one level: lists nested in lists are no JSON-LD authors or
    publishers, and a page may nest them deeper than recursion goes)."""
    if isinstance(value, list):
        return [_resolved(v, ids) for v in value]
    return _resolved(value, ids)


def _resolved(value: object, ids: dict[str, dict]) -> object:
    if isinstance(value, dict) and "name" not in value and isinstance(value.get("@id"), str):
        return ids.get(value["@id"], value)
    return value


def _load_json(script: str) -> object:
    """The script's data, repairing what CMSs commonly break; None when beyond repair."""
    text = script.strip()
    for attempt in range(3):
        try:
            return json.loads(text, strict=False)
        except RecursionError:  # nested too deep to decode: no metadata, the page still counts
            return None
        except ValueError:
            if attempt == 0:  # HTML comments, CDATA markers, trailing commas
                text = re.sub(r"^\s*(?:<!--|//\s*<!\[CDATA\[)|(?:-->|//\s*\]\]>)\s*$", "", text)
                text = re.sub(r",\s*([}\]])", r"\1", text)
            elif attempt == 1:  # several objects one after the other
                text = "[" + re.sub(r"}\s*{", "},{", text) + "]"
    return None


def _types(node: dict) -> set[str]:
    """The node's types (``@type``), lower-cased and without their schema.org prefix."""
    value = node.get("@type")
    values = value if isinstance(value, list) else [value]
    return {v.rsplit("/", 1)[-1].rsplit(":", 1)[-1].lower() for v in values if isinstance(v, str)}


def main_article(articles: list[dict], url: str | None) -> dict | None:
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
    """Host without ``www.`` and path without trailing slash: the same page's URLs compare equal."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = (parts.hostname or "").removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}" if host else None


def scalar(value: object) -> str | None:
    """A JSON-LD date as a string (the first one of a list)."""
    if isinstance(value, list):
        value = value[0] if value else None
    return str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else None


def name_of(value: object) -> str | None:
    """The name of a JSON-LD node, or of the first of a list of them."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("legalName") or value.get("alternateName")
    if isinstance(value, list):
        value = value[0] if value else None
    return value if isinstance(value, str) else None


def json_ld_authors(value: object) -> tuple[list[str], list[str]]:
    """Names of the persons and of the organisations among JSON-LD authors."""
    people: list[str] = []
    organizations: list[str] = []
    for author in value if isinstance(value, list) else [value]:
        if isinstance(author, str):
            if not is_url(author):
                people.append(author)
            continue
        if not isinstance(author, dict):
            continue
        name = _author_name(author)
        if not isinstance(name, str) or not name.strip() or is_url(name):
            continue
        if _types(author) & ORGANIZATION_TYPES:
            organizations.append(name)
        else:
            people.append(name)
    return people, organizations


def _author_name(author: dict) -> object:
    """An author node's name, however written: a string, a list, a language-tagged value, or
    given and family names."""
    name = author.get("name")
    if isinstance(name, list):
        name = ", ".join(n for n in name if isinstance(n, str))
    elif isinstance(name, dict):
        name = name.get("name") or name.get("@value")
    if not name and (author.get("givenName") or author.get("familyName")):
        name = " ".join(str(author[k]) for k in ("givenName", "additionalName", "familyName") if author.get(k))
    return name
