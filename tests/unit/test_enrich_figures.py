"""Amounts with their units and what they count."""

from pathlib import Path

import pytest

from tasks.enrich.figures import Figure, extract_figures


def seed_body(seed_path: Path) -> str:
    """The seed article's body: its lines from "Putin arrived in Iran" to "…Russian market."."""
    lines = seed_path.read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("Putin arrived in Iran"))
    last = next(i for i, line in enumerate(lines) if line.endswith("also relies on the Russian market."))
    return "\n\n".join(line for line in lines[first : last + 1] if line.strip())


def _by_text(text: str) -> dict[str, Figure]:
    figures = extract_figures(text)
    for figure in figures:
        assert text[figure.start : figure.end] == figure.text
    return {f.text: f for f in figures}


def test_seed_figures(seed_path):
    figures = _by_text(seed_body(seed_path))
    grain = figures["22million tons"]
    assert (grain.value, grain.unit, grain.counts) == (22e6, "tons", "grain")
    drones = figures["hundreds’ of combat drones"]
    assert (drones.value, drones.unit, drones.counts) == (None, None, "drones")
    # "June 8 and July 5", "five months ago", "World War II", "fifth visit" are not amounts
    assert set(figures) == {"22million tons", "hundreds’ of combat drones"}


TEXT = (
    "The company will invest $5 billion in new factories and create 40 new jobs. "
    "Unemployment rose to 12 per cent, up from 9.5% a year earlier. The club paid £24m for the striker. "
    "Officials said 1.5bn barrels of oil, half a million people and two million tonnes of wheat were at stake. "
    "Tens of thousands of protesters gathered; 15 per cent of the population voted. "
    "It sent US$300m in aid and €1,200 each, five per cent more than a billion dollars."
)


@pytest.mark.parametrize(
    ("text", "value", "unit", "counts"),
    [
        ("$5 billion", 5e9, "USD", "factories"),
        ("40 new jobs", 40, None, "jobs"),
        ("12 per cent", 12, "percent", None),
        ("9.5%", 9.5, "percent", None),
        ("£24m", 24e6, "GBP", None),
        ("1.5bn barrels", 1.5e9, "barrels", "oil"),
        ("half a million people", 5e5, None, "people"),
        ("two million tonnes", 2e6, "tonnes", "wheat"),
        ("Tens of thousands of protesters", None, None, "protesters"),
        ("US$300m", 300e6, "USD", "aid"),
        ("€1,200", 1200, "EUR", None),
        ("five per cent", 5, "percent", None),
        ("a billion dollars", 1e9, "USD", None),
    ],
)
def test_figures_of_our_own(text, value, unit, counts):
    figure = _by_text(TEXT)[text]
    assert (figure.value, figure.unit, figure.counts) == (value, unit, counts)


def test_percent_of_something():
    figures = [f for f in extract_figures(TEXT) if f.counts == "population"]
    assert [(f.text, f.value) for f in figures] == [("15 per cent", 15)]


@pytest.mark.parametrize(
    "text",
    [
        "They met on June 8 and again on 8 July.",
        "In 2022 the war began.",
        "The vote is at 5pm, or 5 p.m. at the latest.",
        "It flew an F-16 and a Su-35 during COVID-19.",
        "A 40-year-old man was the 3rd to arrive at 10:30.",
        "The two nations will meet for a fifth time.",
        "Page 7",
    ],
)
def test_dates_times_codes_and_bare_numbers_are_not_figures(text):
    assert extract_figures(text) == []


def test_figures_do_not_overlap_and_come_in_order():
    figures = extract_figures(TEXT)
    assert [f.start for f in figures] == sorted(f.start for f in figures)
    assert all(a.end <= b.start for a, b in zip(figures, figures[1:]))
