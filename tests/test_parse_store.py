"""The parse store: a parse written and read back is the same parse, and gives the same records.

Parsers are not needed for most of it: gold trees and a surface "parser" make real parses; the stanza
and spaCy round trips through the command line run where those parsers are installed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.cli import main
from quotes.errors import BackendError, InputError
from quotes.parse.backends.align import sentences_from_tokens
from quotes.parse.backends.conllu import ConlluBackend
from quotes.parse.model import Parse, ParserIdentity, Token
from quotes.parse.store import ParseStore, StoredBackend, from_conllu, load_backend, parser_key, to_conllu
from quotes.pipeline import records_from_parse
from tests.audit_helpers import ARTICLE, SurfaceBackend, surface  # noqa: F401 - the fixture, used by name

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "corpus" / "articles"
IDENT = ParserIdentity("gold", "gold@here", "gold", {"lib": "1.0"}, frozenset({"upos", "deps", "lemma", "ner"}))


def _gold(name: str) -> Parse:
    path = ARTICLES / f"{name}.txt"
    return ConlluBackend(ARTICLES).parse(path.read_text(encoding="utf-8"), str(path))


def _named(parse: Parse, ident: ParserIdentity = IDENT) -> Parse:
    """``parse`` as the store hands it back: named by the identity it was stored under."""
    return Parse(parse.text, parse.tokens, parse.sentences, ident.name, ident.model, ident.versions, ident.provides)


@pytest.mark.parametrize("name", ["GUM_news_nasa", "GUM_news_iodine", "GUM_news_korea"])
def test_gold_parse_round_trip_gives_the_same_parse_and_records(name: str) -> None:
    parse = _named(_gold(name))
    back = from_conllu(to_conllu(parse, IDENT), parse.text, IDENT)
    assert back == parse
    assert back.versions == parse.versions
    before = [r.to_dict(parse.text) for r in records_from_parse(parse, name)]
    after = [r.to_dict(parse.text) for r in records_from_parse(back, name)]
    assert before == after and before


# Values CoNLL-U cannot hold as they are: empty, "_", a tab, line breaks of every kind, spaces, quotes.
AWKWARD = st.sampled_from(["", "_", "a\tb", "x\ny", "\r", "\u2028", "\x85", "two words", '"', "#", "é", "|"])
VALUE = st.one_of(AWKWARD, st.text(max_size=6))


@st.composite
def parses(draw: st.DrawFn) -> Parse:
    """Random parses of a random text (lone surrogates and line breaks included) in the shape every
    backend makes: tokens in order, sentences read off them, heads inside each sentence."""
    text = draw(st.text(alphabet=st.characters(codec=None, exclude_categories=()), min_size=1, max_size=40))
    sizes = draw(st.lists(st.integers(1, 4), max_size=4))
    tokens: list[Token] = []
    for s_index, size in enumerate(sizes):
        first = len(tokens)
        for k in range(size):
            start = draw(st.integers(0, len(text)))
            end = draw(st.integers(start, len(text)))
            head = draw(st.one_of(st.none(), st.integers(first, first + size - 1)))
            ner = draw(st.sampled_from(["O", "B-PERSON", "I-ORG"]))
            form, lemma, upos, xpos, feats, deprel = (draw(VALUE) for _ in range(6))
            tokens.append(
                Token(
                    first + k,
                    start,
                    end,
                    form,
                    lemma,
                    upos,
                    head,
                    deprel,
                    s_index,
                    xpos,
                    feats,
                    ner,
                    draw(st.booleans()),
                )
            )
    return Parse(
        text, tuple(tokens), sentences_from_tokens(tokens), IDENT.name, IDENT.model, IDENT.versions, IDENT.provides
    )


@settings(max_examples=200, deadline=None)
@given(parses())
def test_any_storable_parse_reads_back_the_same(parse: Parse) -> None:
    content = to_conllu(parse, IDENT)
    assert all(len(line.split("\t")) in (1, 10) for line in content.split("\n"))  # one token per line, 10 cells
    assert from_conllu(content, parse.text, IDENT) == parse


def test_stored_for_another_text_or_parser_is_refused() -> None:
    parse = _named(_gold("GUM_news_nasa"))
    content = to_conllu(parse, IDENT)
    with pytest.raises(InputError, match="another text"):
        from_conllu(content, parse.text + " ", IDENT)
    other = ParserIdentity("gold", "gold@here", "gold v2", IDENT.versions, IDENT.provides)
    assert parser_key(other) != parser_key(IDENT)
    with pytest.raises(InputError, match="another parser"):
        from_conllu(content, parse.text, other)
    broken = content.replace("TokenRange=", "TokenRnge=", 1)
    with pytest.raises(InputError, match="not a stored parse line"):
        from_conllu(broken, parse.text, IDENT, "x.conllu")


def test_the_store_keys_by_model_identity_not_by_where_the_model_lies(tmp_path: Path) -> None:
    store = ParseStore(tmp_path)
    parse = _named(_gold("GUM_news_korea"))
    path = store.put(parse, IDENT)
    assert path.parent.name.startswith("gold-") and path.name.endswith(".conllu")
    elsewhere = ParserIdentity("gold", "gold@there", "gold", IDENT.versions, IDENT.provides)
    assert store.path(parse.text, elsewhere) == path
    assert store.get(parse.text, elsewhere) == _named(parse, elsewhere)  # named as the current model
    newer = ParserIdentity("gold", "gold@here", "gold", {"lib": "2.0"}, IDENT.provides)
    assert store.get(parse.text, newer) is None
    about = json.loads((path.parent / "PARSER.json").read_text(encoding="utf-8"))
    assert about["identity"] == "gold" and about["key"] == parser_key(IDENT)


class Counting:
    """A backend that counts what it parses (gold trees underneath)."""

    name = "gold"
    model = "gold@here"
    identity = "gold"
    versions = {"lib": "1.0"}  # noqa: RUF012
    provides = IDENT.provides

    def __init__(self) -> None:
        self.gold = ConlluBackend(ARTICLES)
        self.calls: list[list[str]] = []

    def parse_many(self, texts):
        batch = list(texts)
        self.calls.append([doc_id for doc_id, _ in batch])
        for doc_id, text in batch:
            yield _named(self.gold.parse(text, doc_id))


def test_stored_backend_parses_only_what_is_missing_and_keeps_the_order(tmp_path: Path) -> None:
    names = ["GUM_news_nasa", "GUM_news_iodine", "GUM_news_korea", "GUM_news_ie9"]
    docs = [(str(ARTICLES / f"{n}.txt"), (ARTICLES / f"{n}.txt").read_text(encoding="utf-8")) for n in names]
    store = ParseStore(tmp_path)
    store.put(_named(_gold("GUM_news_iodine")), IDENT)
    store.put(_named(_gold("GUM_news_ie9")), IDENT)
    loads: list[Counting] = []

    def load() -> Counting:
        loads.append(Counting())
        return loads[-1]

    backend = StoredBackend(store, IDENT, load)
    out = list(backend.parse_many(iter(docs)))
    assert [p.text for p in out] == [text for _, text in docs]
    assert out == [_named(_gold(n)) for n in names]
    assert len(loads) == 1 and loads[0].calls == [[docs[0][0], docs[2][0]]]  # one call, the two missing
    assert (backend.reused, backend.parsed, backend.stored) == (2, 2, 2)
    again = StoredBackend(store, IDENT, load)
    assert list(again.parse_many(iter(docs))) == out
    assert len(loads) == 1, "everything stored: the parser is never loaded"
    assert again.reused == 4


def test_a_parser_that_is_not_who_it_said_is_an_error(tmp_path: Path) -> None:
    claimed = ParserIdentity("gold", "gold@here", "gold", {"lib": "0.9"}, IDENT.provides)
    backend = StoredBackend(ParseStore(tmp_path), claimed, Counting)
    with pytest.raises(BackendError, match="loaded as"):
        backend.parse("text", str(ARTICLES / "GUM_news_nasa.txt"))


def test_a_store_that_cannot_be_written_costs_only_the_storing(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    backend = StoredBackend(ParseStore(blocker / "store"), IDENT, Counting)
    path = ARTICLES / "GUM_news_nasa.txt"
    parse = backend.parse(path.read_text(encoding="utf-8"), str(path))
    assert parse == _named(_gold("GUM_news_nasa"))
    assert (backend.parsed, backend.stored) == (1, 0) and len(backend.store_errors) == 1


def test_gold_trees_are_not_stored(tmp_path: Path) -> None:
    with pytest.raises(BackendError, match="gold trees"):
        load_backend("conllu", parses=str(tmp_path))


def test_parse_then_extract_from_the_store_gives_the_same_records(tmp_path: Path, surface, monkeypatch) -> None:  # noqa: F811
    monkeypatch.setattr(SurfaceBackend, "model", "test")  # as its parses name it, like every real backend's
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text('"It is done," the minister said.\n', encoding="utf-8")
    store = tmp_path / "parses"
    assert main(["parse", str(article), str(other), "-o", str(store), "--parser", "surface"]) == 0
    assert len(SurfaceBackend.parsed) == 2
    fresh, reused = tmp_path / "fresh.jsonl", tmp_path / "reused.jsonl"
    assert main(["extract", str(article), str(other), "-o", str(fresh), "--parser", "surface"]) == 0
    SurfaceBackend.parsed.clear()
    argv = ["extract", str(article), str(other), "-o", str(reused), "--parser", "surface", "--parses", str(store)]
    assert main(argv) == 0
    assert SurfaceBackend.parsed == [], "both documents came from the store"
    assert reused.read_bytes() == fresh.read_bytes() and fresh.read_bytes()


def test_parse_command_names_bad_inputs(tmp_path: Path, surface, capsys) -> None:  # noqa: F811
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    store = tmp_path / "parses"
    assert main(["parse", str(good), str(empty), "-o", str(store), "--parser", "surface"]) == 1
    err = capsys.readouterr().err
    assert f"{empty}: empty file" in err and "1 parsed (1 stored)" in err
    assert main(["parse", str(good), "-o", str(store), "--parser", "surface"]) == 0
    assert "0 parsed (0 stored), 1 already stored" in capsys.readouterr().err


@pytest.mark.stanza
def test_stanza_parses_stored_and_reused_give_the_same_records(tmp_path: Path, stanza_backend, capsys) -> None:
    from tests.conftest import stanza_models_dir

    seed = ARTICLES / "000_a59417acd8045365.txt"
    models = ["--models", str(stanza_models_dir())]
    store = tmp_path / "parses"
    assert main(["parse", str(seed), "-o", str(store), *models]) == 0
    fresh, reused = tmp_path / "fresh.jsonl", tmp_path / "reused.jsonl"
    assert main(["extract", str(seed), "-o", str(fresh), *models]) == 0
    assert main(["extract", str(seed), "-o", str(reused), "--parses", str(store), *models]) == 0
    err = capsys.readouterr().err
    assert "parses: 1 reused" in err and "stanza model: " in err and "sha256" in err
    assert reused.read_bytes() == fresh.read_bytes() and fresh.read_bytes()
    (stored,) = store.glob("stanza-*/*.conllu")
    assert str(stanza_models_dir()) not in stored.name  # keyed by the model's content, not its path


def test_spacy_identity_is_known_without_loading_it() -> None:
    pytest.importorskip("spacy", reason="spaCy is not installed (pip install 'quotes-audit[spacy]')")
    from quotes.parse.backends.spacy_backend import SpacyBackend, peek
    from quotes.parse.store import identity_of

    found = peek()
    if found is None:
        pytest.skip("no spaCy English model installed")
    assert found == identity_of(SpacyBackend())
