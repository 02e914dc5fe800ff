"""The package's imports point down the pipeline, and no module imports itself back in a circle.

Layers, lowest first: the base (errors, version, data), text, parse, rules, speakers, records, the
pipeline, run, then the readers of records (audit, evaluation, workbench, integrations, which do not
import one another), commands, cli, and the package's front door. An import counts wherever it
stands, at module level or inside a function, so a lazy import cannot hide an upward arrow.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "quotes"

LAYERS = {
    "quotes.errors": 0,
    "quotes.version": 0,
    "quotes.data": 0,
    "quotes.text": 1,
    "quotes.parse": 2,
    "quotes.rules": 3,
    "quotes.speakers": 4,
    "quotes.record_format": 4.5,  # the records' serialized form (reading, digest), under quotes.records
    "quotes.records": 5,
    "quotes.pipeline": 6,
    "quotes.run": 7,
    "quotes.audit": 8,
    "quotes.evaluation": 8,
    "quotes.workbench": 8,
    "quotes.integrations": 8,
    "quotes.commands": 9,
    "quotes.cli": 10,
    "quotes.__main__": 11,
    "quotes": 11,
}
MAX_LINES = 400


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def group(name: str) -> str:
    """The layer key a module belongs to: the longest prefix named in LAYERS."""
    parts = name.split(".")
    for n in range(len(parts), 0, -1):
        key = ".".join(parts[:n])
        if key in LAYERS:
            return key
    raise AssertionError(f"{name} is in no layer: add its package to LAYERS in tests/test_layering.py")


def imports(path: Path, name: str, *, top_level_only: bool = False) -> set[str]:
    """The quotes modules ``path`` imports (``from quotes.x import y`` names ``quotes.x.y`` when that is
    a module, else ``quotes.x``)."""
    known = modules()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found: set[str] = set()
    is_package = path.name == "__init__.py"
    for node in nodes:
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".") if is_package else name.split(".")[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        else:
            continue
        found.update(t for t in targets if t == "quotes" or t.startswith("quotes."))
    found.discard(name)
    return found


def test_every_module_has_a_layer():
    for name in modules():
        group(name)


@pytest.mark.parametrize("name", sorted(modules()))
def test_imports_point_down(name: str):
    path = modules()[name]
    mine = group(name)
    for target in sorted(imports(path, name)):
        theirs = group(target)
        if theirs == mine or name == "quotes" or target == "quotes.version":
            continue
        assert LAYERS[theirs] < LAYERS[mine], f"{name} (layer {mine}) imports {target} (layer {theirs})"


def test_no_import_cycles():
    graph = {name: imports(path, name, top_level_only=True) for name, path in modules().items()}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycle = [*stack[stack.index(nxt) :], nxt]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if nxt in graph and not state.get(nxt):
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if not state.get(node):
            visit(node)


@pytest.mark.parametrize("name", sorted(modules()))
def test_module_size(name: str):
    lines = len(modules()[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{name} has {lines} lines (at most {MAX_LINES})"


@pytest.mark.parametrize("name", sorted(n for n, p in modules().items() if p.name == "__init__.py"))
def test_packages_say_what_they_may_import(name: str):
    doc = ast.get_docstring(ast.parse(modules()[name].read_text(encoding="utf-8"))) or ""
    assert doc.strip(), f"{name} has no docstring"
    if name.count(".") == 1 and name not in ("quotes.commands",):
        assert "May import" in doc, f"{name}'s docstring does not say what it may import"
