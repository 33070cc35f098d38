"""Bytes to text: the encoding of a landed object, or why it is not text at all.

In order: a byte-order mark (UTF-8, UTF-16, UTF-32); NUL bytes, which are either
UTF-16/UTF-32 without a mark (mostly-ASCII UTF-16 has a NUL in every other byte)
or binary data; UTF-8; the charset a page declares (``<meta charset>``, the XML
declaration); UTF-8 with a few broken bytes; and last the legacy encodings
``charset_normalizer`` recognises (Windows-1252, Windows-1251, GB18030, Shift-JIS...),
which it refuses for bytes that are no text in any of them. Whatever is chosen
must then look like text (``tasks.extract.plausible``): no single-byte code page
that "decodes" anything is taken on trust.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes
from charset_normalizer.constant import IANA_SUPPORTED

from tasks.extract.detect import UnsupportedInput
from tasks.extract.plausible import not_text_reason

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_WIDE = ("utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be")
MAX_STRAY_NUL_SHARE = 0.001  # NUL bytes in otherwise 8-bit text: dropped up to this share, else binary
_DETECT_SAMPLE = 512 * 1024  # bytes charset_normalizer looks at
_DECLARED = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]{1,40})|<\?xml[^>]{0,200}?encoding\s*=\s*["']([\w.:-]{1,40})""", re.I)
_NON_ASCII = re.compile("[^\x00-\x7f]")
# what a page may declare: the text encodings charset_normalizer knows, never UTF-7 (a script
# smuggler) and never UTF-16/32 (their bytes hold NULs, handled before)
_DECLARABLE = {name for name in IANA_SUPPORTED if not name.startswith(("utf_7", "utf_16", "utf_32"))}
_WHATWG_ALIASES = {"latin_1": "cp1252", "iso8859_1": "cp1252", "ascii": "cp1252"}  # as browsers read them


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def decode_text(key: str, data: bytes, *, markup: bool = False) -> Decoded:
    """The text of ``data``, or UnsupportedInput saying why it is none. ``markup``: the
    charset a page declares is tried after UTF-8."""
    decoded = _decode(key, data, markup=markup)
    problem = not_text_reason(decoded.text, prose=False)
    if problem:
        raise UnsupportedInput(f"{key}: {problem} (read as {decoded.encoding})")
    return decoded


def _decode(key: str, data: bytes, *, markup: bool) -> Decoded:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return Decoded(data[len(bom) :].decode(codec, errors="replace"), codec)
    if b"\x00" in data:
        wide = _wide_unicode(data)
        if wide is not None:
            return wide
        data = data.rstrip(b"\x00")  # padding
        if not data.strip() or data.count(b"\x00") > MAX_STRAY_NUL_SHARE * len(data):
            raise UnsupportedInput(f"{key}: binary content (NUL bytes), not an article")
        data = data.replace(b"\x00", b"")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if markup:
        declared = _declared_charset(data[:4096])
        if declared:
            try:
                return Decoded(data.decode(declared), declared)
            except (UnicodeDecodeError, LookupError):
                pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly
    return _legacy(key, data)


def _wide_unicode(data: bytes) -> Decoded | None:
    """UTF-16 or UTF-32 without a byte-order mark: tried in the order the NUL bytes suggest
    (mostly-ASCII UTF-16LE has them at odd offsets), kept when it decodes strictly and reads
    as text. Binary data fails one or the other (unpaired surrogates, code points past
    U+10FFFF, unassigned characters)."""
    sample = data[:65536]
    share = [sample[offset::4].count(0) / max(1, len(sample[offset::4])) for offset in range(4)]
    odd, even = share[1] + share[3], share[0] + share[2]
    order = sorted(_WIDE, key=lambda codec: -_nul_fit(codec, share, odd, even))
    for codec in order:
        size = 4 if "32" in codec else 2
        try:
            text = data[: len(data) - len(data) % size].decode(codec)  # a cut-off last character is lost
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and not not_text_reason(text, prose=False, scripts=True):
            return Decoded(text, codec)
    return None


def _nul_fit(codec: str, share: list[float], odd: float, even: float) -> float:
    """How well the NUL bytes' positions fit ``codec`` for mostly-ASCII text."""
    if codec == "utf-32-le":
        return share[1] + share[2] + share[3] - 3 * share[0]
    if codec == "utf-32-be":
        return share[0] + share[1] + share[2] - 3 * share[3]
    return (odd - even) if codec == "utf-16-le" else (even - odd)


def _declared_charset(head: bytes) -> str | None:
    match = _DECLARED.search(head)
    if not match:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii", "replace")
    try:
        codec = codecs.lookup(name).name.replace("-", "_")
    except LookupError:
        return None
    codec = _WHATWG_ALIASES.get(codec, codec)
    return codec if codec in _DECLARABLE else None


def _mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few broken bytes (a cut-off last character, a pasted Latin-1 word): most
    non-ASCII bytes form valid UTF-8 sequences, which no legacy encoding's text does by chance."""
    sample = data[:_DETECT_SAMPLE]
    text = sample.decode("utf-8", errors="replace")
    broken = text.count("\ufffd") - sample.count(b"\xef\xbf\xbd")
    valid = len(_NON_ASCII.findall(text)) - text.count("\ufffd")
    if valid >= 4 * broken:
        return Decoded(data.decode("utf-8", errors="replace"), "utf-8 (with invalid bytes replaced)")
    return None


def _legacy(key: str, data: bytes) -> Decoded:
    """A legacy encoding charset_normalizer recognises, the first in its order whose text is
    plausible; refused when there is none."""
    sample = data[:_DETECT_SAMPLE]
    if len(data) > _DETECT_SAMPLE:  # do not cut a multi-byte character: end at a line break
        cut = sample.rfind(b"\n", _DETECT_SAMPLE - 8192)
        sample = sample[: cut + 1] if cut > 0 else sample
    problem = "no character encoding fits (not UTF-8, UTF-16 or a legacy encoding that was recognised)"
    for match in list(from_bytes(sample))[:5]:
        codec = match.encoding
        if codec.startswith(("utf_16", "utf_32", "utf_7")):
            continue
        text = data.decode(codec, errors="replace")
        reason = not_text_reason(text, prose=False, scripts=True)
        if reason is None:
            return Decoded(text, codec)
        problem = f"{reason} (read as {codec})"
    raise UnsupportedInput(f"{key}: not text: {problem}; random or binary bytes")
