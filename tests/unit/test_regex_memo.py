"""shared_charsets: the same compiled patterns, each character class optimised once."""

from __future__ import annotations

from re import _compiler as re_compiler

from spacy.lang.char_classes import ALPHA

from tasks.enrich.regex_memo import shared_charsets

# As spaCy's French tokenizer exceptions build theirs: many forms, one large letter class each.
PATTERN = "(?iu)" + "|".join(f"^{prefix}[\\-\u2010][{ALPHA}]+$" for prefix in ("anti", "ex", "néo", "post", "pré", "vice"))


def test_patterns_compile_the_same_and_each_class_is_optimised_once():
    plain = re_compiler.compile(PATTERN, 0)  # not re.compile: its cache would hand back the same object
    calls: list[int] = []
    optimize = re_compiler._optimize_charset

    def counted(*args):
        calls.append(1)
        return optimize(*args)

    re_compiler._optimize_charset = counted
    try:
        with shared_charsets():
            shared = re_compiler.compile(PATTERN, 0)
    finally:
        re_compiler._optimize_charset = optimize
    assert shared == plain  # Pattern equality compares the compiled code
    assert 0 < len(calls) < 6  # six copies of the letter class, optimised fewer times than that
    for word in ("anti-inflammatoire", "Ex-Président", "post-vérité", "antiinflammatoire", "pro-européen"):
        assert bool(shared.match(word)) == bool(plain.match(word))


def test_outside_the_block_re_is_untouched():
    optimize = re_compiler._optimize_charset
    with shared_charsets():
        assert re_compiler._optimize_charset is not optimize
    assert re_compiler._optimize_charset is optimize
