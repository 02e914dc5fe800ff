"""Property tests for the quotation-mark scanner: on any text it never raises and its spans are exact."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.text.marks import FLAGS, MAX_DEPTH, REASONS, ROLES, Scan, reason_category, scan

MARKS = ['"', "“", "”", "„", "«", "»", "‹", "›", "‘", "’", "'", "``", "''", "‚", "`"]
MARK_CHARS = set("".join(MARKS)) - {"`"}  # a lone backtick is no mark
WORDS = ["said", "Aliyev", "don", "t", "s", "n", "90s", "em", "we", "communicate", "خبر", "שלום", "👍🏽", "é"]
GLUE = [" ", "  ", "\n", "\n\n", "\r\n", "\r\n\r\n", "\r", "\t", ".", ",", "!", "?", ":", "—", "-", "(", ")", "…"]

mixed_text = st.lists(st.sampled_from(MARKS + WORDS + GLUE), max_size=60).map("".join)
any_text = st.one_of(st.text(max_size=200), mixed_text)

FAST = settings(max_examples=300, deadline=None)


def check(text: str, result: Scan) -> None:
    paragraphs = result.paragraphs
    for para in paragraphs:
        assert text[para.start : para.end] == para.text
        assert para.text and para.text == para.text.strip()
    assert [p.start for p in paragraphs] == sorted(p.start for p in paragraphs)

    previous_start = -1
    for index, region in enumerate(result.regions):
        para = paragraphs[region.paragraph]
        assert region.depth >= 0
        assert region.depth < MAX_DEPTH
        assert region.flags <= set(FLAGS)
        assert region.open is not None or region.close is not None
        for span in (region.open, region.close, region.content):
            if span is not None:
                assert text[span.start : span.end] == span.text
                assert para.contains(span)
        if region.open is not None:
            assert region.open.end <= region.content.start
        if region.close is not None:
            assert region.content.end <= region.close.start
        assert region.content.text == region.content.text.strip()
        if not region.content.text:
            assert region.open is not None and region.close is not None and "empty" in region.flags
        assert region.outer_start >= previous_start  # in text order of their opening
        previous_start = region.outer_start
        if region.continues is not None:
            earlier = result.regions[region.continues]
            assert region.continues < index
            assert earlier.paragraph == region.paragraph - 1
            assert "continues" in earlier.flags and "continued" in region.flags
        assert all(decision in result.decisions for decision in region.decisions)

    previous_end = -1
    for decision in result.decisions:
        mark = decision.mark
        assert text[mark.start : mark.end] == mark.text
        assert mark.start >= previous_end  # in text order, never overlapping
        previous_end = mark.end
        assert decision.role in ROLES
        assert reason_category(decision.reason) in REASONS


@FAST
@given(any_text)
def test_scan_never_raises_and_spans_are_exact(text):
    check(text, scan(text))


@FAST
@given(mixed_text)
def test_every_mark_character_gets_one_decision(text):
    result = scan(text)
    covered = [i for d in result.decisions for i in range(d.mark.start, d.mark.end)]
    assert len(covered) == len(set(covered))
    assert {i for i, c in enumerate(text) if c in MARK_CHARS} <= set(covered)
    assert all(set(d.mark.text) <= MARK_CHARS | {"`"} and len(d.mark) in (1, 2) for d in result.decisions)


@FAST
@given(mixed_text)
def test_line_ends_do_not_change_the_regions(text):
    """CRLF and CR versions of a text pair the same marks (offsets shift, contents keep their words)."""
    lf = text.replace("\r\n", "\n").replace("\r", "\n")
    crlf = lf.replace("\n", "\r\n")
    check(crlf, scan(crlf))
    assert [r.content.text.replace("\r\n", "\n") for r in scan(crlf).regions] == [
        r.content.text for r in scan(lf).regions
    ]


@FAST
@given(st.lists(mixed_text, min_size=1, max_size=4))
def test_paragraphs_are_scanned_independently(blocks):
    """Apart from the newspaper rule, a paragraph's marks pair the same wherever it stands."""
    blocks = [b.replace("\r", " ").replace("\n", " ").strip() for b in blocks]
    blocks = [b for b in blocks if b]
    text = "\n\n".join(blocks)
    whole = scan(text)
    alone = [r for b in blocks for r in scan(b).regions]
    assert [r.content.text for r in whole.regions] == [r.content.text for r in alone]
