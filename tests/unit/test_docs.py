"""The docs cover what a user can set, query and run: a setting, table, column or command
missing from them, or a schema version that disagrees with the code, fails here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer

from newslake.cli import app
from newslake.core.settings import Settings
from schemas import SCHEMA_VERSION, TABLES

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


def read(name: str) -> str:
    return (DOCS / name).read_text()


def all_docs() -> str:
    return "\n".join([(ROOT / "README.md").read_text(), *(p.read_text() for p in sorted(DOCS.glob("*.md")))])


def documented_settings() -> set[str]:
    """Names in the first column of the settings table of docs/configuration.md."""
    return set(re.findall(r"^\| `([a-z_0-9]+)` \|", read("configuration.md"), re.M))


def test_every_setting_is_documented():
    missing = sorted(set(Settings.model_fields) - documented_settings())
    assert missing == [], f"settings missing from docs/configuration.md: {missing}"


def test_every_documented_setting_exists():
    stale = sorted(documented_settings() - set(Settings.model_fields))
    assert stale == [], f"docs/configuration.md documents settings the code does not have: {stale}"


@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_table_and_column_is_in_the_schema_dictionary(table):
    schema_doc = read("schema.md")
    headings = re.findall(r"^##+ .*$", schema_doc, re.M)
    assert any(f"`{table}`" in heading for heading in headings), f"docs/schema.md has no section for `{table}`"
    missing = [name for name in TABLES[table].schema.names if f"`{name}`" not in schema_doc]
    assert missing == [], f"columns of {table} missing from docs/schema.md: {missing}"


def cli_commands(group=None, prefix: str = "newslake") -> list[str]:
    """Every command path of the CLI, e.g. 'newslake feeds poll'."""
    group = group or typer.main.get_command(app)
    paths = []
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        paths.append(path)
        if hasattr(command, "commands"):
            paths.extend(cli_commands(command, path))
    return paths


def test_every_cli_command_is_documented():
    text = all_docs()
    missing = [path for path in cli_commands() if not re.search(re.escape(path) + r"\b", text)]
    assert missing == [], f"commands missing from README.md and docs/: {missing}"


def test_documented_schema_versions_match_the_code():
    pattern = re.compile(r"(?i)(?:schema version|currently)\s*\*\*(\d+\.\d+)\*\*")
    found = {(path.name, version) for path in DOCS.glob("*.md") for version in pattern.findall(path.read_text())}
    assert found, "no document states the schema version"
    wrong = sorted((name, version) for name, version in found if version != SCHEMA_VERSION)
    assert wrong == [], f"documents stating another schema version than {SCHEMA_VERSION}: {wrong}"


def test_docs_name_only_modules_that_exist():
    """A path like `tasks/commit.py` or `newslake/core/lake.py` in the docs must exist."""
    text = all_docs() + (DOCS / "architecture.md").read_text()
    paths = set(re.findall(r"`((?:newslake|tasks|flows|schemas|bench|tests)/[\w/]+\.py)", text))
    missing = sorted(p for p in paths if not (ROOT / p).exists())
    assert missing == [], f"docs name files that do not exist: {missing}"


def test_docs_import_only_modules_that_exist():
    """Python snippets in the docs (``from newslake.x import y``) import real modules."""
    import importlib.util

    text = all_docs()
    modules = set(re.findall(r"^\s*from ((?:newslake|tasks|flows|schemas)[\w.]*) import", text, re.M))
    missing = sorted(m for m in modules if importlib.util.find_spec(m) is None)
    assert missing == [], f"docs import modules that do not exist: {missing}"
