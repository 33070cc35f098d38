"""Loading spaCy's French model in half the time, by compiling each character class once.

spaCy's French tokenizer exceptions (``spacy/lang/fr/tokenizer_exceptions.py``) join some
1,700 hyphenated and elided forms into one case-insensitive pattern, and most of them
repeat the same large Unicode letter class. Python's ``re`` optimises every copy of that
class again (``re._compiler._optimize_charset``, a pure function of the class): 1.3 of the
2.3 s that import takes, paid by every process that loads the model (each pool, Dask and
work-pool worker, the warm runner's forkserver, every test that ingests). While a model
loads, :func:`shared_charsets` remembers each optimised class, so that each distinct one
is optimised once. The compiled patterns are the same; outside the block nothing changes.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from typing import Any

try:  # Python 3.11–3.13; elsewhere the block does nothing
    from re import _compiler as _re_compiler  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other Pythons
    _re_compiler = None

_OPTIMIZE: Callable[..., Any] | None = getattr(_re_compiler, "_optimize_charset", None)
# One block at a time installs the memo and puts the original back: two threads loading
# models at once must not leave the memo installed (the second would restore the first's).
_LOCK = threading.RLock()
_depth = 0


def _remembering(optimize: Callable[..., Any]) -> Callable[..., Any]:
    seen: dict[tuple, Any] = {}

    def optimize_once(charset: list, iscased: Any = None, fixup: Any = None, fixes: Any = None) -> Any:
        key = (tuple((op, tuple(av) if isinstance(av, list) else av) for op, av in charset), iscased, fixup, id(fixes))
        try:
            return seen[key]
        except KeyError:
            seen[key] = optimize(charset, iscased, fixup, fixes)
            return seen[key]
        except TypeError:  # a class this cannot key: optimised as usual
            return optimize(charset, iscased, fixup, fixes)

    return optimize_once


@contextlib.contextmanager
def shared_charsets() -> Iterator[None]:
    """Within the block, ``re`` optimises each distinct character class once."""
    global _depth
    if _OPTIMIZE is None:  # pragma: no cover - other Pythons
        yield
        return
    with _LOCK:
        if _depth == 0:
            _re_compiler._optimize_charset = _remembering(_OPTIMIZE)
        _depth += 1
        try:
            yield
        finally:
            _depth -= 1
            if _depth == 0:
                _re_compiler._optimize_charset = _OPTIMIZE
