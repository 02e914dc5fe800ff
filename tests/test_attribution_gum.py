"""Attribution rules on gold UD trees from GUM: what the rules do when the parse is right.

No model runs here: each case is one sentence of ../shared/ud with its gold tree, fed through the
pure extraction core. The table says what a reader of the sentence would annotate.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from conftest import needs_shared

from quotes.parse.backends.conllu import conllu_to_parse
from quotes.pipeline import records_from_parse

UD = Path(__file__).resolve().parents[2] / "shared" / "ud"
pytestmark = needs_shared("ud", "en_gum-ud-train.conllu")


@cache
def _blocks() -> dict[str, str]:
    """Every GUM sentence's CoNLL-U block, keyed by its ``# text``."""
    out: dict[str, str] = {}
    for name in ("en_gum-ud-train.conllu", "en_gum-ud-dev.conllu", "en_gum-ud-test.conllu"):
        for block in (UD / name).read_text(encoding="utf-8").split("\n\n"):
            lines = [ln for ln in block.splitlines() if not ln.startswith("# newdoc") and not ln.startswith("# newpar")]
            text = next((ln[len("# text = ") :] for ln in lines if ln.startswith("# text = ")), None)
            if text is not None:
                out.setdefault(text, "\n".join(lines) + "\n")
    return out


def records_for(sentence: str):
    parse = conllu_to_parse(_blocks()[sentence])
    assert parse.text == sentence
    return records_from_parse(parse, "gum")


# sentence, kind, content, speaker, cue
CASES = [
    ("“It’s not funny,” Derya says.", "direct", "It’s not funny,", "Derya", "says"),
    ("“You want it?” she says.", "direct", "You want it?", "she", "says"),
    ('"It was wonderful there", Moreau said.', "direct", "It was wonderful there", "Moreau", "said"),
    (
        '"We take document security seriously," she said, but refused to give any more details about how the '
        "papers came to be on a road.",
        "direct",
        "We take document security seriously,",
        "she",
        "said",
    ),
    (
        '"We want to thank all of the locations that expressed an interest in one of these national treasures," '
        "said Bolden to the gathered crowd which contained many KSC employees.",
        "direct",
        "We want to thank all of the locations that expressed an interest in one of these national treasures,",
        "Bolden",
        "said",
    ),
    (
        'She further said: "It is sad for me today to admit that, as an institution, the Congress has failed."',
        "direct",
        "It is sad for me today to admit that, as an institution, the Congress has failed.",
        "She",
        "said",
    ),
    (
        'Mathematician Hermann Weyl said of this testament, "This letter, if judged by the novelty and profundity '
        'of ideas it contains, is perhaps the most substantial piece of writing in the whole literature of mankind."',
        "direct",
        "This letter, if judged by the novelty and profundity of ideas it contains, is perhaps the most "
        "substantial piece of writing in the whole literature of mankind.",
        "Mathematician Hermann Weyl",
        "said",
    ),
    (
        "\"I'm told two things: that it's neither classified nor secret and that it's stuff that could be available "
        'under access to information," Baird said.',
        "direct",
        "I'm told two things: that it's neither classified nor secret and that it's stuff that could be available "
        "under access to information,",
        "Baird",
        "said",
    ),
]


@pytest.mark.parametrize(("sentence", "kind", "content", "speaker", "cue"), CASES, ids=[c[3] for c in CASES])
def test_direct_quote_on_gold_tree(sentence: str, kind: str, content: str, speaker: str, cue: str) -> None:
    records = records_for(sentence)
    quote = next(r for r in records if r.content.text == content)
    assert quote.kind == kind
    assert quote.speaker is not None and quote.speaker.text == speaker
    assert quote.cue is not None and quote.cue.text == cue
    assert quote.evidence.path, "a gold tree links the quote, the cue and the speaker"


def test_unclosed_quote_in_one_sentence_is_flagged() -> None:
    sentence = (
        'In a statement, Governor of Washington Chris Gregoire said, "The Museum of Flight put a tremendous '
        "amount of effort into landing a retired shuttle in the Pacific Northwest."
    )
    [quote] = [r for r in records_for(sentence) if r.kind == "direct"]
    assert quote.content.text.startswith("The Museum of Flight")
    assert "unbalanced" in quote.flags
    assert quote.speaker is not None and quote.speaker.text == "Governor of Washington Chris Gregoire"
    assert quote.speaker_name == "Chris Gregoire"


def test_according_to_gives_the_quote_its_source() -> None:
    sentence = (
        'By this time, "her skin was weeping, her body malnourished and her corneas melting", according to the '
        "Sydney Morning Herald."
    )
    # "By this time" stands outside the marks: the reported content is mixed, the quote its fragment.
    [quote] = records_for(sentence)
    assert quote.kind == "mixed"
    assert quote.content.text.startswith("By this time")
    assert [f.text for f in quote.fragments] == ["her skin was weeping, her body malnourished and her corneas melting"]
    assert quote.cue is not None and quote.cue.text == "according to"
    assert quote.speaker is not None and quote.speaker.text == "the Sydney Morning Herald"


def test_told_that_with_quoted_fragment_is_mixed() -> None:
    sentence = (
        "Mr. Tedeschi also told the court that, over the last five months of her life, \"Gloria's eczema played a "
        "devastating role in her overall health and it is asserted by the Crown that both her parents knew this "
        'and discussed it with each other."'
    )
    records = records_for(sentence)
    assert len(records) == 1
    [quote] = records
    assert quote.speaker is not None and quote.speaker.text == "Mr. Tedeschi"
    assert quote.cue is not None and quote.cue.text == "told"
    assert quote.content.text.startswith("over the last five months") or quote.kind == "direct"


def test_scare_quote_is_not_a_quote_but_the_reported_clause_is() -> None:
    sentence = (
        'But, in an opinion we had a few years ago by Justice Scalia, he talked about what the word "modify" '
        "means, and he said modified in our view connotes moderate change."
    )
    records = records_for(sentence)
    assert all(r.content.text != "modify" for r in records)
    # "talked about what the word ... means" is reported speech with noun-phrase content (issue 25).
    talk, quote = records
    assert (talk.evidence.rule, talk.cue.text, talk.content.text) == (
        "speech-act-object",
        "talked about",
        'what the word "modify" means',
    )
    assert quote.kind == "indirect"
    assert quote.content.text == "modified in our view connotes moderate change"
    assert quote.speaker is not None and quote.speaker.text == "he"
