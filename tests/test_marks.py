"""Table tests for the quotation-mark scanner: text -> regions, flags and the role of every mark."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotes.text.mark_inventory import (
    CLOSE_ONLY,
    FLAGS,
    MAX_DEPTH,
    OPEN_ONLY,
    ORIENTED_PAIRS,
    PAIRS,
    QUOTE_OR_APOSTROPHE,
    REASONS,
    ROLES,
    SYMMETRIC,
)
from quotes.text.marks import QuoteRegion, Scan, reason_category, scan, split_paragraphs

# The seed ships in corpus/ (byte-identical to ../shared/seed: tests/test_corpus_data.py), so a bare clone has it.
SEED = Path(__file__).resolve().parents[1] / "corpus" / "articles" / "000_a59417acd8045365.txt"


def contents(result: Scan) -> list[str]:
    return [r.content.text for r in result.regions]


def roles(result: Scan) -> list[tuple[str, str]]:
    return [(d.mark.text, d.role) for d in result.decisions]


def categories(result: Scan) -> list[str]:
    return [reason_category(d.reason) for d in result.decisions]


def assert_well_formed(text: str, result: Scan) -> None:
    """Offsets are exact and the vocabulary is the documented one."""
    for region in result.regions:
        for span in (region.open, region.close, region.content):
            if span is not None:
                assert text[span.start : span.end] == span.text
        assert region.flags <= set(FLAGS)
        assert all(d in result.decisions for d in region.decisions)
    for decision in result.decisions:
        assert text[decision.mark.start : decision.mark.end] == decision.mark.text
        assert decision.role in ROLES
        assert reason_category(decision.reason) in REASONS
    for para in result.paragraphs:
        assert text[para.start : para.end] == para.text


# ------------------------------------------------------------------------------------------------
# Apostrophes and strays: no quote region, and the role of each mark.
# ------------------------------------------------------------------------------------------------

APOSTROPHES = [
    ("Aliyev's forces", ["apostrophe"], ["in-word"]),
    ("Aliyev’s forces", ["apostrophe"], ["in-word"]),
    ("don't stop", ["apostrophe"], ["in-word"]),
    ("rock ’n’ roll", ["apostrophe", "apostrophe"], ["elision", "elision"]),
    ("rock 'n' roll", ["apostrophe", "apostrophe"], ["elision", "elision"]),
    ("’90s music", ["apostrophe"], ["elision"]),
    ("the '90s music", ["apostrophe"], ["elision"]),
    ("the ‘90s, misspelt", ["apostrophe"], ["elision"]),
    ("'Tis the season, 'cause", ["apostrophe", "apostrophe"], ["elision", "elision"]),
    ("the students' union", ["apostrophe"], ["possessive"]),
    ("Jesus’ words", ["apostrophe"], ["possessive"]),
    ("Marx’ ideas.", ["apostrophe"], ["possessive"]),
    ("nothin’ doing", ["apostrophe"], ["elision"]),
    ("John 's car", ["apostrophe"], ["elision"]),
    # The seed article's in-word strays: never quotes.
    ("At least 18 civilians have been killed’ and 90 wounded", ["stray"], ["stray-after-word"]),
    ("Stepanakert was left’ without power", ["stray"], ["stray-after-word"]),
    ("until all territories were’ occupied.", ["stray"], ["stray-after-word"]),
    ("it must be handed’ over to it", ["stray"], ["stray-after-word"]),
    ("x ' y", ["stray"], ["isolated"]),
    ("a ” b", ["stray"], ["no-partner"]),
    ("word” more", ["stray"], ["no-partner"]),
    ("the ,„ comma", ["stray"], ["comma-lookalike"]),
]


@pytest.mark.parametrize(("text", "expected_roles", "expected_categories"), APOSTROPHES)
def test_apostrophes_and_strays_make_no_region(text, expected_roles, expected_categories):
    result = scan(text)
    assert_well_formed(text, result)
    assert result.regions == ()
    assert [role for _, role in roles(result)] == expected_roles
    assert categories(result) == expected_categories


def test_apostrophe_reason_says_why():
    (decision,) = scan("Aliyev’ said").decisions
    assert decision.role == "stray"
    assert "no open single quote" in decision.reason


# ------------------------------------------------------------------------------------------------
# Every style, pairing and nesting.
# ------------------------------------------------------------------------------------------------

REGIONS = [
    # id, text, [(content, style, depth, flags)]
    ("double-straight", 'He said "hello" to me.', [("hello", "double-straight", 0, set())]),
    ("double-curly", "“Hi,” she said.", [("Hi,", "double-curly", 0, set())]),
    ("low-9 german", "„Hallo“, sagte er.", [("Hallo", "low-9", 0, set())]),
    ("low-9 polish", "„Cześć”, rzekł.", [("Cześć", "low-9", 0, set())]),
    ("guillemets french", "« Bonjour », dit-il.", [("Bonjour", "guillemets", 0, set())]),
    ("guillemets reversed", "»Hallo«, sagte er.", [("Hallo", "guillemets", 0, set())]),
    ("single guillemets", "Er sagte ‹oui› dort.", [("oui", "single-guillemets", 0, set())]),
    ("single guillemets reversed", "Er sagte ›ja‹ dort.", [("ja", "single-guillemets", 0, set())]),
    ("single-curly", "‘Hello,’ she said.", [("Hello,", "single-curly", 0, set())]),
    ("single-straight", "'Hello,' she said.", [("Hello,", "single-straight", 0, set())]),
    ("single-straight contraction", "He said: 'I can't go,' and left", [("I can't go,", "single-straight", 0, set())]),
    ("latex", "``Hello,'' he said.", [("Hello,", "latex", 0, set())]),
    ("two apostrophes as a double", "''Hello,'' he said.", [("Hello,", "latex", 0, set())]),
    ("low-9 single", "‚Ja‘, sagte er.", [("Ja", "low-9-single", 0, set())]),
    ("low-9 single with ’", "‚Ja’, sagte er.", [("Ja", "low-9-single", 0, set())]),
    ("seed balanced", 'blamed on the "detachment" of the community', [("detachment", "double-straight", 0, set())]),
    ("straight after dash", '—"Hello," he said', [("Hello,", "double-straight", 0, set())]),
    ("straight in brackets", '("quoted")', [("quoted", "double-straight", 0, set())]),
    ("straight before dash", '"I was—" she said', [("I was—", "double-straight", 0, set())]),
    ("letters on both sides", 'said:"Hello"and left', [("Hello", "double-straight", 0, set())]),
    ("spaces on both sides", 'a " b " c', [("b", "double-straight", 0, set())]),
    ("mixed: curly open, straight close", '“Hello," he said.', [("Hello,", "double-curly", 0, set())]),
    ("mixed: straight open, curly close", '"Hello,” he said.', [("Hello,", "double-straight", 0, set())]),
    ("typo “ for ”", "“Hello,“ he said.", [("Hello,", "double-curly", 0, set())]),
    ("typo ‚ for ‘", "‚Ja‚ x", [("Ja", "low-9-single", 0, set())]),
    (
        "strays inside a double quote",
        '"They have been killed’ and wounded," he said.',
        [("They have been killed’ and wounded,", "double-straight", 0, set())],
    ),
    (
        "single inside double",
        "\"He said 'no way' to me,\" she said.",
        [("He said 'no way' to me,", "double-straight", 0, set()), ("no way", "single-straight", 1, set())],
    ),
    (
        "curly nesting",
        "“‘Nested’ here”",
        [("‘Nested’ here", "double-curly", 0, set()), ("Nested", "single-curly", 1, set())],
    ),
    (
        "three levels",
        "“A ‘b “c” d’ e”",
        [
            ("A ‘b “c” d’ e", "double-curly", 0, set()),
            ("b “c” d", "single-curly", 1, set()),
            ("c", "double-curly", 2, set()),
        ],
    ),
    (
        "apostrophe inside nested single",
        "“She said ‘don’t’ twice”",
        [("She said ‘don’t’ twice", "double-curly", 0, set()), ("don’t", "single-curly", 1, set())],
    ),
    (
        "closer further down the stack abandons the inner quote",
        "“He said ‘no” and left",
        [("He said ‘no", "double-curly", 0, set()), ("no", "single-curly", 1, {"unbalanced"})],
    ),
    (
        "straight double nested in itself",
        '"Hello "world" bye"',
        [('Hello "world" bye', "double-straight", 0, set()), ("world", "double-straight", 1, set())],
    ),
    ("empty straight", '""', [("", "double-straight", 0, {"empty"})]),
    ("empty straight in a sentence", 'He said "" and left.', [("", "double-straight", 0, {"empty"})]),
    ("empty curly", "He said “” and left.", [("", "double-curly", 0, {"empty"})]),
    ("empty with a space", 'He said " " and left.', [("", "double-straight", 0, {"empty"})]),
    # Unclosed at the paragraph end: cut there.
    ("unclosed", '"Unclosed quote here', [("Unclosed quote here", "double-straight", 0, {"unbalanced"})]),
    ("unclosed curly", "He said “never closed.", [("never closed.", "double-curly", 0, {"unbalanced"})]),
    # A closer with no partner: the opening is inferred.
    (
        "displaced closer",
        'We communicate. "',
        [("We communicate.", "double-straight", 0, {"unbalanced", "inferred-open"})],
    ),
    (
        "displaced closer after a closed quote",
        '"A," he said. b. c. "',
        [
            ("A,", "double-straight", 0, set()),
            ("he said. b. c.", "double-straight", 0, {"unbalanced", "inferred-open"}),
        ],
    ),
    (
        "displaced guillemet",
        "bonjour. »",
        [("bonjour.", "guillemets", 0, {"unbalanced", "inferred-open"})],
    ),
    (
        "curly closer after a full stop",
        "Done.” Then more",
        [("Done.", "double-curly", 0, {"unbalanced", "inferred-open"})],
    ),
    (
        "curly closer after a word at the end",
        "and so it ended”",
        [("and so it ended", "double-curly", 0, {"unbalanced", "inferred-open"})],
    ),
    (
        "single closer after punctuation",
        "Yes.’ he said",
        [("Yes.", "single-curly", 0, {"unbalanced", "inferred-open"})],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for i, t, e in REGIONS])
def test_regions(text, expected):
    result = scan(text)
    assert_well_formed(text, result)
    got = [(r.content.text, r.style, r.depth, set(r.flags)) for r in result.regions]
    assert got == expected


def test_decisions_for_straight_positions_say_which_rule():
    result = scan('said:"Hello"and a " b " c "d" e')
    assert categories(result) == ["by-state"] * 4 + ["opening-position", "closing-position"]
    assert [role for _, role in roles(result)] == ["open", "close", "open", "close", "open", "close"]


def test_inventory_is_partitioned():
    """Every mark in the inventory is handled by exactly one kind of rule."""
    marks = set(PAIRS) | {closer for _, closers in PAIRS.values() for closer in closers}
    kinds = [
        {mark for pair in ORIENTED_PAIRS for mark in pair},
        set(QUOTE_OR_APOSTROPHE),
        set(SYMMETRIC),
        set(CLOSE_ONLY) - set(QUOTE_OR_APOSTROPHE),
        set(OPEN_ONLY),
    ]
    assert set().union(*kinds) == marks
    assert sum(len(k) for k in kinds) == len(marks)


@pytest.mark.parametrize(("text", "opener"), [('“Hello," he said.', "“"), ('"Hello,” he said.', '"')])
def test_mixed_styles_say_so(text, opener):
    close = scan(text).decisions[1]
    assert reason_category(close.reason) == "mixed-style"
    assert f"opened with {opener}" in close.reason


def test_two_character_marks_are_single_decisions():
    text = "``Hello,'' he said."
    result = scan(text)
    assert [d.mark.text for d in result.decisions] == ["``", "''"]
    (region,) = result.regions
    assert region.open.text == "``"
    assert region.close.text == "''"


def test_guillemet_orientation_follows_the_first_one():
    result = scan("»Hallo«, sagte er.")
    assert roles(result) == [("»", "open"), ("«", "close")]
    assert categories(result) == ["orientation", "orientation"]


def test_region_decisions_are_its_own_marks():
    text = 'He said "hello" to me.'
    (region,) = scan(text).regions
    assert [(d.mark.start, d.role) for d in region.decisions] == [(8, "open"), (14, "close")]
    assert region.open.start == 8 and region.close.start == 14
    assert region.outer_start == 8 and region.outer_end == 15


def test_unclosed_region_has_no_close_mark():
    (region,) = scan('"Unclosed quote here').regions
    assert region.close is None
    assert region.outer_end == len('"Unclosed quote here')
    assert [d.role for d in region.decisions] == ["open"]


def test_inferred_region_has_no_open_mark_and_says_why():
    text = 'We communicate. "'
    result = scan(text)
    (region,) = result.regions
    assert region.open is None
    assert region.close.start == len(text) - 1
    assert region.outer_start == 0
    (decision,) = region.decisions
    assert decision.role == "close"
    assert reason_category(decision.reason) == "displaced-close"
    assert "inferred" in decision.reason


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ('"A" "', "no-content"),  # displaced, but nothing since the last quote
        ('"', "no-content"),
        ("“", "no-content"),
        ("’", "no-content"),
        (". ”", "no-content"),
    ],
)
def test_closer_with_nothing_to_quote_is_stray(text, category):
    result = scan(text)
    assert all(r.content.text for r in result.regions)
    last = result.decisions[-1]
    assert last.role == "stray"
    assert reason_category(last.reason) == category


def test_opener_with_nothing_inside_before_a_closer_is_stray():
    # ‘ opens, but the ” closes the outer quote before anything follows it.
    result = scan("“A ‘” b")
    assert contents(result) == ["A ‘"]
    assert roles(result) == [("“", "open"), ("‘", "stray"), ("”", "close")]


def test_nesting_is_capped():
    text = '"a ' * (MAX_DEPTH + 4)
    result = scan(text)
    assert_well_formed(text, result)
    assert [r.depth for r in result.regions] == list(range(MAX_DEPTH))
    assert categories(result).count("too-deep") == 4


# ------------------------------------------------------------------------------------------------
# Paragraphs and the newspaper rule.
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("\n\n \n", []),
        ("one line", ["one line"]),
        ("a\nb\n c ", ["a", "b", "c"]),
        ("a\nb\n\nc\nd", ["a\nb", "c\nd"]),
        ("a\n \t \nb", ["a", "b"]),
        ("a\r\nb", ["a", "b"]),
        ("a\r\n\r\nb\r\nc", ["a", "b\r\nc"]),
        ("a\rb", ["a", "b"]),
        ("a\r\rb\rc", ["a", "b\rc"]),
        ("a\n\r\nb\nc", ["a", "b\nc"]),
        ("x\u2029\u2029y", ["x", "y"]),
        ("  lead\n\n\n\ntrail  ", ["lead", "trail"]),
    ],
)
def test_paragraphs(text, expected):
    assert [p.text for p in split_paragraphs(text)] == expected
    assert [p.text for p in scan(text).paragraphs] == expected


def test_quotes_do_not_cross_paragraphs():
    result = scan('He said "one\n\ntwo" there.')
    assert [(r.content.text, r.paragraph, set(r.flags)) for r in result.regions] == [("one", 0, {"unbalanced"})]
    # The closer after "two" has no partner in its paragraph and is not at a clause end.
    assert roles(result) == [('"', "open"), ('"', "stray")]


def test_continuation_into_the_next_paragraph():
    text = '"First paragraph of a long quote.\n\n"Second paragraph," he said.'
    result = scan(text)
    first, second = result.regions
    assert first.content.text == "First paragraph of a long quote."
    assert first.flags == {"continues"}
    assert first.close is None
    assert second.content.text == "Second paragraph,"
    assert second.flags == {"continued"}
    assert second.continues == 0
    assert (second.paragraph, first.paragraph) == (1, 0)
    assert roles(result) == [('"', "open"), ('"', "continuation"), ('"', "close")]
    assert reason_category(second.decisions[0].reason) == "continuation"
    assert second.decisions[0] is result.decisions[1]


def test_continuation_chain_over_three_paragraphs():
    result = scan("“One.\n\n“Two.\n\n“Three,” he said.")
    assert [(r.content.text, set(r.flags), r.continues) for r in result.regions] == [
        ("One.", {"continues"}, None),
        ("Two.", {"continued", "continues"}, 0),
        ("Three,", {"continued"}, 1),
    ]


def test_continuation_with_guillemets():
    result = scan("« Un.\n\n« Deux », dit-il.")
    assert [(r.content.text, set(r.flags), r.continues) for r in result.regions] == [
        ("Un.", {"continues"}, None),
        ("Deux", {"continued"}, 0),
    ]


def test_continuation_in_line_mode():
    result = scan('Line one "a"\nLine "two\n"three" x')
    assert [(r.content.text, r.paragraph, set(r.flags), r.continues) for r in result.regions] == [
        ("a", 0, set(), None),
        ("two", 1, {"continues"}, None),
        ("three", 2, {"continued"}, 1),
    ]


@pytest.mark.parametrize(
    "text",
    [
        '"First paragraph.\n\nNo mark here.',  # next paragraph does not begin with a mark
        '“First paragraph.\n\n"Second," he said.',  # a different style
        '"First paragraph.\n\nThen "second," he said.',  # the mark is not at the start
    ],
)
def test_no_continuation(text):
    first = scan(text).regions[0]
    assert first.flags == {"unbalanced"}
    assert all(r.continues is None and "continued" not in r.flags for r in scan(text).regions)


def test_crlf_offsets_are_exact():
    text = 'He said "one".\r\n\r\n"Two,\r\nthree," she said.\r\n'
    result = scan(text)
    assert_well_formed(text, result)
    assert [p.text for p in result.paragraphs] == ['He said "one".', '"Two,\r\nthree," she said.']
    assert contents(result) == ["one", "Two,\r\nthree,"]
    assert [r.content.start for r in result.regions] == [text.index("one"), text.index("Two")]
    assert [r.paragraph for r in result.regions] == [0, 1]


def test_cr_only_line_ends():
    text = "'Hello,' she said.\r\r“Bye”"
    result = scan(text)
    assert_well_formed(text, result)
    assert contents(result) == ["Hello,", "Bye"]


def test_hostile_text_never_raises():
    for text in ['\ud800"a\udfff"', '\x00"\x1f\x7f', "“👍🏽”", 'قال "مرحبا" له', "\u200f«שלום»", "''''", "``"]:
        assert_well_formed(text, scan(text))


# ------------------------------------------------------------------------------------------------
# The seed article.
# ------------------------------------------------------------------------------------------------

SEED_CONTENTS = [
    "detachment",
    "From now on, military installations permanently stationed in major cities of Azerbaijan are legitimate "
    "targets of the defense forces,",
    "The Armenian leadership is the first to be blamed for this situation,",
    "Apart from that, some quarters in several countries have been showing disengagement from the issue so "
    "that the occupation never ends,",
    "We wanted to resolve this issue through dialogue,",
    "We showed patience.",
    "We have always taken a fair stance in negotiations and demanded what is required of us. We have never "
    "claimed other people's lands. But we are insisting that this is our land and it must be handed’ over to "
    "it. We communicate.",
    "For thirty years, the country has relied on the hope that the international community will solve this "
    "problem, but it has never happened,",
    "improved",
    "ready to engage",
]


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def test_seed_regions(seed_text):
    result = scan(seed_text)
    assert_well_formed(seed_text, result)
    assert contents(result) == SEED_CONTENTS
    flagged = [(r.content.text[:15], set(r.flags)) for r in result.regions if r.flags]
    assert flagged == [("We have always ", {"unbalanced", "inferred-open"})]
    assert all(r.depth == 0 and r.style == "double-straight" for r in result.regions)


def test_seed_inferred_region(seed_text):
    region = next(r for r in scan(seed_text).regions if "inferred-open" in r.flags)
    assert region.open is None
    paragraph = scan(seed_text).paragraphs[region.paragraph]
    assert region.close.end == paragraph.end  # the final mark of its paragraph
    previous_close = seed_text.index('patience."') + len('patience."')
    assert seed_text[previous_close : region.content.start].strip() == ""


def test_seed_every_single_mark_is_a_non_quote(seed_text):
    result = scan(seed_text)
    singles = [d for d in result.decisions if d.mark.text in ("'", "’")]
    assert len(singles) == 8
    assert {d.role for d in singles} <= {"apostrophe", "stray"}
    assert [d.role for d in singles if d.mark.text == "’"] == ["stray"] * 4


def test_seed_decisions_cover_every_mark(seed_text):
    result = scan(seed_text)
    marks = [i for i, c in enumerate(seed_text) if c in "\"'’"]
    assert [d.mark.start for d in result.decisions] == marks
    assert len(result.regions) * 2 - 1 == sum(d.role in ("open", "close") for d in result.decisions)


def test_regions_serialize():
    region: QuoteRegion = scan('"A" b.').regions[0]
    data = region.to_dict()
    assert data["style"] == "double-straight"
    assert [d["role"] for d in data["decisions"]] == ["open", "close"]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ('Mendes said," The bridge is safe." Then he left.', "The bridge is safe."),
        ('The curator said," [Monet] painted it twice".', "[Monet] painted it twice"),
        ('She told the court:" Nobody warned us."', "Nobody warned us."),
    ],
)
def test_an_opener_typed_before_its_space_opens_the_quote(text: str, content: str) -> None:
    result = scan(text)
    assert [r.content.text for r in result.regions] == [content]
    assert "unbalanced" not in result.regions[0].flags
    assert reason_category(result.decisions[0].reason) == "displaced-open"


@pytest.mark.parametrize(
    "text",
    [
        'The "best," she said, "is yet to come."',  # a closer after a comma: a quote is open
        'He paused," and left.',  # no closer later in the paragraph: no displaced opener
    ],
)
def test_a_closer_after_a_comma_is_not_taken_for_a_displaced_opener(text: str) -> None:
    assert all(reason_category(d.reason) != "displaced-open" for d in scan(text).decisions)


def test_a_closer_inside_eight_open_quotes_is_a_stray_not_a_ninth_level() -> None:
    # Found by the property test: an inferred opening would have made a region at depth MAX_DEPTH.
    result = scan('««‹‹‹‹‹‹0"')
    assert all(r.depth < MAX_DEPTH for r in result.regions)
    assert reason_category(result.decisions[-1].reason) == "too-deep"
