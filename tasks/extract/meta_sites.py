"""The site's own name, recognised wherever it turns up: decorating a title ("Headline |
Site"), posing as the headline (a logo in an ``<h1>``), or as an author. Pages name their
site in several ways (og:site_name, the JSON-LD publisher, the copyright holder, the
domain), so every one becomes a key to match against."""

from __future__ import annotations

import re

from tasks.extract.meta_statements import Statements
from tasks.extract.meta_text import match_key, unique
from tasks.extract.meta_vocabulary_data import SITE_ARTICLES, TITLE_LABELS, TITLE_SEPARATOR

# a site name as matched: its key, and its word count (0 for a domain name)
SiteKeys = list[tuple[str, int]]


def site_keys(found: Statements, guessed_site_name: str | None) -> SiteKeys:
    """Keys of the site's names with their word counts; domain names count 0 words."""
    keys: SiteKeys = []
    for name in [*found.site_names, *found.owners, guessed_site_name or ""]:
        key = match_key(name)
        if len(key) >= 2:
            keys.append((key, len(name.split())))
            if key.startswith("the") and len(key) > 6:
                keys.append((key[3:], len(name.split()) - 1))
    for host in found.hosts:
        keys.extend(_domain_keys(host))
    keys = unique(keys)
    return keys + [k for k in _site_in_h1(found, keys) if k not in keys]


def _domain_keys(host: str) -> SiteKeys:
    """The host without ``www.``, and its registered name alone ("examplenews" of
    examplenews.co.uk): titles end with either."""
    labels = host.removeprefix("www.").split(".")
    keys = [(match_key(host.removeprefix("www.")), 0)]
    if len(labels) > 1 and (len(labels[-1]) <= 3 or labels[-1] in ("info", "news", "online")):
        labels = labels[:-1]  # the top-level domain, and "co" of "co.uk"
        if len(labels) > 1 and labels[-1] in ("co", "com", "org", "net", "gov", "ac", "edu", "ne", "or", "go", "gv"):
            labels = labels[:-1]
    if labels and len(labels[-1]) >= 3:
        keys.append((match_key(labels[-1]), 0))
    return keys


def _site_in_h1(found: Statements, sites: SiteKeys) -> SiteKeys:
    """An ``<h1>`` repeating the short end segment of ``<title>`` ("Headline | Example Gazette")
    is the site's logo, and that segment the site's name, unless the other end already names
    the site ("About us – Example Gazette")."""
    keys = []
    for text, _ in found.h1s:
        key, words = match_key(text), len(text.split())
        if words > 5:
            continue
        for source, title in found.titles:
            if source not in ("title", "og:title", "twitter:title"):
                continue
            parts, _ = segments(title)
            if len(parts) > 1:
                ends = [(parts[-1], parts[:-1], parts[0])] + ([(parts[0], parts[1:], parts[-1])] if len(parts) == 2 else [])
                for end, rest, other in ends:
                    if match_key(end) == key and words < sum(len(p.split()) for p in rest) and not is_site(other, sites):
                        keys.append((key, words))
    return keys


# section and genre labels, compared by match_key ("Opinion", "Politics", "Kultur")
TITLE_LABEL_KEYS = frozenset(match_key(label) for label in TITLE_LABELS)
_LEADING_ARTICLE = re.compile(rf"^(?:{'|'.join(SITE_ARTICLES)})\s+", re.IGNORECASE)


def is_site(segment: str, sites: SiteKeys, *, exact: bool = False, domain_prefix: bool = True) -> bool:
    """``segment`` names the site: one of its names or its domain, give or take a word
    ("The Paradigm" for theparadigmng.com, "Anti-June Cleaver" for "The Anti-June Cleaver");
    only the exact name when ``exact`` (a title's first segment: "9to5Mac Gift Guide: ...")."""
    bare = _LEADING_ARTICLE.sub("", segment.strip())
    if bare and bare != segment.strip() and is_site(bare, sites, exact=exact, domain_prefix=domain_prefix):
        return True  # "la Repubblica" for repubblica.it, "The Hindu" for thehindu.com
    key = match_key(segment)
    if len(key) < 2:
        return False
    if exact:
        return any(key == site for site, _ in sites)
    if len(key) >= 3 and " " not in segment.strip() and any(site.startswith(key) for site, _ in sites):
        return True  # "gto" on gto-normativy.ru
    words = len(segment.split())
    initials = "".join(w[0] for w in segment.split() if w[:1].isalnum()).lower()
    return any(_names_site(key, words, initials, site, site_words, domain_prefix) for site, site_words in sites)


def _names_site(key: str, words: int, initials: str, site: str, site_words: int, domain_prefix: bool) -> bool:
    """One site key matches a segment (its key, word count and initials), give or take a word."""
    if key == site:
        return True
    if min(len(key), len(site)) < 4:
        return False
    if key in site:  # "News" of "BBC News", "The Paradigm" of theparadigmng.com
        return True
    if site in key and words <= site_words + 1:  # "BBC News" of "BBC"
        return True
    if domain_prefix and site_words == 0 and key.startswith(site) and words <= 4:  # "Vortex Cannon Entertainment"
        return True
    return words >= 3 and initials == site  # "Wall Street Journal" of wsj.com


def segments(title: str) -> tuple[list[str], list[str]]:
    """A decorated title's parts and the separators between them."""
    parts = TITLE_SEPARATOR.split(title)
    seps = TITLE_SEPARATOR.findall(title)
    return parts, seps


def _breadcrumb(parts: list[str], seps: list[str]) -> bool:
    """The title ends "headline SEP section SEP site", one separator throughout and no colon: a
    path of the site's pages rather than words of the headline."""
    return (
        len(parts) > 2
        and seps[-1].strip() == seps[-2].strip()
        and ":" not in seps[-1]
        and _section_sized(parts[-2])
        and len(parts[-2]) < len(" ".join(parts[:-2]))
    )


def _section_sized(segment: str) -> bool:
    """Short enough to be a section's name ("Politik", "政治", "News | Tech")."""
    return len(segment.split()) <= 3 and len(segment) <= 24


def _site_and_section(segment: str, sites: SiteKeys) -> bool:
    """The site's name and one of its sections in one segment: "CNN Politics", "BBC Sport"."""
    words = segment.split()
    return any(
        is_site(" ".join(words[:n]), sites, exact=True) and match_key(" ".join(words[n:])) in TITLE_LABEL_KEYS
        for n in range(1, len(words))
    )


def strip_site(title: str, sites: SiteKeys) -> str:
    """The title without segments naming the site: "Headline | Site", "Site: Headline"."""
    parts, seps = segments(title)
    while len(parts) > 1:
        # after a colon comes the headline ("Exclusive: Guardian editor resigns"), not the site
        if is_site(parts[-1], sites, exact=":" in seps[-1] or "：" in seps[-1]) or _site_and_section(parts[-1], sites):
            if _breadcrumb(parts, seps):  # "Headline - Section - Site": the section goes with the site
                parts, seps = parts[:-1], seps[:-1]
            parts, seps = parts[:-1], seps[:-1]
        elif is_site(parts[0], sites, exact=True):
            parts, seps = parts[1:], seps[1:]
        elif len(parts) > 2 and is_site(parts[-2], sites) and _section_sized(parts[-1]):
            parts, seps = parts[:-2], seps[:-2]  # "Headline | Site | Section"
        else:
            break
    result = parts[0]
    for sep, part in zip(seps, parts[1:]):
        result += sep + part
    return result.strip(" |-–—:·•»")
