"""The contracts: the Arrow schema of every table, its version, and the input models.

A change that breaks readers (a column removed, renamed or retyped) bumps
``SCHEMA_VERSION`` and is described in ``docs/schema.md``; adding a nullable
column does not break readers and only bumps the minor part.
"""

from schemas.tables import SCHEMA_VERSION, TABLES, TableSpec

__all__ = ["SCHEMA_VERSION", "TABLES", "TableSpec"]
