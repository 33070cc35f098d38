"""Saved analyses: named, parameterised SQL files in ``analyses/``.

A file ``analyses/<name>.sql`` starts with a header of comment lines, then one query::

    -- description: The entities mentioned in the most articles over a period.
    -- param: since (date, default 7 days ago) — first day, inclusive
    -- param: type (PERSON|ORG|PLACE|NORP, optional) — only this type
    -- param: entity (string, required)
    SELECT … WHERE day >= $since AND ($type IS NULL OR type = $type) …

Parameter types: ``string``, ``date`` (``YYYY-MM-DD``, ``today``, ``yesterday``,
``N days ago``), ``integer``, ``number``, or a choice ``a|b|c``. Each is ``required``,
``optional`` (null when not given) or has a ``default``. Values arrive as strings (from
a command line), are checked and converted here, and reach DuckDB only as
prepared-statement parameters (``$name``): a value is never pasted into SQL text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import duckdb

    from newslake.core.settings import Settings

ANALYSES_DIR = Path(__file__).resolve().parents[2] / "analyses"
BASE_TYPES = ("string", "date", "integer", "number")

_NAME = re.compile(r"[a-z0-9_]+")
_PARAM = re.compile(r"(?P<name>[a-z_][a-z0-9_]*)\s*\((?P<type>[^,)]+)(?:,\s*(?P<spec>[^)]*))?\)\s*(?:[—:-]+\s*(?P<help>.*))?")
_DAYS_AGO = re.compile(r"(\d+)\s+days?\s+ago")


class AnalysisError(ValueError):
    """An unknown analysis, a malformed analysis file, or a bad parameter value."""


@dataclass(frozen=True)
class Param:
    """One declared parameter. ``default`` is the text after ``default`` (None if there is none)."""

    name: str
    type: str
    required: bool
    default: str | None
    help: str = ""

    @property
    def choices(self) -> tuple[str, ...]:
        return tuple(self.type.split("|")) if "|" in self.type else ()

    def describe(self) -> str:
        """``since (date, default 7 days ago)``, as in the file header."""
        spec = "required" if self.required else f"default {self.default}" if self.default is not None else "optional"
        return f"{self.name} ({self.type}, {spec})"


@dataclass(frozen=True)
class Analysis:
    name: str
    description: str
    params: tuple[Param, ...]
    sql: str
    path: Path


def _folder(folder: Path | None) -> Path:
    return ANALYSES_DIR if folder is None else folder


def list_analyses(folder: Path | None = None) -> list[Analysis]:
    """Every analysis in the folder, by name."""
    return [load_analysis(path.stem, folder) for path in sorted(_folder(folder).glob("*.sql"))]


def load_analysis(name: str, folder: Path | None = None) -> Analysis:
    """The analysis ``name`` (the file name without ``.sql``), header parsed."""
    path = _folder(folder) / f"{name}.sql"
    if not _NAME.fullmatch(name) or not path.is_file():
        known = ", ".join(p.stem for p in sorted(_folder(folder).glob("*.sql"))) or "none"
        raise AnalysisError(f"no analysis named {name!r} (known: {known})")
    return parse_analysis(name, path.read_text(encoding="utf-8"), path)


def parse_analysis(name: str, text: str, path: Path) -> Analysis:
    """Split the header comments (description, params) from the query."""
    description: list[str] = []
    params: list[Param] = []
    lines = text.splitlines()
    body_start = 0
    for body_start, line in enumerate(lines):  # noqa: B007 (the index is the result)
        if not line.startswith("--"):
            break
        comment = line[2:].strip()
        if comment.startswith("description:"):
            description.append(comment.removeprefix("description:").strip())
        elif comment.startswith("param:"):
            params.append(_parse_param(name, comment.removeprefix("param:").strip()))
    else:
        body_start = len(lines)
    sql = "\n".join(lines[body_start:]).strip().rstrip(";")
    if not description or not sql:
        raise AnalysisError(f"analysis {name!r} ({path}): needs a '-- description:' header line and a query")
    return Analysis(name, " ".join(description), tuple(params), sql, path)


def _parse_param(analysis: str, text: str) -> Param:
    match = _PARAM.fullmatch(text)
    if not match:
        raise AnalysisError(f"analysis {analysis!r}: cannot read parameter {text!r}: expected 'name (type, default …)'")
    kind, spec = match["type"].strip(), (match["spec"] or "required").strip()
    where = f"analysis {analysis!r}: parameter {match['name']!r}"
    if kind not in BASE_TYPES and "|" not in kind:
        raise AnalysisError(f"{where} has unknown type {kind!r}")
    if spec not in ("required", "optional") and not spec.startswith("default "):
        raise AnalysisError(f"{where}: expected 'required', 'optional' or 'default …', not {spec!r}")
    default = spec.removeprefix("default ").strip() if spec.startswith("default ") else None
    return Param(match["name"], kind, spec == "required", default, (match["help"] or "").strip())


def bind_params(analysis: Analysis, given: Mapping[str, Any], today: date | None = None) -> dict[str, Any]:
    """Typed values for every declared parameter: the given ones checked and converted,
    defaults filled in (relative dates against ``today``, UTC), optional ones as null."""
    today = today or datetime.now(UTC).date()
    declared = {param.name: param for param in analysis.params}
    unknown = sorted(set(given) - set(declared))
    if unknown:
        names = ", ".join(map(repr, unknown))
        accepted = ", ".join(p.describe() for p in analysis.params) or "none"
        raise AnalysisError(f"analysis {analysis.name!r} has no parameter {names}; its parameters: {accepted}")
    values = {}
    for param in analysis.params:
        raw = given.get(param.name)
        if raw is None and param.required:
            raise AnalysisError(f"analysis {analysis.name!r}: parameter {param.describe()} is required")
        text = str(raw) if raw is not None else param.default
        values[param.name] = None if text is None else _convert(analysis.name, param, text, today)
    return values


def _convert(analysis: str, param: Param, text: str, today: date) -> Any:
    try:
        return _CONVERTERS.get(param.type, _choice)(param, text.strip(), today)
    except ValueError as exc:
        raise AnalysisError(f"analysis {analysis!r}: parameter {param.describe()}: {exc}") from None


def _string(param: Param, text: str, today: date) -> str:
    if not text:
        raise ValueError("must not be empty")
    return text


def _date(param: Param, text: str, today: date) -> date:
    lowered = text.lower()
    if lowered in ("today", "yesterday"):
        return today - timedelta(days=lowered == "yesterday")
    if match := _DAYS_AGO.fullmatch(lowered):
        return today - timedelta(days=int(match[1]))
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date: use YYYY-MM-DD, 'today', 'yesterday' or 'N days ago'") from None


def _integer(param: Param, text: str, today: date) -> int:
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"{text!r} is not an integer") from None


def _number(param: Param, text: str, today: date) -> float:
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a number") from None


def _choice(param: Param, text: str, today: date) -> str:
    for choice in param.choices:
        if choice.lower() == text.lower():
            return choice
    raise ValueError(f"{text!r} is not one of {', '.join(param.choices)}")


_CONVERTERS = {"string": _string, "date": _date, "integer": _integer, "number": _number}


def run_analysis(
    settings: Settings | None,
    name: str,
    params: Mapping[str, Any] | None = None,
    *,
    con: duckdb.DuckDBPyConnection | None = None,
    folder: Path | None = None,
) -> duckdb.DuckDBPyRelation:
    """Run a saved analysis over the lake. Returns a DuckDB relation: ``.columns`` and
    ``.fetchall()`` for a table, or ``.arrow()``, ``.df()``, ``.pl()``.
    Pass ``con`` to reuse an open connection from :func:`newslake.query.connect`."""
    import duckdb

    from newslake.core.query import connect

    analysis = load_analysis(name, folder)
    values = bind_params(analysis, params or {})
    con = con or connect(settings)
    try:
        return con.sql(analysis.sql, params=values)
    except duckdb.Error as exc:
        raise AnalysisError(f"analysis {name!r} ({analysis.path}) failed: {exc}") from exc
