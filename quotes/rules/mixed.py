"""Mixed quotes: quoted fragments inside reported content.

``agentive`` finds a quoted fragment in the predicate of an agent's evaluative verb (``X blamed ...
the "detachment" of ...``); ``fragment_clauses`` a fragment that closes the clause an inverted cue
reports (``The talks were "going nowhere," a diplomat said``). Which of a direct and a mixed reading of
the same words stands is the resolver's decision (:func:`quotes.rules.resolve.merge`).
"""

from __future__ import annotations

from collections.abc import Sequence

from attrs import evolve

from quotes.data.lexicon import Lexicon, Verb
from quotes.rules.assemble import build_reported
from quotes.rules.base import EXPLETIVES, SENTENCE_END, TIME_WORDS, Attribution, Frame
from quotes.rules.clauses import clause_tokens, content_span, count_words, fragments_in, left_tokens
from quotes.rules.confidence import rebase
from quotes.rules.registry import Rule, register
from quotes.rules.tree import speaker_of
from quotes.text.spans import Span

RULES = register(
    Rule(
        "mixed-complement",
        "mixed",
        "reported",
        ("mixed-fragment", "mixed-american"),
        'X said it is "ready to engage": a clause holding a quoted fragment',
    ),
    Rule(
        "mixed-agentive",
        "mixed",
        "reported",
        ("mixed-agentive",),
        'X blamed ... the "detachment" of ...: a fragment in an agent\'s predicate',
    ),
    Rule(
        "mixed-inverted", "mixed", "fragments", ("mixed-fragment",), 'The talks were "going nowhere," a diplomat said'
    ),
    Rule(
        "mixed-surface",
        "mixed",
        "fragments",
        ("mixed-agentive",),
        'X said CLAUSE "fragment." with no tree clause holding the fragment',
    ),
    Rule(
        "quote-according-to",
        "mixed",
        "merge",
        ("according-to",),
        '"...", according to X: a quote with no verb takes the source of "according to"',
    ),
)


# A reported clause with a quoted part is mixed once two or more of its words stand outside the
# marks ("By this time, "..."", according to X); one stray word is parse noise around a direct quote.
MIXED_MIN_OUTSIDE = 2


def _clause_break(frame: Frame, j: int) -> bool:
    """``, saying "..."``, ``, and ...``, ``;`` outside quotes: the predicate of a verb of judging ends
    before ``j``."""
    parse = frame.parse
    tok = parse.tokens[j]
    if frame.in_quote(j):
        return False
    if tok.form == ";":
        return True
    nxt = parse.tokens[j + 1] if j + 1 < len(parse.tokens) else None
    return tok.form == "," and nxt is not None and (nxt.upos in {"VERB", "CCONJ", "SCONJ"} or nxt.xpos == "VBG")


def agentive(frame: Frame, verb: Verb, cue: int) -> Attribution | None:
    """``X blamed ... the "detachment" of ...``: a quoted fragment in the predicate of an agent's verb."""
    parse = frame.parse
    if verb.section == "cognition" or frame.negation_dependent(cue):
        return None  # "does not agree with the "checks and balances"" reports no judgement
    speaker, how = speaker_of(frame, cue, before=left_tokens(frame, cue), after=[])
    if speaker is None or parse.tokens[speaker].form.lower() in EXPLETIVES:
        return None
    outside = set(parse.subtree(speaker))
    # The predicate ends with the verb's complements: a verb coordinated with it ("..., and shares
    # recovered") is the narrator's clause, not the agent's words ("called it "dangerous" and
    # "ideological"" coordinates complements, which stay).
    for c in parse.children[cue]:
        tok = parse.tokens[c]
        if c > cue and (tok.rel == "parataxis" or (tok.rel == "conj" and tok.upos in {"VERB", "AUX"})):
            outside.update(parse.subtree(c))
    tokens = [j for j in clause_tokens(frame, cue, None, speaker, keep_quotes=True) if j >= cue and j not in outside]
    end = cue
    while end + 1 in tokens and not _clause_break(frame, end + 1):
        end += 1
    content = content_span(frame, list(range(cue, end + 1)), anchor=cue)
    if content is None or not fragments_in(frame, content):
        return None
    notes = [how, "content: the predicate of the cue, which holds a quoted fragment"]
    return build_reported(frame, "mixed-agentive", verb, cue, speaker, cue, content, notes)


def fragment_clauses(
    frame: Frame, lexicon: Lexicon, direct: Sequence[Attribution], reported: Sequence[Attribution]
) -> list[Attribution]:
    """Mixed readings of direct quotes that are fragments of the clause their cue reports.

    A quote read as direct whose words start in lower case and follow a word of the clause with no
    punctuation between (``were "going nowhere,"``, ``had been "a mistake."``) is a fragment, not a
    sentence of its own. With the cue after it (``quote-cue``: ``The talks were "going nowhere," a
    diplomat said``) the content is the clause from its start to the closing mark (``mixed-inverted``);
    with the cue before it (``cue-quote``: ``The mayor said closing it had been "a mistake."``, where
    the tree gave the verb no clause that holds the fragment) the content runs from after the cue (and
    its ``that``) through the fragment to the clause's end (``mixed-surface``). Both are read off the
    surface; a quote some reported reading already holds is left alone (``resolve.merge`` settles it), and so
    is one whose cue is a verb of belief (``known as ... a "second wave,"``).
    """
    parse = frame.parse
    text = parse.text
    out: list[Attribution] = []
    for d in direct:
        if d.rule not in {"quote-cue", "cue-quote"} or len(d.regions) != 1 or d.cue is None or d.cue_token is None:
            continue
        region = d.regions[0]
        letters = [ch for ch in region.content.text if ch.isalpha()]
        before = text[: region.outer_start].rstrip(" ")
        if not letters or not letters[0].islower() or not before[-1:].isalnum():
            continue
        if any(r.content.contains(region.content) for r in reported):
            continue
        verb = frame.reporting_word(d.cue_token)
        if verb is None or verb.section == "cognition":
            continue
        last = frame.token_before(region.outer_start)
        if last is None:
            continue
        if d.rule == "quote-cue" and d.cue.start >= region.outer_end:
            span = _clause_up_to(frame, last, region.outer_end)
            rule, note = "mixed-inverted", "the clause the quoted fragment ends, before the inverted cue"
        elif d.rule == "cue-quote" and d.cue.end <= region.outer_start:
            span = _clause_from_cue(frame, d.cue_token, last, region.outer_end)
            rule, note = "mixed-surface", "the clause after the cue, through the quoted fragment to the clause's end"
        else:
            continue
        if span is None or count_words(text[span.start : region.outer_start]) < MIXED_MIN_OUTSIDE:
            continue
        out.append(
            evolve(
                d,
                content=span,
                kind="mixed",
                rule=rule,
                confidence=round(rebase(d.confidence, d.rule, rule), 3),
                fragments=(region.content,),
                region=None,
                notes=(*d.notes, f"content: {note} (surface)"),
            )
        )
    return out


def _clause_up_to(frame: Frame, last: int, end: int) -> Span | None:
    """From the start of ``last``'s clause (its sentence, or after a ``;`` ``:`` or quote) to ``end``."""
    parse = frame.parse
    sentence = parse.sentences[parse.tokens[last].sentence]
    first = sentence.first
    for k in range(last, sentence.first - 1, -1):
        if parse.tokens[k].form in {";", ":"} or frame.in_quote(k):
            first = k + 1
            break
    if first > last or not frame.same_paragraph(first, last):
        return None
    start = parse.tokens[first].start
    return Span(start, end, parse.text[start:end])


def _clause_from_cue(frame: Frame, cue: int, last: int, end: int) -> Span | None:
    """From after the cue (past ``that``, or past the addressee of "told") through ``end``, on to the
    clause's end when words follow the fragment (``"ready to resume talks" as soon as ...``)."""
    parse = frame.parse
    tokens = parse.tokens
    between = list(range(cue + 1, last + 1))
    if any(tokens[j].form in {";", ":", *SENTENCE_END} or frame.in_quote(j) for j in between):
        return None
    that = next((j for j in between if tokens[j].form.lower() == "that"), None)
    if that is not None and all(
        tokens[j].form.lower() in TIME_WORDS or tokens[j].upos != "VERB" for j in range(cue + 1, that)
    ):
        first = that + 1
    else:
        first = cue + 1
        while first <= last and (tokens[first].form.lower() in TIME_WORDS or tokens[first].upos == "ADV"):
            first += 1
    while first <= last and tokens[first].form == ",":
        first += 1
    if first > last:
        return None
    sentence = parse.sentences[tokens[cue].sentence]
    after = frame.token_at_or_after(end)
    stop = end
    if after is not None and after < sentence.last and tokens[after].upos != "PUNCT":
        j = after
        while j < sentence.last and tokens[j].upos != "PUNCT" and not frame.in_quote(j):
            stop = tokens[j].end
            j += 1
    start = tokens[first].start
    return Span(start, stop, parse.text[start:stop])
