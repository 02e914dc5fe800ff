"""Quote records as W3C Web Annotations (https://www.w3.org/TR/annotation-model/), in JSON-LD.

One annotation per quote. Its **target** is the quoted (or reported) content in its document: the
document's IRI as ``source`` and two selectors, a ``TextPositionSelector`` (the record's ``start``/``end``,
which count Unicode code points, as the model's selectors do) and a ``TextQuoteSelector`` (``exact``, and
``prefix``/``suffix`` when the record carries them), so a client can anchor it even in an edited copy.
The ``motivation`` is ``identifying``: the annotation identifies the passage as a quotation and who said it.

The **body** is a list of two:

* a ``TextualBody`` (purpose ``describing``): one plain-text line for people, e.g.
  ``Ilham Aliyev ("the president") said, direct quote, confidence 0.771``;
* a ``Dataset`` (``dctypes:Dataset``, purpose ``identifying``): the attribution as data, with the terms
  of :data:`QUOTES_CONTEXT` (vocabulary ``urn:quotes:vocab#``): ``kind``, ``speaker`` and ``cue`` (each a
  ``SpecificResource`` on the same document with the same two selectors, or absent), ``speaker_name``,
  ``confidence``, ``rule`` and ``path`` (the evidence), ``fragments`` (mixed quotes), ``flags``, ``doc_id``,
  ``quote_id`` and ``provenance`` (parser, model, quotes version, ``text_sha256``, library versions).

``creator`` is the extractor (quotes with its parser and model); ``generator`` is quotes itself.

Identifiers: a document is ``urn:quotes:doc:<doc id, percent-encoded>`` unless a ``source_base`` URL is
given (then ``<source_base>/<doc id, percent-encoded but for "/">``, its leading slashes encoded, and
every "/" encoded when the id has an empty, ``.`` or ``..`` segment, so that no id climbs out of the base
and distinct ids never share an IRI: :func:`doc_iri`); an annotation is
``urn:quotes:anno:<doc id, percent-encoded>:<first 16 hex digits of text_sha256>#<quote_id>``, so two
versions of a document never share annotation ids.

Output (:func:`collection`): one JSON-LD ``AnnotationCollection`` whose embedded ``first`` page holds every
annotation in ``items`` (the collection's ``@context`` applies to them); or (:func:`annotations`), for
streaming, each annotation on its own with its own ``@context`` (``quotes convert --to webanno-jsonl``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any
from urllib.parse import quote as percent_encode

from quotes.records import QuoteRecord, SpanContext
from quotes.text.spans import Span
from quotes.version import __version__

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
VOCAB = "urn:quotes:vocab#"

#: The terms quotes adds to the Web Annotation context, for the Dataset body.
QUOTES_CONTEXT: dict[str, Any] = {
    "quotes": VOCAB,
    "kind": "quotes:kind",
    "speaker": {"@id": "quotes:speaker", "@type": "@id"},
    "speaker_name": "quotes:speakerName",
    "cue": {"@id": "quotes:cue", "@type": "@id"},
    "fragments": {"@id": "quotes:fragment", "@type": "@id", "@container": "@list"},
    "confidence": {"@id": "quotes:confidence", "@type": "xsd:decimal"},
    "rule": "quotes:rule",
    "path": {"@id": "quotes:dependencyPath", "@container": "@list"},
    "flags": {"@id": "quotes:flag", "@container": "@set"},
    "doc_id": "quotes:docId",
    "quote_id": "quotes:quoteId",
    "provenance": {"@id": "quotes:provenance", "@type": "@json"},
}
CONTEXT: list[Any] = [ANNO_CONTEXT, QUOTES_CONTEXT]

FORMATS = ("webanno", "webanno-jsonl")


def doc_iri(doc_id: str, source_base: str | None = None) -> str:
    """The IRI of a document: under ``source_base`` when given, else a ``urn:quotes:doc:`` name.

    Under a base, the id is percent-encoded but for the slashes of a clean relative path (``corpus/a.txt``);
    its leading slashes are encoded (``/srv/a.txt`` -> ``%2Fsrv/a.txt``), and an id with an empty, ``.`` or
    ``..`` segment after them is encoded whole, slashes included, so that it is one segment and can never
    climb out of the base (``..%2F..%2Fx``). "%" is always encoded, so percent-decoding the IRI's tail gives
    the id back: distinct ids never share an IRI (``//evil.com/x``, ``/evil.com/x`` and ``evil.com/x`` are
    three). An id that is nothing but dots (or empty) cannot be a path segment at all, and keeps its
    ``urn:quotes:doc:`` name."""
    if source_base and doc_id.strip("."):
        base = source_base.rstrip("/") + "/"
        rest = doc_id.lstrip("/")
        if rest and not set(rest.split("/")) & {"", ".", ".."}:
            return base + "%2F" * (len(doc_id) - len(rest)) + percent_encode(rest, safe="/")
        return base + percent_encode(doc_id, safe="")
    return "urn:quotes:doc:" + percent_encode(doc_id, safe="")


def annotation_id(record: QuoteRecord) -> str:
    digest = record.provenance.text_sha256[:16]
    return (
        f"urn:quotes:anno:{percent_encode(record.doc_id, safe='')}:{digest}#{percent_encode(record.quote_id, safe='')}"
    )


def now() -> str:
    """The current time as an xsd:dateTime in UTC, to the second (``2024-05-01T12:00:00Z``)."""
    return datetime.now(timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def selectors(span: Span, context: SpanContext | None) -> list[dict[str, Any]]:
    """A TextPositionSelector and a TextQuoteSelector (with prefix/suffix when known) for ``span``."""
    quote: dict[str, Any] = {"type": "TextQuoteSelector", "exact": span.text}
    if context is not None:
        quote["prefix"] = context.prefix
        quote["suffix"] = context.suffix
    return [{"type": "TextPositionSelector", "start": span.start, "end": span.end}, quote]


def _specific(source: str, span: Span | None, context: SpanContext | None) -> dict[str, Any] | None:
    if span is None:
        return None
    return {"type": "SpecificResource", "source": source, "selector": selectors(span, context)}


def describe(record: QuoteRecord) -> str:
    """The plain-text body: who said it (name and mention), the cue, the kind, the confidence."""
    who = record.speaker_name or (record.speaker.text if record.speaker else None) or "unknown speaker"
    if record.speaker is not None and record.speaker.text not in who and who not in record.speaker.text:
        who = f"{who} (“{record.speaker.text}”)"
    cue = record.cue.text if record.cue is not None else "no cue"
    return f"{who} {cue}, {record.kind} quote, confidence {round(record.confidence, 3)}"


def _software(record: QuoteRecord | None = None) -> dict[str, Any]:
    base = f"urn:quotes:software:quotes-{__version__}"
    if record is None:
        return {"id": base, "type": "Software", "name": f"quotes {__version__}"}
    prov = record.provenance
    return {
        "id": f"{base}:{percent_encode(prov.parser, safe='')}",
        "type": "Software",
        "name": f"quotes {prov.quotes_version} ({prov.parser}, {prov.model})",
    }


def annotation(
    record: QuoteRecord,
    *,
    source_text: str | None = None,
    source_base: str | None = None,
    created: str | None = None,
    with_context: bool = True,
) -> dict[str, Any]:
    """The Web Annotation for one record. Prefix/suffix come from ``source_text`` when given, else from
    the record's stored context; ``with_context=False`` leaves out ``@context`` (inside a collection)."""
    source = doc_iri(record.doc_id, source_base)

    def ctx(name: str) -> SpanContext | None:
        return record.span_context(name, source_text)

    data: dict[str, Any] = {
        "kind": record.kind,
        "speaker_name": record.speaker_name,
        "confidence": round(record.confidence, 3),
        "rule": record.evidence.rule,
        "path": list(record.evidence.path),
        "flags": list(record.flags),
        "doc_id": record.doc_id,
        "quote_id": record.quote_id,
        "provenance": record.provenance.to_dict(),
    }
    speaker = _specific(source, record.speaker, ctx("speaker"))
    cue = _specific(source, record.cue, ctx("cue"))
    if speaker is not None:
        data["speaker"] = speaker
    if cue is not None:
        data["cue"] = cue
    if record.fragments:
        data["fragments"] = [_specific(source, f, None) for f in record.fragments]
    if data["speaker_name"] is None:
        del data["speaker_name"]
    out: dict[str, Any] = {"@context": CONTEXT} if with_context else {}
    out.update(
        {
            "id": annotation_id(record),
            "type": "Annotation",
            "motivation": "identifying",
            "created": created or now(),
            "creator": _software(record),
            "generator": _software(),
            "target": {"source": source, "selector": selectors(record.content, ctx("content"))},
            "body": [
                {"type": "TextualBody", "purpose": "describing", "format": "text/plain", "value": describe(record)},
                {"type": "Dataset", "purpose": "identifying", **data},
            ],
        }
    )
    return out


def annotations(
    records: Iterable[QuoteRecord], *, source_base: str | None = None, created: str | None = None
) -> Iterable[dict[str, Any]]:
    """Each record's annotation, standalone (with ``@context``), for JSON lines."""
    created = created or now()
    for record in records:
        yield annotation(record, source_base=source_base, created=created)


def collection(
    records: Iterable[QuoteRecord],
    *,
    source_base: str | None = None,
    created: str | None = None,
    label: str | None = None,
) -> dict[str, Any]:
    """An AnnotationCollection holding every record's annotation in its embedded first page."""
    created = created or now()
    items = [annotation(r, source_base=source_base, created=created, with_context=False) for r in records]
    digest = hashlib.sha256("\n".join(a["id"] for a in items).encode("utf-8")).hexdigest()[:16]
    collection_id = f"urn:quotes:collection:{digest}"
    out: dict[str, Any] = {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": label or f"Quotations and their speakers, found by quotes {__version__}",
        "created": created,
        "generator": _software(),
        "total": len(items),
    }
    if items:
        out["first"] = {
            "id": f"{collection_id}#page1",
            "type": "AnnotationPage",
            "partOf": collection_id,
            "startIndex": 0,
            "items": items,
        }
    return out
