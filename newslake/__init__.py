"""newslake: news articles from feeds, pages, files and events into a Delta lake on S3, queryable from DuckDB."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newslake")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+source"

PIPELINE_VERSION = __version__

from newslake.query import connect  # noqa: E402  (newslake.connect(): the lake in DuckDB, settings from the environment)
