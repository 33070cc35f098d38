"""Where the shared test data (the seed article, the AEB pages) is, for tests and benches.

It sits beside the checkout (``../shared/data``). A clone made elsewhere
(``git clone /work/main /tmp/fresh``) finds it beside the repository it was
cloned from; ``NEWSLAKE_SHARED_DATA`` overrides both.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def shared_data_dir(root: Path) -> Path:
    if os.environ.get("NEWSLAKE_SHARED_DATA"):
        return Path(os.environ["NEWSLAKE_SHARED_DATA"])
    beside = root.parent / "shared" / "data"
    if beside.is_dir():
        return beside
    origin = _origin_path(root)
    if origin and (origin.parent / "shared" / "data").is_dir():
        return origin.parent / "shared" / "data"
    return beside  # missing: the fixtures that need it say so


def _origin_path(root: Path) -> Path | None:
    try:
        url = subprocess.run(
            ["git", "-C", str(root), "config", "--get", "remote.origin.url"],
            capture_output=True, text=True, timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    path = Path(url.removeprefix("file://"))
    return path.resolve() if url and path.is_dir() else None
