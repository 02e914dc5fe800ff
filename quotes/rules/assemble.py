"""Putting an attribution together: its speaker mention, its dependency path and its confidence."""

from __future__ import annotations

from quotes.data.lexicon import Verb
from quotes.rules.base import Attribution, Frame, Link
from quotes.rules.clauses import fragments_in
from quotes.rules.confidence import confidence
from quotes.rules.tree import edge_path, mention_span
from quotes.text.spans import Span


def make_direct(frame: Frame, link: Link, head: int, **base) -> Attribution:
    """A direct attribution from what a rule found (``link``); the speaker mention never crosses the cue,
    a quote or one of the link's ``stop`` tokens."""
    parse = frame.parse
    rule, cue, speaker, notes, stop = link.rule, link.cue, link.speaker, link.notes, link.stop
    speaker_span = None
    if speaker is not None:
        speaker_span = mention_span(parse, speaker, [cue.token, *frame.quote_tokens, *stop])
    path = tuple(edge_path(parse, head, cue.token)) + (
        tuple(edge_path(parse, cue.token, speaker)) if speaker is not None else ()
    )
    # Linked either way round: a small parser often hangs "said" under the quote's verb.
    tree_linked = cue.token in parse.ancestors(head) or head in parse.ancestors(cue.token) or rule == "quote-tree"
    score = confidence(
        rule,
        tree_linked=tree_linked,
        speaker=speaker is not None,
        speaker_from_tree=speaker is not None and parse.tokens[speaker].head == cue.token,
        cognition=cue.verb is not None and cue.verb.section == "cognition",
        broken_marks=bool(base.get("flags")),
    )
    return Attribution(
        rule=rule,
        confidence=score,
        cue=cue.span,
        cue_token=cue.token,
        speaker=speaker_span,
        speaker_token=speaker,
        path=path,
        notes=notes,
        **base,
    )


def build_reported(
    frame: Frame,
    rule: str,
    verb: Verb,
    cue: int,
    speaker: int,
    content_head: int,
    content: Span,
    notes: list[str],
    found: tuple[str, ...] = (),
) -> Attribution:
    """A reported attribution; ``found``: the codes of how its content and speaker were found."""
    parse = frame.parse
    content = whole_fragments(frame, content)
    fragments = fragments_in(frame, content)
    if fragments and rule.startswith("indirect"):
        rule = "mixed-complement"
    score = confidence(
        rule,
        speaker_from_tree=parse.tokens[speaker].head == cue,
        cognition=verb.section == "cognition",
        broken_marks=any(r.flags & {"unbalanced", "inferred-open"} for r in fragments),
    )
    return Attribution(
        content=content,
        kind="mixed" if fragments else "indirect",
        rule=rule,
        confidence=score,
        cue=parse.span(cue, cue),
        cue_token=cue,
        speaker=mention_span(parse, speaker, [cue, *frame.quote_tokens]),
        speaker_token=speaker,
        sentence=parse.tokens[cue].sentence,
        path=tuple(edge_path(parse, content_head, cue)) + tuple(edge_path(parse, cue, speaker)),
        fragments=tuple(r.content for r in fragments),
        regions=tuple(fragments),
        notes=tuple(notes),
        found=found,
    )


def whole_fragments(frame: Frame, content: Span) -> Span:
    """Reported content that a quoted fragment's closing mark was cut from, widened to that mark.

    ``said it had been "a mistake."``: with the period inside the marks (American style) a parser hangs
    the period and the closing mark on the verb of saying, so the clause's subtree stops inside the
    fragment. The fragment belongs to the content whole when it runs on from a word of the clause
    (``been "a mistake."``, not ``adding: "..."``, a quote of its own) and all that was cut is its
    closing punctuation.
    """
    end = content.end
    text = frame.parse.text
    for region in frame.scan.regions:
        if region.depth == 0 and content.start < region.outer_start < end < region.outer_end:
            before = text[content.start : region.outer_start].rstrip(" ")
            cut = text[end : region.content.end]
            if before[-1:].isalnum() and not any(ch.isalnum() for ch in cut) and "\n" not in cut:
                end = region.outer_end
    if end == content.end:
        return content
    return Span(content.start, end, text[content.start : end])
