"""newslake: news articles from feeds, pages, files and events into a Delta lake on S3, queryable from DuckDB.

The public Python API is ``newslake.connect()``: the lake's views in DuckDB, settings
from the environment.
"""

from newslake.core import PIPELINE_VERSION, __version__
from newslake.core.query import connect

__all__ = ["PIPELINE_VERSION", "__version__", "connect"]
