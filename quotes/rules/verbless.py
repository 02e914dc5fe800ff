"""Direct quotes whose cue is no verb: ``X: "..."``, ``"..." - X`` and ``"...", X, a spokesman for Y``.

Surface patterns, each checked to hold no verb at all, so a clause is never read as a name.
"""

from __future__ import annotations

from quotes.data.lexicon import Lexicon
from quotes.rules.base import (
    DASH_TOKENS,
    NOMINAL,
    RELATIVE_PRONOUNS,
    SENTENCE_END,
    VERBLESS_TAGS,
    Cue,
    Frame,
    Link,
)
from quotes.rules.registry import Rule, register
from quotes.rules.tree import np_head
from quotes.text.marks import QuoteRegion

RULES = register(
    Rule(
        "speaker-colon", "verbless", "direct", ("speaker-colon",), 'Aliyev: "...": a name and a colon before the quote'
    ),
    Rule("dash-signoff", "verbless", "direct", ("dash-signoff",), '"..." - Aliyev: a dash and a name after the quote'),
    Rule(
        "caption-apposition",
        "verbless",
        "direct",
        ("dash-signoff",),
        '"...", Aliyev, a spokesman for the ministry: a caption\'s name and role',
    ),
)


MONTHS = frozenset(
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
)


def verbless_cue(frame: Frame, lexicon: Lexicon, region: QuoteRegion) -> Link | None:
    """Cues without a reporting verb: ``X: "..."``, ``"..." - X`` and ``"...", X, a spokesman for Y``.

    Surface patterns, each checked to hold no verb at all, so a clause is never read as a name.
    """
    parse = frame.parse
    para = frame.paragraph_of(region.outer_start)

    def same_para(i: int) -> bool:
        return frame.paragraph_of_token(i) == para and not frame.in_quote(i)

    before = frame.token_before(region.outer_start)
    if before is not None and parse.tokens[before].form == ":" and same_para(before):
        window = []
        for i in range(before - 1, max(-1, before - 13), -1):
            if (
                not same_para(i)
                or parse.tokens[i].form in SENTENCE_END
                or (parse.tokens[i].sentence != parse.tokens[before].sentence and window)
            ):
                break
            window.insert(0, i)
        nouns = [i for i in window if parse.tokens[i].upos in NOMINAL]
        # The name must be all there is before the colon ("Governor Aroha Ngata:"), not the end of a
        # clause ("painted a new name on the bow of the boat:").
        opens = window and (
            window[0] == 0 or parse.tokens[window[0] - 1].form in SENTENCE_END or not same_para(window[0] - 1)
        )
        if (
            nouns
            and opens
            and all(parse.tokens[i].upos in VERBLESS_TAGS for i in window)
            and parse.tokens[window[0]].upos != "PUNCT"
        ):
            cue = Cue(before, None, parse.span(before, before))
            return Link("speaker-colon", cue, np_head(parse, window), ("speaker: the noun phrase before a colon",))
    if region.close is None:
        return None
    after = frame.token_at_or_after(region.close.end)
    if after is None:
        return None
    signoff = _dash_signoff(frame, region, after)
    if signoff is not None:
        return signoff
    if not same_para(after):
        return None
    window = []
    for i in range(after + 1, min(after + 16, len(parse.tokens))):
        if not same_para(i) or parse.tokens[i].form in SENTENCE_END:
            break
        window.append(i)
    if not window or not all(parse.tokens[i].upos in VERBLESS_TAGS for i in window):
        return None
    first = parse.tokens[after].form
    if first == "," and "," in (parse.tokens[i].form for i in window):
        comma = next(k for k, i in enumerate(window) if parse.tokens[i].form == ",")
        name, apposition = window[:comma], window[comma + 1 :]
        words = {parse.tokens[i].form.lower() for i in apposition}
        if name and any(parse.tokens[i].upos == "PROPN" for i in name) and words & lexicon.titles:
            cue = Cue(np_head(parse, name), None, None)
            return Link(
                "caption-apposition", cue, np_head(parse, name), ("speaker: a name with a title in apposition",)
            )
    return None


def _dash_signoff(frame: Frame, region: QuoteRegion, dash: int) -> Link | None:
    """``"The river has never risen this fast." — Hamid Karimi, 71, a farmer in the valley``.

    A spoken sentence closed by its marks, then a dash and a name: on the same line, or alone on the
    next line. The name (up to the first comma or relative pronoun) holds no verb; what follows it is
    an apposition with no verb either (an age, a title) or a note on the occasion that opens with a
    preposition or a relative pronoun (``, on the orchard that will be cleared``, ``who asked not to be
    named``). A date or a year in the sign-off makes it a citation of a headline, not a speaker.
    """
    parse = frame.parse
    tokens = parse.tokens
    if tokens[dash].form not in DASH_TOKENS or region.content.text.rstrip()[-1:] not in {".", "!", "?", "…"}:
        return None
    para = frame.paragraph_of_token(dash)
    gap = parse.text[region.close.end : tokens[dash].start]
    if gap.strip() or (para != frame.paragraph_of(region.outer_start) and gap.count("\n") != 1):
        return None  # a sign-off on the next line, never across a blank one
    window = []
    for i in range(dash + 1, min(dash + 40, len(tokens))):
        if frame.paragraph_of_token(i) != para or frame.in_quote(i) or tokens[i].form in SENTENCE_END:
            break
        window.append(i)
    cut = next(
        (k for k, i in enumerate(window) if tokens[i].form == "," or tokens[i].form.lower() in RELATIVE_PRONOUNS),
        len(window),
    )
    name = window[:cut]
    if (
        not name
        or tokens[name[0]].upos not in NOMINAL | {"DET", "ADJ"}
        or not any(tokens[i].upos in NOMINAL for i in name)
        or not all(tokens[i].upos in VERBLESS_TAGS or _modifier(parse, i, name) for i in name)
        or any(_date_word(tokens[i].form) for i in window)
    ):
        return None
    notes: list[int] = []
    for chunk in _chunks(parse, window[cut:]):
        first = tokens[chunk[0]]
        if notes or first.upos in {"ADP", "SCONJ"} or first.form.lower() in RELATIVE_PRONOUNS:
            notes.extend(chunk)  # the occasion, not the name: the mention stops before it
        elif not all(tokens[i].upos in VERBLESS_TAGS for i in chunk):
            return None
    cue = Cue(dash, None, parse.span(dash, dash))
    stop = tuple(notes[:1]) + tuple(i - 1 for i in notes[:1] if tokens[i - 1].form == ",")
    return Link("dash-signoff", cue, np_head(parse, name), ("speaker: the name signed after a dash (surface)",), stop)


def _chunks(parse, window: list[int]) -> list[list[int]]:
    """The comma-separated pieces of a sign-off after its name, commas dropped."""
    out: list[list[int]] = [[]]
    for i in window:
        if parse.tokens[i].form == ",":
            out.append([])
        else:
            out[-1].append(i)
    return [c for c in out if c]


def _date_word(form: str) -> bool:
    """A year or a month name: ``— The Gazette, August 15, 2008`` cites a story, it names no speaker."""
    return (len(form) == 4 and form.isdigit() and form[:2] in {"18", "19", "20"}) or form in MONTHS


def _modifier(parse, i: int, name: list[int]) -> bool:
    """A participle inside a name, as an adjective before its noun: "a retired miner", "striking nurses"."""
    tok = parse.tokens[i]
    following = [j for j in name if j > i]
    return tok.upos == "VERB" and bool(following) and parse.tokens[following[0]].upos in NOMINAL | {"ADJ"}
