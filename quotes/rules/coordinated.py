"""Coordinated and participial cues: ``X said C1, adding (that) C2``, ``X did Y, saying C``, ``X said C1
and noted C2``, ``X said C1, and Y said C2``.

Two jobs. A reported clause stops where a second cue begins (parsers often hang "and noted ..." or
", adding ..." inside the first complement, so the tree alone would swallow both clauses). And a cue
with no subject of its own takes the speaker of the cue it is coordinated with, or, for a participle,
of the verb it hangs on: found on the surface first (the nearest earlier cue in the sentence), since a
small parser attaches these cues almost anywhere.
"""

from __future__ import annotations

from collections.abc import Mapping

from attrs import evolve

from quotes.data.lexicon import Lexicon, Verb, word_sets
from quotes.rules.base import NOMINAL, Attribution, Frame
from quotes.rules.clauses import (
    MIN_CONTENT_WORDS,
    content_span,
    count_words,
    fragments_in,
    left_tokens,
    surface_sentence,
)
from quotes.rules.frame import coordinated_bare_verb
from quotes.rules.surface import NP_INSIDE, surface_clause
from quotes.rules.tree import speaker_of

_WORDS = word_sets("reported_words.txt")
COORDINATORS = _WORDS["coordinator"]
CUE_ADVERBS = _WORDS["cue_adverb"]
OPENS_QUOTE = frozenset(":\"“‘'")


def is_participle(frame: Frame, token: int) -> bool:
    tok = frame.parse.tokens[token]
    return tok.xpos == "VBG" or (tok.upos == "VERB" and tok.form.lower().endswith("ing"))


def _has_subject(frame: Frame, token: int) -> bool:
    parse = frame.parse
    return any(
        parse.tokens[c].deprel in {"nsubj", "nsubj:outer"} and c < token and not frame.in_quote(c)
        for c in parse.children[token]
    )


def opening(frame: Frame, token: int, own_subject: bool) -> int | None:
    """Where a second cue's stretch begins: the comma or conjunction before it (``, adding``, ``and
    later noted``, ``, and the union said``), or ``None`` when nothing joins it to what precedes.

    With ``own_subject`` a noun phrase may stand between the conjunction and the cue (a new speaker)."""
    parse = frame.parse
    sentence = parse.sentences[parse.tokens[token].sentence]
    j = token - 1
    while j > sentence.first and parse.tokens[j].form.lower() in CUE_ADVERBS:
        j -= 1
    if j <= sentence.first or frame.in_quote(j):
        return None
    if parse.tokens[j].form == "," and is_participle(frame, token):
        return j
    if own_subject:
        k = j
        while k > sentence.first and parse.tokens[k].upos in {"AUX", "ADV"} and k > token - 3:
            k -= 1
        nouns = 0
        while (
            k > sentence.first
            and (parse.tokens[k].upos in NP_INSIDE or parse.tokens[k].form in {"’", "'"})
            and k > token - 9
        ):
            if parse.tokens[k].form.lower() in COORDINATORS:
                break
            # the cue's own subject counts whatever its tag ("and more than four in ten said ...")
            nouns += parse.tokens[k].upos in NOMINAL or (
                parse.tokens[k].head == token and parse.tokens[k].rel == "nsubj"
            )
            k -= 1
        if nouns and (parse.tokens[k].form.lower() in COORDINATORS or parse.tokens[k].form == ";"):
            j = k
    if parse.tokens[j].form == ";":
        return j
    if parse.tokens[j].form.lower() not in COORDINATORS:
        return None
    if j - 1 > sentence.first and parse.tokens[j - 1].form == ",":
        return j - 1
    return j


def _introduces_content(frame: Frame, verb: Verb, token: int) -> bool:
    """The second cue reports something of its own: a clause (tree or surface) or a quote."""
    parse = frame.parse
    if any(parse.tokens[c].rel == "ccomp" and c > token for c in parse.children[token]):
        return True
    nxt = token + 1
    if verb.particle is not None and nxt < len(parse.tokens) and parse.tokens[nxt].form.lower() == verb.particle:
        nxt += 1
    if nxt < len(parse.tokens) and (parse.tokens[nxt].form in OPENS_QUOTE or frame.in_quote(nxt)):
        return True
    return surface_clause(frame, verb, token) is not None


def _promises(frame: Frame, verb: Verb, token: int) -> bool:
    """``said C and pledged to close ...``: a second cue whose to-infinitive is a report of its own (as
    in indirect-infinitival). Only a second cue's stretch: a participle (``..., agreeing to work``)
    has no speaker of its own on this ground."""
    parse = frame.parse
    return verb.lemma in frame.lexicon.infinitival and any(
        c > token
        and parse.tokens[c].rel in {"xcomp", "advcl"}
        and any(parse.tokens[m].form.lower() == "to" and m < c for m in parse.children[c])
        for c in parse.children[token]
    )


def second_cue_start(frame: Frame, lexicon: Lexicon, tokens: list[int], cue: int) -> int | None:
    """The token at which a second cue's stretch begins inside ``tokens`` (the first content), if any."""
    parse = frame.parse
    for k in tokens:
        verb_like = parse.tokens[k].upos in {"VERB", "AUX"} or coordinated_bare_verb(parse, k)
        if k == cue or k <= tokens[0] or frame.in_quote(k) or not verb_like:
            continue
        verb = frame.cue(k)
        if verb is None or verb.section == "cognition":
            continue
        start = opening(frame, k, own_subject=True)
        if (
            start is not None
            and start > tokens[0]
            and (_introduces_content(frame, verb, k) or _promises(frame, verb, k))
        ):
            return start
    return None


def cut_at_second_cue(frame: Frame, lexicon: Lexicon, att: Attribution) -> Attribution:
    """The attribution with its content ended before a second cue's stretch (unchanged when none)."""
    if att.cue_token is None:
        return att
    tokens = frame.tokens_overlapping(att.content.start, att.content.end)
    start = second_cue_start(frame, lexicon, tokens, att.cue_token) if tokens else None
    if start is None:
        return att
    content = content_span(frame, [j for j in tokens if j < start], anchor=tokens[0])
    if content is None or count_words(content.text) < MIN_CONTENT_WORDS:
        return att
    fragments = fragments_in(frame, content)
    kind = att.kind if att.kind == "evidence" else ("mixed" if fragments else "indirect")
    rule = att.rule
    if kind == "indirect" and rule == "mixed-complement":
        rule = "indirect-complement"
    return evolve(
        att,
        content=content,
        kind=kind,
        rule=rule,
        fragments=tuple(r.content for r in fragments),
        regions=tuple(fragments),
        notes=(*att.notes, "content: ends where a second cue of its own begins (surface)"),
        found=(*att.found, "content:cut-at-second-cue"),
    )


def shared_speaker(
    frame: Frame, lexicon: Lexicon, cue: int, speakers: Mapping[int, int | None]
) -> tuple[int, str] | None:
    """The speaker of a cue with no subject of its own that is coordinated with an earlier cue
    (``said ... and noted``) or is a participle (``..., adding``, ``held ..., saying``).

    ``speakers`` maps the cues already attributed in the document to their speaker tokens."""
    parse = frame.parse
    if _has_subject(frame, cue) or opening(frame, cue, own_subject=False) is None:
        return None
    verb = frame.cue(cue)
    first = surface_sentence(frame, cue).first  # the parser may have split the sentence with no full stop
    earlier = [a for a in range(cue - 1, first - 1, -1) if parse.tokens[a].upos in {"VERB", "AUX"}]
    # A cue already attributed wins over a nearer one inside its clause ("said the minister had
    # warned of cuts and added ...": "added" goes with "said").
    for a in earlier:
        known = speakers.get(a)
        if known is not None:
            return known, "speaker: shared with the cue this one is coordinated with (surface)"
    for a in earlier:
        if frame.in_quote(a):
            continue
        if frame.cue(a) is not None:
            speaker, how = speaker_of(frame, a, before=left_tokens(frame, a), after=[])
            if speaker is not None:
                return speaker, "speaker: shared with the cue this one is coordinated with (surface); " + how
    if not is_participle(frame, cue) or verb is None or not _introduces_content(frame, verb, cue):
        return None  # "..., agreeing to work for ...": a participle's commitment, not a report
    # "The central bank held its rate ..., saying ...": the subject of the verb the participle
    # modifies, from the tree when it points left, else the sentence's first verb.
    head = parse.tokens[cue].head
    verbs = [
        v
        for v in ([head] if head is not None and head < cue else [])
        + [v for v in range(first, cue) if parse.tokens[v].upos == "VERB"]
        if parse.tokens[v].upos in {"VERB", "AUX"} and not frame.in_quote(v)
    ]
    for v in verbs:
        speaker, how = speaker_of(frame, v, before=left_tokens(frame, v), after=[])
        if speaker is not None and parse.tokens[speaker].upos in NOMINAL:
            return speaker, "speaker: the subject of the verb the participle modifies; " + how
    return None
