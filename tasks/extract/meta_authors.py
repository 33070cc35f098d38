"""Choosing a page's authors. Pages name them in many places, several of them noisy (a meta
tag with the first of three authors, a byline with the job and the date, the site itself as
the JSON-LD author), so: the first source naming a person, cleaned by
:func:`tasks.extract.normalize.split_authors` and the byline vocabulary; organisations and
desks only when no person is named anywhere; the site itself never."""

from __future__ import annotations

import re

from tasks.extract.byline_vocabulary_data import (
    AGENCIES,
    AGENCY_NAMES,
    BYLINE_END,
    BYLINE_PREFIX,
    BYLINE_TAIL_WORDS,
    CREDENTIALS,
    CREDIT_LEAD,
    GENERIC_NAMES,
    JOB_HEADS,
    JOB_LINKS,
    LOCATION_SUFFIX,
    NOT_PEOPLE,
    ORG_WORDS,
    OTHER_CREDIT,
    OUR_STAFF,
    PAGE_BY_WORDS,
    PLACES_NOT_PEOPLE,
    ROLE_AFTER_NAME,
    ROLE_BEFORE_NAME,
    STRONG_JOB_WORDS,
)
from tasks.extract.meta_sites import SiteKeys, is_site
from tasks.extract.meta_statements import Statements
from tasks.extract.meta_text import clean_field, is_url, match_key, unique
from tasks.extract.normalize import split_authors

# sources that list the authors as data: one naming more people may complete another
_STRUCTURED = {"json-ld", "meta", "microdata", "trafilatura"}
# the page's visible bylines (tasks.extract.meta_dom)
_BYLINES = {"byline", "byline text", "byline line"}
_GENERIC_KEYS = {match_key(n) for n in GENERIC_NAMES}
_NOT_PEOPLE_KEYS = {match_key(n) for n in NOT_PEOPLE} | _GENERIC_KEYS | {match_key(p) for p in PLACES_NOT_PEOPLE}
# a body that signs what it writes (an editorial), named with its paper: an author
_SIGNING_BODY = re.compile(r"\S\s+(?:editorial board|редакционная коллегия|comité éditorial)$", re.IGNORECASE)
_AGENCY_KEYS = {match_key(n) for n in AGENCY_NAMES}
# scripts written without spaces between family and given name: one word is a full name
_UNSPACED_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# two or more Korean names side by side, with the role word after them
_HANGUL_NAMES = re.compile(r"[\uac00-\ud7af]{2,4}(?:\s+[\uac00-\ud7af]{2,4})+(?:\s*기자)?")
# words joined by slashes: an agency credit ("sda/dpa/heis") when one of them is an agency
_SLASH_LIST = re.compile(r"[\w.-]+(?:\s?/\s?[\w.-]+)+")
# what separates an agency credited alone from the rest of a byline
_CREDIT_SEGMENTS = re.compile(r"[|()\[\],;•·]")
# the word that leads into the date a byline was cut at: "Minh Do on [Monday]", "Max Muster am"
_DATE_LEAD = re.compile(r"\s+(?:on|at|am|um|vom|le|du|el|il|em|op)\s*$", re.IGNORECASE)
# stands for the initial "Y." while a byline is split on Spanish "y" ("and")
_PLACEHOLDER_Y = "\ue000"


def choose_authors(found: Statements, sites: SiteKeys, guessed: str | None) -> tuple[list[str], str | None]:
    """The first source naming people (a later one naming the same people and more, when the
    first names only some: a meta tag with the first author of several); else the first
    source's desk or organisation names; else JSON-LD organisations other than the site."""
    organizations = {match_key(o) for o in found.organizations}
    sources = list(found.authors)
    if guessed:
        sources.append(("trafilatura", [guessed.replace(";", ",")]))
    named = [(source, _real_names(byline_names(values))) for source, values in sources]
    people = [(source, [n for n in names if not is_organization(n, sites, organizations)]) for source, names in named]
    if chosen := _first_people(people):
        names, source = chosen
        # a wire agency credited beside the people of the same byline ("Jane Doe, dpa") is an author
        # too, whether the byline is the chosen source or another naming one of its people
        keys = {match_key(n) for n in names}
        bylines = [
            found_names for other, found_names in named
            if other == source or (other in _BYLINES and keys & {match_key(n) for n in found_names})
        ]
        agencies = unique(n for line in bylines for n in line if is_agency(n, sites) and match_key(n) not in keys)
        return names + agencies, source
    for source, values in sources:  # no person: the first desk, agency or organisation, as written
        names = [
            n for n in _real_names(byline_names(values, keep_jobs=True))
            if is_agency(n, sites) or _SIGNING_BODY.search(n)
            or not (is_site(n, sites) or match_key(n) in _NOT_PEOPLE_KEYS or _desk_of_nobody(n))
        ]
        if names:
            return names, source
    organizations_ = [n for n in byline_names(found.organizations) if not is_site(n, sites)]
    return (organizations_, "json-ld") if organizations_ else ([], None)


def _real_names(names: list[str]) -> list[str]:
    """Without placeholders ("admin") and CMS logins."""
    return [n for n in names if match_key(n) not in _GENERIC_KEYS and not _user_name(n)]


def _first_people(people: list[tuple[str, list[str]]]) -> tuple[list[str], str] | None:
    """(names, source) of the first source naming people, full names before a lone first name
    or user name ("Josh" in a meta tag, "Josh Smith" in the byline); a later structured source
    naming the same people and more (at most six) completes it."""
    for full_names_only in (True, False):
        for index, (source, chosen) in enumerate(people):
            if not chosen or (full_names_only and not any(is_full_name(n) for n in chosen)):
                continue
            if not full_names_only and source == "trafilatura":  # its lone word is a guess, often a label
                continue
            keys = {match_key(n) for n in chosen}
            for other_source, other in people[index + 1 :]:
                if other_source.split()[0] in _STRUCTURED and keys < {match_key(n) for n in other} and len(other) <= 6:
                    spelled = {match_key(n): n for n in chosen}  # "Robert E. Moffit" as the first source wrote it
                    return [spelled.get(match_key(n), n) for n in other], other_source
            return chosen, source
    return None


def _user_name(name: str) -> bool:
    """A CMS login rather than a name: "KWCHCIK", "jdadmin"."""
    if " " in name:
        return False
    return "admin" in name.lower() or (len(name) > 5 and name.isupper() and name.lower() not in ORG_WORDS)


def byline_names(values: list[str], *, keep_jobs: bool = False) -> list[str]:
    """The names in bylines or name fields, without repeats; with ``keep_jobs``, a desk or
    agency written alone ("AP Staff") stays, for when nobody else is named."""
    names: list[str] = []
    seen: set[str] = set()
    for value in values:
        for name in _split_byline(value, keep_jobs=keep_jobs):
            key = match_key(name)
            if key and key not in seen:
                seen.add(key)
                names.append(name)
    # "Troy Smith" beside "Troy L. Smith": keep the fuller form
    return [n for n in names if not any(m is not n and _shorter_form(n, m) for m in names)]


def _shorter_form(a: str, b: str) -> bool:
    wa, wb = a.casefold().split(), b.casefold().replace(".", " ").split()
    return len(wa) >= 2 and len(wa) < len(wb) and wa[0] == wb[0] and wa[-1] == wb[-1]


def _split_byline(byline: str, *, keep_jobs: bool = False) -> list[str]:
    """Person names in one byline or name field, cleaned by :func:`split_authors`, and the
    agencies of a credit such as "sda/dpa/heis" wherever it sits in the byline."""
    credits = _agency_credits(byline)
    text = _names_part(_SLASH_LIST.sub(_without_credit, byline))
    names = []
    for piece in _hangul_names(split_authors(text) if text else []):
        name = _clean_name(piece, keep_jobs=keep_jobs)
        if name:
            names.append(name)
    if len(names) > 1 and any(" " in n for n in names):  # "Von A B und C D, Düsseldorf": the place goes
        names = [n for n in names if is_full_name(n) or match_key(n) in _AGENCY_KEYS or _bare(n) in AGENCIES]
    return names + [c for c in credits if match_key(c) not in {match_key(n) for n in names}]


def _hangul_names(pieces: list[str]) -> list[str]:
    """Korean names have no space inside, so "홍길동 김철수 기자" names two reporters."""
    return [name for piece in pieces for name in (piece.split() if _HANGUL_NAMES.fullmatch(piece) else [piece])]


def _without_credit(match: re.Match) -> str:
    """A slash list without its agencies, editors' initials and outlets' initials ("sda/dpa/heis",
    "RND/dpa" → "", "Doe / CNN" → "Doe"); a list naming no agency stays as written ("Max Muster /
    Erika Beispiel")."""
    parts = [part.strip(" .") for part in match.group().split("/")]
    if not any(_names_agency(p) for p in parts):
        return match.group()
    kept = [p for p in parts if not _names_agency(p) and not ((p.islower() or p.isupper()) and len(p) <= 5)]
    return " " + " / ".join(kept) + " "


def _agency_credits(byline: str) -> list[str]:
    """The agencies credited in a byline, as written: those of a credit that joins agencies and
    an editor's initials with slashes ("sda/dpa/heis", "SZ/dpa-AFX"), and an agency standing
    alone between the byline's punctuation ("Max Muster (mit dpa)", "Juan García | EFE",
    "By Jane Doe, with AP")."""
    found: list[str] = []
    for credit in _SLASH_LIST.findall(byline):
        found += [p for p in (part.strip(" .") for part in credit.split("/")) if _names_agency(p)]
    for segment in _CREDIT_SEGMENTS.split(byline):
        agency = CREDIT_LEAD.sub("", segment.strip(" .:-–—"))
        if agency and "/" not in agency and _names_agency(agency):
            found.append(agency)
    return unique(found)


def _names_agency(word: str) -> bool:
    """An agency's short name or full name, or an agency's service ("dpa-AFX", "dpa-infocom")."""
    return word.lower() in AGENCIES or match_key(word) in _AGENCY_KEYS or word.lower().split("-")[0] in AGENCIES


def _names_part(byline: str) -> str:
    """The stretch of a byline that names people: without "By", the date after the names,
    parentheses, e-mail addresses and handles."""
    text = clean_field(byline)
    if not text or is_url(text):
        return ""
    end = BYLINE_END.search(text, 1)  # after the first word: "Posted by … on Dec 5" ends at the date
    if end:
        text = _DATE_LEAD.sub("", text[: end.start()])
    text = re.sub(r"\([^)]*\)|\[[^\]]*\]|\S+@\S+|@\w+", " ", text)
    text = ROLE_BEFORE_NAME.sub("", BYLINE_PREFIX.sub("", text.lstrip(" ,;:-–—")).strip(" ,;:-–—"))
    return re.sub(r"\bY\.", _PLACEHOLDER_Y, text)  # an initial, not Spanish "y"


def _clean_name(piece: str, *, keep_jobs: bool) -> str | None:
    """One piece of a split byline as a name, or None when it names nobody."""
    if OTHER_CREDIT.match(piece.strip()):
        return None
    piece = OUR_STAFF.sub("", BYLINE_PREFIX.sub("", piece.replace(_PLACEHOLDER_Y, "Y.")))
    piece = ROLE_AFTER_NAME.sub("", ROLE_BEFORE_NAME.sub("", piece.strip()))
    piece = LOCATION_SUFFIX.sub("", piece)
    name = piece.strip(" ,;:-–—'\"“”‘’")
    name = name if keep_jobs else _without_job(name).strip(" ,;:-–—")  # "Jane Doe - Senior Reporter"
    words = [_bare(w) for w in name.split()]
    if len(words) >= 3 and words[0] in JOB_HEADS and words[1] in JOB_LINKS:
        return None  # "Head of Reality Labs", "Professor at Yale"
    if not name or len(name) < 2 or len(name) > 60 or not any(c.isalpha() for c in name):
        return None
    if name.lower() in PAGE_BY_WORDS:  # a "By" left alone: the names were elsewhere
        return None
    if match_key(name) in CREDENTIALS:  # "Ph.D." or "Ph D" after "Robert E. Moffit,"
        return None
    if name.islower() and " " not in name and len(name) <= 5 and name not in AGENCIES:
        return None  # an editor's initials ("heis", "mst"), not a name
    agency = any(part in AGENCIES for part in re.split(r"[\s/-]+", name.lower()))  # "dpa", "dpa-infocom" stay
    if (name.isupper() and " " in name) or (name.islower() and not agency):  # "JANE DOE", "jane doe"; not "PTI"
        name = _title_case(name)
    return name


def _without_job(name: str) -> str:
    """ "Tom Gillespie News reporter" → "Tom Gillespie"; "AP Auto Writer", "MS" → ""; a desk
    ("HNN Staff") or an agency ("Reuters") is left for :func:`is_organization` to judge."""
    words = name.split()
    cut = len(words)
    while cut > 0 and _bare(words[cut - 1]) in BYLINE_TAIL_WORDS:
        cut -= 1
    tail = [_bare(w) for w in words[cut:]]
    if not tail:
        return name
    strong = any(w in STRONG_JOB_WORDS or w.split("-")[0] in STRONG_JOB_WORDS or w in CREDENTIALS for w in tail)
    if cut == 0:
        return "" if strong else name
    if cut >= 2 and (strong or any(w in AGENCIES or w in ("associated", "press", "reuters", "bloomberg") for w in tail)):
        return " ".join(words[:cut])
    return name


def _bare(word: str) -> str:
    return word.strip(".,:;'\"()").lower()


def _title_case(name: str) -> str:
    """ "JEAN-PIERRE O'NEILL" → "Jean-Pierre O'Neill"."""
    return re.sub(r"(^|[\s'’\-])(\w)", lambda m: m.group(1) + m.group(2).upper(), name.lower())


def is_full_name(name: str) -> bool:
    """Given and family name: two words, or a name in a script written without spaces (蔡英文)."""
    return " " in name.strip() or (len(name) >= 2 and bool(_UNSPACED_SCRIPT.search(name)))


def is_agency(name: str, sites: SiteKeys) -> bool:
    """A wire agency ("AP", "dpa", "The Associated Press"), not the site's own name (Reuters on
    reuters.com is the site)."""
    key = match_key(name)
    known = key in _AGENCY_KEYS or (name.strip(". ").lower() in AGENCIES and len(name.strip()) <= 5 and name.strip() != name.strip().title())
    return known and not is_site(name, sites)


def _desk_of_nobody(name: str) -> bool:
    """Only desk and job words ("Staff reports", "Tech Digest Correspondent" after the site's
    name): credits the newsroom, not a person or an agency."""
    words = [_bare(w) for w in name.replace("-", " ").split()]
    return any(w in STRONG_JOB_WORDS for w in words) and not any(w in AGENCIES for w in words)


def is_organization(name: str, sites: SiteKeys, organizations: set[str]) -> bool:
    """The site, a JSON-LD organisation, an agency or a desk rather than a person."""
    key = match_key(name)
    if key in organizations or key in _NOT_PEOPLE_KEYS or key in _AGENCY_KEYS or is_site(name, sites):
        return True
    if name.split()[:1] in (["The"], ["the"], ["Der"], ["Die"], ["Das"]):  # "The Hill", "Die Zeit": no given name
        return True
    for word in name.replace("-", " ").split():
        bare = word.strip(".,:;'\"").lower()
        if bare in ORG_WORDS or (word.strip(".,").isupper() and bare in AGENCIES):
            return True
    return False
