"""The layer rule, enforced: imports go one way, schemas → core → tasks → flows → shell.

Every import counts, including those inside functions: a lazy import may save start-up
time, but it may not hide an import that goes up. See docs/architecture.md.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("schemas", "newslake", "tasks", "flows")

# Tiers from the ground up. A module may import its own component and any lower tier;
# components side by side in one tier may not import each other. ``newslake`` alone is
# the package's public face (``newslake.connect``), not everything under it.
TIERS: list[tuple[str, ...]] = [
    ("schemas",),
    ("newslake.core",),
    ("tasks",),
    ("flows",),
    ("newslake.stack",),
    ("newslake.analysis",),
    ("newslake.web",),
    ("newslake.service",),
    ("newslake.cli", "newslake"),
]
# Libraries a contract may use: schemas hold no I/O and no orchestration.
SCHEMA_LIBRARIES = {"pyarrow", "pydantic", "__future__"}
MAX_LINES = 500
# Modules that are data tables (vocabularies, gazetteers), exempt from the size limit.
DATA_MODULES_SUFFIX = "_data"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def source_files() -> list[Path]:
    return sorted(p for package in PACKAGES for p in (ROOT / package).rglob("*.py"))


def imports_of(path: Path) -> list[tuple[str, int]]:
    """Every module ``path`` imports (absolute, ours or not), with its line."""
    name = module_name(path)
    is_package = path.name == "__init__.py"
    found: list[tuple[str, int]] = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.extend((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".") if is_package else name.split(".")[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            found.append((base, node.lineno))
            # `from pkg import module` imports pkg.module
            found.extend((f"{base}.{alias.name}", node.lineno) for alias in node.names)
    return found


def our_modules() -> set[str]:
    return {module_name(p) for p in source_files()}


def import_graph() -> dict[str, set[tuple[str, int]]]:
    known = our_modules()
    graph: dict[str, set[tuple[str, int]]] = {}
    for path in source_files():
        edges = {(target, line) for target, line in imports_of(path) if target in known}
        graph[module_name(path)] = edges
    return graph


def component(module: str) -> tuple[int, str]:
    """(tier, component) of one of our modules: the longest component prefix wins."""
    best: tuple[int, str] | None = None
    for tier, names in enumerate(TIERS):
        for name in names:
            exact_only = name == "newslake"
            matches = module == name if exact_only else module == name or module.startswith(name + ".")
            if matches and (best is None or len(name) > len(best[1])):
                best = (tier, name)
    if best is None:
        raise AssertionError(f"{module} belongs to no layer: add it to TIERS in {__file__}")
    return best


def violations(graph: dict[str, set[tuple[str, int]]]) -> list[str]:
    """Imports that go up a tier or sideways to another component of the same tier."""
    problems = []
    for source, edges in sorted(graph.items()):
        tier, name = component(source)
        for target, line in sorted(edges):
            target_tier, target_name = component(target)
            if target_name == name or target_tier < tier:
                continue
            direction = "up" if target_tier > tier else "sideways"
            problems.append(f"{source}:{line} imports {target} ({direction}: {name} → {target_name})")
    return problems


def cycles(graph: dict[str, set[tuple[str, int]]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target, _ in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_imports_go_one_way_only():
    assert violations(import_graph()) == []


def test_there_are_no_import_cycles():
    # A package's __init__ importing its own submodule is not a cycle worth reporting.
    graph = {
        source: {(t, line) for t, line in edges if not source.startswith(t + ".") and not t.startswith(source + ".")}
        for source, edges in import_graph().items()
    }
    assert cycles(graph) == []


@pytest.mark.parametrize(
    ("source", "target"),
    [
        # back-edges main had before the layers were drawn
        ("newslake.core.storage", "newslake.stack.s3_server"),
        ("schemas.records", "tasks.extract.normalize"),
        ("tasks.commit", "newslake.service.serve"),
        ("newslake.core.landing", "tasks.read"),
        ("flows.ingest", "newslake.cli.app"),
        ("newslake.analysis.search", "newslake.service.status"),
        ("newslake.cli.app", "newslake"),  # sideways: the public face is not for the CLI
    ],
)
def test_the_checker_catches_a_wrong_way_import(source, target):
    graph = import_graph()
    graph[source] = graph[source] | {(target, 1)}
    assert [problem for problem in violations(graph) if problem.startswith(f"{source}:1 ")]


def test_the_checker_catches_a_cycle():
    graph = {"a": {("b", 1)}, "b": {("c", 1)}, "c": {("a", 1)}, "d": {("a", 1)}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_schemas_are_pure_contracts():
    """No I/O or orchestration library in a contract, and nothing of ours but schemas."""
    problems = []
    for path in (ROOT / "schemas").rglob("*.py"):
        for target, line in imports_of(path):
            top = target.split(".")[0]
            ours = top in PACKAGES
            if (ours and top != "schemas") or (not ours and top not in SCHEMA_LIBRARIES and not _stdlib(top)):
                problems.append(f"{module_name(path)}:{line} imports {target}")
    assert problems == []


def _stdlib(name: str) -> bool:
    import sys

    return name in sys.stdlib_module_names


def test_modules_stay_small():
    """One idea a module: over 500 lines means it holds several. Data tables are exempt."""
    too_long = [
        f"{module_name(p)}: {n} lines"
        for p in source_files()
        if (n := len(p.read_text().splitlines())) > MAX_LINES and not p.stem.endswith(DATA_MODULES_SUFFIX)
    ]
    assert too_long == []


def test_tasks_top_level_modules_are_pipeline_steps():
    """tasks/ shows the pipeline: each module at its top level defines Prefect tasks; the
    libraries they call live in sub-packages named for the stage."""
    not_steps = [
        p.name
        for p in (ROOT / "tasks").glob("*.py")
        if p.name != "__init__.py" and "@task(" not in p.read_text()
    ]
    assert not_steps == []
