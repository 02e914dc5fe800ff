"""Property tests for the audit trail, on generated documents mixing every strange input at once:
byte-order marks, CRLF and lone CR, NFD, zero-width and control characters, emoji, right-to-left
scripts and random quotation marks.

* decoding a file in any BOM-declared encoding gives back exactly the text;
* the scanner and the extractor never raise, and every span slices the text;
* records survive serialization (``from_dict(to_dict(source)) `` round-trips);
* ``verify`` accepts every fresh output as intact, and catches every single-character edit inside a span;
* extraction in pieces puts every span at its place in the whole text.
"""

from __future__ import annotations

import codecs
import itertools
import json

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from quotes.audit.verify import verify_record, verify_records
from quotes.pipeline import Extractor, records_from_parse
from quotes.records import CONTEXT_CHARS, QuoteRecord
from quotes.run.chunking import extract_chunked, pieces
from quotes.run.inputs import decode
from quotes.text.marks import scan
from tests.audit_helpers import SurfaceBackend
from tests.test_extract_properties import MARKS, WORDS, check_spans, surface_parse

STRANGE_PIECES = [
    "\r\n",
    "\r",
    "\n\n",
    "\r\n\r\n",
    "\u2028",
    "e\u0301",  # NFD é
    "C\u0327a",  # NFD Ça
    "\u200b",
    "\u200d",
    "\ufeff",
    "\x07",
    "\x1b",
    "\x00",
    "😀",
    "👨‍👩‍👧",
    "🇦🇿",
    "שלום",
    "مرحبا",
    "\u202b",
    "\u202c",
]
PIECES = st.sampled_from([*MARKS, *WORDS, *STRANGE_PIECES, " ", " ", ", ", ". ", ": ", "\t", "—", "’s"])
DOCUMENTS = st.lists(PIECES, min_size=1, max_size=80).map("".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ENCODINGS = [
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
]


def serialized(text: str, doc_id: str = "doc") -> list[QuoteRecord]:
    """Extract (surface parse, every quoted passage), write with context, read back."""
    records = records_from_parse(surface_parse(text), doc_id, include_unattributed=True)
    check_spans(text, records)
    out = []
    for record in records:
        data = json.loads(json.dumps(record.to_dict(text)))
        again = QuoteRecord.from_dict(data)
        assert again.to_dict() == data
        out.append(again)
    return out


@SETTINGS
@given(DOCUMENTS, st.sampled_from(ENCODINGS))
def test_decoding_gives_back_the_text(text: str, encoding: tuple[bytes, str]) -> None:
    bom, codec = encoding
    # FF FE 00 00 is both the UTF-32 LE mark and UTF-16 LE text starting with U+0000; with nothing after
    # it to tell them apart, UTF-32 wins (a text that starts with NUL is not an article).
    assume(not (codec == "utf-16-le" and text.startswith("\x00") and len(text.encode(codec)) % 4 == 2))
    assert decode(bom + text.encode(codec), "doc") == text


@SETTINGS
@given(DOCUMENTS)
def test_fresh_output_verifies_intact(text: str) -> None:
    scan(text)  # never raises
    records = serialized(text)
    verdicts = verify_records(records, {"doc": text})
    assert [v.status for v in verdicts] == ["intact"] * len(records)


def _apply(text: str, at: int, edit: str, char: str) -> str:
    if edit == "replace":
        return text[:at] + char + text[at + 1 :]
    if edit == "delete":
        return text[:at] + text[at + 1 :]
    return text[:at] + char + text[at:]  # insert before the character at ``at``


def _locally_invisible(record: QuoteRecord, name: str, edited: str) -> bool:
    """The span and its stored context read the same at the same offsets after the edit (possible only in
    runs of more than CONTEXT_CHARS repeated characters): only the text hash can see such an edit."""
    span = getattr(record, name, None) if not name.startswith("fragment") else record.content
    context = record.context.get(name if not name.startswith("fragment") else "content")
    if span is None or context is None or not span.slices(edited):
        return False
    before = edited[max(0, span.start - CONTEXT_CHARS) : span.start]
    return before == context.prefix and edited[span.end : span.end + CONTEXT_CHARS] == context.suffix


@SETTINGS
@given(DOCUMENTS, st.data())
def test_every_single_character_edit_inside_a_span_is_caught(text: str, data: st.DataObject) -> None:
    records = serialized(text)
    spans = [
        (record, name, span)
        for record in records
        for name, span in [("content", record.content), ("speaker", record.speaker), ("cue", record.cue)]
        + [(f"fragment[{i}]", f) for i, f in enumerate(record.fragments)]
        if span is not None and len(span) > 0
    ]
    assume(spans)
    record, name, span = data.draw(st.sampled_from(spans))
    at = data.draw(st.integers(span.start, span.end - 1))
    edit = data.draw(st.sampled_from(["replace", "delete", "insert"]))
    if edit == "insert":
        at = data.draw(st.integers(span.start + 1, span.end - 1)) if len(span) > 1 else None
        assume(at is not None)
    char = data.draw(st.sampled_from(["x", " ", '"', "\n", "é", "😀", "\u200b", text[at]]))
    edited = _apply(text, at, edit, char)
    assume(edited != text)
    assume(not _locally_invisible(record, name, edited))
    verdict = verify_record(record, edited)
    assert verdict.status != "intact", (edit, at, char, verdict)
    assert verdict.source == "changed"
    for check in verdict.spans:
        if check.new is not None:
            assert edited[check.new.start : check.new.end] == check.old.text


@SETTINGS
@given(DOCUMENTS, st.integers(1, 60))
def test_pieces_and_chunked_extraction(text: str, max_chars: int) -> None:
    spans = pieces(text, max_chars)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(0 < b - a <= max_chars for a, b in spans) or text == ""
    assert all(x[1] == y[0] for x, y in itertools.pairwise(spans))
    records = list(extract_chunked(Extractor(SurfaceBackend(), include_unattributed=True), text, "doc", max_chars))
    check_spans(text, records)
    verdicts = verify_records(
        [QuoteRecord.from_dict(json.loads(json.dumps(r.to_dict(text)))) for r in records], {"doc": text}
    )
    assert all(v.status == "intact" for v in verdicts)
