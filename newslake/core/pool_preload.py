"""Imported by the process pool's forkserver (``multiprocessing``'s preload), never by our
code: it runs the pool's warm-up in the server once, so that every worker forked from it
starts with the models loaded (``newslake.core.parallel``)."""

from __future__ import annotations

import importlib
import os

from newslake.core.parallel import PRELOAD_ENV, warm_up_once


def _preload() -> None:
    spec = os.environ.get(PRELOAD_ENV)
    if not spec:
        return
    module_name, _, qualname = spec.partition(":")
    try:
        target = importlib.import_module(module_name)
        for part in qualname.split("."):
            target = getattr(target, part)
    except Exception as exc:  # noqa: BLE001 - the forkserver must start; workers warm up themselves
        print(f"newslake: the pool's warm-up {spec} cannot be loaded in the forkserver: {exc}", flush=True)
        return
    warm_up_once(target)


_preload()
