"""A stored parse is checked before use: any edit to a stored file or to PARSER.json makes the store parse
the document again (and say so on standard error), never hand back the edited parse."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from quotes.cli import main
from quotes.parse.store import ParseStore, StoredBackend, content_problem, parse_problem
from tests.audit_helpers import ARTICLE, SurfaceBackend, surface  # noqa: F401 - the fixture, used by name
from tests.test_parse_store import ARTICLES, IDENT, Counting, _gold, _named

NAME = "GUM_news_nasa"


def _lines(content: str) -> list[str]:
    return content.split("\n")


def _word_lines(content: str) -> list[int]:
    return [i for i, line in enumerate(_lines(content)) if line and line[0].isdigit()]


def _edit_cell(column: int, change: Callable[[str], str], nth: int = 5) -> Callable[[str], str]:
    def edit(content: str) -> str:
        lines = _lines(content)
        i = _word_lines(content)[nth]
        cells = lines[i].split("\t")
        cells[column] = change(cells[column])
        lines[i] = "\t".join(cells)
        return "\n".join(lines)

    return edit


def _move_range(content: str) -> str:
    # The case: one TokenRange moved onto other words of the same length ("20:23" -> "15:18").
    def shift(misc: str) -> str:
        a, b = map(int, re.search(r"TokenRange=(\d+):(\d+)", misc).groups())
        return misc.replace(f"TokenRange={a}:{b}", f"TokenRange={a - 5}:{b - 5}")

    return _edit_cell(9, shift)(content)


def _delete_sentence(content: str) -> str:
    blocks = content.split("\n\n")
    return "\n\n".join(blocks[:2] + blocks[3:])


def _reseal(edit: Callable[[str], str]) -> Callable[[str], str]:
    """The edit, with the file's content_sha256 recomputed: a forger who knows the format."""

    def sealed(content: str) -> str:
        edited = edit(content)
        first, digest_line, rest = edited.split("\n", 2)
        digest = hashlib.sha256(f"{first}\n{rest}".encode("utf-8", "surrogatepass")).hexdigest()
        return f"{first}\n{digest_line.split(' = ')[0]} = {digest}\n{rest}"

    return sealed


EDITS: list[tuple[str, Callable[[str], str], str]] = [
    ("TokenRange moved", _move_range, "content_sha256"),
    ("FORM changed", _edit_cell(1, lambda v: v + "x"), "content_sha256"),
    ("HEAD changed", _edit_cell(6, lambda v: str(int(v) + 1) if v != "1" else "2"), "content_sha256"),
    ("DEPREL changed", _edit_cell(7, lambda v: "obj" if v != "obj" else "nsubj"), "content_sha256"),
    ("LEMMA changed", _edit_cell(2, lambda v: v + "x"), "content_sha256"),
    ("sentence deleted", _delete_sentence, "content_sha256"),
    ("digest line removed", lambda c: "\n".join(line for line in _lines(c) if "content_sha256" not in line), "no "),
    ("one byte appended", lambda c: c + "\n", "content_sha256"),
    ("resealed: TokenRange moved", _reseal(_move_range), "form is not the text"),
    ("resealed: FORM changed", _reseal(_edit_cell(1, lambda v: v + "x")), "form is not the text"),
    ("resealed: sentence deleted", _reseal(_delete_sentence), "in no token"),
    ("resealed: HEAD onto itself", _reseal(_edit_cell(6, lambda v: "6")), "head"),
    ("resealed: HEAD outside", _reseal(_edit_cell(6, lambda v: "999")), "head"),
    ("resealed: DEPREL root below a head", _reseal(_edit_cell(7, lambda v: "root")), "relation"),
    ("resealed: DEPREL garbage", _reseal(_edit_cell(7, lambda v: "NOT A RELATION")), "relation"),
    ("resealed: garbage line", _reseal(lambda c: c.replace("\n1\t", "\nnonsense\n1\t", 1)), "not a stored parse line"),
]


def _stored(tmp_path: Path) -> tuple[ParseStore, Path, str]:
    store = ParseStore(tmp_path, on_reject=lambda message: None)
    parse = _named(_gold(NAME))
    path = store.put(parse, IDENT)
    return store, path, parse.text


def test_the_gold_parse_passes_every_check(tmp_path: Path) -> None:
    store, path, text = _stored(tmp_path)
    assert content_problem(path.read_text(encoding="utf-8")) is None
    assert parse_problem(_named(_gold(NAME))) is None
    assert store.get(text, IDENT) == _named(_gold(NAME)) and store.rejected == []


@pytest.mark.parametrize(("case", "edit", "says"), EDITS, ids=[e[0] for e in EDITS])
def test_an_edited_stored_parse_is_parsed_again_never_used(tmp_path: Path, case: str, edit, says: str) -> None:
    store, path, text = _stored(tmp_path)
    original = path.read_text(encoding="utf-8")
    edited = edit(original)
    assert edited != original
    path.write_text(edited, encoding="utf-8")
    assert store.get(text, IDENT) is None, f"{case}: the edited parse was handed back"
    assert len(store.rejected) == 1 and str(path) in store.rejected[0] and says in store.rejected[0]
    # Through the backend: the document is parsed again (the parser loaded), the parse is the true one,
    # and it is stored again, so the next run reuses it.
    loads: list[Counting] = []
    backend = StoredBackend(store, IDENT, lambda: loads.append(Counting()) or loads[-1])
    doc_id = str(ARTICLES / f"{NAME}.txt")
    assert backend.parse(text, doc_id) == _named(_gold(NAME))
    assert (backend.reused, backend.parsed, backend.stored) == (0, 1, 1) and loads[0].calls == [[doc_id]]
    assert path.read_text(encoding="utf-8") == original
    assert store.get(text, IDENT) == _named(_gold(NAME))


@pytest.mark.parametrize(
    "garbage",
    ["", "not json", "[]", '{"parser": "gold"}', None],
    ids=["empty", "not-json", "a-list", "other-fields", "removed"],
)
def test_a_parser_json_that_does_not_name_the_parser_is_not_trusted(tmp_path: Path, garbage: str | None) -> None:
    store, path, text = _stored(tmp_path)
    about = path.parent / "PARSER.json"
    if garbage is None:
        about.unlink()
    else:
        about.write_text(garbage, encoding="utf-8")
    assert store.get(text, IDENT) is None
    assert "PARSER.json" in store.rejected[0]
    store.put(_named(_gold(NAME)), IDENT)  # what the backend does after parsing again
    assert store.get(text, IDENT) == _named(_gold(NAME))


def test_a_parser_json_edited_field_by_field_is_not_trusted(tmp_path: Path) -> None:
    store, path, text = _stored(tmp_path)
    about = path.parent / "PARSER.json"
    original = about.read_text(encoding="utf-8")
    for field_edit in [('"lib": "1.0"', '"lib": "0.9"'), ('"format": 2', '"format": 1'), ('"key": "', '"key": "0')]:
        about.write_text(original.replace(*field_edit), encoding="utf-8")
        assert store.get(text, IDENT) is None, field_edit
    about.write_text(original.replace('"gold@here"', '"gold@elsewhere"'), encoding="utf-8")
    assert store.get(text, IDENT) is not None, "where the model lay is not the parser's identity"


def test_extract_from_an_edited_store_names_it_and_gives_the_true_records(
    tmp_path: Path,
    surface,  # noqa: F811
    capsys,
    monkeypatch,
) -> None:
    monkeypatch.setattr(SurfaceBackend, "model", "test")
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    store = tmp_path / "parses"
    assert main(["parse", str(article), "-o", str(store), "--parser", "surface"]) == 0
    fresh = tmp_path / "fresh.jsonl"
    assert main(["extract", str(article), "-o", str(fresh), "--parser", "surface"]) == 0
    (stored,) = store.glob("surface-*/*.conllu")
    stored.write_text(_move_range(stored.read_text(encoding="utf-8")), encoding="utf-8")
    SurfaceBackend.parsed.clear()
    capsys.readouterr()
    again = tmp_path / "again.jsonl"
    assert main(["extract", str(article), "-o", str(again), "--parser", "surface", "--parses", str(store)]) == 0
    err = capsys.readouterr().err
    assert f"{stored}: stored parse not used" in err and "parsing the document again" in err
    assert len(SurfaceBackend.parsed) == 1, "parsed again"
    assert again.read_bytes() == fresh.read_bytes()
