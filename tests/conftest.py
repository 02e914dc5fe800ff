"""Shared test helpers and fixtures.

``shared_dir()`` is the ``shared/`` folder every developer and CI run has next to the project (the UD
treebanks); the stanza tests use the model bundled with quotes (``STANZA_RESOURCES_DIR`` overrides it),
so a fresh clone runs them with nothing beside it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def shared_dir() -> Path:
    """The project's ``../shared`` folder (treebanks, the offline stanza model, the seed article)."""
    return Path(__file__).resolve().parents[2] / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ``../shared``, or a skip naming it: a clone with nothing beside it runs every other test."""
    path = shared_dir().joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs ../shared/{'/'.join(parts)} (not beside this checkout)")
    return path


def needs_shared(*parts: str) -> pytest.MarkDecorator:
    """Mark a test (or a module, as ``pytestmark``) to skip, with one line naming the path, without ``../shared``."""
    path = shared_dir().joinpath(*parts)
    return pytest.mark.skipif(not path.exists(), reason=f"needs ../shared/{'/'.join(parts)} (not beside this checkout)")


def stanza_models_dir() -> Path:
    """The stanza resource directory the tests use: $STANZA_RESOURCES_DIR, else the bundled model."""
    from quotes.parse.backends.stanza_models import BUNDLED

    env = os.environ.get("STANZA_RESOURCES_DIR", "").strip()
    return Path(env) if env else BUNDLED


@pytest.fixture(scope="session")
def stanza_backend():
    """A StanzaBackend on the offline model, loaded once for the whole test session."""
    models = stanza_models_dir()
    if not models.is_dir():
        pytest.skip(f"no stanza models at {models} (set STANZA_RESOURCES_DIR, or restore the bundled model)")
    from quotes.parse.backends.stanza_backend import StanzaBackend

    return StanzaBackend(models_dir=models)
