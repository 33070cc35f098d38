"""The page's style sheet, inlined in its ``<style>`` element (the page fetches nothing).

Colours match the charts' (:mod:`newslake.analysis.charts.frame`); fonts are system
fonts, so the page looks the same offline."""

CSS = """
:root { --ink: #1f2328; --muted: #656d76; --line: #d0d7de; --soft: #eaeef2; --panel: #f6f8fa; --accent: #0969da; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", "Liberation Sans", "DejaVu Sans", Arial, sans-serif; }
.wrap { max-width: 1104px; margin: 0 auto; padding: 0 32px; }
header.page { background: var(--panel); border-bottom: 1px solid var(--line); padding: 28px 0 0; }
h1 { font-size: 26px; line-height: 1.2; margin: 0; letter-spacing: -0.01em; }
.period { margin: 2px 0 14px; color: var(--muted); font-size: 16px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 18px; margin: 0 0 18px; font-size: 13px; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
nav { display: flex; gap: 22px; font-size: 13px; }
nav a { color: var(--ink); text-decoration: none; padding: 8px 0 10px; border-bottom: 2px solid transparent; }
nav a:hover { border-bottom-color: var(--accent); color: var(--accent); }
main { padding-bottom: 40px; }
section { margin-top: 36px; }
h2 { font-size: 19px; margin: 0 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 26px 0 2px; }
p.lede { color: var(--muted); margin: 0 0 14px; max-width: 80ch; }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin-top: 26px; }
.kpi { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px 12px; background: #fff; }
.kpi-label { color: var(--muted); font-size: 12px; }
.kpi-value { font-size: 26px; font-weight: 600; line-height: 1.25; font-variant-numeric: tabular-nums; }
.kpi-detail { color: var(--muted); font-size: 12px; }
.grid { display: grid; gap: 22px 30px; }
.grid-2 { grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); }
.grid-3 { grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); }
figure { margin: 0 0 22px; }
figcaption { color: var(--muted); font-size: 12px; margin-top: 4px; }
svg.chart { display: block; max-width: 100%; height: auto; overflow: visible; }
figure.wide { overflow-x: auto; }
figure.wide svg.chart { min-width: 680px; }
.note { background: #fff8e1; border: 1px solid #ecd58c; border-radius: 6px; padding: 8px 12px; margin: 0 0 16px;
  font-size: 13px; max-width: 90ch; }
.empty { color: var(--muted); font-style: italic; border: 1px dashed var(--line); border-radius: 8px; padding: 18px;
  text-align: center; background: var(--panel); }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin-bottom: 10px; }
th { text-align: left; color: var(--muted); font-weight: 600; border-bottom: 2px solid var(--line); padding: 6px 8px;
  white-space: nowrap; }
td { border-bottom: 1px solid var(--soft); padding: 7px 8px; vertical-align: top; }
tbody tr:hover td { background: var(--panel); }
.num { text-align: right; font-variant-numeric: tabular-nums; }
td.when { white-space: nowrap; color: var(--muted); font-variant-numeric: tabular-nums; }
td.story { font-weight: 500; min-width: 280px; }
td.story a { color: var(--ink); text-decoration: none; }
td.story a:hover { color: var(--accent); text-decoration: underline; }
.tag { display: inline-block; background: var(--soft); border-radius: 10px; padding: 0 8px; margin: 1px 3px 1px 0;
  font-size: 12px; white-space: nowrap; }
.more { color: var(--muted); font-size: 12px; }
td.example { overflow-wrap: anywhere; }
td.example .source { color: var(--muted); font-size: 12px; font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; background: var(--soft);
  padding: 1px 5px; border-radius: 4px; }
footer { border-top: 1px solid var(--line); color: var(--muted); font-size: 12px; padding: 16px 0 28px; }
@media print { nav { display: none; } section { break-inside: avoid; } header.page { background: none; } }
"""
