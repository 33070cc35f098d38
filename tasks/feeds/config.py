"""The feed list: which feeds to poll, how often, and with which per-feed settings.

It is a TOML file (``NEWSLAKE_FEEDS_FILE``, default ``feeds.toml``) with one
``[[feeds]]`` table per feed — see ``docs/feeds.md``. Pages fetched from a feed
land under the source name ``feed-<name>``, so a feed's objects are easy to find
(``landing/feed-<name>/…``) and never mix with files or pushed payloads.
"""

from __future__ import annotations

import re
import tomllib
from datetime import timedelta
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from tasks.feeds.fetch import is_http_url

SOURCE_PREFIX = "feed-"
DEFAULT_EVERY = timedelta(minutes=10)
MIN_EVERY = timedelta(seconds=10)
_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd])", re.IGNORECASE)
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")


class FeedsConfigError(ValueError):
    """The feed list is missing or invalid; the message names the file, the feed and the field."""


def parse_every(value: str | int | float | timedelta) -> timedelta:
    """``"90s"``, ``"15m"``, ``"1h30m"``, ``"2h"``, ``"1d"``, or a number of seconds."""
    if isinstance(value, timedelta):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return timedelta(seconds=value)
    text = str(value).strip().replace(" ", "")
    parts = _DURATION.findall(text)
    if not parts or "".join(n + u for n, u in parts).lower() != text.lower():
        raise ValueError(f"{value!r} is not a duration: write e.g. \"90s\", \"15m\", \"1h30m\" or \"2h\"")
    return sum((timedelta(**{_UNITS[unit.lower()]: float(number)}) for number, unit in parts), timedelta())


def format_every(every: timedelta) -> str:
    """The shortest way to write a period back: ``15m``, ``1h30m``, ``90s``."""
    seconds = int(every.total_seconds())
    parts = []
    for unit, size in (("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)):
        if seconds >= size:
            parts.append(f"{seconds // size}{unit}")
            seconds %= size
    return "".join(parts) or "0s"


class FeedSource(BaseModel):
    """One feed and its per-source settings."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(description="Unique name: lowercase letters, digits, '-' and '_'.")
    url: str = Field(description="The feed's http(s) URL.")
    every: timedelta = Field(default=DEFAULT_EVERY, description="How often to poll: '90s', '15m', '2h'.")
    max_items: int | None = Field(default=None, ge=1, description="Consider only the first N items of each poll.")
    fetch_pages: bool = Field(default=True, description="False: land each item's own content instead of its page.")
    enabled: bool = Field(default=True, description="False: keep the feed listed but do not poll it.")

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not _NAME.match(value):
            raise ValueError(
                f"{value!r} cannot name a landing source: use 1-63 lowercase letters, digits, '-' or '_', "
                "starting with a letter or digit"
            )
        return value

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        value = value.strip()
        if not is_http_url(value):
            raise ValueError(f"{value!r} is not an http(s) URL")
        return value

    @field_validator("every", mode="before")
    @classmethod
    def _every(cls, value: Any) -> timedelta:
        every = parse_every(value)
        if every < MIN_EVERY:
            raise ValueError(f"{value!r} is too often: poll a feed at most every {MIN_EVERY.seconds} s")
        return every

    @property
    def source(self) -> str:
        """The landing source name of this feed's pages."""
        return f"{SOURCE_PREFIX}{self.name}"


class FeedsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    feeds: list[FeedSource] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_names(self) -> FeedsFile:
        seen: set[str] = set()
        for feed in self.feeds:
            if feed.name in seen:
                raise ValueError(f"two feeds are named {feed.name!r}: names must be unique")
            seen.add(feed.name)
        return self


def load_feeds(path: Path) -> list[FeedSource]:
    """The feeds declared in ``path``. Raises :class:`FeedsConfigError` when the file is
    missing, is not TOML, or declares a bad feed (naming the file, the feed and the field)."""
    if not path.is_file():
        raise FeedsConfigError(
            f"no feed list at {path}: create it (see docs/feeds.md) or point NEWSLAKE_FEEDS_FILE at yours"
        )
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise FeedsConfigError(f"{path} is not valid TOML: {exc}") from None
    return parse_feeds(document, str(path))


def parse_feeds(document: dict[str, Any], where: str = "the feed list") -> list[FeedSource]:
    try:
        return FeedsFile.model_validate(document).feeds
    except ValidationError as exc:
        raise FeedsConfigError(describe_errors(exc, document, where)) from None


def describe_errors(exc: ValidationError, document: dict[str, Any], where: str) -> str:
    """One line per problem: ``feeds.toml: feed 'bbc' (#2), field 'every': …``."""
    lines = []
    for error in exc.errors():
        loc = error["loc"]
        message = error["msg"].removeprefix("Value error, ")
        if len(loc) >= 2 and loc[0] == "feeds" and isinstance(loc[1], int):
            entry = document.get("feeds", [])[loc[1]]
            name = entry.get("name") if isinstance(entry, dict) else None
            feed = f"feed {name!r} (#{loc[1] + 1})" if name else f"feed #{loc[1] + 1}"
            field = ".".join(str(part) for part in loc[2:])
            if error["type"] == "extra_forbidden":
                message = "unknown setting (known: name, url, every, max_items, fetch_pages, enabled)"
            lines.append(f"{where}: {feed}, field {field!r}: {message}" if field else f"{where}: {feed}: {message}")
        else:
            field = ".".join(str(part) for part in loc)
            lines.append(f"{where}: {field + ': ' if field else ''}{message}")
    return "\n".join(lines)


def select_feeds(feeds: list[FeedSource], names: list[str] | None) -> list[FeedSource]:
    """The named feeds (all enabled ones when ``names`` is empty); an unknown name is an error."""
    if not names:
        return [feed for feed in feeds if feed.enabled]
    known = {feed.name: feed for feed in feeds}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise FeedsConfigError(
            f"no feed named {', '.join(map(repr, unknown))} in the feed list "
            f"(known: {', '.join(sorted(known)) or 'none'})"
        )
    return [known[name] for name in dict.fromkeys(names)]
