"""The extraction pipeline: marks -> parse -> attribution -> speaker names -> records.

Each stage is a pure function of the ones before; the only state is the loaded parser, which an
:class:`Extractor` keeps so that many documents share one model load.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator

import attrs

from quotes.data.lexicon import Lexicon
from quotes.data.lexicon import load as load_lexicon
from quotes.options import Options
from quotes.parse.backends import Backend
from quotes.parse.model import Parse
from quotes.parse.store import load_backend
from quotes.records import Evidence, Provenance, QuoteRecord
from quotes.rules.base import Attribution
from quotes.rules.engine import attribute
from quotes.speakers.resolver import Resolution, RuleResolver, SpeakerResolver
from quotes.text.digest import text_sha256
from quotes.version import __version__


class Extractor:
    """Extract quote records from documents with one loaded parser.

    ``parser`` is a backend name ("stanza", "conllu", ...) with ``parser_options`` passed to it, or a
    ready :class:`~quotes.parse.backends.Backend`. By name, stanza and spaCy parse selectively, as the
    command does (:mod:`quotes.parse.selective`; ``selective=False``: every sentence).
    ``options`` (:class:`~quotes.options.Options`) decide
    which records are written; ``include_unattributed`` (also report quoted passages with no speaker, for
    review) and ``evidence`` (also report evidence sources, "a poll shows ...", as records of kind
    ``evidence``: README, "Evidence") are shortcuts that set those options.
    """

    def __init__(
        self,
        parser: str | Backend = "stanza",
        *,
        resolver: SpeakerResolver | None = None,
        lexicon: Lexicon | None = None,
        options: Options | None = None,
        include_unattributed: bool | None = None,
        evidence: bool | None = None,
        **parser_options: object,
    ) -> None:
        self.backend = load_backend(parser, **parser_options) if isinstance(parser, str) else parser
        self.lexicon = lexicon or load_lexicon()
        self.resolver = resolver or RuleResolver(self.lexicon)
        self.options = with_shortcuts(options, include_unattributed, evidence)

    @property
    def include_unattributed(self) -> bool:
        return self.options.include_unattributed

    @property
    def evidence(self) -> bool:
        return self.options.evidence

    def extract(self, text: str, doc_id: str = "doc") -> list[QuoteRecord]:
        return self.from_parse(self.backend.parse(text, doc_id), doc_id)

    def extract_many(self, documents: Iterable[tuple[str, str]]) -> Iterator[tuple[str, list[QuoteRecord]]]:
        """``(doc_id, text)`` pairs in, ``(doc_id, records)`` out, in order; the parser may batch. The
        input is read lazily, as the parser asks for it, so a stream of any length is never held whole."""
        ids: deque[str] = deque()

        def feed() -> Iterator[tuple[str, str]]:
            for doc_id, text in documents:
                ids.append(doc_id)
                yield doc_id, text

        for parse in self.backend.parse_many(feed()):
            doc_id = ids.popleft()
            yield doc_id, self.from_parse(parse, doc_id)

    def from_parse(self, parse: Parse, doc_id: str) -> list[QuoteRecord]:
        """Records for a document that is already parsed (any backend, or a hand-built parse)."""
        return records_from_parse(parse, doc_id, self.lexicon, self.resolver, options=self.options)


def with_shortcuts(options: Options | None, include_unattributed: bool | None, evidence: bool | None) -> Options:
    """``options`` (default: the defaults) with the keyword shortcuts that were given applied."""
    given = {"include_unattributed": include_unattributed, "evidence": evidence}
    return attrs.evolve(options or Options(), **{k: v for k, v in given.items() if v is not None})


def records_from_parse(
    parse: Parse,
    doc_id: str,
    lexicon: Lexicon | None = None,
    resolver: SpeakerResolver | None = None,
    *,
    options: Options | None = None,
    include_unattributed: bool | None = None,
    evidence: bool | None = None,
) -> list[QuoteRecord]:
    """The pure core of extraction: a parse in, validated records out (no model involved). ``options``
    as for :class:`Extractor` (``include_unattributed`` and ``evidence`` set them too)."""
    options = with_shortcuts(options, include_unattributed, evidence)
    lexicon = lexicon or load_lexicon()
    resolver = resolver or RuleResolver(lexicon)
    found = attribute(parse, lexicon, evidence=options.evidence)
    if not options.include_unattributed:
        found = [a for a in found if a.cue is not None or a.speaker is not None]
    names = resolver.resolve(parse, found)
    provenance = Provenance(
        parser=parse.parser,
        model=parse.model,
        quotes_version=__version__,
        text_sha256=text_sha256(parse.text),
        versions=dict(parse.versions),
    )
    return [
        _record(parse, doc_id, f"q{n}", att, name, provenance)
        for n, (att, name) in enumerate(zip(found, names, strict=True), start=1)
    ]


def _record(
    parse: Parse,
    doc_id: str,
    quote_id: str,
    att: Attribution,
    name: Resolution,
    provenance: Provenance,
) -> QuoteRecord:
    notes = list(att.notes)
    if name.method not in {"none", "name"} and not any(
        n.startswith(f"speaker named by {name.method}") for n in name.notes
    ):
        notes.append(f"speaker named by {name.method}")
    notes.extend(name.notes)
    return QuoteRecord(
        doc_id=doc_id,
        quote_id=quote_id,
        content=att.content,
        kind=att.kind,
        confidence=round(att.confidence * name.factor, 3),
        evidence=Evidence(
            rule=att.rule,
            path=att.path,
            sentence=parse.sentence_span(att.sentence) if att.sentence is not None else None,
            marks=att.regions,
            speaker_chain=name.chain,
            notes=tuple(notes),
        ),
        provenance=provenance,
        speaker=att.speaker,
        speaker_name=name.name,
        on_behalf_of=name.principal,
        principal=name.principal_span,
        cue=att.cue,
        fragments=att.fragments,
        flags=att.flags,
    )
