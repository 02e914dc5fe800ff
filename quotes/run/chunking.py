"""Extract from very large documents in pieces, without losing or moving an offset.

A document longer than ``max_chars`` is cut into pieces of at most ``max_chars`` characters, each cut at
the best boundary in its window: after the last blank line (a paragraph break, as :mod:`quotes.text.marks`
reads paragraphs); else after the last line break; else after the last whitespace; else (one huge
"word") right at the window's end, moved back off a combining mark. Every piece ``text[a:b]`` is
extracted on its own and each span is shifted by ``a``, so offsets index the whole text exactly as if
the document had been extracted at once; quote ids are renumbered across the pieces and the provenance
hash is the whole text's.

Memory is bounded by the piece, not the document, for everything the parser holds; the decoded text
itself is held whole.

What is lost at a cut: a quote continued across it (the newspaper multi-paragraph rule), a continuation
or speaker resolution that needs an earlier piece (``he`` after the cut is not resolved to a name
before it), and, for a piece cut inside a paragraph, that paragraph's unity (a quote spanning the cut
is closed at the cut, flagged ``unbalanced``). Cuts fall at paragraph breaks whenever a paragraph break
is in the window, so with a large ``max_chars`` (the command's default is 200,000) this is rare.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator

import attrs

from quotes.pipeline import Extractor
from quotes.records import QuoteRecord
from quotes.text.digest import text_sha256
from quotes.text.spans import Span, map_spans

DEFAULT_MAX_CHARS = 200_000
#: The smallest piece ``quotes extract --chunk-chars`` accepts: a few paragraphs of news, so that a quote,
#: its cue and its speaker are rarely cut apart (a piece of 1 character finds nothing).
MIN_CHUNK_CHARS = 1_000

# The same line breaks and blank lines as quotes.text.marks (\r\n is one break; a lone \r is a break).
_BREAK = "(?:\r\n|\r(?!\n)|[\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029])"
_BLANK_LINE_RE = re.compile(_BREAK + r"[^\S\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]*" + _BREAK + r"\s*")
_LINE_BREAK_RE = re.compile(_BREAK)
_SPACE_RE = re.compile(r"\s+")


def pieces(text: str, max_chars: int = DEFAULT_MAX_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` of consecutive pieces covering ``text``: each at most ``max_chars`` long, cut
    at paragraph breaks where possible (see the module's description). One piece when the text fits."""
    if max_chars < 1:
        raise ValueError(f"max_chars must be at least 1, got {max_chars}")
    out: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    while n - start > max_chars:
        cut = _cut(text, start, start + max_chars)
        out.append((start, cut))
        start = cut
    if start < n or not out:
        out.append((start, n))
    return out


def _cut(text: str, lo: int, hi: int) -> int:
    """The end of the piece starting at ``lo`` that may reach ``hi``: always ``lo < cut <= hi``."""
    for pattern in (_BLANK_LINE_RE, _LINE_BREAK_RE, _SPACE_RE):
        last = None
        for match in pattern.finditer(text, lo, hi):
            last = match
        if last is not None and last.end() > lo:
            end = last.end()
            # Never cut a \r\n pair in two (a window ending between them matched only the \r).
            if text[end - 1 : end] == "\r" and text[end : end + 1] == "\n":
                end = end + 1 if end < hi else end - 1
            if end > lo:
                return end
    cut = hi
    # No whitespace at all: do not separate a base character from its combining marks.
    while cut - 1 > lo and unicodedata.combining(text[cut]):
        cut -= 1
    return cut


def shift_span(span: Span, offset: int) -> Span:
    """The same text, ``offset`` characters further on."""
    return Span(span.start + offset, span.end + offset, span.text)


# Offsets written into evidence notes in words: "inherits the speaker and cue of the quote at 50"
# (quotes.rules.continued), "'he' at 412" (quotes.speakers.discourse). They index the text as spans do.
_NOTE_OFFSET_RE = re.compile(r"(?<=the quote at )\d+|(?<=' at )\d+")


def shift_record(record: QuoteRecord, offset: int, **changes: object) -> QuoteRecord:
    """``record`` with every span it holds shifted by ``offset``: found by walking the record's fields
    (:func:`quotes.text.spans.map_spans`: content, speaker, cue, principal, fragments, and the evidence's sentence,
    marks and speaker chain), so a span field added to a record is shifted too; and the offsets its
    evidence notes give in words. ``changes`` replace other fields (quote_id, provenance)."""
    shifted = map_spans(record, lambda span: shift_span(span, offset))
    notes = tuple(_NOTE_OFFSET_RE.sub(lambda m: str(int(m.group()) + offset), n) for n in record.evidence.notes)
    return attrs.evolve(shifted, evidence=attrs.evolve(shifted.evidence, notes=notes), **changes)


def extract_chunked(
    extractor: Extractor,
    text: str,
    doc_id: str = "doc",
    max_chars: int = DEFAULT_MAX_CHARS,
    *,
    on_piece: Callable[[int, int], None] | None = None,
) -> Iterator[QuoteRecord]:
    """The records of ``text``, extracted piece by piece (one piece, so exactly ``extractor.extract``,
    when the text fits in ``max_chars``). ``on_piece(i, n)`` is called before piece ``i`` of ``n``."""
    spans = pieces(text, max_chars)
    if len(spans) == 1:
        if on_piece is not None:
            on_piece(0, 1)
        yield from extractor.extract(text, doc_id)
        return
    digest = text_sha256(text)
    number = 0
    for i, (start, end) in enumerate(spans):
        if on_piece is not None:
            on_piece(i, len(spans))
        for record in extractor.extract(text[start:end], doc_id):
            number += 1
            provenance = attrs.evolve(record.provenance, text_sha256=digest)
            yield shift_record(record, start, quote_id=f"q{number}", provenance=provenance)
