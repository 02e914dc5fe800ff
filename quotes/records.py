"""The records quotes emits: one per quote, frozen, with its evidence and provenance."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from attrs import define, field, validators

from quotes.record_format import (
    DIGEST_KEY,
    RecordFormatError,
    StoredRegion,
    as_list,
    as_mapping,
    is_sha256,
    parse_region,
    parse_span,
    record_digest,
    str_field,
    str_list,
)
from quotes.text.marks import QuoteRegion
from quotes.text.spans import Span

__all__ = [
    "CONTEXT_CHARS",
    "CONTEXT_SPANS",
    "DIGEST_KEY",
    "KINDS",
    "RECORD_FLAGS",
    "SPAN_FIELDS",
    "Evidence",
    "Provenance",
    "QuoteRecord",
    "RecordFormatError",
    "SpanContext",
    "StoredRegion",
    "parse_region",
    "parse_span",
    "record_digest",
]

# "evidence": a finding of a source document or measurement ("a poll shows ..."), only on request.
KINDS = ("direct", "indirect", "mixed", "evidence")

#: Characters of text kept on each side of a serialized span (``prefix``/``suffix``) so that a reader can
#: find the span again in an edited source, as a W3C TextQuoteSelector does.
CONTEXT_CHARS = 32

#: The record's own span fields (besides ``fragments``): each slices the source, carries ``prefix``/``suffix``
#: when serialized with a source, and is checked by ``quotes verify``.
SPAN_FIELDS = ("content", "speaker", "cue", "principal")

#: The record fields whose serialized spans carry ``prefix``/``suffix`` when a source is given.
CONTEXT_SPANS = SPAN_FIELDS

#: The flags extraction puts on a record (quotes.rules.direct keeps these of its region's flags).
RECORD_FLAGS = ("unbalanced", "inferred-open")


@define(frozen=True)
class SpanContext:
    """The text around a span where it was found: up to :data:`CONTEXT_CHARS` characters each side."""

    prefix: str
    suffix: str

    @classmethod
    def of(cls, source: str, span: Span, width: int = CONTEXT_CHARS) -> SpanContext:
        return cls(source[max(0, span.start - width) : span.start], source[span.end : span.end + width])


@define(frozen=True)
class Evidence:
    """Why the tool believes the speaker said the content."""

    rule: str
    path: tuple[str, ...] = ()
    sentence: Span | None = None
    # QuoteRegion from extraction; StoredRegion when read back from a serialized record.
    marks: tuple[QuoteRegion | StoredRegion, ...] = ()
    # How the speaker mention was resolved to its name: the mentions walked, latest first.
    speaker_chain: tuple[Span, ...] = ()
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "path": list(self.path),
            "sentence": _span_dict(self.sentence),
            "marks": [m.to_dict() for m in self.marks],
            "speaker_chain": [s.to_dict() for s in self.speaker_chain],
            "notes": list(self.notes),
        }

    @classmethod
    def from_dict(cls, data: object, where: str = "evidence") -> Evidence:
        obj = as_mapping(data, where)
        return cls(
            rule=str_field(obj, "rule", where),
            path=tuple(str_list(obj.get("path", []), f"{where}.path")),
            sentence=parse_span(obj.get("sentence"), f"{where}.sentence", optional=True),
            marks=tuple(
                parse_region(m, f"{where}.marks[{i}]")
                for i, m in enumerate(as_list(obj.get("marks", []), f"{where}.marks"))
            ),
            speaker_chain=tuple(
                parse_span(s, f"{where}.speaker_chain[{i}]")
                for i, s in enumerate(as_list(obj.get("speaker_chain", []), f"{where}.speaker_chain"))
            ),
            notes=tuple(str_list(obj.get("notes", []), f"{where}.notes")),
        )


@define(frozen=True)
class Provenance:
    parser: str
    model: str
    quotes_version: str
    text_sha256: str
    versions: dict[str, str] = field(factory=dict, eq=False)
    # The options of the ``quotes extract`` run that made the record (those that shape records: parser,
    # include_unattributed, chunk_chars, evidence, selective), so that ``--resume`` can check a finished
    # output's; None (and not written) for records made through the library.
    options: dict[str, Any] | None = field(default=None, eq=False)

    def to_dict(self) -> dict[str, Any]:
        data = {
            "parser": self.parser,
            "model": self.model,
            "quotes_version": self.quotes_version,
            "text_sha256": self.text_sha256,
            "versions": dict(self.versions),
        }
        if self.options is not None:
            data["options"] = dict(self.options)
        return data

    @classmethod
    def from_dict(cls, data: object, where: str = "provenance") -> Provenance:
        obj = as_mapping(data, where)
        digest = str_field(obj, "text_sha256", where)
        if not is_sha256(digest):
            raise RecordFormatError(f"{where}.text_sha256", "expected 64 lowercase hexadecimal digits")
        versions = as_mapping(obj.get("versions", {}), f"{where}.versions")
        for key, value in versions.items():
            if not isinstance(value, str):
                raise RecordFormatError(f"{where}.versions.{key}", "expected a string")
        options = obj.get("options")
        if options is not None:
            for key, value in as_mapping(options, f"{where}.options").items():
                if not isinstance(value, (str, int, float, bool)) and value is not None:
                    raise RecordFormatError(f"{where}.options.{key}", "expected a string, number, boolean or null")
        return cls(
            parser=str_field(obj, "parser", where),
            model=str_field(obj, "model", where),
            quotes_version=str_field(obj, "quotes_version", where),
            text_sha256=digest,
            versions={str(k): v for k, v in versions.items()},
            options=None if options is None else {str(k): v for k, v in options.items()},
        )


def _text_id(instance: object, attribute: Any, value: object) -> None:
    # A doc_id of None, an int or bytes would make records that JSON or from_dict cannot read back.
    if not isinstance(value, str):
        raise TypeError(f"{attribute.name} must be a str, got {type(value).__name__}")


@define(frozen=True)
class QuoteRecord:
    doc_id: str = field(validator=_text_id)
    quote_id: str = field(validator=_text_id)
    content: Span
    kind: str = field(validator=validators.in_(KINDS))
    confidence: float = field(validator=[validators.ge(0.0), validators.le(1.0)])
    evidence: Evidence
    provenance: Provenance
    speaker: Span | None = None
    speaker_name: str | None = None
    cue: Span | None = None
    # The person or body the speaker speaks for ("a spokesman for X": X), and its words in the text.
    on_behalf_of: str | None = None
    principal: Span | None = None
    # Quoted fragments inside the content (a mixed quote), and warnings such as "unbalanced".
    fragments: tuple[Span, ...] = ()
    flags: tuple[str, ...] = ()
    # The text around content, speaker and cue where they were found (filled by ``from_dict`` from the
    # serialized ``prefix``/``suffix``); empty for a record fresh from extraction.
    context: dict[str, SpanContext] = field(factory=dict, eq=False)
    # The digest read back with the record (``record_sha256``): None for a record fresh from extraction,
    # whose digest ``to_dict`` computes; "" for a record serialized without one.
    digest: str | None = field(default=None, eq=False)
    # The digest of the serialized data the record was read from (``from_dict``), so that a key edited
    # away or added (one ``to_dict`` would write back the same) is seen too; None for a record not read.
    read_digest: str | None = field(default=None, eq=False)

    def check(self, text: str) -> list[str]:
        """The spans of this record that do not slice ``text`` exactly (empty when all do)."""
        named: dict[str, Span | None] = {name: getattr(self, name) for name in SPAN_FIELDS}
        named.update({f"fragment[{i}]": f for i, f in enumerate(self.fragments)})
        return [name for name, span in named.items() if span is not None and not span.slices(text)]

    def digest_problem(self) -> str | None:
        """Why this record read back is not the one extraction wrote, by its digest: None when the stored
        ``record_sha256`` is the digest of everything else in the record (or the record is fresh)."""
        if self.digest is None:
            return None
        if not self.digest:
            return f"no {DIGEST_KEY} (every record quotes writes has one): removed, or the record was made by hand"
        if self.read_digest not in (None, self.digest) or record_digest(self.to_dict()) != self.digest:
            return f"its {DIGEST_KEY} is not the digest of its fields: the record was edited after extraction"
        return None

    def inconsistencies(self) -> list[str]:
        """What the record claims that cannot all be true, whatever the source: a fragment of a mixed quote
        lies inside the content, so its text is the content's text at its offsets."""
        problems = []
        for i, fragment in enumerate(self.fragments):
            if not self.content.contains(fragment):
                problems.append(f"fragment[{i}] {fragment.start}-{fragment.end} is outside its content")
                continue
            inner = self.content.text[fragment.start - self.content.start : fragment.end - self.content.start]
            if inner != fragment.text:
                problems.append(f"fragment[{i}] says {fragment.text!r} where its content has {inner!r}")
        return problems

    def span_context(self, name: str, source: str | None = None) -> SpanContext | None:
        """The context of span ``name`` ("content", "speaker", "cue"): from ``source`` when given, else
        the one stored with the record (None when there is neither, or no such span)."""
        span = getattr(self, name)
        if span is None:
            return None
        if source is not None:
            return SpanContext.of(source, span)
        return self.context.get(name)

    def to_dict(self, source: str | None = None) -> dict[str, Any]:
        """The record as JSON-ready data. With ``source`` (the text it was extracted from), the
        content, speaker and cue spans also carry ``prefix`` and ``suffix``: the :data:`CONTEXT_CHARS`
        characters before and after them, so ``quotes verify`` can find them again in an edited source.
        Without it, a record read back with its context (``from_dict``) writes that context again."""
        if source is not None:
            bad = self.check(source)
            if bad:
                raise ValueError(f"record {self.quote_id}: {', '.join(bad)} do not slice the source given")
        spans: dict[str, dict[str, Any] | None] = {}
        for name in CONTEXT_SPANS:
            data = _span_dict(getattr(self, name))
            context = self.span_context(name, source)
            if data is not None and context is not None:
                data["prefix"] = context.prefix
                data["suffix"] = context.suffix
            spans[name] = data
        # The principal's keys are written only when there is one, so other records keep their bytes.
        principal: dict[str, Any] = {}
        if self.on_behalf_of is not None or self.principal is not None:
            principal = {"on_behalf_of": self.on_behalf_of, "principal": spans["principal"]}
        data = {
            "doc_id": self.doc_id,
            "quote_id": self.quote_id,
            "kind": self.kind,
            "content": spans["content"],
            "speaker": spans["speaker"],
            "speaker_name": self.speaker_name,
            **principal,
            "cue": spans["cue"],
            "confidence": round(self.confidence, 3),
            "fragments": [f.to_dict() for f in self.fragments],
            "flags": list(self.flags),
            "evidence": self.evidence.to_dict(),
            "provenance": self.provenance.to_dict(),
        }
        if self.digest is None:
            data[DIGEST_KEY] = record_digest(data)
        elif self.digest:
            data[DIGEST_KEY] = self.digest
        return data

    @classmethod
    def from_dict(cls, data: object) -> QuoteRecord:
        """A record from its serialized form (a parsed JSON line), validated field by field.

        Raises :class:`RecordFormatError` naming the first bad field. Keys it does not know are
        ignored; ``prefix``/``suffix`` on content, speaker and cue become :attr:`context`, so
        ``QuoteRecord.from_dict(d).to_dict() == d`` for every record ``quotes extract`` writes.
        """
        obj = as_mapping(data, "record")
        context: dict[str, SpanContext] = {}
        spans: dict[str, Span | None] = {}
        for name in CONTEXT_SPANS:
            raw = obj.get(name)
            if name == "content" and raw is None:
                raise RecordFormatError("content", "missing (every record has content)")
            spans[name] = parse_span(raw, name, optional=True)
            if isinstance(raw, Mapping) and ("prefix" in raw or "suffix" in raw):
                prefix, suffix = raw.get("prefix", ""), raw.get("suffix", "")
                if not isinstance(prefix, str) or not isinstance(suffix, str):
                    raise RecordFormatError(f"{name}.prefix", "prefix and suffix must be strings")
                context[name] = SpanContext(prefix, suffix)
        kind = str_field(obj, "kind", "record")
        if kind not in KINDS:
            raise RecordFormatError("kind", f"expected one of {', '.join(KINDS)}, got {kind!r}")
        confidence = obj.get("confidence")
        if isinstance(confidence, bool) or not isinstance(confidence, (int, float)) or not 0 <= confidence <= 1:
            raise RecordFormatError("confidence", f"expected a number from 0 to 1, got {confidence!r}")
        speaker_name = obj.get("speaker_name")
        if speaker_name is not None and not isinstance(speaker_name, str):
            raise RecordFormatError("speaker_name", "expected a string or null")
        on_behalf_of = obj.get("on_behalf_of")
        if on_behalf_of is not None and not isinstance(on_behalf_of, str):
            raise RecordFormatError("on_behalf_of", "expected a string or null")
        content = spans["content"]
        assert content is not None
        speaker, principal = spans["speaker"], spans["principal"]
        if principal is not None and (speaker is None or not speaker.contains(principal)):
            raise RecordFormatError("principal", "expected a span inside the speaker mention")
        flags = tuple(str_list(obj.get("flags", []), "flags"))
        unknown = sorted(set(flags) - set(RECORD_FLAGS))
        if unknown:
            raise RecordFormatError("flags", f"unknown flags {unknown} (known: {', '.join(RECORD_FLAGS)})")
        digest = obj.get(DIGEST_KEY, "")
        if not isinstance(digest, str) or (digest and not is_sha256(digest)):
            raise RecordFormatError(DIGEST_KEY, "expected 64 lowercase hexadecimal digits")
        try:
            read_digest = record_digest(obj)
        except (TypeError, ValueError, RecursionError):  # not JSON data: no digest can match it
            read_digest = ""
        return cls(
            doc_id=str_field(obj, "doc_id", "record"),
            quote_id=str_field(obj, "quote_id", "record"),
            content=content,
            kind=kind,
            confidence=float(confidence),
            evidence=Evidence.from_dict(obj.get("evidence"), "evidence"),
            provenance=Provenance.from_dict(obj.get("provenance"), "provenance"),
            speaker=spans["speaker"],
            speaker_name=speaker_name,
            cue=spans["cue"],
            on_behalf_of=on_behalf_of,
            principal=principal,
            fragments=tuple(
                parse_span(f, f"fragments[{i}]") for i, f in enumerate(as_list(obj.get("fragments", []), "fragments"))
            ),
            flags=flags,
            context=context,
            digest=digest,
            read_digest=read_digest,
        )


def _span_dict(span: Span | None) -> dict[str, Any] | None:
    return span.to_dict() if span is not None else None
