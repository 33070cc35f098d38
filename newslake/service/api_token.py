"""The bearer token the HTTP endpoints require.

An operator who sets ``NEWSLAKE_API_TOKEN`` gets that token; one who does not
still gets a protected service: a random token is generated once, kept in
``<state_dir>/api_token`` readable by its owner only, and reused on every start,
so configured senders (MinIO, curl scripts) keep working across restarts.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from newslake.core.settings import Settings

TOKEN_FILE = "api_token"


def token_path(settings: Settings) -> Path:
    return settings.state_dir / TOKEN_FILE


def resolve_token(settings: Settings) -> str:
    """The configured token, else the one kept in the state folder (created on first use)."""
    if settings.api_token is not None and settings.api_token.get_secret_value().strip():
        return settings.api_token.get_secret_value().strip()
    path = token_path(settings)
    existing = _read(path)
    if existing:
        return existing
    settings.state_dir.mkdir(parents=True, exist_ok=True)
    token = secrets.token_urlsafe(32)
    try:
        _write_private(path, token, exclusive=not path.exists())
    except FileExistsError:  # another process created it first: use theirs
        existing = _read(path)
        if existing:
            return existing
        _write_private(path, token, exclusive=False)
    return token


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8").strip() or None
    except FileNotFoundError:
        return None


def _write_private(path: Path, token: str, *, exclusive: bool) -> None:
    """Write with mode 0600 from the first byte (never world-readable, not even briefly)."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else os.O_TRUNC)
    fd = os.open(path, flags, 0o600)
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, (token + "\n").encode("utf-8"))
    finally:
        os.close(fd)
