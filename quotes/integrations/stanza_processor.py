"""A stanza processor named ``quotes``: ``doc.quotes`` from the parse stanza's pipeline already made.

    >>> import stanza
    >>> import quotes.integrations.stanza_processor            # registers the "quotes" processor
    >>> nlp = stanza.Pipeline("en", processors="tokenize,mwt,pos,lemma,depparse,quotes",
    ...                       download_method=None)                         # doctest: +SKIP
    >>> doc = nlp(text)
    >>> for record in doc.quotes:                               # quotes.records.QuoteRecord
    ...     print(record.kind, record.speaker_name, record.cue, record.content.text)

Stanza has no plugin entry points: a processor is registered by ``stanza.pipeline.processor.
register_processor``, so importing this module is the registration (``import quotes`` does not do it).
Like stanza's own processors, it declares what it needs and what it gives: it requires ``tokenize``,
``pos``, ``lemma`` and ``depparse`` (stanza refuses a pipeline without them, naming what is missing) and
provides ``quotes``; ``mwt`` is used when the pipeline has it.

Each Document is read by the stanza backend's own conversion (:class:`~quotes.parse.backends.
stanza_backend.StanzaBackend`, offsets checked against the text) and handed to
:func:`quotes.pipeline.records_from_parse`, so with the same models the records are those of
``quotes extract --parser stanza``. Options, as stanza passes processor options:
``quotes_doc_id`` (the records' ``doc_id``, default ``"doc"``) and each field of
:class:`quotes.options.Options` with the prefix (``quotes_include_unattributed``, ``quotes_evidence``);
any other ``quotes_`` option is refused by name when the pipeline loads.
``doc.quotes`` is None on a Document this processor has not seen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from stanza.models.common.doc import Document
from stanza.pipeline._constants import DEPPARSE, LEMMA, POS, TOKENIZE
from stanza.pipeline.processor import Processor, register_processor

from quotes.data.lexicon import load as load_lexicon
from quotes.options import Options
from quotes.parse.backends.stanza_backend import MAPPING, StanzaBackend
from quotes.parse.backends.stanza_models import describe_model, versions
from quotes.pipeline import records_from_parse
from quotes.records import QuoteRecord
from quotes.speakers.resolver import RuleResolver

NAME = "quotes"


class _PipelineReader(StanzaBackend):
    """The stanza backend's conversion and identity over a pipeline stanza already built.

    ``StanzaBackend.__init__`` is not called: it would load a second pipeline. The attributes it would set
    are read off the running pipeline instead, so ``provides`` and ``model`` come out as the backend's.
    """

    def __init__(self, pipeline: Any) -> None:
        self.pipeline = pipeline
        self.models_dir = Path(pipeline.dir)
        # The pipeline was given its directory, so it is named as the backend names a directory given to it.
        self.models_how = "--models"
        self.lang = str(pipeline.lang)
        self.package = "default"
        self.processors = tuple(name for name in pipeline.processors if name != NAME)
        self.use_gpu = str(getattr(pipeline, "device", "cpu")) != "cpu"
        self.batch_size = None
        loaded = set(self.processors)
        provides = set()
        if POS in loaded:
            provides |= {"upos", "feats"}
        if LEMMA in loaded:
            provides.add("lemma")
        if DEPPARSE in loaded:
            provides.add("deps")
        if "ner" in loaded:
            provides.add("ner")
        self.provides = frozenset(provides)
        # The model as the backend names it: by the content hash of the files the pipeline loaded.
        self.choice = describe_model(self.models_dir, self.models_how, self.lang, self.package, self.processors)
        self.model = self.choice.model
        self.identity = f"{self.choice.identity} mapping={MAPPING}"
        self.versions = versions()

    def read(self, doc: Document, doc_id: str) -> Any:
        if not (doc.text or "").strip():
            return self._empty(doc.text or "")
        return self._to_parse(doc.text, doc, doc_id)


# What stanza puts into every processor's config besides the processor's own options (and its resource
# paths, "model_path" and the like).
_STANZA_KEYS = frozenset({"lang", "mode", "pretagged"})


def _stanzas(key: str) -> bool:
    return key in _STANZA_KEYS or key.endswith("_path")


@register_processor(NAME)
class QuotesProcessor(Processor):
    """Adds ``doc.quotes``: the document's quote records (:class:`~quotes.records.QuoteRecord`)."""

    # Stanza reads these to check the pipeline and to name what is missing.
    REQUIRES_DEFAULT: ClassVar[set[str]] = {TOKENIZE, POS, LEMMA, DEPPARSE}
    PROVIDES_DEFAULT: ClassVar[set[str]] = {NAME}

    def __init__(self, config: dict[str, Any], pipeline: Any, device: Any) -> None:
        super().__init__(config, pipeline, device)
        self.doc_id = str(config.get("doc_id", "doc"))
        given = {k: v for k, v in config.items() if not _stanzas(k) and k != "doc_id"}
        self.options = Options.from_mapping(given, f"stanza processor {NAME!r}")
        self.lexicon = load_lexicon()
        self.resolver = RuleResolver(self.lexicon)
        self._reader: _PipelineReader | None = None

    def mark_inactive(self) -> None:
        """Stanza calls this on a processor whose requirements are not met, before it reports the pipeline."""
        self._reader = None

    def process(self, doc: Document) -> Document:
        # Built on first use, when every processor of the pipeline is in place.
        if self._reader is None:
            self._reader = _PipelineReader(self.pipeline)
        parse = self._reader.read(doc, self.doc_id)
        doc.quotes = records_from_parse(parse, self.doc_id, self.lexicon, self.resolver, options=self.options)
        return doc


def _set_quotes(doc: Document, value: list[QuoteRecord] | None) -> None:
    doc._quotes = value


if not hasattr(Document, NAME):
    Document.add_property(NAME, default=None, setter=_set_quotes)
