"""Bad and strange input: encodings, line ends, Unicode oddities, unreadable files, huge documents.

Offsets are Python string indices into the text exactly as decoded (a byte-order mark is removed by
decoding); every bad input is one line naming the file (and line) and the reason, and the others are
still processed.
"""

from __future__ import annotations

import codecs
import itertools
import json
import os
import unicodedata
from pathlib import Path

import pytest

from quotes.cli import main
from quotes.errors import InputError
from quotes.pipeline import Extractor, records_from_parse
from quotes.run.chunking import extract_chunked, pieces, shift_record
from quotes.run.inputs import Document, decode, read_documents
from quotes.text.digest import text_sha256
from tests.audit_helpers import ARTICLE, SurfaceBackend, surface  # noqa: F401 - the fixture, used by name
from tests.test_extract_properties import check_spans, surface_parse

QUOTE = '"We will rebuild the bridge," the mayor said.'
STRANGE = {
    "crlf": ARTICLE.replace("\n", "\r\n"),
    "lone-cr": ARTICLE.replace("\n", "\r"),
    "nfd": "Café news.\n\n" + unicodedata.normalize("NFD", '"Ça va très bien," the mayor said.\n'),
    "zero-width": "Intro\u200b.\n\n\u200b" + QUOTE.replace("rebuild", "re\u200dbuild") + "\ufeff\n",
    "controls": "Intro\x07\x1b[1m.\n\n" + QUOTE + "\x00\x08\n",
    "emoji": "👍🏽 Intro 🇦🇿.\n\n" + QUOTE.replace("bridge", "bridge 🌉👨‍👩‍👧") + "\n",
    "rtl": "مرحبا بالعالم.\n\n\u202b" + '"שלום עולם," the mayor said.' + "\u202c\n",
    # U+FEFF inside the text is a character (zero-width no-break space); only a leading one is a BOM.
    "bom-inside": "Intro.\n\n\ufeff" + QUOTE + "\ufeff\n",
}
ENCODINGS = {
    "utf-8": (b"", "utf-8"),
    "utf-8-bom": (codecs.BOM_UTF8, "utf-8"),
    "utf-16-le": (codecs.BOM_UTF16_LE, "utf-16-le"),
    "utf-16-be": (codecs.BOM_UTF16_BE, "utf-16-be"),
    "utf-32-le": (codecs.BOM_UTF32_LE, "utf-32-le"),
    "utf-32-be": (codecs.BOM_UTF32_BE, "utf-32-be"),
}


def _only(items: list) -> Document:
    assert len(items) == 1 and isinstance(items[0], Document), items
    return items[0]


def _error(items: list) -> InputError:
    assert len(items) == 1 and isinstance(items[0], InputError), items
    return items[0]


# -- decoding -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
@pytest.mark.parametrize("case", sorted(STRANGE))
def test_text_is_decoded_exactly_and_offsets_slice_it(tmp_path: Path, encoding: str, case: str) -> None:
    text = STRANGE[case]
    if case == "controls" and encoding == "utf-8":
        text = text.replace("\x00", "")  # a NUL in BOM-less text reads as binary (tested below)
    bom, codec = ENCODINGS[encoding]
    path = tmp_path / "article.txt"
    path.write_bytes(bom + text.encode(codec))
    doc = _only(list(read_documents(str(path))))
    assert doc.text == text, "no newline translation, no normalization, BOM removed, nothing else"
    records = records_from_parse(surface_parse(doc.text), doc.doc_id, include_unattributed=True)
    check_spans(text, records)
    assert all(r.provenance.text_sha256 == text_sha256(text) for r in records)


def test_the_strange_cases_still_find_the_quote() -> None:
    for case in ("crlf", "lone-cr", "nfd", "zero-width", "emoji", "rtl", "bom-inside"):
        text = STRANGE[case]
        records = records_from_parse(surface_parse(text), case)
        assert any(r.kind == "direct" and r.cue is not None for r in records), case


def test_decode_errors_name_the_byte() -> None:
    with pytest.raises(InputError, match=r"x: not valid UTF-8 at byte 3"):
        decode(b"caf\xe9", "x")
    with pytest.raises(InputError, match=r"not valid UTF-8 \(declared by its byte-order mark\) at byte 5"):
        decode(codecs.BOM_UTF8 + b"ab\xffc", "x")
    with pytest.raises(InputError, match=r"not valid UTF-16 LE .* at byte 4"):
        decode(codecs.BOM_UTF16_LE + b"a\x00b", "x")  # an odd byte out
    with pytest.raises(InputError, match=r"binary file \(NUL bytes\)"):
        decode("plain".encode("utf-16-le"), "x")  # UTF-16 without its BOM
    assert decode(codecs.BOM_UTF16_BE + "\ufeffx".encode("utf-16-be"), "x") == "\ufeffx", "only one BOM is removed"


# -- unreadable inputs -------------------------------------------------------------------------------------


def test_every_kind_of_bad_path_is_one_error(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bom-only.txt").write_bytes(codecs.BOM_UTF8)
    (tmp_path / "blank.txt").write_text(" \r\n\t\n", encoding="utf-8")
    (tmp_path / "binary.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "latin1.txt").write_bytes("café".encode("latin-1"))
    (tmp_path / "big.txt").write_text("x" * 100, encoding="utf-8")
    cases = {
        "empty.txt": "empty file",
        "bom-only.txt": "empty file",
        "blank.txt": "empty file",
        "binary.bin": "binary file",
        "latin1.txt": "not valid UTF-8 at byte 3",
        "missing.txt": "no such file",
        "missing/dir/a.txt": "no such file",
        "empty.txt/child.txt": "no such file",
        ".": "is a directory",
    }
    for name, reason in cases.items():
        err = _error(list(read_documents(str(tmp_path / name))))
        assert reason in err.reason, (name, err)
        assert str(err).startswith(str(tmp_path / name)), "the message names the file"
    err = _error(list(read_documents(str(tmp_path / "big.txt"), max_bytes=10)))
    assert "over the limit of 10" in err.reason
    err = _error(list(read_documents(str(tmp_path / "nul\x00name.txt"))))
    assert "not a usable file name" in err.reason


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert "not a regular file" in _error(list(read_documents(str(fifo)))).reason


def test_jsonl_lines_fail_one_by_one(tmp_path: Path) -> None:
    src = tmp_path / "docs.jsonl"
    lines = [
        json.dumps({"id": "a", "text": QUOTE}),
        "not json",
        json.dumps(["a list"]),
        json.dumps({"id": "b"}),
        json.dumps({"id": None, "text": "x"}),
        json.dumps({"id": "c", "text": "  \n "}),
        "",
        json.dumps({"id": 7, "text": "Seven.\r\nCRLF inside"}),
        "[" * 100_000,
    ]
    src.write_bytes(codecs.BOM_UTF8 + ("\r\n".join(lines) + "\r\n").encode("utf-8"))
    items = list(read_documents(str(src)))
    docs = [i for i in items if isinstance(i, Document)]
    errors = {i.line: i.reason for i in items if isinstance(i, InputError)}
    assert [(d.doc_id, d.source) for d in docs] == [("a", f"{src}:1"), ("7", f"{src}:8")]
    assert docs[1].text == "Seven.\r\nCRLF inside"
    assert sorted(errors) == [2, 3, 4, 5, 6, 9]
    assert errors[2].startswith("malformed JSON")
    assert "non-empty string or an integer" in errors[5]
    assert "empty text" in errors[6]


@pytest.mark.usefixtures("surface")
def test_extract_accounts_for_every_input(tmp_path: Path, capsys) -> None:
    good = tmp_path / "good.txt"
    good.write_bytes(codecs.BOM_UTF16_LE + STRANGE["crlf"].encode("utf-16-le"))
    crashing = tmp_path / "crash.txt"
    crashing.write_text('"Boom," he said. CRASH-ME\n', encoding="utf-8")
    SurfaceBackend.fail_on = "CRASH-ME"
    binary = tmp_path / "image.bin"
    binary.write_bytes(b"\x89PNG\x00\x00\x01")
    docs = tmp_path / "docs.jsonl"
    docs.write_text(
        "\n".join([json.dumps({"id": "a", "text": QUOTE}), "{oops", json.dumps({"id": "a", "text": QUOTE})]) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    errors = tmp_path / "errors.jsonl"
    paths = [good, crashing, binary, docs, tmp_path / "empty.txt", tmp_path / "latin1.txt"]
    (tmp_path / "empty.txt").write_text(" \n", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    args = ["extract", *map(str, paths), "-o", str(out), "--parser", "surface", "--errors-jsonl", str(errors)]
    assert main(args) == 1
    err = capsys.readouterr().err.splitlines()
    assert f"quotes: error: {crashing}: extraction failed: internal error: RuntimeError: simulated failure" in err
    assert f"quotes: error: {binary}: binary file (NUL bytes), not text; UTF-16/32 text needs a byte-order mark" in err
    assert (
        f"quotes: error: {docs}:2: malformed JSON: Expecting property name enclosed in double quotes at column 2" in err
    )
    assert f"quotes: error: {docs}:3: duplicate document id 'a' (first read at {docs}:1)" in err
    assert err[-1].startswith("quotes: 2 documents, 4 quotes, 6 errors in ")
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["doc_id"] for r in records] == [str(good)] * 3 + ["a"]
    entries = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert [(e["stage"], e["line"]) for e in entries] == [
        ("extract", None),
        ("read", None),
        ("read", 2),
        ("read", None),
        ("read", None),
        ("read", None),
    ]
    assert entries[0]["doc_id"] == str(crashing) and entries[3]["doc_id"] == "a"
    assert all(set(e) == {"source", "line", "doc_id", "stage", "reason"} for e in entries)


@pytest.mark.usefixtures("surface")
def test_output_is_readable_like_any_new_file(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(QUOTE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    umask = os.umask(0o022)
    try:
        assert main(["extract", str(article), "-o", str(out), "--parser", "surface"]) == 0
    finally:
        os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o644, "not the 0600 of a temporary file"


# -- very large inputs: pieces -----------------------------------------------------------------------------


def test_pieces_cover_the_text_and_cut_at_paragraphs() -> None:
    paragraph = QUOTE + " More words follow here.\n\n"
    text = paragraph * 50
    spans = pieces(text, 500)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a < b and b - a <= 500 for a, b in spans)
    assert all(prev[1] == nxt[0] for prev, nxt in itertools.pairwise(spans))
    assert all(text[:b].endswith("\n\n") for _, b in spans[:-1]), "every cut falls after a blank line"
    assert pieces(text, len(text)) == [(0, len(text))]
    assert pieces("", 10) == [(0, 0)]


def test_pieces_fall_back_to_lines_spaces_and_hard_cuts() -> None:
    lines = "line one\r\nline two\r\n" * 20
    for _, b in pieces(lines, 35)[:-1]:
        assert lines[:b].endswith("\r\n"), "a CRLF is never cut in two"
    cr = "one\rtwo\rthree\r" * 10
    assert all(cr[b - 1] == "\r" for _, b in pieces(cr, 12)[:-1])
    words = "word " * 100
    assert all(words[b - 1] == " " for _, b in pieces(words, 23)[:-1])
    nfd = unicodedata.normalize("NFD", "é") * 40
    spans = pieces(nfd, 7)
    assert all(not unicodedata.combining(nfd[a]) for a, _ in spans), "no piece starts on a combining mark"
    assert sum(b - a for a, b in spans) == len(nfd)


def test_chunked_extraction_shifts_every_span_into_the_whole_text() -> None:
    paragraphs = [f'"Paragraph {i} is here," the mayor said.\n\nAliyev said: "Number {i}."\n\n' for i in range(30)]
    text = "".join(paragraphs)
    extractor = Extractor(SurfaceBackend())
    whole = extractor.extract(text, "doc")
    chunked = list(extract_chunked(extractor, text, "doc", max_chars=300))
    check_spans(text, chunked)
    assert [r.quote_id for r in chunked] == [f"q{n}" for n in range(1, len(chunked) + 1)]
    assert {r.provenance.text_sha256 for r in chunked} == {text_sha256(text)}
    key = [(r.content, r.speaker, r.cue, r.speaker_name) for r in whole]
    assert [(r.content, r.speaker, r.cue, r.speaker_name) for r in chunked] == key, "paragraph-local quotes agree"
    for record in chunked:
        for region in record.evidence.marks:
            assert text[region.content.start : region.content.end] == region.content.text
        assert record.to_dict(text)  # every span (and its context) is into the whole text


def test_shift_record_moves_everything() -> None:
    record = records_from_parse(surface_parse(QUOTE), "doc")[0]
    prefix = "Seventeen chars. "
    moved = shift_record(record, len(prefix))
    check_spans(prefix + QUOTE, [moved])
    assert moved.quote_id == record.quote_id


def test_tens_of_megabytes_in_bounded_pieces() -> None:
    block = "Intro paragraph that says nothing much at all.\n\n" + QUOTE + "\n\n"
    text = block * (20_000_000 // len(block))
    assert len(text) > 19_000_000
    seen: list[tuple[int, int]] = []

    class Counting:
        """An extractor that checks each piece and finds nothing (the parse is not the point here)."""

        def extract(self, piece: str, doc_id: str) -> list:
            seen.append((len(piece), piece.count("\n\n")))
            return []

    assert list(extract_chunked(Counting(), text, "big", max_chars=200_000)) == []  # type: ignore[arg-type]
    assert max(n for n, _ in seen) <= 200_000, "the parser never sees more than a piece"
    assert sum(n for n, _ in seen) == len(text), "nothing lost between pieces"
    assert len(seen) == len(pieces(text, 200_000)) < len(text) // 150_000


@pytest.mark.usefixtures("surface")
def test_extract_command_chunks_big_documents(tmp_path: Path) -> None:
    text = "".join(f'"Quote {i} here," the mayor said.\r\n\r\nFiller line {i}.\r\n\r\n' for i in range(200))
    article = tmp_path / "big.txt"
    article.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(article), "-o", str(out), "--parser", "surface", "--chunk-chars", "1000"]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 200
    for r in records:
        assert text[r["content"]["start"] : r["content"]["end"]] == r["content"]["text"]
        assert text[r["content"]["end"] :].startswith(r["content"]["suffix"])
    assert max(n for _, n in SurfaceBackend.parsed) <= 1000
    assert main(["verify", str(out), str(article)]) == 0
