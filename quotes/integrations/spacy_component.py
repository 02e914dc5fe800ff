"""The ``quotes`` spaCy pipeline component: quote records from the parse the pipeline already made.

    >>> import spacy
    >>> nlp = spacy.load("en_core_web_sm")
    >>> nlp.add_pipe("quotes_paragraphs", first=True)  # sentences start at paragraphs, as in the CLI
    >>> nlp.add_pipe("quotes")                      # found through the spacy_factories entry point
    >>> doc = nlp(text)                                                     # doctest: +SKIP
    >>> for quote in doc._.quotes:
    ...     print(quote.kind, quote.speaker, quote.cue, quote.content, quote.confidence)
    >>> quote.content._.quote.quote_id == quote.quote_id                   # the content span knows its quote

spaCy finds the factory through the ``spacy_factories`` entry point (``pyproject.toml``) when a
``Language`` is made, so nothing is registered by ``import quotes``. The component reads the Doc's own
tokens, tags, lemmas, dependencies and entities through the spaCy backend's conversion
(:meth:`quotes.parse.backends.spacy_backend.SpacyBackend.from_doc`), and runs the same rules as
``quotes extract --parser spacy`` (:func:`quotes.pipeline.records_from_parse`): with the same model, and
the ``quotes_paragraphs`` component first in the pipeline (it presets a sentence start at every
paragraph, as the CLI does before it parses), the records, their evidence and their confidence are the
CLI's, byte for byte.

What it sets:

``doc._.quote_records``
    The records as JSON-ready dicts, exactly as ``quotes extract`` writes them (with ``prefix`` and
    ``suffix``). This is what is stored on the Doc, so it survives ``Doc.to_bytes``, ``DocBin`` and
    ``nlp.pipe(..., n_process=N)``, whose workers send Docs back as bytes.
``doc._.quotes``
    :class:`SpacyQuote` objects built from those records on access: the record
    (:class:`~quotes.records.QuoteRecord`, exact character offsets) with ``content``, ``speaker`` and
    ``cue`` as spaCy ``Span`` objects.
``span._.quote``
    On a content span, its :class:`SpacyQuote` (None on any other span).
``doc.spans["quotes"]``
    A ``SpanGroup`` of the content spans, each labelled by its kind (``direct``, ``indirect``, ``mixed``,
    ``evidence``), so spaCy's own tools see the quotes: ``displacy.render(doc, style="span",
    options={"spans_key": "quotes"})`` draws them. It is stored with the Doc (``Doc.to_bytes``, ``DocBin``).

A spaCy Span covers whole tokens. When a record's span does not fall on token boundaries (a quotation
mark glued to a word the tokenizer did not split), its Span is widened to the tokens it touches and
``SpacyQuote.exact`` is False; the record's own offsets stay exact. The document id of the records is
``doc._.quotes_doc_id`` when set; else the context given with the text to ``nlp.pipe(pairs,
as_tuples=True)`` (a string is the id; a dict gives its ``"doc_id"``, else its ``"id"``); else the
component's ``doc_id`` setting.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator
from typing import Any

from attrs import define
from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup

from quotes.data.lexicon import load as load_lexicon
from quotes.errors import BackendError
from quotes.options import Options
from quotes.parse.backends.spacy_backend import SpacyBackend, preset_paragraph_starts
from quotes.pipeline import records_from_parse
from quotes.records import Evidence, QuoteRecord
from quotes.speakers.resolver import RuleResolver
from quotes.text.spans import Span as TextSpan

FACTORY = "quotes"
# The component that presets sentence starts at paragraphs, as the CLI does before it parses.
PARAGRAPHS = "quotes_paragraphs"
#: The key of the quotes' SpanGroup in ``doc.spans``.
SPANS_KEY = "quotes"
# The annotation layers the rules cannot do without, as Doc.has_annotation names them.
REQUIRED = ("DEP", "POS", "LEMMA")


@define(frozen=True)
class SpacyQuote:
    """One quote over a spaCy Doc: the record (exact offsets, evidence, provenance) and its spaCy spans."""

    record: QuoteRecord
    content: Span
    speaker: Span | None
    cue: Span | None
    # False when a span had to be widened to whole tokens (the record's offsets are still exact).
    exact: bool = True

    @property
    def quote_id(self) -> str:
        return self.record.quote_id

    @property
    def kind(self) -> str:
        return self.record.kind

    @property
    def speaker_name(self) -> str | None:
        return self.record.speaker_name

    @property
    def confidence(self) -> float:
        return self.record.confidence

    @property
    def evidence(self) -> Evidence:
        return self.record.evidence

    def to_dict(self) -> dict[str, Any]:
        """The record as ``quotes extract`` writes it."""
        return self.record.to_dict(source=self.content.doc.text)


def _token_span(doc: Doc, span: TextSpan | None) -> tuple[Span | None, bool]:
    """The spaCy Span over a record span, and whether it has exactly the record's offsets."""
    if span is None:
        return None, True
    if span.start == span.end:
        # A zero-length span (an inferred mark): an empty Span at the token it stands before.
        i = next((t.i for t in doc if t.idx >= span.start), len(doc))
        empty = doc[i:i]
        return empty, empty.start_char == span.start
    exact = doc.char_span(span.start, span.end)
    if exact is not None:
        return exact, True
    return doc.char_span(span.start, span.end, alignment_mode="expand"), False


def quotes_of(doc: Doc) -> list[SpacyQuote]:
    """The :class:`SpacyQuote` objects for the records stored on ``doc`` (the ``doc._.quotes`` getter)."""
    out = []
    for data in doc._.quote_records or ():
        record = QuoteRecord.from_dict(data)
        content, c_exact = _token_span(doc, record.content)
        speaker, s_exact = _token_span(doc, record.speaker)
        cue, k_exact = _token_span(doc, record.cue)
        assert content is not None
        out.append(SpacyQuote(record, content, speaker, cue, c_exact and s_exact and k_exact))
    return out


def quote_of(span: Span) -> SpacyQuote | None:
    """The quote whose content is ``span`` (the ``span._.quote`` getter)."""
    where = (span.start, span.end)
    return next((q for q in quotes_of(span.doc) if (q.content.start, q.content.end) == where), None)


def register_extensions() -> None:
    """Add the Doc and Span attributes (idempotent); called when the component is made, not on import."""
    if not Doc.has_extension("quote_records"):
        Doc.set_extension("quote_records", default=None)
    if not Doc.has_extension("quotes_doc_id"):
        Doc.set_extension("quotes_doc_id", default=None)
    if not Doc.has_extension("quotes"):
        Doc.set_extension("quotes", getter=quotes_of)
    if not Span.has_extension("quote"):
        Span.set_extension("quote", getter=quote_of)


def context_doc_id(doc: Doc) -> str | None:
    """The document id in the context ``nlp.pipe(..., as_tuples=True)`` gave with this Doc's text: the context
    itself when it is a string, its ``"doc_id"`` (else ``"id"``) when it is a dict; None otherwise."""
    context = getattr(doc, "_context", None)
    if isinstance(context, str) and context:
        return context
    if isinstance(context, dict):
        for key in ("doc_id", "id"):
            value = context.get(key)
            if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value):
                return str(value)
    return None


class QuotesComponent:
    """The pipeline component: a Doc in, the same Doc out with ``doc._.quote_records`` set."""

    def __init__(
        self,
        nlp: Language,
        name: str = FACTORY,
        *,
        doc_id: str = "doc",
        include_unattributed: bool = False,
        evidence: bool = False,
    ):
        register_extensions()
        self.name = name
        self.doc_id = doc_id
        self.options = Options(include_unattributed=include_unattributed, evidence=evidence)
        self.backend = SpacyBackend.for_pipeline(nlp)
        self.lexicon = load_lexicon()
        self.resolver = RuleResolver(self.lexicon)

    def __call__(self, doc: Doc) -> Doc:
        doc_id = doc._.quotes_doc_id or context_doc_id(doc) or self.doc_id
        records = records_from_parse(
            self._parse(doc, doc_id),
            doc_id,
            self.lexicon,
            self.resolver,
            options=self.options,
        )
        doc._.quote_records = [r.to_dict(source=doc.text) for r in records]
        spans = []
        for record in records:
            span, _ = _token_span(doc, record.content)
            if span is not None and len(span):  # a zero-length content has nothing to draw
                spans.append(Span(doc, span.start, span.end, label=record.kind))
        doc.spans[SPANS_KEY] = SpanGroup(doc, name=SPANS_KEY, spans=spans)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    def _parse(self, doc: Doc, doc_id: str):
        """The Doc as quotes' normalized parse, with the layers this Doc really has (a pipe may be disabled)."""
        missing = [layer for layer in REQUIRED if len(doc) and not doc.has_annotation(layer)]
        if missing:
            raise BackendError(
                f"spaCy Doc {doc_id!r} has no {', '.join(missing)} annotation: put the 'quotes' component after "
                "a tagger, lemmatizer and parser (e.g. spacy.load('en_core_web_sm'), then nlp.add_pipe('quotes'))"
            )
        # Optional layers as ``quotes extract --parser spacy`` decides them (from the pipes: the attribute
        # ruler's MORPH is not a morphologizer's), and only where this Doc has them.
        optional = {"feats"} if doc.has_annotation("MORPH") else set()
        if doc.has_annotation("ENT_IOB"):
            optional.add("ner")
        view = copy.copy(self.backend)
        view.provides = frozenset({"deps", "upos", "lemma"} | (optional & self.backend.provides))
        return view.from_doc(doc)


class ParagraphStarts:
    """The ``quotes_paragraphs`` component: presets a sentence start at every paragraph, as ``quotes
    extract --parser spacy`` does before it parses
    (:func:`quotes.parse.backends.spacy_backend.preset_paragraph_starts`). Put it before the parser
    (``nlp.add_pipe("quotes_paragraphs", first=True)``) and the ``quotes`` component's records are the
    CLI's; without it they follow the pipeline's own sentences."""

    def __init__(self, name: str = PARAGRAPHS) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        return preset_paragraph_starts(doc, doc.text)


@Language.factory(PARAGRAPHS, assigns=["token.is_sent_start"])
def make_quotes_paragraphs(nlp: Language, name: str) -> ParagraphStarts:
    """spaCy's factory for the ``quotes_paragraphs`` component (no settings)."""
    return ParagraphStarts(name)


@Language.factory(
    FACTORY,
    default_config={"doc_id": "doc", "include_unattributed": False, "evidence": False},
    requires=["token.dep", "token.head", "token.pos", "token.lemma", "doc.sents"],
    assigns=["doc._.quote_records", "doc._.quotes", "span._.quote", "doc.spans"],
)
def make_quotes(nlp: Language, name: str, doc_id: str, include_unattributed: bool, evidence: bool) -> QuotesComponent:
    """spaCy's factory for the ``quotes`` component (``nlp.add_pipe("quotes", config={...})``): ``doc_id``
    and the fields of :class:`quotes.options.Options`; spaCy refuses any other config key by name."""
    return QuotesComponent(nlp, name, doc_id=doc_id, include_unattributed=include_unattributed, evidence=evidence)
