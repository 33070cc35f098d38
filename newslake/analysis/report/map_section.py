"""The report's map of where the news is: the geocoded places of the period's articles
(``mentions`` rows with coordinates, see tasks.enrich.geo), one bubble per place sized by
the number of articles naming it. The query is here beside its section so the map is one
module; :mod:`.queries` and :mod:`.render` only register it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from newslake.analysis.charts import escape, fmt_number
from newslake.analysis.charts.worldmap import MapPoint, world_map
from newslake.analysis.report.blocks import NO_DATA, empty, figure, plural, section
from newslake.analysis.report.data import TOP_PLACES, PlaceRow, ReportData

_CELL_DEGREES = 2.0
_TABLE_ROWS = 10
_KINDS = {"A": "country or state", "P": "city", "H": "sea", "L": "region"}


def place_rows(rows: Callable[[str], list[tuple]], published: str) -> dict[str, Any]:
    """The places named in the most articles of the period (``published`` is its SQL condition)."""
    places = [PlaceRow(*row) for row in rows(f"""
        SELECT any_value(entity ORDER BY entity) AS name, latitude, longitude, any_value(feature_class),
               mode(country_code), count(DISTINCT article_id) AS articles
        FROM mentions
        WHERE type = 'PLACE' AND latitude IS NOT NULL AND longitude IS NOT NULL AND {published}
        GROUP BY coalesce(geonames_id::VARCHAR, entity), latitude, longitude
        ORDER BY articles DESC, name LIMIT {TOP_PLACES}""")]
    return dict(places=places)


def map_section(data: ReportData) -> str:
    """A world map with a bubble per place, and the top places as a table."""
    if not data.places:
        return section("map", "Where the news is", empty(NO_DATA))
    from tasks.enrich.geo import populated_cells

    points = [MapPoint(p.name, p.latitude, p.longitude, p.articles, _detail(p)) for p in data.places]
    svg = world_map(points, populated_cells(_CELL_DEGREES),
                    subtitle="Bubble area: articles naming the place. Equirectangular projection; land drawn as the "
                             f"{_CELL_DEGREES:g}° cells holding a GeoNames town of 15,000+ (no borders).")
    caption = (f"The {plural(len(points), 'place')} named in the most articles (up to {fmt_number(TOP_PLACES)}), "
               "as geocoded at enrichment. Countries sit at the population-weighted centre of their towns.")
    return section("map", "Where the news is", figure("map-places", svg, caption, wide=True) + _table(data.places))


def _detail(place: PlaceRow) -> str:
    kind = _KINDS.get(place.feature_class or "", "place")
    return f"{kind}, {place.country_code}" if place.country_code else kind


def _table(places: list[PlaceRow]) -> str:
    rows = "".join(
        f"<tr><td>{escape(p.name)}</td><td>{escape(_detail(p))}</td><td class=\"num\">{fmt_number(p.articles)}</td></tr>"
        for p in places[:_TABLE_ROWS]
    )
    return ('<table class="places"><thead><tr><th>Place</th><th>Kind</th><th class="num">Articles</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>")

