"""The `newslake` command: the typer app of app.py with the commands of the *_commands modules."""

# isort: off
from newslake.cli.app import app

# Importing a command module registers its commands with `app`; this order is their order in `newslake --help`.
from newslake.cli import stack_commands, ingest_commands, backfill_commands, reject_commands, query_commands, feed_commands, web_commands  # noqa: F401
# isort: on

__all__ = ["app"]
