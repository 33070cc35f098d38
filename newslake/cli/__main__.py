"""`python -m newslake.cli`, the same as the `newslake` command."""

from newslake.cli import app

app()
