"""The package's imports point down the pipeline, no module imports itself back in a circle, and no
module imports another's private names.

Layers, lowest first: the base (errors, version, data), options and text, parse, rules, speakers, records,
the pipeline, run, then the readers of records (audit, evaluation, workbench, integrations, which do
not import one another), commands, cli, and the package's front door. Inside the rules the engine's own
order holds too: the engine's base (frame, base, confidence, registry), the rule families, the resolver,
the engine. An import counts wherever it stands, at module level, under ``if TYPE_CHECKING:`` or
inside a function, so neither a lazy import nor a type-checking one can hide an upward arrow or a
circle. The benchmarks (a folder of scripts importing one another by name) have no circles and import
no private names either.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "quotes"

LAYERS = {
    "quotes.errors": 0,
    "quotes.version": 0,
    "quotes.options": 1,
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
# Inside quotes.rules: what may import what (a module may import its own rank or lower).
RULES_BASE = {"base", "confidence", "frame", "registry"}
RULES_TOP = {"resolve": 2, "engine": 3}
BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


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


def rules_rank(name: str) -> int:
    """0 for the engine's base, 1 for a rule family, 2 for the resolver, 3 for the engine."""
    leaf = name.rsplit(".", 1)[-1]
    if name == "quotes.rules" or leaf in RULES_BASE:
        return 0
    return RULES_TOP.get(leaf, 1)


@pytest.mark.parametrize("name", sorted(n for n in modules() if n.startswith("quotes.rules.")))
def test_rules_import_down_the_engine(name: str):
    for target in sorted(imports(modules()[name], name)):
        if target.startswith("quotes.rules."):
            assert rules_rank(target) <= rules_rank(name), f"{name} imports {target}, which sits above it"


def test_no_import_cycles():
    assert_no_cycles({name: imports(path, name) for name, path in modules().items()})


def test_benchmarks_have_no_import_cycles():
    scripts = {p.stem: p for p in sorted(BENCHMARKS.glob("*.py"))}
    graph = {}
    for stem, path in scripts.items():
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name in scripts)
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module in scripts:
                found.add(node.module)
        graph[stem] = found - {stem}
    assert_no_cycles(graph)


def private_imports(path: Path) -> list[str]:
    """``from X import _name``: a private name of another module (dunder names are not private)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            found.extend(
                f"line {node.lineno}: from {'.' * node.level}{node.module or ''} import {a.name}"
                for a in node.names
                if a.name.startswith("_") and not a.name.startswith("__")
            )
    return found


@pytest.mark.parametrize("path", [*sorted(PACKAGE.rglob("*.py")), *sorted(BENCHMARKS.glob("*.py"))], ids=str)
def test_no_private_names_across_modules(path: Path):
    assert not private_imports(path), f"{path} imports private names: {private_imports(path)}"


def test_the_checks_see_type_checking_and_private_imports(tmp_path: Path):
    """The checks above would catch what they claim to: a circle closed only under TYPE_CHECKING, and a
    private name imported from a neighbour."""
    a = tmp_path / "a.py"
    a.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from quotes.rules.engine import STEPS\n")
    assert "quotes.rules.engine" in imports(a, "quotes.rules.frame")
    with pytest.raises(AssertionError, match="import cycle: x -> y -> x"):
        assert_no_cycles({"x": {"y"}, "y": {"x"}})
    b = tmp_path / "b.py"
    b.write_text("from quotes.text.mark_context import _secret, __version__\n")
    assert private_imports(b) == ["line 1: from quotes.text.mark_context import _secret"]


def assert_no_cycles(graph: dict[str, set[str]]) -> None:
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


@pytest.mark.parametrize("name", sorted(n for n, p in modules().items() if p.name == "__init__.py"))
def test_packages_say_what_they_may_import(name: str):
    doc = ast.get_docstring(ast.parse(modules()[name].read_text(encoding="utf-8"))) or ""
    assert doc.strip(), f"{name} has no docstring"
    if name.count(".") == 1 and name not in ("quotes.commands",):
        assert "May import" in doc, f"{name}'s docstring does not say what it may import"
