"""Choosing a page's publication and modification dates. The publisher's statement (JSON-LD,
meta, ``<time>``) comes before heuristics, never after the fetch; when the URL holds a date,
the statement agreeing with it wins, since a page re-dated by an update keeps its first day
in the URL."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

from dateutil import parser as _dateparser

from tasks.extract.meta_local import localise
from tasks.extract.meta_statements import Statements
from tasks.extract.meta_vocabulary_data import MONTH_ABBR, URL_DATE, URL_MONTH, ZONE_NAMES, ZONES
from tasks.extract.normalize import NOT_A_DATE, OUT_OF_RANGE, local_timestamp, parse_timestamp, timestamp_or_reason

# before the web had news sites: a placeholder ("0001-01-01", epoch 0), not a date
_EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Publication:
    """The chosen publication moment: in UTC, as the page states it (``local``, see
    :func:`tasks.extract.normalize.local_timestamp`), and where it came from (or, without a
    moment, why the stated one was ignored)."""

    moment: datetime | None = None
    local: str | None = None
    source: str | None = None


def choose_published(found: Statements, fetched_at: datetime | None, guessed: str | None) -> Publication:
    """The first statement agreeing with the URL's date, else the URL's day, htmldate's guess
    (``guessed``) or nothing, as explained inline."""
    stated = []
    for source, value in found.published:
        moment = parse_date(value, fetched_at)
        if moment is not None:
            if _agrees_with_url(value, moment, found) is not False:
                return Publication(moment, _local(found, value, moment), source)
            stated.append((source, value, moment))
    if stated:
        source, value, moment = stated[0]
        if found.url_date is None or abs(moment.date() - found.url_date) <= timedelta(days=1):
            return Publication(moment, _local(found, value, moment), source)  # a time zone apart, or a URL with a month only
    guess = parse_date(guessed, fetched_at) if guessed else None
    url_moment = _url_moment(found, fetched_at)
    url_day = found.url_date.isoformat() if found.url_date else None
    if stated and url_moment is not None:
        # the page states dates and the URL another day, more than a time zone away: the URL
        # keeps the day the article was first published, the statement is a later re-dating
        return Publication(url_moment, url_day, "html:url")
    if guess is not None and (url_moment is None or abs(guess.date() - url_moment.date()) <= timedelta(days=1)):
        return Publication(guess, _guessed_local(guessed or "", guess), "html:htmldate")
    if url_moment is not None:
        return Publication(url_moment, url_day, "html:url")
    if found.published and not stated:  # the page states a date, but none can be used: say why
        return Publication(source=f"ignored: {_why_ignored(found.published[0][1], fetched_at)}")
    return Publication()


def _local(found: Statements, value: str, moment: datetime) -> str:
    """The chosen statement as the publisher wrote it, in the reader's clock when the page
    shows that one too (``tasks.extract.meta_local``)."""
    return localise(moment, stated_local(value, moment), [v for _, v in found.published], found.datelines)


def stated_local(value: str, moment: datetime) -> str:
    """The stated value as the publisher wrote it (zone names read as offsets), falling back on
    the UTC moment when it cannot be rendered."""
    value = value.strip()
    if not value.isdigit() and ZONE_NAMES.search(value):
        value = ZONE_NAMES.sub(lambda m: ZONES[m.group(1)], value)
    return local_timestamp(value) or moment.isoformat(timespec="seconds")


def _guessed_local(guessed: str, moment: datetime) -> str:
    """htmldate's guess, printed with a time of day even when it found a day only: midnight
    without a zone is a day."""
    local = stated_local(guessed, moment)
    return local[:10] if local.endswith("T00:00:00") else local


def _why_ignored(value: str, fetched_at: datetime | None) -> str:
    """Why ``parse_date`` did not take a stated date."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        moment, why = timestamp_or_reason(value.strip(), not_after=fetched_at)
    if why:
        return why
    return OUT_OF_RANGE if moment is not None and moment < _EARLIEST else NOT_A_DATE


def choose_modified(found: Statements, fetched_at: datetime | None) -> datetime | None:
    """The first stated modification time that parses."""
    return next((t for t in (parse_date(v, fetched_at) for _, v in found.modified) if t is not None), None)


def _url_moment(found: Statements, fetched_at: datetime | None) -> datetime | None:
    """Midnight UTC of the URL's day, unless that is after the fetch."""
    if found.url_date is None:
        return None
    url_moment = datetime(found.url_date.year, found.url_date.month, found.url_date.day, tzinfo=UTC)
    if fetched_at is not None and url_moment > fetched_at:
        return None
    return url_moment


def parse_date(value: str, fetched_at: datetime | None) -> datetime | None:
    """A stated date in UTC: epoch seconds or milliseconds, or text with the zone names of
    news pages; None when implausible (before 1995, after the fetch)."""
    value = value.strip()
    if value.isdigit() and len(value) in (10, 13):
        return _plausible(parse_timestamp(int(value), not_after=fetched_at))
    if ZONE_NAMES.search(value):
        value = ZONE_NAMES.sub(lambda m: ZONES[m.group(1)], value)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _plausible(parse_timestamp(value, not_after=fetched_at))


def _plausible(moment: datetime | None) -> datetime | None:
    return moment if moment is not None and moment >= _EARLIEST else None


def _local_day(value: str) -> date | None:
    """The calendar day as written (in the publisher's time zone)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _dateparser.parse(value.strip()).date()
    except (ValueError, OverflowError, TypeError):
        return None


def _agrees_with_url(value: str, moment: datetime, found: Statements) -> bool | None:
    """None when the URL states no date; else whether the candidate is on the URL's day (in
    the publisher's or UTC time) or, for a URL with only a month, in that month."""
    if found.url_date is not None:
        return found.url_date in (moment.date(), _local_day(value))
    if found.url_month is not None:
        days = {moment.date(), _local_day(value) or moment.date()}
        return any((d.year, d.month) == found.url_month for d in days)
    return None


def url_date(url: str | None) -> tuple[date | None, tuple[int, int] | None]:
    """The day and the month a URL's path states ("/2024/03/05/", "/20240305/", "/2024/mar/05/",
    "/2024/03/"): news sites put the first publication day there."""
    if not url:
        return None, None
    try:
        path = urlsplit(url).path
    except ValueError:
        return None, None
    for pattern in URL_DATE:
        match = pattern.search(path)
        if match and path[match.start(3) - 1] == "/" and path[match.end() : match.end() + 1] == "-":
            continue  # "/2023/12/16-new-officers-...": a month, then a number in the slug
        if match:
            year, month, day = match.groups()
            month_number = int(month) if month.isdigit() else MONTH_ABBR.get(month.lower())
            if month_number is None:
                continue
            try:
                found = date(int(year), month_number, int(day))
            except ValueError:
                continue
            return found, (found.year, found.month)
    match = URL_MONTH.search(path)
    return None, (int(match.group(1)), int(match.group(2))) if match else None
