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

__all__ = ["Extractor", "QuoteRecord", "Span", "__version__", "extract"]

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
