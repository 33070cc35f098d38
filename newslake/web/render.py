"""Pages from templates: Jinja2 with autoescaping on, so every value from the lake or
the request is escaped unless it is :class:`markupsafe.Markup` built by our own code
(the highlighted body, the charts' SVG). The templates live in ``templates/``.

The style sheet is the report's (:mod:`newslake.analysis.report`) plus the app's own
rules; both are inlined in each page, which loads nothing else: no script, font, style
sheet or image from anywhere (see the ``Content-Security-Policy`` set in :mod:`.app`).
"""

from __future__ import annotations

import hashlib
import json
import re
from base64 import b64encode
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup, escape

TEMPLATES = Path(__file__).parent / "templates"
CELL_CHARS = 300
_ID = re.compile(r"[0-9a-f]{32}")

APP_CSS = """
header.app { padding: 14px 0 0; }
header.app .wrap { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 26px; }
.brand { font-weight: 700; font-size: 18px; color: var(--ink); text-decoration: none; letter-spacing: -0.01em; }
header.app nav a.current { border-bottom-color: var(--ink); }
form.quick { margin-left: auto; padding-bottom: 6px; }
form.quick input { width: 260px; }
input, select, textarea, button { font: inherit; }
input[type=text], input[type=search], input[type=date], input[type=password], select, textarea {
  border: 1px solid var(--line); border-radius: 6px; padding: 5px 8px; background: #fff; color: var(--ink); }
button, .button { border: 1px solid #1f883d; background: #1f883d; color: #fff; border-radius: 6px; padding: 5px 14px;
  cursor: pointer; text-decoration: none; display: inline-block; }
button.secondary, .button.secondary { background: var(--panel); color: var(--ink); border-color: var(--line); }
a { color: var(--accent); }
h1.page-title { font-size: 24px; margin: 26px 0 4px; }
.subtle { color: var(--muted); }
.layout { display: grid; grid-template-columns: 250px 1fr; gap: 28px; margin-top: 20px; }
@media (max-width: 800px) { .layout { grid-template-columns: 1fr; } }
aside.facets h3 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 18px 0 6px; }
aside.facets ul { list-style: none; margin: 0; padding: 0; font-size: 13px; }
aside.facets li { display: flex; justify-content: space-between; gap: 8px; padding: 2px 0; }
aside.facets li a { color: var(--ink); text-decoration: none; overflow-wrap: anywhere; }
aside.facets li a:hover { color: var(--accent); text-decoration: underline; }
aside.facets .count { color: var(--muted); font-variant-numeric: tabular-nums; }
form.search-form { display: flex; flex-wrap: wrap; gap: 8px; align-items: end; margin-top: 18px; }
form.search-form input[name=q] { flex: 1 1 320px; font-size: 16px; padding: 8px 10px; }
form.search-form label { font-size: 12px; color: var(--muted); display: flex; flex-direction: column; gap: 2px; }
.chips { margin: 10px 0 0; display: flex; flex-wrap: wrap; gap: 6px; }
.chip { background: var(--soft); border-radius: 12px; padding: 1px 10px; font-size: 12px; color: var(--ink); text-decoration: none; }
.chip:hover { background: #ffebe9; }
ol.hits { list-style: none; padding: 0; margin: 0; }
ol.hits li { padding: 12px 0; border-bottom: 1px solid var(--soft); }
ol.hits .title { font-size: 16px; font-weight: 600; text-decoration: none; }
ol.hits .meta, .meta-line { color: var(--muted); font-size: 12px; margin: 2px 0; }
ol.hits .snippet { margin: 4px 0 0; max-width: 90ch; }
mark { background: #fff3b0; padding: 0 1px; border-radius: 2px; }
.pager { display: flex; gap: 4px; flex-wrap: wrap; margin: 18px 0; }
.pager a, .pager span { padding: 3px 9px; border: 1px solid var(--line); border-radius: 6px; text-decoration: none; font-size: 13px; }
.pager span.current { background: var(--ink); color: #fff; border-color: var(--ink); }
.pager span.gap { border: none; }
.spark { display: flex; align-items: flex-end; gap: 1px; height: 48px; margin: 6px 0 2px; }
.spark a { flex: 1; background: var(--accent); min-height: 2px; opacity: .75; }
.spark a:hover { opacity: 1; }
.article-body { font: 17px/1.65 Georgia, "DejaVu Serif", "Liberation Serif", serif; white-space: pre-line; max-width: 72ch;
  margin: 18px 0; overflow-wrap: break-word; }
.article-body a.entity { color: inherit; text-decoration: none; border-bottom: 2px solid; }
.article-body a.ent-person { border-color: #4e79a7; background: #4e79a71a; }
.article-body a.ent-org { border-color: #f28e2c; background: #f28e2c1a; }
.article-body a.ent-place { border-color: #59a14f; background: #59a14f1a; }
.article-body a.ent-norp { border-color: #af7aa1; background: #af7aa11a; }
.article-body .quote { background: #fff8e1; }
.article-body .figure { border-bottom: 1px dotted var(--muted); }
.legend-keys { font-size: 12px; color: var(--muted); display: flex; gap: 14px; flex-wrap: wrap; }
.legend-keys span::before { content: ""; display: inline-block; width: 10px; height: 10px; margin-right: 4px; vertical-align: -1px; }
.legend-keys .k-person::before { background: #4e79a7; } .legend-keys .k-org::before { background: #f28e2c; }
.legend-keys .k-place::before { background: #59a14f; } .legend-keys .k-norp::before { background: #af7aa1; }
.legend-keys .k-quote::before { background: #fff1b8; } .legend-keys .k-figure::before { border-bottom: 1px dotted; }
.columns { display: grid; grid-template-columns: minmax(0, 1fr) 320px; gap: 34px; }
@media (max-width: 900px) { .columns { grid-template-columns: 1fr; } }
dl.props { display: grid; grid-template-columns: max-content 1fr; gap: 3px 14px; font-size: 13px; margin: 0; }
dl.props dt { color: var(--muted); }
dl.props dd { margin: 0; overflow-wrap: anywhere; }
.panel { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; margin-bottom: 16px; background: #fff; }
section.panel, aside section { margin-top: 0; }
td code { white-space: nowrap; }
.panel h2 { font-size: 15px; border: none; padding: 0; margin: 0 0 8px; }
.table-wrap { overflow-x: auto; max-width: 100%; }
td.null { color: var(--muted); font-style: italic; }
td.pre { white-space: pre; font: 12px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; }
textarea.sql { width: 100%; min-height: 140px; font: 13px/1.45 ui-monospace, "DejaVu Sans Mono", monospace; }
.error-box { background: #ffebe9; border: 1px solid #ff818266; border-radius: 6px; padding: 10px 14px; margin: 14px 0; }
.ok-box { background: #dafbe1; border: 1px solid #4ac26b66; border-radius: 6px; padding: 10px 14px; margin: 14px 0; }
.status-running { color: #9a6700; } .status-done { color: #1a7f37; } .status-failed { color: #cf222e; }
form.params { display: grid; grid-template-columns: max-content minmax(180px, 360px) 1fr; gap: 6px 12px; align-items: center; }
form.params .help { color: var(--muted); font-size: 12px; }
.downloads a { margin-right: 10px; }
pre.code { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; overflow-x: auto; }
"""

SQL_SCRIPT = """document.addEventListener('keydown', function (e) {
  if ((e.ctrlKey || e.metaKey) && e.key === 'Enter' && e.target.form) { e.preventDefault(); e.target.form.submit(); }
});"""
"""The only script: Ctrl/Cmd+Enter in a text area sends its form (the SQL page works without it)."""
SCRIPT_HASH = "sha256-" + b64encode(hashlib.sha256(SQL_SCRIPT.encode()).digest()).decode()


@lru_cache(maxsize=1)
def environment():
    import jinja2

    from newslake.analysis.report import CSS

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters |= {"num": fmt_num, "when": fmt_when, "day": fmt_day, "lang": language, "signed": fmt_signed,
                    "cell": cell, "short": short, "qs": urlencode,
                    "http_url": http_url}
    from newslake.web.highlight import snippet_html
    from newslake.web.search import bucket_end

    env.globals |= {"css": Markup(CSS + APP_CSS), "sql_script": Markup(SQL_SCRIPT), "table_html": table_html,
                    "bucket_end": bucket_end, "entity_link": entity_link,
                    "snippet_html": snippet_html}
    return env


def render(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context)


def fmt_num(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.2f}" if not value.is_integer() else f"{value:,.0f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def fmt_signed(value: float | None, decimals: int = 2) -> str:
    if value is None:
        return "–"
    return f"{value:+.{decimals}f}".replace("-", "−")


def fmt_when(value: datetime | None) -> str:
    """``2026-03-14 08:30 UTC``."""
    if value is None:
        return "–"
    if isinstance(value, datetime):
        from datetime import UTC

        value = value.astimezone(UTC) if value.tzinfo else value
        return value.strftime("%Y-%m-%d %H:%M UTC")
    return str(value)


def fmt_day(value: date | datetime | None) -> str:
    return "–" if value is None else value.strftime("%Y-%m-%d")


def language(code: str | None) -> str:
    from newslake.analysis.report import LANGUAGE_NAMES

    if not code:
        return "unknown"
    name = LANGUAGE_NAMES.get(code)
    return f"{name} ({code})" if name else code


def http_url(url: Any) -> str | None:
    """``url`` if it is an absolute http(s) URL (safe in an ``href``: no ``javascript:``), else None."""
    return url if isinstance(url, str) and re.match(r"https?://[^\s]+$", url, re.I) else None


def short(text: Any, chars: int = 120) -> str:
    text = "" if text is None else " ".join(str(text).split())
    return text if len(text) <= chars else text[: chars - 1] + "…"


def cell(value: Any, chars: int = CELL_CHARS) -> str:
    """A result value as text for a table cell: nested values as JSON, long text cut (a text of
    several lines, such as a query plan, is kept whole up to 100 times longer)."""
    if isinstance(value, (list, dict, tuple)):
        text = json.dumps(value, default=str, ensure_ascii=False)
    elif isinstance(value, datetime):
        text = value.isoformat(sep=" ")
    elif isinstance(value, (bytes, bytearray)):
        text = value.hex()
    elif isinstance(value, Decimal):
        text = str(value)
    else:
        text = str(value)
    if "\n" in text:
        chars *= 100
    return text if len(text) <= chars else text[: chars - 1] + "…"


def entity_link(name: str, kind: str | None = None) -> str:
    query = {"name": name} | ({"type": kind} if kind else {})
    return "/entity?" + urlencode(query)


def table_html(columns: list[str], rows: list[tuple], base: str = "") -> Markup:
    """A result table, built directly (10,000 rows render in well under a second): NULL
    shown as such, ids in ``article_id`` and ``cluster_id`` columns linked to their pages."""
    links = {i: f"{base}/articles/" if name in ("article_id", "latest_article") else f"{base}/clusters/"
             for i, name in enumerate(columns) if name in ("article_id", "cluster_id", "latest_article")}
    head = "".join(f"<th>{escape(name)}</th>" for name in columns)
    out = [f'<div class="table-wrap"><table class="results"><thead><tr>{head}</tr></thead><tbody>']
    for row in rows:
        cells = []
        for i, value in enumerate(row):
            if value is None:
                cells.append('<td class="null">NULL</td>')
            elif isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
                cells.append(f'<td class="num">{escape(cell(value))}</td>')
            elif i in links and isinstance(value, str) and _ID.fullmatch(value):
                cells.append(f'<td><a href="{links[i]}{value}">{value}</a></td>')
            else:
                text = cell(value)
                cells.append(f'<td class="pre">{escape(text)}</td>' if "\n" in text else f"<td>{escape(text)}</td>")
        out.append(f"<tr>{''.join(cells)}</tr>")
    out.append("</tbody></table></div>")
    return Markup("".join(out))
