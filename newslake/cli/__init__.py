"""The `newslake` command."""

from newslake.cli.app import app

__all__ = ["app"]
