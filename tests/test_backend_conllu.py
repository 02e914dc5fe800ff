"""Gold CoNLL-U trees: reading, aligning onto a text, the backend's lookups (no model needed)."""

from __future__ import annotations

import pytest
from conftest import shared_dir, shared_path
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.errors import BackendError, InputError
from quotes.parse.backends import REQUIRED, build_backend
from quotes.parse.backends.align import find_forward, same_surface, split_words
from quotes.parse.backends.conllu import ConlluBackend, conllu_to_parse, parse_from_conllu
from quotes.parse.backends.conllu_reader import ConlluDocument, parse_misc, read_conllu
from quotes.parse.model import Parse

GUM_DEV = shared_dir() / "ud" / "en_gum-ud-dev.conllu"
NEWS_ID = "GUM_news_homeopathic"

SENTENCE = """\
# sent_id = hand-1
# text = "We won't stop," the mayor said.
1\t"\t"\tPUNCT\t``\t_\t5\tpunct\t_\tSpaceAfter=No
2\tWe\twe\tPRON\tPRP\tCase=Nom|Number=Plur|Person=1|PronType=Prs\t5\tnsubj\t_\t_
3-4\twon't\t_\t_\t_\t_\t_\t_\t_\t_
3\two\twill\tAUX\tMD\tVerbForm=Fin\t5\taux\t_\t_
4\tn't\tnot\tPART\tRB\tPolarity=Neg\t5\tadvmod\t_\t_
5\tstop\tstop\tVERB\tVB\tVerbForm=Inf\t10\tccomp\t_\tSpaceAfter=No
6\t,\t,\tPUNCT\t,\t_\t5\tpunct\t_\tSpaceAfter=No
7\t"\t"\tPUNCT\t''\t_\t5\tpunct\t_\t_
8\tthe\tthe\tDET\tDT\tDefinite=Def|PronType=Art\t9\tdet\t_\t_
9\tmayor\tmayor\tNOUN\tNN\tNumber=Sing\t10\tnsubj\t_\t_
10\tsaid\tsay\tVERB\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_\tSpaceAfter=No
11\t.\t.\tPUNCT\t.\t_\t10\tpunct\t_\t_
"""


@pytest.fixture(scope="module")
def gum() -> list[ConlluDocument]:
    return read_conllu(shared_path("ud", "en_gum-ud-dev.conllu"))


def check_parse(parse: Parse) -> None:
    """Offsets slice the text with each token's form; trees are well formed, one root per sentence."""
    for tok in parse.tokens:
        assert parse.text[tok.start : tok.end] == tok.form
    for sent in parse.sentences:
        roots = [i for i in sent.token_range if parse.tokens[i].head is None]
        assert len(roots) == 1, f"sentence {sent.index} has roots {roots}"
        for i in sent.token_range:
            tok = parse.tokens[i]
            assert tok.sentence == sent.index
            assert tok.head is None or sent.first <= tok.head < sent.last
        assert (sent.start, sent.end) == (parse.tokens[sent.first].start, parse.tokens[sent.last - 1].end)
    assert [s.first for s in parse.sentences[1:]] == [s.last for s in parse.sentences[:-1]]


# -- reading --------------------------------------------------------------------------------------------


def test_read_gum_documents(gum):
    assert len(gum) == 26
    assert all(doc.id and doc.id.startswith("GUM_") for doc in gum)
    assert NEWS_ID in {doc.id for doc in gum}
    assert sum(len(doc.sentences) for doc in gum) == 1341
    first = gum[0].sentences[0]
    assert first.sent_id == "GUM_academic_exposure-1"
    assert first.text == "Introduction"
    assert first.newpar
    assert first.words[0].misc_dict["Entity"] == "(1-abstract-new-nnnnn-cf1-1-sgl)"


def test_read_keeps_ranges_and_skips_empty_nodes(gum):
    sentences = [s for doc in gum for s in doc.sentences]
    with_range = next(s for s in sentences if s.ranges)
    rng = with_range.ranges[0]
    unit = next(u for u in with_range.units() if len(u.words) > 1)
    assert unit.surface == rng.form
    assert [with_range.words[i].id for i in unit.words] == list(range(rng.first, rng.last + 1))
    # GUM dev has empty nodes (8.1 ...): never read as words, and word ids stay 1..n
    for sent in sentences:
        assert [w.id for w in sent.words] == list(range(1, len(sent.words) + 1))


def test_read_groups_by_newdoc_and_parses_misc():
    text = (
        "# text = Hi .\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\tSpaceAfter=No\n2\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n"
        "# newdoc id = b\n# newpar\n1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t_\t_\n\n"
        "# newpar_block = p\n1\tNo\tno\tINTJ\tUH\t_\t0\troot\t_\t_\n"
    )
    docs = read_conllu(text)
    assert [d.id for d in docs] == [None, "b"]
    assert [len(d.sentences) for d in docs] == [1, 2]
    assert docs[1].sentences[0].newpar and not docs[1].sentences[1].newpar  # newpar_block is not newpar
    assert docs[0].sentences[0].rebuilt_text() == "Hi."
    assert parse_misc("SpaceAfter=No|Entity=(1-person-new)") == {"SpaceAfter": "No", "Entity": "(1-person-new)"}
    assert parse_misc("_") == {}


def test_crlf_file_and_unicode_line_separators(tmp_path):
    path = tmp_path / "crlf.conllu"
    block = "# text = a\u2028b\n1\ta\u2028b\ta\u2028b\tX\tX\t_\t0\troot\t_\t_\n\n"
    path.write_bytes(("\ufeff" + block.replace("\n", "\r\n")).encode("utf-8"))
    [doc] = read_conllu(path)
    assert doc.sentences[0].words[0].form == "a\u2028b"
    assert conllu_to_parse(block).tokens[0].end == 3


def test_malformed_line_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.conllu"
    bad.write_text("# text = a\n1\ta\ta\tX\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_conllu(bad)
    assert err.value.line == 2
    assert "bad.conllu:2" in str(err.value)
    with pytest.raises(InputError, match="no such CoNLL-U file"):
        read_conllu(tmp_path / "missing.conllu")


# -- aligning -------------------------------------------------------------------------------------------


def test_gum_documents_align_onto_rebuilt_text(gum):
    for doc in gum:
        text = doc.text()  # sentences joined by " ", "\n\n" at # newpar
        parse = parse_from_conllu(text, doc)
        assert parse.parser == "conllu"
        assert len(parse.tokens) == sum(len(s.words) for s in doc.sentences)
        assert len(parse.sentences) == len(doc.sentences)
        check_parse(parse)
        assert ("\n\n" in text) == any(s.newpar for s in doc.sentences[1:])


def test_conllu_to_parse_hand_written_block():
    parse = conllu_to_parse(SENTENCE)
    assert parse.text == '"We won\'t stop," the mayor said.'
    assert [t.form for t in parse.tokens] == ['"', "We", "wo", "n't", "stop", ",", '"', "the", "mayor", "said", "."]
    check_parse(parse)
    wo, nt = parse.tokens[2], parse.tokens[3]
    assert parse.text[wo.start : wo.end] == "wo" and parse.text[nt.start : nt.end] == "n't"
    assert not wo.space_after and nt.space_after
    said = parse.tokens[9]
    assert said.lemma == "say" and said.head is None and said.deprel == "root"
    assert said.feat("Tense") == "Past" and said.xpos == "VBD"
    assert parse.tokens[8].head == 9 and parse.tokens[8].rel == "nsubj"
    assert parse.path(8, 4) == ["^nsubj", "ccomp"]
    assert parse.provides >= REQUIRED


def test_alignment_tolerates_whitespace_and_extra_text():
    text = 'HEADLINE\r\n\r\n  \u201cnot here\u201d\n"We  won\'t\tstop,"\r\nthe\u200b mayor\n said.  '
    parse = parse_from_conllu(text, read_conllu(SENTENCE)[0])
    check_parse(parse)
    assert parse.text is text
    assert parse.tokens[0].start == text.index('"')
    assert parse.tokens[-1].end == text.rindex(".") + 1


def test_missing_token_raises_backend_error():
    text = '"We won\'t stop," the said.'  # "mayor" is gone
    with pytest.raises(BackendError) as err:
        parse_from_conllu(text, read_conllu(SENTENCE)[0], doc_label="art-7")
    message = str(err.value)
    assert "art-7" in message and "hand-1" in message and "'mayor'" in message


def test_head_outside_sentence_raises():
    block = "1\tHi\thi\tINTJ\tUH\t_\t3\troot\t_\t_\n"
    with pytest.raises(BackendError, match="head 3"):
        conllu_to_parse(block)


def test_reader_rejects_range_without_words():
    with pytest.raises(InputError, match="multi-word"):
        read_conllu("# text = won't\n1-2\twon't\t_\t_\t_\t_\t_\t_\t_\t_\n\n")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([" ", "  ", "\n", "\r\n", "\t", " \u200b"]), min_size=10, max_size=10))
def test_any_whitespace_between_tokens_aligns(gaps):
    sentence = read_conllu(SENTENCE)[0].sentences[0]
    text = "".join(gap + unit.surface for gap, unit in zip(gaps, sentence.units(), strict=True))
    parse = parse_from_conllu(text, sentence)
    check_parse(parse)


# -- align helpers --------------------------------------------------------------------------------------


def test_find_forward_and_split_words():
    text = "a  New\nYork  b New York"
    assert find_forward(text, "New York") == (3, 11)
    assert find_forward(text, "New York", 11) == (15, 23)
    assert find_forward(text, "Boston") is None
    assert find_forward(text, "   ") is None
    assert find_forward("x\u00e9 e\u0301", "e\u0301") == (3, 5)  # NFD stays NFD: no normalization
    assert split_words("won't", 0, 5, ["wo", "n't"]) == [(0, 2), (2, 5)]
    assert split_words("du", 0, 2, ["de", "le"]) == [(0, 2), (0, 2)]
    assert same_surface("a\tb", "a b") and not same_surface("ab", "a c")


# -- the backend ----------------------------------------------------------------------------------------


def test_backend_finds_document_by_id_and_stem(gum):
    backend = ConlluBackend(GUM_DEV)
    doc = next(d for d in gum if d.id == NEWS_ID)
    text = doc.text()
    parse = backend.parse(text, NEWS_ID)
    assert parse.model == "en_gum-ud-dev.conllu" and backend.model == "en_gum-ud-dev.conllu"
    check_parse(parse)
    assert backend.parse(text, f"corpus/{NEWS_ID}.txt") == parse
    assert list(backend.parse_many([(NEWS_ID, text)])) == [parse]
    with pytest.raises(BackendError, match=r"no gold trees for document nope.*GUM_academic_exposure"):
        backend.parse(text, "nope")


def test_backend_uses_conllu_next_to_txt(tmp_path):
    txt = tmp_path / "story.txt"
    text = '"We won\'t stop," the mayor said.\n'
    txt.write_text(text, encoding="utf-8")
    (tmp_path / "story.conllu").write_text(SENTENCE, encoding="utf-8")
    parse = ConlluBackend().parse(text, str(txt))
    assert parse.model == "story.conllu"
    check_parse(parse)


def test_backend_from_trees_and_registry(tmp_path):
    backend = ConlluBackend(trees={"s1": SENTENCE})
    parse = backend.parse('"We won\'t stop," the mayor said.', "s1")
    assert parse.tokens[9].lemma == "say"
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "s2.conllu").write_text(SENTENCE, encoding="utf-8")
    loaded = build_backend("conllu", path=tmp_path / "gold")
    assert loaded.provides >= REQUIRED
    again = loaded.parse(parse.text, "other/s2.txt")
    assert again.tokens == parse.tokens and again.model == "s2.conllu"
