"""shared_charsets: the same compiled patterns, each character class optimised once."""

from __future__ import annotations

import threading
import time
from re import _compiler as re_compiler

from spacy.lang.char_classes import ALPHA

from tasks.enrich import regex_memo
from tasks.enrich.regex_memo import shared_charsets

# As spaCy's French tokenizer exceptions build theirs: many forms, one large letter class each.
PATTERN = "(?iu)" + "|".join(f"^{prefix}[\\-\u2010][{ALPHA}]+$" for prefix in ("anti", "ex", "néo", "post", "pré", "vice"))


def test_patterns_compile_the_same_and_each_class_is_optimised_once(monkeypatch):
    plain = re_compiler.compile(PATTERN, 0)  # not re.compile: its cache would hand back the same object
    calls: list[int] = []
    optimize = re_compiler._optimize_charset

    def counted(*args):
        calls.append(1)
        return optimize(*args)

    monkeypatch.setattr(re_compiler, "_optimize_charset", counted)
    monkeypatch.setattr(regex_memo, "_OPTIMIZE", counted)  # what the block wraps and puts back
    with shared_charsets():
        shared = re_compiler.compile(PATTERN, 0)
    assert shared == plain  # Pattern equality compares the compiled code
    assert 0 < len(calls) < 6  # six copies of the letter class, optimised fewer times than that
    for word in ("anti-inflammatoire", "Ex-Président", "post-vérité", "antiinflammatoire", "pro-européen"):
        assert bool(shared.match(word)) == bool(plain.match(word))


def test_outside_the_block_re_is_untouched():
    optimize = re_compiler._optimize_charset
    with shared_charsets():
        assert re_compiler._optimize_charset is not optimize
    assert re_compiler._optimize_charset is optimize


def test_nested_blocks_leave_re_untouched():
    optimize = re_compiler._optimize_charset
    with shared_charsets(), shared_charsets():
        assert re_compiler._optimize_charset is not optimize
    assert re_compiler._optimize_charset is optimize


def test_a_second_thread_waits_for_the_first_block_and_re_ends_untouched():
    """Two threads loading models at once: each block puts back what it found, so they must
    not overlap, or the memo could stay installed."""
    optimize = re_compiler._optimize_charset
    inside, release, order = threading.Event(), threading.Event(), []

    def first() -> None:
        with shared_charsets():
            inside.set()
            release.wait(5)
            order.append("first out")

    def second() -> None:
        inside.wait(5)
        with shared_charsets():
            order.append("second in")

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    time.sleep(0.2)
    release.set()
    for thread in threads:
        thread.join(5)
    assert order == ["first out", "second in"]
    assert re_compiler._optimize_charset is optimize
