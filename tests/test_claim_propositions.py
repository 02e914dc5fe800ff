"""What a claim asserts against what a quote asserts: the differences a word-overlap score cannot see.

The cases were written before the comparison (issue 23): sentences written for each way a claim can
share a quote's words and still say something else, and true paraphrases that must still match.
"""

from __future__ import annotations

import pytest

from quotes.workbench.claim_propositions import compare

# claim (the checked text, its frame removed), quote, the aspects that differ
CASES = [
    # Inverted: the claim asserts the opposite of the quote, with no "not" of its own.
    pytest.param("the ceasefire will hold", "The ceasefire will never hold,", {"negation"}, id="inverted-never"),
    pytest.param("the reforms are working", "None of the reforms are working.", {"negation"}, id="inverted-none"),
    # Negated: the claim adds a negation the quote does not have.
    pytest.param("the talks have not been productive", "The talks have been productive,", {"negation"}, id="not"),
    pytest.param("we don't accept the offer", "We accept the offer.", {"negation"}, id="contraction"),
    pytest.param(
        "the workers have not been paid for months",
        "The workers have been paid every month since the strike,",
        {"negation"},
        id="inserted-have-not-been",
    ),
    # A negation that governs the words from outside them.
    pytest.param(
        "the port will reopen",
        "We do not believe the port will reopen this year.",
        {"negation"},
        id="negated-belief",
    ),
    # Other agent: the quote gives the words to someone else's aim, wish or saying.
    pytest.param(
        "the blockade never ends",
        "Some governments have been stalling for years so that the blockade never ends,",
        {"agent"},
        id="other-agent-purpose",
    ),
    pytest.param(
        "the blockade must never end",
        "Some governments have been stalling for years so that the blockade never ends,",
        {"agent", "modality"},
        id="other-agent-and-must",
    ),
    pytest.param(
        "the border should stay closed",
        "The opposition wants the border to stay closed.",
        {"agent", "modality"},
        id="other-agent-wants",
    ),
    pytest.param("the mayor lied", "Critics say the mayor lied about the contract.", {"agent"}, id="other-agent-says"),
    # Hedged: what may happen is not what will happen, nor what must.
    pytest.param("the plant will close", "The plant may close next year.", {"modality"}, id="hedged-may"),
    pytest.param("the plant may close", "The plant will close next year.", {"modality"}, id="unhedged-will"),
    pytest.param("prices might fall", "Prices will fall,", {"modality"}, id="hedged-might"),
    pytest.param("taxes must rise", "Taxes will rise in the spring.", {"modality"}, id="must-against-will"),
    # Numbers changed.
    pytest.param("40 people were injured", "14 people were injured in the blast.", {"numbers"}, id="numbers"),
    pytest.param(
        "the bridge cost 50 million dollars", "The bridge cost 5 million dollars.", {"numbers"}, id="numbers-scale"
    ),
    pytest.param("thirty people were hurt", "Twenty people were hurt,", {"numbers"}, id="number-words"),
    # The subject of the proposition, or who does what to whom.
    pytest.param("the army showed great restraint", "The police showed great restraint.", {"subject"}, id="subject"),
    pytest.param("Armenia attacked Azerbaijan first", "Azerbaijan attacked Armenia first.", {"order"}, id="roles"),
    # True paraphrases: reported speech changes person, tense and word order, not the proposition.
    pytest.param("we showed patience", "We showed patience.", set(), id="verbatim"),
    pytest.param(
        "they would resolve the issue through dialogue",
        "We wanted to resolve this issue through dialogue,",
        set(),
        id="backshift-and-person",
    ),
    pytest.param(
        "the government has never claimed other people's lands",
        "We have never claimed other people's lands.",
        set(),
        id="we-as-the-government",
    ),
    pytest.param("the talks will resume next week", "Next week, the talks will resume.", set(), id="fronted-time"),
    pytest.param("thirty people were hurt", "30 people were hurt,", set(), id="number-word-and-digits"),
    pytest.param("prices could fall", "Prices can fall,", set(), id="can-could"),
    pytest.param("taxes have to rise", "Taxes must rise,", set(), id="must-have-to"),
    pytest.param("nobody was hurt", "No one was hurt.", set(), id="nobody-no-one"),
    pytest.param(
        "we want the border to stay closed", "We want the border to stay closed.", set(), id="own-wish-is-own"
    ),
    pytest.param(
        "the effects of iodine deficiency depend on how severe it is",
        "The effects of iodine deficiency are dependent upon how severe it is,",
        set(),
        id="reworded",
    ),
]


@pytest.mark.parametrize(("claim", "quote", "aspects"), CASES)
def test_what_differs(claim, quote, aspects):
    result = compare(claim, quote)
    assert {d.aspect for d in result.differences} == aspects, [d.describe() for d in result.differences]
    for difference in result.differences:
        # Each difference names the words that differ, in the claim or in the quote.
        assert difference.claim or difference.quote
        assert difference.describe().startswith(difference.aspect)


def test_differences_name_the_words():
    [negation] = compare("the ceasefire will hold", "The ceasefire will never hold,").differences
    assert negation.quote == "never" and negation.claim == ""
    assert negation.describe() == 'negation: "never" in the quote, none in the claim'
    agent = next(d for d in compare("the mayor lied", "Critics say the mayor lied.").differences)
    assert agent.quote == "Critics say"
    assert 'the quote gives these words to "Critics say"' in agent.describe()
    numbers = compare("40 people were injured", "14 people were injured.").differences[0]
    assert (numbers.claim, numbers.quote) == ("40", "14")
    assert compare("the plant will close", "The plant may close.").differences[0].describe() == (
        'modality: "will" in the claim, "may" in the quote'
    )
