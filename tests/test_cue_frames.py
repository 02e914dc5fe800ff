"""Cue frames as data: the shape classifier of benchmarks/cue_frames.py on hand-built parses of invented
sentences, and the table quotes/data/cue_frames.txt as the lexicon reads it."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import content_shapes
import cue_frames
from parse_helpers import parse_rows

from quotes.data import lexicon as lexicon_module
from quotes.data.lexicon import FRAME_SHAPES, CueFrame
from quotes.data.lexicon import load as load_lexicon


def _shape(text: str, content: str, rows: list[str]) -> str | None:
    parse = parse_rows(text, rows)
    start = text.index(content)
    return content_shapes.content_shape(parse, start, start + len(content))


SHAPES = [
    (
        "The mayor denounced the merger.",
        "the merger",
        [
            "The DET 2 det",
            "mayor NOUN 3 nsubj",
            "denounced VERB 0 root",
            "the DET 5 det",
            "merger NOUN 3 obj",
            ". PUNCT 3 punct",
        ],
        "np",
    ),
    (
        "She said the bridge would reopen.",
        "the bridge would reopen",
        [
            "She PRON 2 nsubj",
            "said VERB 0 root",
            "the DET 4 det",
            "bridge NOUN 6 nsubj",
            "would AUX 6 aux",
            "reopen VERB 2 ccomp",
            ". PUNCT 2 punct",
        ],
        "clause",
    ),
    (
        "He argued that the rules were unfair.",
        "that the rules were unfair",
        [
            "He PRON 2 nsubj",
            "argued VERB 0 root",
            "that SCONJ 7 mark",
            "the DET 5 det",
            "rules NOUN 7 nsubj",
            "were AUX 7 cop",
            "unfair ADJ 2 ccomp",
            ". PUNCT 2 punct",
        ],
        "that",
    ),
    (
        "They asked whether the vote was fair.",
        "whether the vote was fair",
        [
            "They PRON 2 nsubj",
            "asked VERB 0 root",
            "whether SCONJ 7 mark",
            "the DET 5 det",
            "vote NOUN 7 nsubj",
            "was AUX 7 cop",
            "fair ADJ 2 ccomp",
            ". PUNCT 2 punct",
        ],
        "wh",
    ),
    (
        "The union vowed to strike.",
        "to strike",
        [
            "The DET 2 det",
            "union NOUN 3 nsubj",
            "vowed VERB 0 root",
            "to PART 5 mark",
            "strike VERB 3 xcomp",
            ". PUNCT 3 punct",
        ],
        "to",
    ),
    (
        "She spoke about her time in prison.",
        "about her time in prison",
        [
            "She PRON 2 nsubj",
            "spoke VERB 0 root",
            "about ADP 5 case",
            "her PRON 5 nmod:poss",
            "time NOUN 2 obl",
            "in ADP 7 case",
            "prison NOUN 5 nmod",
            ". PUNCT 2 punct",
        ],
        "prep",
    ),
    (
        'He said "we are done" at noon.',
        '"we are done"',
        [
            "He PRON 2 nsubj",
            "said VERB 0 root",
            '" PUNCT 6 punct',
            "we PRON 6 nsubj",
            "are AUX 6 cop",
            "done ADJ 2 ccomp",
            '" PUNCT 6 punct',
            "at ADP 9 case",
            "noon NOUN 2 obl",
            ". PUNCT 2 punct",
        ],
        "quote",
    ),
    (
        "Critics said the plan is dead.",
        "the plan is dead",
        [
            "Critics NOUN 2 nsubj",
            "said VERB 0 root",
            "the DET 4 det",
            "plan NOUN 6 nsubj",
            "is AUX 6 cop",
            "dead ADJ 2 ccomp",
            ". PUNCT 2 punct",
        ],
        "clause",
    ),
]


@pytest.mark.parametrize(("text", "content", "rows", "expected"), SHAPES, ids=[s[3] + ":" + s[1] for s in SHAPES])
def test_content_shape(text: str, content: str, rows: list[str], expected: str) -> None:
    assert _shape(text, content, rows) == expected


def test_content_without_words_has_no_shape() -> None:
    text = "She said ... then."
    rows = [
        "She PRON 2 nsubj",
        "said VERB 0 root",
        ". PUNCT 2 punct",
        ". PUNCT 2 punct",
        ". PUNCT 2 punct",
        "then ADV 2 advmod",
        ". PUNCT 2 punct",
    ]
    assert _shape(text, "...", rows) is None


def test_table_rows_from_counts() -> None:
    counts = Counter({("hail", "VERB", "np"): 4, ("hail", "VERB", "clause"): 1, ("opine", "VERB", "that"): 2})
    table = cue_frames.table(counts, 3, "# test")
    lines = table.splitlines()
    assert lines[2] == "[frames]"
    assert lines[3].split() == ["hail", "VERB", "5", "4", "1", "0", "0", "0", "0", "0"]
    assert len(lines) == 4  # "opine" was seen twice, under the minimum


def test_bundled_table_is_consistent() -> None:
    frames = load_lexicon().frames
    assert frames, "quotes/data/cue_frames.txt has no rows: rebuild it with benchmarks/cue_frames.py"
    for frame in frames.values():
        assert frame.total == sum(frame.counts[s] for s in FRAME_SHAPES)
    say = load_lexicon().frame("say")
    assert say is not None and say.total >= 100
    # "say" reports clauses and quotations far more than noun phrases; "praise" takes an object.
    assert say.share("clause") + say.share("quote") + say.share("that") > 0.8
    praise = load_lexicon().frame("praise")
    assert praise is None or praise.share("np") > 0.5


def test_unknown_shape_is_an_error() -> None:
    frame = CueFrame("say", "VERB", dict.fromkeys(FRAME_SHAPES, 1))
    with pytest.raises(ValueError, match="unknown content shape"):
        frame.share("adverb")


def test_malformed_rows_are_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicon_module, "sections", lambda name: {"frames": ["say VERB 3 1 1 1 0 0 0 1"]})
    with pytest.raises(ValueError, match="do not add up"):
        lexicon_module.cue_frames()
    monkeypatch.setattr(lexicon_module, "sections", lambda name: {"frames": ["say VERB 3 1"]})
    with pytest.raises(ValueError, match="malformed frame row"):
        lexicon_module.cue_frames()
