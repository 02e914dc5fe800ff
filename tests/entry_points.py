"""This checkout's entry points, as ``pip install`` would publish them, for a fresh interpreter.

spaCy and Datasette find their plugins through package metadata (``spacy_factories``, ``datasette``
entry points), not through imports. The metadata the test interpreter sees may belong to another
checkout's editable install, or to none, so :func:`plugin_env` writes a ``quotes_audit`` dist-info whose
``entry_points.txt`` is read from this checkout's ``pyproject.toml`` and puts it, and the checkout,
first on ``PYTHONPATH``: a subprocess then discovers exactly what an install of this tree declares.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parents[1]


def declared_entry_points() -> dict[str, dict[str, str]]:
    """``[project.entry-points.*]`` of this checkout's pyproject.toml: group -> name -> target."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {group: dict(points) for group, points in project.get("entry-points", {}).items()}


def plugin_env(tmp_path: Path) -> dict[str, str]:
    """An environment for ``subprocess`` in which this checkout and its entry points come first."""
    site = tmp_path / "metadata"
    info = site / "quotes_audit-0.1.0.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: quotes-audit\nVersion: 0.1.0\n", encoding="utf-8")
    lines = []
    for group, points in declared_entry_points().items():
        lines.append(f"[{group}]")
        lines.extend(f"{name} = {target}" for name, target in points.items())
        lines.append("")
    (info / "entry_points.txt").write_text("\n".join(lines), encoding="utf-8")
    path = [str(site), str(ROOT), os.environ.get("PYTHONPATH", "")]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in path if p))
    # The console scripts of the interpreter running the tests (datasette) come first on PATH too.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env
