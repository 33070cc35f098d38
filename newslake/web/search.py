"""Faceted full-text search over the companion index (:mod:`newslake.web.search_index`).

One search is a handful of small queries on one cursor of the companion:

1. the query's words, tokenised and stemmed by the index's own ``tokenize`` and Porter
   stemmer, looked up in its dictionary;
2. the matching documents with their BM25 score — the same as ``fts``'s ``match_bm25``
   (k1 = 1.2, b = 0.75, disjunctive: any word may match): the sum of the weights the
   companion keeps with each posting — reading only the postings of those terms, and
   narrowed by the filters (days, language, outlet, entity, country) into a temporary table;
3. from that table: the count, the page (best first; newest first without words), and the
   facets — languages, outlets, entities, countries, and articles over time;
4. snippets for the page: the body's best passage (:func:`newslake.analysis.search.snippet`)
   with every word that matches a query term marked.

Without words, the same filters browse the articles, newest first.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from newslake.web.highlight import SNIPPET_MARKS
from newslake.web.params import Pagination, SearchParams

if TYPE_CHECKING:
    import duckdb

    from newslake.web.search_index import Companion

SEARCHES_CACHED = 64
PER_PAGE = 20
TOP_FACETS = 12
_TOKEN = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Hit:
    article_id: str
    title: str | None
    url: str | None
    domain: str | None
    site_name: str | None
    published_at: datetime | None
    language: str | None
    score: float | None
    cluster_id: str | None = None
    cluster_size: int = 1
    snippet: str = ""


@dataclass
class SearchResult:
    params: SearchParams
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    pagination: Pagination | None = None
    languages: list[tuple[str | None, int]] = field(default_factory=list)
    domains: list[tuple[str | None, int]] = field(default_factory=list)
    entities: list[tuple[str, str, int]] = field(default_factory=list)
    countries: list[tuple[str, int]] = field(default_factory=list)
    timeline: list[tuple[date, int]] = field(default_factory=list)
    timeline_unit: str = "day"
    terms: list[str] = field(default_factory=list)
    unknown_words: bool = False


def bucket_end(start: date, unit: str) -> date:
    """The last day of the timeline bucket (day, month or year) starting on ``start``."""
    if unit == "day":
        return start
    if unit == "month":
        following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return following - timedelta(days=1)
    return date(start.year, 12, 31)


def _utc_start(day: date) -> datetime:
    return datetime.combine(day, time.min, UTC)


def _filters(params: SearchParams) -> tuple[str, dict[str, Any]]:
    """SQL conditions on ``d`` (docs) for the filters, and their parameters."""
    terms, values = ["TRUE"], {}
    if params.date_from:
        terms.append("d.published_at >= $date_from")
        values["date_from"] = _utc_start(params.date_from)
    if params.date_to:
        terms.append("d.published_at < $date_to")
        values["date_to"] = _utc_start(params.date_to + timedelta(days=1))
    if params.lang:
        terms.append("d.language = $lang")
        values["lang"] = params.lang
    if params.domain:
        terms.append("d.domain = $domain")
        values["domain"] = params.domain
    if params.entity:
        terms.append("d.docid IN (SELECT docid FROM entities WHERE entity = $entity AND ($etype IS NULL OR type = $etype))")
        values |= {"entity": params.entity, "etype": params.entity_type}
    if params.country:
        terms.append("d.docid IN (SELECT docid FROM countries WHERE country = $country)")
        values["country"] = params.country
    return " AND ".join(terms), values


def query_terms(cur: duckdb.DuckDBPyConnection, text: str) -> list[tuple[int, int, str]]:
    """(termid, df, term) of the query's words that are in the index."""
    return cur.execute(
        "SELECT termid, df, term FROM terms WHERE term IN "
        "(SELECT DISTINCT stem(t, 'porter') FROM unnest(tokenize($q)) AS u(t) WHERE t <> '')",
        {"q": text},
    ).fetchall()


def bm25_sql(termids: list[int], where: str) -> str:
    """Scores of the documents holding any of ``termids`` — the sum of their postings'
    weights (:mod:`newslake.web.search_index`) — narrowed by ``where``. The termids are
    ints written into the SQL, so that the scan of ``postings`` skips the row groups of
    other terms."""
    listed = ", ".join(str(int(termid)) for termid in termids)
    return f"""
        SELECT d.docid, p.score, d.published_at, d.language, d.domain
        FROM (SELECT docid, sum(weight) AS score FROM postings WHERE termid IN ({listed}) GROUP BY docid) AS p
        JOIN docs AS d USING (docid)
        WHERE {where}"""


def run_search(companion: Companion, params: SearchParams) -> SearchResult:
    """The page ``params`` asks for: hits, counts and facets."""
    result = SearchResult(params)
    cur = companion.con.cursor()
    try:
        where, values = _filters(params)
        if params.q:
            found = query_terms(cur, params.q)
            result.terms = [term for _, _, term in found]
            if not found:
                result.unknown_words = True
                result.pagination = Pagination(params.page, PER_PAGE, 0)
                return result
            cur.execute(f"CREATE TEMP TABLE hits AS {bm25_sql([termid for termid, _, _ in found], where)}", values)
        else:
            cur.execute("CREATE TEMP TABLE hits AS SELECT d.docid, NULL::DOUBLE AS score, d.published_at, d.language, "
                        f"d.domain FROM docs AS d WHERE {where}", values)
        result.total = cur.execute("SELECT count(*) FROM hits").fetchone()[0]
        result.pagination = Pagination(params.page, PER_PAGE, result.total)
        if result.total:
            _facets(cur, result)
            page = _page(cur, companion, result.pagination)
            result.hits = _with_snippets(cur, params.q, page) if params.q and page else [hit for hit, _ in page]
    finally:
        cur.close()
    return result


def _facets(cur: duckdb.DuckDBPyConnection, result: SearchResult) -> None:
    result.languages = cur.execute("SELECT language, count(*) AS n FROM hits GROUP BY ALL ORDER BY n DESC, language").fetchall()
    result.domains = cur.execute(
        f"SELECT domain, count(*) AS n FROM hits GROUP BY ALL ORDER BY n DESC, domain LIMIT {TOP_FACETS}").fetchall()
    result.entities = cur.execute(
        "SELECT e.entity, e.type, count(*) AS n FROM hits JOIN entities AS e USING (docid) GROUP BY ALL "
        f"ORDER BY n DESC, e.entity LIMIT {TOP_FACETS}").fetchall()
    result.countries = cur.execute(
        f"SELECT c.country, count(*) AS n FROM hits JOIN countries AS c USING (docid) GROUP BY ALL "
        f"ORDER BY n DESC, c.country LIMIT {TOP_FACETS}").fetchall()
    first, last = cur.execute("SELECT min(published_at), max(published_at) FROM hits").fetchone()
    unit = "day" if first is None or (last - first) <= timedelta(days=92) else "month" if (last - first) <= timedelta(days=3 * 366) else "year"
    result.timeline_unit = unit
    result.timeline = cur.execute(
        f"SELECT date_trunc('{unit}', published_at AT TIME ZONE 'UTC')::DATE AS bucket, count(*) FROM hits "
        "WHERE published_at IS NOT NULL GROUP BY ALL ORDER BY bucket").fetchall()


def _page(cur: duckdb.DuckDBPyConnection, companion: Companion, pagination: Pagination) -> list[tuple[Hit, str]]:
    """(hit, body) for each article of the page: the page's documents are a top-N of ``hits``;
    their columns and bodies are point reads in the companion's documents."""
    top = cur.execute(f"""
        SELECT docid, score FROM hits ORDER BY score DESC NULLS LAST, published_at DESC NULLS LAST, docid
        LIMIT {int(pagination.per_page)} OFFSET {int(pagination.offset)}""").fetchall()
    found = companion.documents([docid for docid, _ in top])
    page = []
    for docid, score in top:
        if (doc := found.get(docid)) is not None:
            hit = Hit(doc.article_id, doc.title, doc.url, doc.domain, doc.site_name, doc.published_at, doc.language, score,
                      doc.cluster_id, doc.cluster_size)
            page.append((hit, doc.body))
    return page


def _with_snippets(cur: duckdb.DuckDBPyConnection, text: str, page: list[tuple[Hit, str]]) -> list[Hit]:
    """Each hit with the best passage of its body, matches marked (:data:`SNIPPET_MARKS`)."""
    from dataclasses import replace

    from newslake.analysis.search import snippet

    is_match = matcher(cur, text, [body for _, body in page])
    return [replace(hit, snippet=snippet(body, is_match, SNIPPET_MARKS)) for hit, body in page]


def matcher(cur: duckdb.DuckDBPyConnection, text: str, bodies: list[str]):
    """Whether a word of a body is one of the query's terms, normalised as the index does it
    (its tokenizer, stop words and Porter stemmer, run by DuckDB)."""
    terms = {term for (term,) in cur.execute(
        "SELECT DISTINCT stem(t, 'porter') FROM unnest(tokenize($q)) AS u(t) "
        "WHERE t <> '' AND t NOT IN (SELECT sw FROM stopwords)", {"q": text}).fetchall()}
    words = sorted({word for body in bodies for word in _TOKEN.findall(body)})
    stems = dict(cur.execute(
        "SELECT w, stem(lower(strip_accents(w)), 'porter') FROM unnest($words::VARCHAR[]) AS u(w)", {"words": words}
    ).fetchall()) if words else {}
    return lambda word: stems.get(word) in terms


class SearchCache:
    """Recent searches per companion version: paging back and forth, or the home page, costs nothing."""

    def __init__(self) -> None:
        self._entries: OrderedDict[tuple, SearchResult] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, companion: Companion, params: SearchParams) -> SearchResult:
        key = (companion.version, params)
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
        result = run_search(companion, params)
        with self._lock:
            self._entries[key] = result
            while len(self._entries) > SEARCHES_CACHED:
                self._entries.popitem(last=False)
        return result
