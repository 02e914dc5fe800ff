"""Quote records as a table: one row per quote, for spreadsheets, pandas and Parquet.

    >>> from quotes.integrations.tables import to_pandas, write_csv
    >>> frame = to_pandas(records)          # records: QuoteRecords or dicts as quotes extract writes them
    >>> frame.groupby("speaker_name").size()                                # doctest: +SKIP

The columns are :data:`COLUMNS`, in that order, the same for every format (the README lists them).
Offsets are Python string indices into the source text, as in the records; a missing speaker or cue
leaves its columns empty (``None``, an empty CSV cell, a null in Parquet). The table is flat on
purpose: the full evidence (dependency path, mark decisions, notes) stays in the JSONL records, joined
back by ``doc_id`` + ``quote_id`` or by ``text_sha256`` + ``content_start`` + ``content_end``.

CSV is written with the standard library alone (UTF-8, a header row, RFC 4180 quoting), so it needs no
extra and comes out the same wherever it is written. A CSV file is read by spreadsheets, which evaluate a
cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a formula; a text cell
taken from an article could then run ``=HYPERLINK(...)`` or worse. So every text cell that starts with one
of those characters is written with a leading apostrophe (``'=1+1``), the OWASP convention, which
spreadsheets show as text (:func:`csv_cell`). Only CSV is neutralised: the records, pandas and Parquet keep
the exact text, and the offsets in every format index the source as it is. pandas and pyarrow are the ``tables`` extra:
:func:`to_pandas` (nullable integer columns), :func:`to_arrow` and :func:`write_parquet` need them.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, Any

from quotes.errors import QuotesError

INSTALL_HINT = "pip install 'quotes-audit[tables]' (pandas and pyarrow)"

#: (column, type, meaning). Types: str, int, float; every column but the ids, kind, content and the
#: hash may be empty.
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("doc_id", "str", "the document: the path as given to quotes extract, or the id of a JSONL input line"),
    ("quote_id", "str", "q1, q2, ... within the document"),
    ("kind", "str", "direct, indirect or mixed"),
    ("content_start", "int", "offset of the quoted or reported words in the source text"),
    ("content_end", "int", "offset just past them"),
    ("content", "str", "the quoted or reported words, exactly as in the text"),
    ("speaker_start", "int", "offset of the speaker mention (empty when no speaker was found)"),
    ("speaker_end", "int", "offset just past the speaker mention"),
    ("speaker", "str", 'the speaker mention as written ("the president", "he")'),
    ("speaker_name", "str", 'the canonical name the mention resolves to ("Ilham Aliyev")'),
    ("cue_start", "int", "offset of the reporting verb or cue (empty when there is none)"),
    ("cue_end", "int", "offset just past the cue"),
    ("cue", "str", 'the reporting verb or cue ("said", "according to")'),
    ("confidence", "float", "0 to 1, as in the record"),
    ("rule", "str", "the rule that linked content, cue and speaker (evidence.rule)"),
    ("sentence_start", "int", "offset of the sentence holding the quote (evidence.sentence)"),
    ("sentence_end", "int", "offset just past that sentence"),
    ("flags", "str", "warnings, space-separated: unbalanced, inferred-open"),
    ("parser", "str", "the parser backend (provenance.parser)"),
    ("model", "str", "the parser model (provenance.model)"),
    ("quotes_version", "str", "the quotes version that extracted the record"),
    ("text_sha256", "str", "SHA-256 of the source text the offsets refer to (provenance.text_sha256)"),
)
NAMES = tuple(name for name, _, _ in COLUMNS)


def _record_dict(record: Any) -> Mapping[str, Any]:
    return record.to_dict() if hasattr(record, "to_dict") else record


def _span(record: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    return record.get(key) or {}


def row(record: Any) -> dict[str, Any]:
    """The table row of one record (a :class:`~quotes.records.QuoteRecord` or its serialized dict)."""
    data = _record_dict(record)
    content, speaker, cue = _span(data, "content"), _span(data, "speaker"), _span(data, "cue")
    evidence = data.get("evidence") or {}
    sentence = evidence.get("sentence") or {}
    provenance = data.get("provenance") or {}
    return {
        "doc_id": data["doc_id"],
        "quote_id": data["quote_id"],
        "kind": data["kind"],
        "content_start": content.get("start"),
        "content_end": content.get("end"),
        "content": content.get("text"),
        "speaker_start": speaker.get("start"),
        "speaker_end": speaker.get("end"),
        "speaker": speaker.get("text"),
        "speaker_name": data.get("speaker_name"),
        "cue_start": cue.get("start"),
        "cue_end": cue.get("end"),
        "cue": cue.get("text"),
        "confidence": data.get("confidence"),
        "rule": evidence.get("rule"),
        "sentence_start": sentence.get("start"),
        "sentence_end": sentence.get("end"),
        "flags": " ".join(data.get("flags") or ()),
        "parser": provenance.get("parser"),
        "model": provenance.get("model"),
        "quotes_version": provenance.get("quotes_version"),
        "text_sha256": provenance.get("text_sha256"),
    }


def rows(records: Iterable[Any]) -> Iterator[dict[str, Any]]:
    """One row per record, lazily (a stream of any length is never held whole)."""
    for record in records:
        yield row(record)


#: The first characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell: empty for None; a text a spreadsheet would evaluate (it starts with one of
    :data:`FORMULA_STARTS`) behind a leading apostrophe; anything else as it is (numbers stay numbers)."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(records: Iterable[Any], stream: IO[str]) -> int:
    """Write the table as CSV to a text stream opened with ``newline=""`` (or stdout); the rows written.
    Text cells that a spreadsheet would evaluate are neutralised (:func:`csv_cell`)."""
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(NAMES)
    n = 0
    for item in rows(records):
        writer.writerow([csv_cell(item[name]) for name in NAMES])
        n += 1
    return n


def _import(name: str) -> Any:
    try:
        return __import__(name)
    except ImportError as exc:
        raise QuotesError(f"{name} is not installed ({exc}); install it with: {INSTALL_HINT}") from None


def arrow_schema() -> Any:
    """The pyarrow schema of the table: strings, int64 offsets and a float64 confidence, all nullable."""
    pa = _import("pyarrow")
    kinds = {"str": pa.string(), "int": pa.int64(), "float": pa.float64()}
    return pa.schema([pa.field(name, kinds[kind], nullable=True) for name, kind, _ in COLUMNS])


def to_arrow(records: Iterable[Any]) -> Any:
    """The table as a ``pyarrow.Table`` (schema :func:`arrow_schema`)."""
    pa = _import("pyarrow")
    data = list(rows(records))
    return pa.Table.from_pylist(data, schema=arrow_schema())


def to_pandas(records: Iterable[Any]) -> Any:
    """The table as a ``pandas.DataFrame``: offsets as nullable ``Int64`` (``<NA>`` when empty), texts in
    pandas' default string dtype, confidence as ``float64``."""
    pd = _import("pandas")
    frame = pd.DataFrame(list(rows(records)), columns=list(NAMES))
    for name, kind, _ in COLUMNS:
        if kind == "int":
            frame[name] = frame[name].astype("Int64")
        elif kind == "float":
            frame[name] = frame[name].astype("float64")
    return frame


def write_parquet(records: Iterable[Any], path: str) -> int:
    """Write the table to a Parquet file (pyarrow); the rows written."""
    _import("pyarrow")
    import pyarrow.parquet as pq

    table = to_arrow(records)
    pq.write_table(table, path)
    return table.num_rows
