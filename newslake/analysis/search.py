"""Full-text search over articles: BM25 ranking with DuckDB's ``fts`` extension.

DuckDB's FTS index is a set of tables built once over a table; it is not updated when
rows change, and it cannot be built over a view of a remote Delta table. So the index
lives in a local DuckDB file in the state folder, built from one *version* of the
``articles`` Delta table and named after it:

    <state_dir>/search/articles-<lake key>-v<delta version>.duckdb

Every search first asks the Delta log for the table's current version (one small
read). If that file exists it is opened read-only and queried; if not, it is rebuilt
from exactly that version (``delta_scan(…, version := n)``) into a temporary file,
renamed into place atomically, and the files of older versions are removed. So the
index always matches the lake as of the search, costs nothing while the lake does not
change, and concurrent searches never see a half-built index.

The index is built on a locked, read-only lake connection
(:func:`newslake.core.query.building_database`); searches open it read-only and run
fixed, parameterised SQL only.

Tokenising: lower case, accents stripped, any run of non-letters/digits separates
words (Unicode-aware, so Cyrillic or Greek text is indexed too), English stop words
removed, Porter stemming (English; for other languages it only trims some endings).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from newslake.core.query import building_database, open_local, sql_literal

if TYPE_CHECKING:
    import duckdb

    from newslake.core.settings import Settings

INDEX_FORMAT = 1
"""Part of the cache file name: bump it when the indexed columns or tokenising change."""

MARKS = ("«", "»")
_IGNORE = r"(\.|[^\p{L}\p{N}])+"
_COLUMNS = "article_id, title, url, domain, site_name, published_at, language, body"
_TOKEN = re.compile(r"[^\W_]+")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])\s+|\n\s*\n")


@dataclass(frozen=True)
class SearchHit:
    """One ranked article. ``snippet`` is the body's best-matching passage with the query's
    words between ``marks``; formatting it (colours, width) is the caller's business."""

    article_id: str
    title: str | None
    url: str | None
    domain: str | None
    site_name: str | None
    published_at: datetime | None
    language: str | None
    score: float
    snippet: str


class SearchError(ValueError):
    """A search argument is malformed."""


def index_path(settings: Settings, version: int) -> Path:
    """Where the index of ``articles`` at Delta ``version`` is cached. The lake key (a hash of
    endpoint, bucket and prefix) keeps indexes of different lakes apart in one state folder."""
    from newslake.core.lake import table_uri

    lake = f"{settings.s3_endpoint or 'local'}|{table_uri(settings, 'articles')}"
    key = hashlib.sha256(lake.encode()).hexdigest()[:12]
    return settings.state_dir / "search" / f"articles-{key}-f{INDEX_FORMAT}-v{version}.duckdb"


def refresh_index(settings: Settings) -> Path:
    """The index file for the current version of ``articles``, built first if missing."""
    from newslake.core.lake import open_table

    version = open_table(settings, "articles").version()
    path = index_path(settings, version)
    if not path.exists():
        _build_index(settings, version, path)
        _remove_older_versions(path)
    return path


def _build_index(settings: Settings, version: int, path: Path) -> None:
    from newslake.core.lake import table_uri

    path.parent.mkdir(parents=True, exist_ok=True)
    with building_database(settings, path, extensions=("fts",)) as con:  # locked: reads the lake's prefix only
        uri = sql_literal(table_uri(settings, "articles"))
        con.execute(f"CREATE TABLE docs AS SELECT {_COLUMNS} FROM delta_scan({uri}, version := {int(version)})")
        con.execute(
            "PRAGMA create_fts_index('docs', 'article_id', 'title', 'body', stemmer = 'porter', "
            f"stopwords = 'english', ignore = {sql_literal(_IGNORE)}, strip_accents = 1, lower = 1)"
        )


def _remove_older_versions(current: Path) -> None:
    """Older versions are never read again (a search that has one open keeps its inode).
    Newer ones are left alone: another process may have just built one and be about to open it."""
    prefix, version = current.stem.rsplit("-v", 1)
    for other in current.parent.glob(f"{prefix}-v*.duckdb"):
        older = other.stem.rsplit("-v", 1)[1]
        if older.isdigit() and int(older) < int(version):
            other.unlink(missing_ok=True)


def _as_utc(since: date | datetime | str | None) -> datetime | None:
    """``since`` as a UTC instant: a day means its start (UTC); a naive time is taken as UTC."""
    if since is None or isinstance(since, datetime):
        moment = since
    elif isinstance(since, date):
        moment = datetime.combine(since, time.min)
    else:
        try:
            moment = datetime.fromisoformat(since)
        except ValueError:
            raise SearchError(f"since {since!r} is not a date or time: use YYYY-MM-DD or an ISO 8601 time") from None
    if moment is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment


def search(
    settings: Settings,
    query: str,
    since: date | datetime | str | None = None,
    lang: str | None = None,
    limit: int = 10,
    marks: tuple[str, str] = MARKS,
) -> list[SearchHit]:
    """Articles matching ``query``, best BM25 score first (title and body are indexed),
    optionally published on or after ``since`` and in language ``lang`` (ISO 639-1)."""
    if limit < 1:
        raise SearchError(f"limit must be at least 1, not {limit}")
    moment = _as_utc(since)
    if not query.strip():
        return []
    con = open_local(refresh_index(settings), read_only=True, extensions=("fts",))
    try:
        rows = con.execute(
            f"""
            SELECT {_COLUMNS}, score FROM (
                SELECT *, fts_main_docs.match_bm25(article_id, $query) AS score FROM docs
            )
            WHERE score IS NOT NULL
              AND ($since IS NULL OR published_at >= $since)
              AND ($lang IS NULL OR language = $lang)
            ORDER BY score DESC, published_at DESC NULLS LAST, article_id
            LIMIT $limit
            """,
            {"query": query, "since": moment, "lang": lang, "limit": limit},
        ).fetchall()
        is_match = _matcher(con, query, [row[7] for row in rows])
    finally:
        con.close()
    return [SearchHit(*row[:7], score=row[8], snippet=snippet(row[7], is_match, marks)) for row in rows]


def _matcher(con: duckdb.DuckDBPyConnection, query: str, bodies: list[str]) -> Callable[[str], bool]:
    """Whether a word of a body is one of the query's terms, normalised exactly as the index
    normalises (same tokenizer, stop words and stemmer, run by DuckDB itself)."""
    terms = {
        term
        for (term,) in con.execute(
            "SELECT DISTINCT stem(t, 'porter') FROM unnest(fts_main_docs.tokenize($query)) AS u(t) "
            "WHERE t <> '' AND t NOT IN (SELECT sw FROM fts_main_docs.stopwords)",
            {"query": query},
        ).fetchall()
    }
    words = sorted({word for body in bodies for word in _TOKEN.findall(body)})
    stems = dict(
        con.execute(
            "SELECT w, stem(lower(strip_accents(w)), 'porter') FROM unnest($words::VARCHAR[]) AS u(w)", {"words": words}
        ).fetchall()
    ) if words else {}
    return lambda word: stems.get(word) in terms


def snippet(body: str, is_match: Callable[[str], bool], marks: tuple[str, str] = MARKS, max_words: int = 40) -> str:
    """The passage of ``body`` (consecutive sentences, about ``max_words`` words) holding the
    most distinct matching words, then the most matches; the earliest such passage wins.
    Matching words are wrapped in ``marks``."""
    sentences = [" ".join(part.split()) for part in _SENTENCE_BREAK.split(body) if part and part.strip()]
    best = max(_passages(sentences, max_words), key=lambda text: _passage_score(text, is_match), default="")
    opening, closing = marks

    def mark(word: re.Match) -> str:
        return f"{opening}{word.group()}{closing}" if is_match(word.group()) else word.group()

    return _TOKEN.sub(mark, _trim(best, is_match, max_words))


def _passages(sentences: list[str], max_words: int) -> list[str]:
    """From each sentence, as many following sentences as fit in ``max_words`` (at least one)."""
    passages = []
    for start in range(len(sentences)):
        words = len(sentences[start].split())
        end = start + 1
        while end < len(sentences) and words + len(sentences[end].split()) <= max_words:
            words += len(sentences[end].split())
            end += 1
        passages.append(" ".join(sentences[start:end]))
    return passages


def _passage_score(text: str, is_match: Callable[[str], bool]) -> tuple[int, int]:
    matched = [word.lower() for word in _TOKEN.findall(text) if is_match(word)]
    return len(set(matched)), len(matched)


def _trim(text: str, is_match: Callable[[str], bool], max_words: int) -> str:
    """A single sentence longer than ``max_words``: the window starting a little before its
    first match, with … where it was cut."""
    words = text.split()
    if len(words) <= max_words:
        return text
    first = next((i for i, word in enumerate(words) if any(is_match(t) for t in _TOKEN.findall(word))), 0)
    start = max(0, min(first - max_words // 4, len(words) - max_words))
    window = " ".join(words[start : start + max_words])
    return ("… " if start > 0 else "") + window + (" …" if start + max_words < len(words) else "")
