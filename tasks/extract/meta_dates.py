"""Choosing a page's publication and modification dates. The publisher's statement (JSON-LD,
meta, ``<time>``) comes before heuristics, never after the fetch; when the URL holds a date,
the statement agreeing with it wins, since a page re-dated by an update keeps its first day
in the URL."""

from __future__ import annotations

import warnings
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

from dateutil import parser as _dateparser

from tasks.extract.meta_statements import Statements
from tasks.extract.meta_vocabulary_data import MONTH_ABBR, URL_DATE, URL_MONTH, ZONE_NAMES, ZONES
from tasks.extract.normalize import NOT_A_DATE, OUT_OF_RANGE, parse_timestamp, timestamp_or_reason

# before the web had news sites: a placeholder ("0001-01-01", epoch 0), not a date
_EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)


def choose_published(found: Statements, fetched_at: datetime | None, guessed: str | None) -> tuple[datetime | None, str | None]:
    """(moment, source) of publication: the first statement agreeing with the URL's date,
    else the URL's day, htmldate's guess (``guessed``) or nothing, as explained inline."""
    stated = []
    for source, value in found.published:
        moment = parse_date(value, fetched_at)
        if moment is not None:
            if _agrees_with_url(value, moment, found) is not False:
                return moment, source
            stated.append((source, value, moment))
    if stated:
        source, value, moment = stated[0]
        if found.url_date is None or abs(moment.date() - found.url_date) <= timedelta(days=1):
            return moment, source  # a time-zone difference, or a URL with only a month
    guess = parse_date(guessed, fetched_at) if guessed else None
    url_moment = _url_moment(found, fetched_at)
    if stated and url_moment is not None:
        # the page states dates and the URL another day, more than a time zone away: the URL
        # keeps the day the article was first published, the statement is a later re-dating
        return url_moment, "html:url"
    if guess is not None and (url_moment is None or abs(guess.date() - url_moment.date()) <= timedelta(days=1)):
        return guess, "html:htmldate"
    if url_moment is not None:
        return url_moment, "html:url"
    if found.published and not stated:  # the page states a date, but none can be used: say why
        return None, f"ignored: {_why_ignored(found.published[0][1], fetched_at)}"
    return None, None


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
