"""Is it text? Whether a decoded string is plausibly written language, or why not.

Any byte string decodes to *something* in a single-byte code page, so decoding
without an error proves nothing: 30 KB of random bytes in 0x80-0xFF "decode" as
Windows-1252 into letters with accents, and word counting then finds thousands of
"words". Written language, in any script, has a recognisable make-up: mostly
letters, in words of a few letters, from one writing system (plus Latin), few
control or invisible characters, nothing undecodable, and many different words.
Each test below names what failed, so the rejection says why. Pure functions.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

SAMPLE_CHARS = 100_000  # a long text is judged on its beginning

MAX_CONTROL_SHARE = 0.01  # C0/C1 control characters other than whitespace, of all characters
MAX_INVISIBLE_SHARE = 0.25  # zero-width and direction marks (Cf), of all characters
MAX_UNDECODABLE_SHARE = 0.05  # U+FFFD, private-use, unassigned, surrogates, of visible characters
MIN_LETTER_SHARE = 0.3  # letters and combining marks, of visible characters
MIN_MAIN_SCRIPTS_SHARE = 0.75  # letters in Latin plus the three most used other scripts
MIN_WORDLIKE_SHARE = 0.2  # tokens made of letters only, 1-25 of them (spaced scripts)
MAX_MEDIAN_TOKEN = 25  # characters: longer "words" are encoded data (base64, hex)
MIN_DISTINCT_WORDS = 10  # among at least REPETITION_WORDS words
REPETITION_WORDS = 50
MIN_SPACE_SHARE = 0.02  # of the characters of a text in spaced scripts (prose has ~15%)
SPACED_LETTERS = 200  # ...judged from this many letters of spaced scripts on

_SPACE_CONTROLS = frozenset("\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85")
_UNDECODABLE = frozenset(("Co", "Cn", "Cs"))
# scripts written without spaces between words: their runs of letters are phrases, not words
_UNSPACED = re.compile(
    "[\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003ffff]"
)
_PUNCTUATION = ".,;:!?\"'()[]«»“”‘’—–-…¿¡„‚"
# a letter: \w but digits and "_", or a combining mark (Latin, Cyrillic, Hebrew, Arabic, the Indic
# and South-East Asian blocks whose vowel signs are marks), or a zero-width (non-)joiner
_LETTER = (
    "(?:[^\\W\\d_]|[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
    "\u0900-\u0dff\u0e00-\u0eff\u1000-\u109f\u1ab0-\u1aff\u1dc0-\u1dff\u200c\u200d\u00ad])"
)
# a token that is a word: letters only, maybe joined by an apostrophe, hyphen or dot ("don't",
# "e-mail", "U.S."), between spaces, maybe with punctuation around it; counted in one pass
_P = "".join(re.escape(ch) for ch in _PUNCTUATION)
_WORDLIKE = re.compile(
    f"(?<!\\S)[{_P}]*{_LETTER}{{1,{MAX_MEDIAN_TOKEN}}}(?:['’.\\-‐]{_LETTER}{{1,{MAX_MEDIAN_TOKEN}}})*[{_P}]*(?!\\S)"
)
TOKENS_SAMPLE = 30_000  # characters: the shape of words is judged on the first few thousand
_WORD = re.compile(r"\w+")


def not_text_reason(text: str, *, prose: bool = True, scripts: bool | None = None) -> str | None:
    """Why ``text`` is not plausibly written language, or None when it is.

    With ``prose=False`` (whole documents that may be markup or JSON) only the make-up of
    the characters is judged: control, invisible and undecodable characters. With
    ``prose=True`` (an article's body) also the share of letters, the shape of the words,
    how many different words there are and (``scripts``, on by default for prose) whether
    the letters come from a few writing systems, as a language's do."""
    sample = text[:SAMPLE_CHARS]
    chars = Counter(sample)
    total = sum(chars.values())
    if not total:
        return "no text at all"
    kinds = _kinds(chars)
    visible = total - kinds["space"] - kinds["invisible"] - kinds["control"]
    if kinds["control"] > MAX_CONTROL_SHARE * total:
        return (
            f"{_percent(kinds['control'], total)} of its characters are control characters "
            "(binary data or terminal output), not text"
        )
    if kinds["invisible"] > MAX_INVISIBLE_SHARE * total or (prose and visible <= 0):
        return f"{_percent(kinds['invisible'] + kinds['space'], total)} of its characters are invisible (spaces, zero-width or direction marks), not text"
    if visible <= 0:
        return None
    if kinds["undecodable"] > MAX_UNDECODABLE_SHARE * visible:
        return (
            f"{_percent(kinds['undecodable'], visible)} of its characters are undecodable (U+FFFD), unassigned or "
            "private-use: binary data or text in an encoding that could not be recognised"
        )
    if prose and kinds["letter"] < MIN_LETTER_SHARE * visible:
        return f"only {_percent(kinds['letter'], visible)} of its visible characters are letters: symbols, digits or punctuation, not text"
    mixed = _script_mix(chars) if (prose if scripts is None else scripts) else None
    if mixed:
        return mixed
    return _words_problem(sample, chars, kinds) if prose else None


def _kinds(chars: Counter) -> Counter:
    kinds: Counter = Counter()
    for ch, count in chars.items():
        kinds[_kind(ch)] += count
    return kinds


@lru_cache(maxsize=65536)
def _kind(ch: str) -> str:
    if ch in _SPACE_CONTROLS:
        return "space"
    category = unicodedata.category(ch)
    if category[0] in "LM":
        return "letter"
    if category == "Zs":
        return "space"
    if category == "Cc":
        return "control"
    if category == "Cf" or category in ("Zl", "Zp"):
        return "invisible"
    if category in _UNDECODABLE or ch == "\ufffd":
        return "undecodable"
    return "other"


@lru_cache(maxsize=65536)
def _script(ch: str) -> str | None:
    """The writing system of a letter, from its Unicode name ("CYRILLIC SMALL LETTER A");
    None for letters of no particular script (modifier letters, combining marks)."""
    if not unicodedata.category(ch).startswith("L"):
        return None
    name = unicodedata.name(ch, "")
    word = name.split(" ", 1)[0].split("-", 1)[0]
    if word in ("", "MODIFIER", "COMBINING"):
        return None
    if word == "FULLWIDTH" or word == "HALFWIDTH":
        word = name.split(" ")[1]
    return {"HIRAGANA": "JAPANESE", "KATAKANA": "JAPANESE", "IDEOGRAPHIC": "CJK"}.get(word, word)


def _script_mix(chars: Counter) -> str | None:
    """Letters from many writing systems at once: random code points, not a language."""
    scripts: Counter = Counter()
    for ch, count in chars.items():
        script = _script(ch) if ch.isalpha() else None
        if script:
            scripts[script] += count
    letters = sum(scripts.values())
    if letters < 50:
        return None
    main = scripts.pop("LATIN", 0) + sum(count for _, count in scripts.most_common(3))
    if main >= MIN_MAIN_SCRIPTS_SHARE * letters:
        return None
    return (
        f"its letters come from {len(scripts) + 1} writing systems at random ({_percent(letters - main, letters)} "
        "outside the main ones): not text in any language"
    )


def _words_problem(sample: str, chars: Counter, kinds: Counter) -> str | None:
    """Tokens that are not shaped like words, no spaces between them, or the same few words
    over and over."""
    has_unspaced = _UNSPACED.search(sample) is not None
    head = sample[:TOKENS_SAMPLE]
    tokens = head.split()
    if has_unspaced:  # phrases of scripts without spaces are no words
        tokens = [t for t in tokens if not _UNSPACED.search(t)]
        head = " ".join(tokens)
    if len(tokens) >= 20:
        median = sorted(map(len, tokens))[len(tokens) // 2]
        if median > MAX_MEDIAN_TOKEN:
            return f"its 'words' are {median} characters long (median): encoded data such as base64 or hex, not text"
        wordlike = len(_WORDLIKE.findall(head))
        if wordlike < MIN_WORDLIKE_SHARE * len(tokens):
            return f"only {_percent(wordlike, len(tokens))} of its tokens look like words (letters only): data or code, not text"
    unspaced = sum(count for ch, count in chars.items() if _UNSPACED.match(ch)) if has_unspaced else 0
    spaced = kinds["letter"] - unspaced  # letters of scripts that separate words by spaces
    total = sum(chars.values())
    if spaced >= SPACED_LETTERS and spaced >= 0.8 * kinds["letter"] and kinds["space"] < MIN_SPACE_SHARE * (total - unspaced):
        return f"hardly any spaces ({_percent(kinds['space'], total)} of its characters): one run of characters, not words"
    words = _WORD.findall(sample.lower())
    if has_unspaced:  # each character of a script written without spaces counts as a word
        words = [w for run in words for w in (_UNSPACED.findall(run) if _UNSPACED.search(run) else [run])]
    if len(words) >= REPETITION_WORDS:
        distinct = len(set(words))
        if distinct < MIN_DISTINCT_WORDS:
            return f"the same {distinct} word{'s' if distinct > 1 else ''} over and over ({len(words)} words, {distinct} different): filler or generated, not an article"
    return None


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "0%"
