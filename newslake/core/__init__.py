"""The ground floor every stage stands on: settings, the S3, Delta and DuckDB clients,
the landing zone, events and the process pool. It imports only ``schemas``."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newslake")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+source"

PIPELINE_VERSION = __version__
