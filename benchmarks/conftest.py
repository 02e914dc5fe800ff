"""Fixtures for the pytest-benchmark suite (``pytest benchmarks/``; add ``--benchmark-disable`` in CI).

Each backend is loaded once per session; a backend that cannot run here (not installed, no model) is
skipped with the reason. The corpus is the project's ``corpus/articles``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import docs_for, make_backend, unavailable

BACKENDS = ("stanza", "spacy", "conllu")
_LOADED: dict[str, object] = {}


@pytest.fixture(scope="session", params=BACKENDS)
def backend_name(request) -> str:
    why = unavailable(request.param)
    if why:
        pytest.skip(f"{request.param}: {why}")
    return request.param


@pytest.fixture(scope="session")
def backend(backend_name):
    if backend_name not in _LOADED:
        _LOADED[backend_name] = make_backend(backend_name)
    return _LOADED[backend_name]


@pytest.fixture(scope="session")
def docs(backend_name) -> list[tuple[str, str]]:
    """Two documents per backend keep the suite quick (stanza parses ~250 tokens/s on two CPU cores)."""
    return docs_for(backend_name)[:2]
