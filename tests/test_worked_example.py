"""CONTRIBUTING.md's worked example, followed for real: a new construction in the places it names.

The construction is a made-up one (``X posted: CLAUSE``, rule ``posted-colon``) so that the real rules
and records stay as they are; the test adds it exactly as the guide says (one rule function with its
declaration, one hook in its family's stage, one confidence line, one case block) and checks that the
engine, the registry check and the case reader then take it in, with nothing else touched.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from quotes.options import Options
from quotes.parse.backends.conllu import conllu_to_parse
from quotes.pipeline import records_from_parse
from quotes.rules import confidence, engine, registry
from quotes.rules.base import Attribution, Frame
from quotes.rules.registry import Rule
from tests.rule_cases import read_cases, records_of, summary, write_case

TREE = """# text = The mayor posted: the bridge reopens on Monday.
1	The	the	DET	DT	_	2	det	_	_
2	mayor	mayor	NOUN	NN	_	3	nsubj	_	_
3	posted	post	VERB	VBD	_	0	root	_	SpaceAfter=No
4	:	:	PUNCT	:	_	3	punct	_	_
5	the	the	DET	DT	_	6	det	_	_
6	bridge	bridge	NOUN	NN	_	7	nsubj	_	_
7	reopens	reopen	VERB	VBZ	_	3	parataxis	_	_
8	on	on	ADP	IN	_	9	case	_	_
9	Monday	Monday	PROPN	NNP	_	7	obl	_	SpaceAfter=No
10	.	.	PUNCT	.	_	3	punct	_	_
"""

# Step 1: the rule, a function in its family's module, declared beside it.
POSTED_COLON = Rule("posted-colon", "reported", "reported", ("indirect-bare",), "X posted: CLAUSE")


def posted_colon(frame: Frame, cue: int) -> Attribution | None:
    """``X posted: CLAUSE``: the clause after the colon, the cue's subject as the speaker."""
    parse = frame.parse
    tokens = parse.tokens
    if tokens[cue].lemma != "post" or cue + 2 >= len(tokens) or tokens[cue + 1].form != ":":
        return None
    sentence = parse.sentences[tokens[cue].sentence]
    last = sentence.last - 1 if tokens[sentence.last - 1].upos == "PUNCT" else sentence.last
    speaker = next((c for c in parse.children[cue] if tokens[c].rel == "nsubj"), None)
    return Attribution(
        content=parse.span(cue + 2, last - 1),
        kind="indirect",
        rule=POSTED_COLON.id,
        confidence=confidence.confidence(POSTED_COLON.id),
        cue=parse.span(cue, cue),
        cue_token=cue,
        speaker=parse.span(speaker - 1, speaker) if speaker is not None else None,
        speaker_token=speaker,
        sentence=tokens[cue].sentence,
    )


def test_a_new_construction_is_one_rule_one_data_line_one_case(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    parse = conllu_to_parse(TREE)
    before = [summary(r) for r in records_from_parse(parse, "d", options=Options())]
    assert all(r["rule"] != "posted-colon" for r in before)

    # Step 1 (cont.): registering the rule; without its confidence line the engine refuses to load.
    monkeypatch.setattr(registry, "_RULES", dict(registry.registered()))
    registry.register(POSTED_COLON)
    with pytest.raises(confidence.RuleError, match=r"no line .* posted-colon"):
        registry.check()
    # Step 2: one line in quotes/data/confidence.txt ("posted-colon 0.7").
    monkeypatch.setattr(confidence, "RULES", {**confidence.RULES, "posted-colon": 0.7})
    registry.check()

    # Step 1 (cont.): the hook, one reading more in the family's stage (here: after the reported stage).
    def stage(c: engine.Candidates) -> None:
        found = [a for i in range(len(c.frame.parse.tokens)) if (a := posted_colon(c.frame, i)) is not None]
        c.reported = c.reported + found

    steps = list(engine.STEPS)
    steps.insert([s.name for s in steps].index("reported") + 1, engine.Step("posted-colon", "stage", stage))
    monkeypatch.setattr(engine, "STEPS", tuple(steps))
    after = [summary(r) for r in records_from_parse(parse, "d", options=Options())]
    assert after == [
        {
            "kind": "indirect",
            "rule": "posted-colon",
            "content": "the bridge reopens on Monday",
            "speaker": "The mayor",
            "cue": "posted",
        }
    ]

    # Step 3: one case block in tests/rules/reported.conllu, which the one parametrized test reads.
    case_file = tmp_path / "reported.conllu"
    case_file.write_text(write_case("posted-colon/mayor", parse, after), encoding="utf-8")
    [case] = read_cases(case_file)
    assert case.rules == {"posted-colon"} and records_of(case) == list(case.expected)
