"""Direct-quote rules on hand-built parses: own full stops, titles, pull quotes, British punctuation, colons
across paragraphs, statement-then-quote, and the cue test's lookalikes."""

from __future__ import annotations

from quotes.data.lexicon import load
from quotes.pipeline import records_from_parse
from quotes.rules.base import Frame
from quotes.rules.direct import attribute_direct
from quotes.text import marks
from tests.parse_helpers import flat, parse_rows


def _records(parse):
    recs = records_from_parse(parse, "d")
    for rec in recs:
        assert rec.check(parse.text) == []
    return recs


def test_a_quote_with_its_own_full_stop_keeps_the_cue_before_it() -> None:
    text = 'Nadia Okonjo said: "We are ready." The minister later said talks would resume on Monday.'
    parse = parse_rows(
        text,
        [
            "Nadia PROPN 2 compound",
            "Okonjo PROPN 3 nsubj",
            "said VERB 0 root",
            ": PUNCT 3 punct",
            '" PUNCT 7 punct',
            "We PRON 7 nsubj",
            "are AUX 3 ccomp",
            ". PUNCT 7 punct",
            '" PUNCT 7 punct',
        ],
        [
            "The DET 2 det",
            "minister NOUN 4 nsubj",
            "later ADV 4 advmod",
            "said VERB 0 root",
            "talks NOUN 7 nsubj",
            "would AUX 7 aux",
            "resume VERB 4 ccomp",
            "on ADP 9 case",
            "Monday PROPN 7 obl",
            ". PUNCT 4 punct",
        ],
    )
    direct, indirect = _records(parse)
    assert (direct.kind, direct.content.text, direct.speaker.text) == ("direct", "We are ready.", "Nadia Okonjo")
    assert direct.cue.start == text.index("said")
    # The next sentence's verb reports its own clause, which is not lost to the quote before it.
    assert (indirect.kind, indirect.content.text, indirect.speaker.text) == (
        "indirect",
        "talks would resume on Monday",
        "The minister",
    )
    assert indirect.cue.start == text.rindex("said")


def test_a_question_closed_by_its_mark_still_takes_a_cue_that_only_closes_it() -> None:
    text = '"Who will pay for this?" Beatriz Costa asked on Tuesday.'
    parse = flat(text, "PUNCT PRON AUX VERB ADP PRON PUNCT PUNCT PROPN PROPN VERB ADP PROPN PUNCT")
    [rec] = _records(parse)
    assert rec.content.text == "Who will pay for this?"
    assert rec.cue.text == "asked" and rec.speaker.text == "Beatriz Costa"


def test_a_quotation_after_a_naming_word_is_a_title_not_speech() -> None:
    text = 'The report, titled "Water at Risk," said that a third of the wells were contaminated.'
    parse = parse_rows(
        text,
        [
            "The DET 2 det",
            "report NOUN 11 nsubj",
            ", PUNCT 4 punct",
            "titled VERB 2 acl",
            '" PUNCT 6 punct',
            "Water NOUN 4 xcomp",
            "at ADP 8 case",
            "Risk NOUN 6 nmod",
            ", PUNCT 6 punct",
            '" PUNCT 6 punct',
            "said VERB 0 root",
            "that SCONJ 19 mark",
            "a DET 14 det",
            "third NOUN 19 nsubj:pass",
            "of ADP 17 case",
            "the DET 17 det",
            "wells NOUN 14 nmod",
            "were AUX 19 aux:pass",
            "contaminated VERB 11 ccomp",
            ". PUNCT 11 punct",
        ],
    )
    recs = _records(parse)
    assert [(r.kind, r.content.text) for r in recs] == [("indirect", "a third of the wells were contaminated")]


def test_a_pull_quote_repeating_a_quote_is_not_reported_again() -> None:
    text = (
        '"We will not leave this valley," Nomvula Khumalo said.\n\n"We will not leave this valley." — Nomvula Khumalo'
    )
    parse = parse_rows(
        text,
        [
            '" PUNCT 5 punct',
            "We PRON 5 nsubj",
            "will AUX 5 aux",
            "not PART 5 advmod",
            "leave VERB 12 ccomp",
            "this DET 7 det",
            "valley NOUN 5 obj",
            ", PUNCT 5 punct",
            '" PUNCT 5 punct',
            "Nomvula PROPN 11 compound",
            "Khumalo PROPN 12 nsubj",
            "said VERB 0 root",
            ". PUNCT 12 punct",
        ],
        [
            '" PUNCT 5 punct',
            "We PRON 5 nsubj",
            "will AUX 5 aux",
            "not PART 5 advmod",
            "leave VERB 0 root",
            "this DET 7 det",
            "valley NOUN 5 obj",
            ". PUNCT 5 punct",
            '" PUNCT 5 punct',
            "— PUNCT 12 punct",
            "Nomvula PROPN 12 compound",
            "Khumalo PROPN 5 parataxis",
        ],
    )
    [rec] = _records(parse)
    assert rec.evidence.rule == "quote-cue" and rec.content.start == 1


def test_british_punctuation_outside_the_marks_makes_a_short_opening_quote_speech() -> None:
    text = "'The hospital', Mr Adeyemi said, 'has let this family down.'"
    parse = flat(text, "PUNCT DET NOUN PUNCT PUNCT PROPN PROPN VERB PUNCT PUNCT AUX VERB DET NOUN ADP PUNCT PUNCT")
    first, second = _records(parse)
    assert (first.content.text, first.evidence.rule, first.speaker.text) == ("The hospital", "quote-cue", "Mr Adeyemi")
    assert (second.evidence.rule, second.speaker.text) == ("split", "Mr Adeyemi")


def test_a_colon_ending_the_paragraph_opens_onto_the_quote_in_the_next() -> None:
    text = 'In a speech, Chen Meiling said:\n\n"The next five years will decide whether our cities can breathe."'
    parse = parse_rows(
        text,
        [
            "In ADP 2 case",
            "a DET 2 det",
            "speech NOUN 7 obl",
            ", PUNCT 7 punct",
            "Chen PROPN 6 compound",
            "Meiling PROPN 7 nsubj",
            "said VERB 0 root",
            ": PUNCT 7 punct",
        ],
        [
            '" PUNCT 6 punct',
            "The DET 5 det",
            "next ADJ 5 amod",
            "five NUM 5 nummod",
            "years NOUN 7 nsubj",
            "will AUX 7 aux",
            "decide VERB 0 root",
            "whether SCONJ 13 mark",
            "our PRON 10 nmod:poss",
            "cities NOUN 13 nsubj",
            "can AUX 13 aux",
            "breathe VERB 7 ccomp",
            ". PUNCT 7 punct",
            '" PUNCT 7 punct',
        ],
    )
    [rec] = _records(parse)
    assert (rec.kind, rec.evidence.rule, rec.speaker.text) == ("direct", "cue-quote", "Chen Meiling")


LEMMA = {"issued": "issue", "found": "find", "read": "read"}


def _statement_parse(verb: str, subject: str) -> tuple[str, object]:
    text = f'{subject} {verb} a statement on Friday. "We regret the delay and apologise to every passenger."'
    words = subject.split()
    rows = [f"{w} DET {len(words)} det" for w in words[:-1]] + [f"{words[-1]} NOUN {len(words) + 1} nsubj"]
    n = len(words) + 1
    rows += [
        f"{verb} VERB 0 root {LEMMA[verb]}",
        f"a DET {n + 2} det",
        f"statement NOUN {n} obj",
        f"on ADP {n + 4} case",
        f"Friday PROPN {n} obl",
        f". PUNCT {n} punct",
    ]
    quote = [
        '" PUNCT 3 punct',
        "We PRON 3 nsubj",
        "regret VERB 0 root",
        "the DET 5 det",
        "delay NOUN 3 obj",
        "and CCONJ 7 cc",
        "apologise VERB 3 conj",
        "to ADP 10 case",
        "every DET 10 det",
        "passenger NOUN 7 obl",
        ". PUNCT 3 punct",
        '" PUNCT 3 punct',
    ]
    return text, parse_rows(text, rows, quote)


def test_statement_then_quote_needs_a_verb_that_issues_the_statement() -> None:
    _, parse = _statement_parse("issued", "The airline")
    [rec] = _records(parse)
    assert (rec.evidence.rule, rec.speaker.text, rec.cue.text) == ("statement-then-quote", "The airline", "statement")
    # Someone who found or read a statement is not its source.
    for verb in ("found", "read"):
        _, parse = _statement_parse(verb, "The passengers")
        assert _records(parse) == []


def test_cue_refuses_nouns_names_and_lemmas_that_look_like_reporting_verbs() -> None:
    lexicon = load()
    cases = [
        (
            "The United States and Mexico signed the accord.",
            "States",
            "DET PROPN PROPN CCONJ PROPN VERB DET NOUN PUNCT",
        ),
        ("She wrote for the Evening Post until 2010.", "Post", "PRON VERB ADP DET PROPN PROPN ADP NUM PUNCT"),
        ("Said Benali lost both of his boats.", "Said", "PROPN PROPN VERB PRON ADP PRON NOUN PUNCT"),
        ("Reports of looting could not be confirmed.", "Reports", "NOUN ADP NOUN AUX PART AUX VERB PUNCT"),
        ("The reports of looting were wrong.", "reports", "DET NOUN ADP NOUN AUX ADJ PUNCT"),
        ("The report was published.", "report", "DET NOUN AUX VERB PUNCT"),
    ]
    for text, word, tags in cases:
        parse = flat(text, tags)
        frame = Frame(parse, marks.scan(text), lexicon)
        index = next(t.index for t in parse.tokens if t.form == word)
        assert frame.cue(index) is None, text
    # A past form the tagger took for an adjective, and a headline's inverted "Says" after the closing mark.
    for text, word, tags in [
        ('"We are ready," the minister said.', "said", "PUNCT PRON AUX ADJ PUNCT PUNCT DET NOUN ADJ PUNCT"),
        (
            "'We Will Not Back Down,' Says Union Leader",
            "Says",
            "PUNCT PRON AUX PART VERB ADP PUNCT PUNCT PROPN PROPN PROPN",
        ),
    ]:
        parse = flat(text, tags)
        frame = Frame(parse, marks.scan(text), lexicon)
        index = next(t.index for t in parse.tokens if t.form == word)
        assert frame.cue(index) is not None, text


def test_belief_verbs_are_no_cues_unless_asked_for() -> None:
    assert load().verb("believes") is None and load().verb("feared") is None
    assert "believe" in load().cognition
    believe = load(cognition=True).verb("believes")
    assert believe is not None and believe.section == "cognition"
    text = "Investors fear a second rate rise could tip the economy into recession."
    parse = parse_rows(
        text,
        [
            "Investors NOUN 2 nsubj",
            "fear VERB 0 root",
            "a DET 6 det",
            "second ADJ 6 amod",
            "rate NOUN 6 compound",
            "rise NOUN 8 nsubj",
            "could AUX 8 aux",
            "tip VERB 2 ccomp",
            "the DET 10 det",
            "economy NOUN 8 obj",
            "into ADP 12 case",
            "recession NOUN 8 obl",
            ". PUNCT 2 punct",
        ],
    )
    assert _records(parse) == []
    assert [r.kind for r in records_from_parse(parse, "d", load(cognition=True))] == ["indirect"]


def test_a_short_title_case_quotation_in_body_text_is_a_title() -> None:
    text = '"Music kept us alive," Zarmina Ahmadi said. "Sunrise Over Kabul," her film, opens on Friday.'
    tags = "PUNCT NOUN VERB PRON ADJ PUNCT PUNCT PROPN PROPN VERB PUNCT PUNCT PROPN ADP PROPN PUNCT PUNCT PRON NOUN"
    tags += " PUNCT VERB ADP PROPN PUNCT"
    recs = _records(flat(text, tags))
    assert [r.content.text for r in recs] == ["Music kept us alive,"]


def test_a_participle_cue_before_its_occasion_and_the_quote_takes_the_sentence_subject() -> None:
    text = 'One poster admitted his part, writing in a blog post "I loaded the tool and started the attack."'
    rows = ["One NUM 2 nummod", "poster NOUN 3 nsubj", "admitted VERB 0 root admit", "his PRON 5 nmod:poss"]
    rows += ["part NOUN 3 obj", ", PUNCT 7 punct", "writing VERB 3 advcl write VBG", "in ADP 11 case"]
    rows += ["a DET 11 det", "blog NOUN 11 compound", "post NOUN 7 obl", '" PUNCT 14 punct', "I PRON 14 nsubj"]
    rows += ["loaded VERB 3 parataxis load", "the DET 16 det", "tool NOUN 14 obj", "and CCONJ 18 cc"]
    rows += [
        "started VERB 14 conj start",
        "the DET 20 det",
        "attack NOUN 18 obj",
        ". PUNCT 14 punct",
        '" PUNCT 14 punct',
    ]
    parse = parse_rows(text, rows)
    [att] = attribute_direct(parse, marks.scan(text), load())
    assert (att.rule, att.cue.text, att.speaker.text) == ("cue-quote", "writing", "One poster")
    assert "participle" in " ".join(att.notes)
