"""Direct quotes whose cue is no verb: ``X: "..."``, ``"..." - X`` and ``"...", X, a spokesman for Y``.

Surface patterns, each checked to hold no verb at all, so a clause is never read as a name.
"""

from __future__ import annotations

from quotes.data.lexicon import Lexicon
from quotes.rules.base import DASH_TOKENS, NOMINAL, SENTENCE_END, VERBLESS_TAGS, Cue, Frame
from quotes.rules.tree import np_head
from quotes.text.marks import QuoteRegion


def verbless_cue(frame: Frame, lexicon: Lexicon, region: QuoteRegion):
    """Cues without a reporting verb: ``X: "..."``, ``"..." - X`` and ``"...", X, a spokesman for Y``.

    Surface patterns, each checked to hold no verb at all, so a clause is never read as a name.
    """
    parse = frame.parse
    para = frame.paragraph_of(region.outer_start)

    def same_para(i: int) -> bool:
        return frame.paragraph_of(parse.tokens[i].start) == para and not frame.in_quote(i)

    before = frame.token_before(region.outer_start)
    if before is not None and parse.tokens[before].form == ":" and same_para(before):
        window = []
        for i in range(before - 1, max(-1, before - 8), -1):
            if (
                not same_para(i)
                or parse.tokens[i].form in SENTENCE_END
                or (parse.tokens[i].sentence != parse.tokens[before].sentence and window)
            ):
                break
            window.insert(0, i)
        nouns = [i for i in window if parse.tokens[i].upos in NOMINAL]
        if (
            nouns
            and all(parse.tokens[i].upos in VERBLESS_TAGS for i in window)
            and parse.tokens[window[0]].upos != "PUNCT"
        ):
            cue = Cue(before, None, parse.span(before, before))
            return "speaker-colon", cue, np_head(parse, window), ("speaker: the noun phrase before a colon",)
    if region.close is None:
        return None
    after = frame.token_at_or_after(region.close.end)
    if after is None or not same_para(after):
        return None
    window = []
    for i in range(after + 1, min(after + 16, len(parse.tokens))):
        if not same_para(i) or parse.tokens[i].form in SENTENCE_END:
            break
        window.append(i)
    if not window or not all(parse.tokens[i].upos in VERBLESS_TAGS for i in window):
        return None
    first = parse.tokens[after].form
    # A sign-off follows a spoken sentence; "Title of a story" — Outlet, August 15, 2008 is a citation.
    spoken = region.content.text.rstrip()[-1:] in {".", "!", "?", "…"}
    dated = any(parse.tokens[i].upos == "NUM" for i in window)
    if first in DASH_TOKENS and spoken and not dated and parse.tokens[window[0]].upos in NOMINAL | {"DET", "ADJ"}:
        cue = Cue(after, None, parse.span(after, after))
        return "dash-signoff", cue, np_head(parse, window), ("speaker: the name signed after a dash",)
    if first == "," and "," in (parse.tokens[i].form for i in window):
        comma = next(k for k, i in enumerate(window) if parse.tokens[i].form == ",")
        name, apposition = window[:comma], window[comma + 1 :]
        words = {parse.tokens[i].form.lower() for i in apposition}
        if name and any(parse.tokens[i].upos == "PROPN" for i in name) and words & lexicon.titles:
            cue = Cue(np_head(parse, name), None, None)
            return "caption-apposition", cue, np_head(parse, name), ("speaker: a name with a title in apposition",)
    return None
