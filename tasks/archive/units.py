"""The units of a WARC file: where each record starts and ends, found by walking its bytes.

A ``.warc.gz`` file is a series of gzip members, one record each (the WARC standard's
advice, which CC-NEWS follows); a plain ``.warc`` file is a series of records, each a
header block whose ``Content-Length`` says where the next one starts. A **unit** is one
member (or record), with its absolute byte offset in the file and its stored length.

The walk is the one place that knows the file's layout, and it survives damage: a gzip
member that does not inflate, a stream cut off inside a member, bytes that are no member
at all, a plain record without a readable header — each becomes a unit with a
``problem`` (later a ``rejects`` row with its offset), and the walk resumes at the next
gzip magic number (or ``WARC/1.`` line). It is deterministic, so the scan that plans the
segments and the segment that later walks its own byte range see the same units.

Memory stays bounded: bytes are read in chunks, a unit's content is kept only when asked
and only up to ``limit`` bytes (a bigger one is marked oversized and skipped, inflated
in pieces of 1 MB and thrown away, never held).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

GZIP_MAGIC = b"\x1f\x8b\x08"
_CHUNK = 1 << 20
_INFLATE_STEP = 1 << 20
_MAX_HEADER = 64 * 1024
_WARC_LINE = re.compile(rb"(?:^|\n)WARC/1\.[01]\r?\n")
_CONTENT_LENGTH = re.compile(rb"\r?\ncontent-length:[ \t]*(\d+)", re.I)


@dataclass(frozen=True)
class Unit:
    """One member (or plain record) of a WARC file."""

    offset: int  # absolute byte offset of its first byte in the file
    length: int  # stored bytes
    data: bytes | None = None  # the record's bytes, uncompressed (when kept, whole and within the limit)
    problem: str | None = None  # why it cannot be read, when it cannot
    error_class: str | None = None
    size: int = 0  # uncompressed bytes, as far as the walk went


class _Window:
    """A forward-only window on a stream whose first byte sits at absolute offset ``base``."""

    def __init__(self, stream: BinaryIO, base: int) -> None:
        self.stream, self.start, self.buf, self.eof = stream, base, bytearray(), False

    @property
    def end(self) -> int:
        return self.start + len(self.buf)

    def fill(self, upto: int) -> bool:
        """Read until the window reaches absolute offset ``upto``; False at the end of the stream."""
        while self.end < upto and not self.eof:
            chunk = self.stream.read(_CHUNK)
            if not chunk:
                self.eof = True
            self.buf += chunk
        return self.end >= upto

    def get(self, start: int, stop: int) -> bytes:
        self.fill(stop)
        return bytes(self.buf[start - self.start : stop - self.start])

    def drop(self, before: int) -> None:
        cut = min(len(self.buf), max(0, before - self.start))
        del self.buf[:cut]
        self.start += cut

    def find(self, pattern: re.Pattern[bytes] | bytes, start: int) -> int:
        """The absolute offset of the next match at or after ``start``, or -1 (reads on as needed)."""
        while True:
            offset = max(0, start - self.start)
            if isinstance(pattern, bytes):
                index = self.buf.find(pattern, offset)
            else:
                match = pattern.search(self.buf, offset)
                index = match.start() if match else -1
            if index >= 0:
                return self.start + index
            if self.eof:
                return -1
            self.fill(self.end + _CHUNK)

    def at_end(self, pos: int) -> bool:
        return not self.fill(pos + 1)


def walk(stream: BinaryIO, *, gzipped: bool, base: int = 0, keep: bool = False, limit: int = 50_000_000) -> Iterator[Unit]:
    """The units of ``stream`` (which starts at absolute offset ``base``), in order."""
    window = _Window(stream, base)
    pos = base
    step = _gzip_unit if gzipped else _plain_unit
    while not window.at_end(pos):
        window.drop(pos)
        unit = step(window, pos, keep, limit)
        if unit is None:  # only blank bytes left
            return
        yield unit
        pos = unit.offset + unit.length


# --------------------------------------------------------------------------- gzip members


def _gzip_unit(window: _Window, pos: int, keep: bool, limit: int) -> Unit | None:
    if window.get(pos, pos + 3) != GZIP_MAGIC:
        if not window.get(pos, pos + _CHUNK).strip(b"\x00 \t\r\n") and window.at_end(pos + _CHUNK):
            return None  # padding at the end of the file
        return _junk(window, pos, "bytes that are not a gzip member", "NotGzip")
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    out = bytearray() if keep else None
    size = fed = 0
    cursor = pos
    try:
        while not inflater.eof:
            chunk = window.get(cursor, cursor + _CHUNK)
            if not chunk:
                problem = f"truncated gzip member: the file ends {cursor - pos:,} bytes into it, before the member does"
                return Unit(pos, cursor - pos, None, problem, "TruncatedGzip", size)
            cursor += len(chunk)
            fed += len(chunk)
            pending = chunk
            while pending and not inflater.eof:
                piece = inflater.decompress(pending, _INFLATE_STEP)
                pending = inflater.unconsumed_tail
                size += len(piece)
                if out is not None:
                    if size > limit:
                        out = None
                    else:
                        out += piece
    except zlib.error as exc:
        return _junk(window, pos, f"corrupt gzip member ({exc})", "CorruptGzip", size)
    length = fed - len(inflater.unused_data)
    if size > limit:
        return Unit(pos, length, None, _oversized(size, limit), "RecordTooLarge", size)
    return Unit(pos, length, bytes(out) if out is not None else None, None, None, size)


def _junk(window: _Window, pos: int, what: str, error_class: str, size: int = 0) -> Unit:
    """A unit from ``pos`` to the next gzip magic number (or the end)."""
    following = window.find(GZIP_MAGIC, pos + 1)
    stop = following if following >= 0 else window.end
    return Unit(pos, stop - pos, None, f"{what}; {stop - pos:,} bytes skipped to the next member", error_class, size)


def _oversized(size: int, limit: int) -> str:
    return f"WARC record of {size:,} bytes or more, over the limit of {limit:,} per record (setting max_object_bytes)"


# --------------------------------------------------------------------------- plain records


def _plain_unit(window: _Window, pos: int, keep: bool, limit: int) -> Unit | None:
    head = window.get(pos, pos + _MAX_HEADER)
    if not head.strip(b"\x00 \t\r\n"):
        if window.at_end(pos + _MAX_HEADER):
            return None
    lead = len(head) - len(head.lstrip(b"\r\n"))  # blank lines between records belong to the one before
    header_end = head.find(b"\r\n\r\n", lead)
    length_match = _CONTENT_LENGTH.search(head, lead, header_end if header_end >= 0 else len(head))
    if not head[lead:].startswith(b"WARC/") or header_end < 0 or length_match is None:
        following = window.find(_WARC_LINE, pos + lead + 1)
        stop = following + 1 if following >= 0 and window.get(following, following + 1) == b"\n" else following
        stop = stop if stop >= 0 else window.end
        return Unit(pos, stop - pos, None, f"no readable WARC record header; {stop - pos:,} bytes skipped to the next record",
                    "CorruptRecord")
    content = int(length_match.group(1))
    body_start = pos + header_end + 4
    stop = body_start + content
    if content > limit:
        window.drop(pos)
        complete = window.fill(stop)
        while window.end < stop and not window.eof:  # skip without holding it
            window.drop(window.end)
            complete = window.fill(min(stop, window.end + _CHUNK))
        if not complete and window.end < stop:
            return Unit(pos, window.end - pos, None, "truncated WARC record: the file ends inside it", "TruncatedRecord", content)
        return Unit(pos, stop + _trailer(window, stop) - pos, None, _oversized(content, limit), "RecordTooLarge", content)
    if not window.fill(stop):
        return Unit(pos, window.end - pos, None, "truncated WARC record: the file ends inside it", "TruncatedRecord", content)
    end = stop + _trailer(window, stop)
    return Unit(pos, end - pos, window.get(pos + lead, stop) if keep else None, None, None, stop - pos)


def _trailer(window: _Window, stop: int) -> int:
    """The record's closing CRLF CRLF (and stray blank lines): part of it."""
    tail = window.get(stop, stop + 4)
    return len(tail) - len(tail.lstrip(b"\r\n"))
