"""How long the commands take as a user types them, before and after the warm runner.

Each command runs as a fresh ``newslake`` process (what a user waits for), in a throw-away
state folder with its own S3 port. Two stacks, in the same run:

* **before** — ``newslake up --no-prefect --no-runner``: every ``ingest`` starts Prefect's
  temporary server, imports the pipeline and loads the models itself (how main worked);
* **after** — ``newslake up`` (Prefect server and warm runner): ``ingest`` lands its files
  and hands the keys to the runner, which has everything loaded.

For each: ``up`` (and the time until the warm runner is ready); one new JSON file ingested
(then queried: the article must be in the lake when the command returns); three new HTML pages; ``sql``, ``search`` and
``status``; ``down``. Then the ``make run`` sequence (up, ingest the examples and the seed,
sql, down) twice each way — the second is the warm one the bar is about. Bars (issue #13):
one-file ingest with the article queryable ≤ 3 s, sql/search/status ≤ 1.5 s, make run warm
≤ 15 s. Not a timed test: run it by hand (about 3 minutes).

    .venv/bin/python bench/commands.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._stack import ROOT, SHARED_DATA, isolate_environment  # noqa: E402

NEWSLAKE = str(Path(sys.executable).with_name("newslake"))
EXAMPLES = ROOT / "examples"
SEED = SHARED_DATA / "seed"
PAGE = """<!doctype html><html lang="en"><head><title>{title}</title></head><body><article><h1>{title}</h1>
<p>The council of {town} approved the new harbour plan on Tuesday after a long debate about costs.</p>
<p>Officials said the first phase would cost 40 million euros and employ about 300 people next spring.</p>
<p>"This is the most important investment in a generation," the mayor of {town} told reporters.</p>
</article></body></html>"""


def timed(*args: str, check: bool = True) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run([NEWSLAKE, *args], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if check and done.returncode != 0:
        raise SystemExit(f"`newslake {' '.join(args)}` failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return seconds, done.stdout


def inputs(folder: Path, tag: str) -> tuple[Path, list[Path]]:
    """One JSON record and three HTML pages no earlier step has seen."""
    record = folder / f"record-{tag}.json"
    record.write_text(json.dumps({
        "url": f"https://bench.example/{tag}/record", "title": f"Rail link approved in Porto ({tag})",
        "published_at": "2026-12-01T09:00:00+01:00",
        "text": "The city council of Porto approved the new rail link on Monday after a long debate about its cost. "
        "Engineers said the line would open in three years and carry forty thousand people a day between the "
        "airport and the old town. \"We have waited for this for a generation,\" the mayor told reporters, adding "
        "that the first trains would run every ten minutes. Opponents said the money would be better spent on buses.",
    }))
    pages = []
    for index, town in enumerate(("Lisbon", "Bergen", "Gdansk")):
        page = folder / f"page-{tag}-{index}.html"
        page.write_text(PAGE.format(title=f"{town} approves harbour plan ({tag})", town=town))
        pages.append(page)
    return record, pages


def one_stack(label: str, up_args: list[str], folder: Path) -> dict[str, float]:
    record, pages = inputs(folder, label)
    started = time.perf_counter()
    times: dict[str, float] = {}
    try:  # an `up` that fails half-way has started servers too: `down` runs whatever happens
        times["up"] = timed("up", *up_args)[0]
        wait_for_runner()
        times["up until ready"] = time.perf_counter() - started
        times["ingest one file"] = timed("ingest", str(record))[0]
        _, out = timed("sql", f"SELECT title FROM articles WHERE url = 'https://bench.example/{label}/record'")
        if f"({label})" not in out:
            raise SystemExit(f"{label}: the ingested article is not in the lake:\n{out}")
        times["ingest three pages"] = timed("ingest", *map(str, pages))[0]
        times["sql"] = timed("sql", "SELECT count(*) FROM articles")[0]
        times["search"] = timed("search", "harbour plan")[0]
        times["status"] = timed("status")[0]
    finally:
        times["down"] = timed("down", check=False)[0]
    return times


def wait_for_runner() -> None:
    """Until the warm runner (if any) has the pipeline loaded: the bars are for a stack that is up."""
    from newslake.core.settings import get_settings
    from newslake.service import runner

    settings = get_settings()
    if runner.running(settings):
        runner.wait_ready(settings)


def make_run(up_args: list[str]) -> float:
    started = time.perf_counter()
    steps: list[float] = []
    try:
        steps.append(timed("up", *up_args)[0])
        steps.append(timed("ingest", str(EXAMPLES), *([str(SEED)] if SEED.exists() else []), check=False)[0])  # a broken example
        steps.append(timed("sql", "SELECT title, language, word_count, format FROM articles ORDER BY format, title")[0])
    finally:
        steps.append(timed("down", check=False)[0])
    total = time.perf_counter() - started
    print(f"make run {' '.join(up_args) or '(default)'}: up {steps[0]:.1f} s, ingest {steps[1]:.1f} s, "
          f"sql {steps[2]:.1f} s, down {steps[-1]:.1f} s: {total:.1f} s", flush=True)
    return total


def main() -> None:
    state = isolate_environment()
    # As `make run` leaves it: a state folder relative to where the commands run.
    os.chdir(state.parent)
    os.environ["NEWSLAKE_STATE_DIR"] = state.name
    folder = Path(tempfile.mkdtemp(prefix="newslake-bench-inputs-"))
    ways = {"before": ["--no-prefect", "--no-runner"], "after": []}
    results = {label: one_stack(label, args, folder) for label, args in ways.items()}
    for label, args in ways.items():
        make_run(args)  # cold: first time this way
        results[label]["make run (warm)"] = make_run(args)
    bars = {"ingest one file": 3.0, "sql": 1.5, "search": 1.5, "status": 1.5, "make run (warm)": 15.0}
    print(f"\nnewslake commands, seconds as a user waits for them ({os.cpu_count()} cores)\n")
    print(f"{'command':28} {'before':>8} {'after':>8} {'after/before':>13}  bar")
    for name in results["after"]:
        before, after = results["before"][name], results["after"][name]
        bar = f"≤ {bars[name]:g} s {'met' if after <= bars[name] else 'MISSED'}" if name in bars else ""
        print(f"{name:28} {before:8.2f} {after:8.2f} {after / before:13.2f}  {bar}")


if __name__ == "__main__":
    main()
