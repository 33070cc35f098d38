"""The publisher's own clock: many pages state their publication time in UTC ("...Z",
"+00:00") in JSON-LD and meta tags for machines, and in local time for readers (a ``<time>``
with its offset, a naive "Friday, December 22, 2023, 01:54 PM", the visible dateline
"8:00 PM EST, Tue December 19, 2023"). The calendar day of publication is the local one, so
when the chosen statement is in UTC and another statement or the visible dateline shows the
same moment (or, for a dateline with a day only, a day a time zone away) in local time, that
rendering is the publication time as the publisher states it.

Only readings that agree with the UTC moment are taken: a different time is another event
(an update, a related story), never a time zone."""

from __future__ import annotations

import re
import warnings
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

from dateutil import parser as _dateparser
from lxml import etree
from lxml.html import HtmlElement

from tasks.extract.meta_dom import element_text, marked_with, skipped_area
from tasks.extract.meta_vocabulary_data import (
    DATELINE_MARK,
    UPDATE_WORDS,
    UPDATED_MARK,
    ZONE_NAMES,
    ZONES,
)
from tasks.extract.normalize import DOTTED_DAY, MAX_DATE_CHARS, TZ_ABBREVIATIONS, date_in_english

_UTC_STATED = re.compile(r"(?:Z|[+-]00:?00|\b(?:UTC|GMT))\s*$", re.IGNORECASE)
_HAS_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_HAS_TIME = re.compile(r"\d:\d\d|\d\s*[ap]\.?m\b", re.IGNORECASE)
_STRING_LENGTH = etree.XPath("string-length()")
_QUARTER = 15 * 60
_DEFAULTS = (datetime(2001, 1, 1), datetime(2002, 2, 2))
_MAX_DATELINES = 8
_MAX_DATELINE_CHARS = 100


def states_utc(value: str) -> bool:
    """The value is written in UTC (an epoch, "Z", "+00:00", "GMT"): a rendering for machines."""
    value = value.strip()
    return value.isdigit() or bool(_UTC_STATED.search(value))


def visible_datelines(tree: HtmlElement) -> list[str]:
    """Short texts that show readers when the article was published: ``<time>`` elements and
    elements marked as a date or timestamp, outside comments and related stories, without
    what an update label follows ("Published 9:00 · Updated 11:00" keeps "Published 9:00")."""
    found: list[str] = []
    candidates = list(tree.iter("time")) + marked_with(tree, DATELINE_MARK)
    for el in candidates:
        if UPDATED_MARK.search(f"{el.get('class') or ''} {el.get('id') or ''}") or _STRING_LENGTH(el) > 3 * _MAX_DATELINE_CHARS:
            continue
        text = UPDATE_WORDS.split(element_text(el))[0].strip()
        if 6 <= len(text) <= _MAX_DATELINE_CHARS and _HAS_YEAR.search(text) and text not in found and not skipped_area(el):
            found.append(text)
            if len(found) >= _MAX_DATELINES:
                break
    return found


def localise(moment: datetime, local: str, statements: list[str], datelines: list[str]) -> str:
    """``local`` unless it is a UTC rendering and a statement or dateline shows ``moment`` in
    the publisher's time (see the module's docstring)."""
    if not local.endswith("+00:00"):
        return local
    for text in statements:
        if found := _same_moment(text, moment, fuzzy=False):
            return found
    if any(_shows_utc(text, moment) for text in datelines):
        return local  # the page shows readers the UTC day (or time) too: its clock is UTC
    for text in datelines:
        if found := _same_moment(text, moment, fuzzy=True):
            return found
    for text in datelines:
        if (day := _day_only(text, moment)) is not None:
            return day.isoformat()
    return local


def _shows_utc(text: str, moment: datetime) -> bool:
    """The dateline shows the UTC day of ``moment`` without a time, or its UTC time."""
    timed = bool(_HAS_TIME.search(date_in_english(text)))
    for parsed in _readings(text, fuzzy=True):
        if parsed.tzinfo is not None and parsed.utcoffset():
            continue
        if parsed.date() == moment.date() and (not timed or abs(parsed.replace(tzinfo=None) - moment.replace(tzinfo=None)) <= timedelta(minutes=2)):
            return True
    return False


@lru_cache(maxsize=256)
def _readings(text: str, *, fuzzy: bool) -> tuple[datetime, ...]:
    """The dates ``text`` may state: month first ("12/05/2023" in the US) and day first (in
    Europe, and always for "05.12.2023"), without repeats. Only readings that state a year and
    a day of their own count (dateutil fills what is missing from a default, so two defaults
    must give the same answer). Callers keep the reading that agrees with the stated moment;
    a page's datelines are read by up to three of them, so the readings are kept."""
    if len(text) > MAX_DATE_CHARS:  # no date, and not worth keeping in the cache
        return ()
    text = date_in_english(text.strip())
    if not text or text.isdigit() or not _HAS_YEAR.search(text):
        return ()
    if ZONE_NAMES.search(text):
        text = ZONE_NAMES.sub(lambda m: ZONES[m.group(1)], text)
    readings: list[datetime] = []
    for dayfirst in (False, True) if not DOTTED_DAY.search(text) else (True,):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                first, second = (
                    _dateparser.parse(text, default=default, tzinfos=TZ_ABBREVIATIONS, fuzzy=fuzzy, dayfirst=dayfirst)
                    for default in _DEFAULTS
                )
        except (ValueError, OverflowError, TypeError, AttributeError):
            continue
        if first == second and first not in readings:
            readings.append(first)
    return tuple(readings)


def _same_moment(text: str, moment: datetime, *, fuzzy: bool) -> str | None:
    """The rendering of ``moment`` in ``text`` with its UTC offset, when ``text`` states a time
    of day that is ``moment`` in some time zone (an offset of whole quarter hours, up to 14 h)."""
    if len(text) > MAX_DATE_CHARS or not _HAS_TIME.search(date_in_english(text)):
        return None
    for parsed in _readings(text, fuzzy=fuzzy):
        if found := _rendering(parsed, moment):
            return found
    return None


def _rendering(parsed: datetime, moment: datetime) -> str | None:
    """``moment`` as ``parsed`` shows it, with its UTC offset; None when it is another moment."""
    if parsed.tzinfo is not None:
        offset = parsed.utcoffset()
        if not offset or abs(parsed - moment) > timedelta(minutes=2):
            return None
        return parsed.isoformat(timespec="seconds")
    shift = (parsed - moment.replace(tzinfo=None)).total_seconds()
    quarters = round(shift / _QUARTER)
    if quarters == 0 or abs(quarters) > 56 or abs(shift - quarters * _QUARTER) > 90:
        return None
    zone = timezone(timedelta(seconds=quarters * _QUARTER))
    return (moment.astimezone(zone) if parsed.second == moment.second else parsed.replace(tzinfo=zone)).isoformat(timespec="seconds")


def _day_only(text: str, moment: datetime) -> date | None:
    """The day a dateline without a time of day shows, when it is the UTC moment's day in a
    time zone west or east of UTC (not the UTC day itself: nothing to change then)."""
    if _HAS_TIME.search(date_in_english(text)):
        return None
    earliest, latest = (moment - timedelta(hours=12)).date(), (moment + timedelta(hours=14)).date()
    for parsed in _readings(text, fuzzy=True):
        day = parsed.date()
        if earliest <= day <= latest and day != moment.date():
            return day
    return None
