"""Link quoted passages to their reporting verb (cue) and speaker.

Pure functions over a :class:`~quotes.parse.model.Parse` and the quotation marks found by
:func:`quotes.text.marks.scan`. The parser is noisy (and real text is messier still), so each rule
combines two kinds of evidence: the dependency tree (the quote is the complement of a reporting verb
whose subject is the speaker) and the surface (a comma or colon at the quote's edge, a reporting verb
right after the closing mark). A link found by both is surer than one found by the surface alone; a
tree link that contradicts the surface (a "speaker" inside another quote, a cue two clauses away) is
not trusted.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

from attrs import define, evolve, field

from quotes.data.lexicon import Lexicon, Verb
from quotes.parse.model import Parse
from quotes.text.marks import QuoteRegion, Scan
from quotes.text.spans import Span

SENTENCE_END = frozenset({".", "!", "?"})
NOMINAL = frozenset({"PROPN", "NOUN", "PRON"})
# Relations that stay inside a speaker mention when it is expanded from its head noun.
MENTION_RELS = frozenset(
    {"compound", "flat", "amod", "det", "nmod", "case", "nummod", "appos", "punct", "cc", "conj", "fixed", "goeswith"}
)
# Words that may stand between a closing mark and the verb of an attribution ("," the president said).
NP_TAGS = frozenset({"DET", "PROPN", "NOUN", "ADJ", "PRON", "NUM", "PUNCT", "CCONJ", "PART", "ADP", "X", "SYM"})
# The most tokens a cue may sit away from its quote's edge and still count as the quote's frame.
WINDOW = 14

# Base confidence by rule; multiplied by the adjustments in ``_confidence``. Documented in the README.
RULE_CONFIDENCE = {
    "quote-cue": 0.95,  # "...," Aliyev said
    "cue-quote": 0.95,  # Aliyev said: "..."
    "split": 0.9,  # "A," he said, "B."  (B)
    "split-sentence": 0.8,  # "A," he said. "B."  (B)
    "multi-paragraph": 0.85,  # a paragraph that continues an unclosed quote
    "continuation": 0.65,  # a standalone quote after an attributed one
    "quote-tree": 0.75,  # only the dependency tree links quote and cue
    "speaker-colon": 0.85,  # Aliyev: "..."
    "dash-signoff": 0.8,  # "..." - Aliyev
    "caption-apposition": 0.75,  # "...", Aliyev, a spokesman for the ministry
    "statement-then-quote": 0.6,  # X issued a statement. "..."
}
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
DASHES = frozenset({"-", "–", "—", "--"})
VERBLESS_TAGS = frozenset({"DET", "PROPN", "NOUN", "ADJ", "PRON", "NUM", "PART", "ADP", "CCONJ", "PUNCT", "X"})


@define(frozen=True)
class Attribution:
    """One quote with its cue and speaker mention, before the speaker is named."""

    content: Span
    kind: str
    rule: str
    confidence: float
    region: int | None = None  # index into Scan.regions for direct quotes
    cue: Span | None = None
    cue_token: int | None = None
    speaker: Span | None = None
    speaker_token: int | None = None
    sentence: int | None = None
    path: tuple[str, ...] = ()
    regions: tuple[QuoteRegion, ...] = ()
    fragments: tuple[Span, ...] = ()
    flags: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(factory=tuple)
    # The attribution this one inherits from (split pieces and continuations).
    source: int | None = None


@define(frozen=True)
class Cue:
    """What introduces a quote: a reporting verb, or for verbless cues a colon or dash (``verb`` None)."""

    token: int
    verb: Verb | None
    span: Span | None


class Frame:
    """Token lookups over one parse: which tokens a character range holds, sentence edges, quotes."""

    def __init__(self, parse: Parse, scan: Scan) -> None:
        self.parse = parse
        self.scan = scan
        self.starts = [t.start for t in parse.tokens]
        self.ends = [t.end for t in parse.tokens]
        # Character ranges covered by quotation marks or quoted content, for "not inside a quote".
        self.quoted = sorted((r.outer_start, r.outer_end) for r in scan.regions if r.depth == 0)
        self._quoted_starts = [a for a, _ in self.quoted]
        self.quote_tokens = frozenset(i for i in range(len(parse.tokens)) if self.in_quote(i))
        self._para_starts = [p.start for p in scan.paragraphs]

    def tokens_overlapping(self, start: int, end: int) -> list[int]:
        lo = bisect.bisect_right(self.ends, start)
        hi = bisect.bisect_left(self.starts, end)
        return [i for i in range(lo, hi) if self.parse.tokens[i].end > start and self.parse.tokens[i].start < end]

    def token_at_or_after(self, offset: int) -> int | None:
        i = bisect.bisect_left(self.starts, offset)
        return i if i < len(self.starts) else None

    def token_before(self, offset: int) -> int | None:
        i = bisect.bisect_right(self.ends, offset) - 1
        return i if i >= 0 else None

    def in_quote(self, token: int) -> bool:
        tok = self.parse.tokens[token]
        i = bisect.bisect_right(self._quoted_starts, tok.start) - 1
        return i >= 0 and tok.start < self.quoted[i][1]

    def paragraph_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._para_starts, offset) - 1)


def attribute_direct(parse: Parse, scan: Scan, lexicon: Lexicon) -> list[Attribution]:
    """Attributions for the direct quotes: every top-level quotation region that reads as speech."""
    frame = Frame(parse, scan)
    found: dict[int, Attribution] = {}
    for index, region in enumerate(scan.regions):
        if (
            region.depth > 0
            or not _has_words(region.content.text)
            or not frame.tokens_overlapping(region.content.start, region.content.end)
        ):
            continue
        att = _attribute_region(frame, lexicon, index, region)
        if att is not None:
            found[index] = att
    _link_split_and_continued(frame, found)
    _link_to_statement(frame, lexicon, found)
    return [found[i] for i in sorted(found)]


def _has_words(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _attribute_region(frame: Frame, lexicon: Lexicon, index: int, region: QuoteRegion) -> Attribution | None:
    parse = frame.parse
    inside = frame.tokens_overlapping(region.outer_start, region.outer_end)
    content_tokens = frame.tokens_overlapping(region.content.start, region.content.end)
    head = _quote_head(parse, content_tokens)
    sentence = parse.tokens[content_tokens[0]].sentence
    standalone = _reads_as_speech(frame, region, inside)
    base = dict(
        content=region.content,
        kind="direct",
        region=index,
        sentence=sentence,
        regions=(region,),
        flags=tuple(sorted(f for f in region.flags if f in {"unbalanced", "inferred-open"})),
    )
    after = _cue_after(frame, lexicon, region, inside, head)
    if after is not None and standalone:
        cue, speaker, notes = after
        return _make(frame, "quote-cue", cue, speaker, head, notes, **base)
    before = _cue_before(frame, lexicon, region, inside, head)
    if before is not None and standalone:
        cue, speaker, notes = before
        return _make(frame, "cue-quote", cue, speaker, head, notes, **base)
    tree = _cue_in_tree(frame, lexicon, region, inside, head) if standalone else None
    if tree is not None:
        cue, speaker, notes = tree
        return _make(frame, "quote-tree", cue, speaker, head, notes, **base)
    verbless = _verbless(frame, lexicon, region) if standalone else None
    if verbless is not None:
        rule, cue, speaker, notes = verbless
        return _make(frame, rule, cue, speaker, head, notes, **base)
    if standalone:
        # No cue of its own: a candidate for a split piece or a continuation, linked afterwards.
        return Attribution(rule="unattributed", confidence=0.0, **base)
    # A quoted word or phrase inside a clause: a scare quote, a title, or a fragment that the mixed
    # rules may claim. Reported only on request (--include-unattributed), never linked as speech.
    notes = ("a quoted word or phrase inside a clause, with no speech act of its own",)
    return Attribution(rule="unattributed-fragment", confidence=0.0, notes=notes, **base)


def _verbless(frame: Frame, lexicon: Lexicon, region: QuoteRegion):
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
    if first in DASHES and spoken and not dated and parse.tokens[window[0]].upos in NOMINAL | {"DET", "ADJ"}:
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


def np_head(parse: Parse, window: Sequence[int]) -> int:
    """The head of a noun phrase: the token whose head lies outside it, else its last noun."""
    inside = set(window)
    for i in window:
        head = parse.tokens[i].head
        if parse.tokens[i].upos in NOMINAL and (head is None or head not in inside):
            return i
    nouns = [i for i in window if parse.tokens[i].upos in NOMINAL]
    return nouns[-1] if nouns else window[-1]


def _reads_as_speech(frame: Frame, region: QuoteRegion, inside: list[int]) -> bool:
    """A direct quote stands as a clause of its own; a short quoted word inside a clause is a fragment.

    Surface test, robust to parse errors: a quote is speech when it has its own closing punctuation
    (``,`` ``.`` ``?`` ``!`` ``:`` just inside or right after the closing mark), opens its sentence or
    follows a colon or a comma, or runs several words. Quoted fragments ("the "detachment" of")
    are left to the mixed-quote rules.
    """
    text = frame.parse.text
    content = region.content.text.rstrip()
    if content and content[-1] in ",.?!:;…—-":
        return True
    words = len(content.split())
    before = text[max(0, region.outer_start - 3) : region.outer_start].rstrip()
    if words >= 4 and (not before or before[-1] in ":,.?!—-–(\n"):
        return True
    if region.open is None or region.close is None:
        return words >= 3
    return words >= 8


def _quote_head(parse: Parse, content_tokens: Sequence[int]) -> int:
    """The content token whose head lies outside the content (its clause's root), verbs first."""
    inside = set(content_tokens)
    outside = [i for i in content_tokens if parse.tokens[i].head is None or parse.tokens[i].head not in inside]
    outside = [i for i in outside if parse.tokens[i].upos != "PUNCT"] or outside or list(content_tokens)
    verbs = [i for i in outside if parse.tokens[i].upos in {"VERB", "AUX"}]
    return (verbs or outside)[0]


def is_cue(frame: Frame, lexicon: Lexicon, token: int) -> Verb | None:
    tok = frame.parse.tokens[token]
    if tok.upos not in {"VERB", "AUX", "NOUN", "ADJ", "PROPN"}:
        return None
    verb = lexicon.verb(tok.form, tok.lemma)
    if verb is None:
        return None
    if verb.particle is not None and not _has_particle(frame.parse, token, verb.particle):
        return None
    if tok.upos != "VERB" and tok.upos != "AUX" and not tok.form.lower().endswith(("ed", "s", "d", "t")):
        # Mis-tagged verbs are accepted only in inflected forms ("said", "says"), not as nouns ("claim").
        return None
    return verb


def _has_particle(parse: Parse, token: int, particle: str) -> bool:
    nxt = [parse.tokens[i] for i in parse.children[token]] + list(parse.tokens[token + 1 : token + 3])
    return any(t.form.lower() == particle for t in nxt)


def _cue_span(frame: Frame, token: int, verb: Verb) -> Span:
    parse = frame.parse
    last = token
    if verb.particle is not None:
        for i in range(token + 1, min(token + 3, len(parse.tokens))):
            if parse.tokens[i].form.lower() == verb.particle:
                last = i
                break
    return parse.span(token, last)


def _cue_after(frame: Frame, lexicon: Lexicon, region: QuoteRegion, inside: list[int], head: int):
    """``"...," Aliyev said`` / ``"...," said Aliyev``: a reporting verb right after the closing mark."""
    parse = frame.parse
    if region.close is None:
        return None
    start = frame.token_at_or_after(region.close.end)
    if start is None:
        return None
    window: list[int] = []
    for i in range(start, min(start + WINDOW, len(parse.tokens))):
        tok = parse.tokens[i]
        if frame.in_quote(i) or frame.paragraph_of(tok.start) != frame.paragraph_of(region.close.start):
            break
        window.append(i)
        if tok.form in SENTENCE_END:
            break
    for pos, i in enumerate(window):
        verb = is_cue(frame, lexicon, i)
        if verb is None:
            continue
        between = window[:pos]
        if any(parse.tokens[j].form in SENTENCE_END for j in between):
            break
        linked = head in parse.subtree(i) or i in parse.ancestors(head) or parse.tokens[i].head in inside
        np_only = all(parse.tokens[j].upos in NP_TAGS for j in between)
        if not (np_only or linked):
            continue
        speaker, how = speaker_of(frame, i, before=between, after=window[pos + 1 :])
        speaker, how = _outside_apposition(parse, between, speaker, how)
        speaker, how = _inverted_name_first(parse, i, window[pos + 1 :], speaker, how)
        notes = [
            "cue right after the closing mark" if not between else "cue after the speaker, right after the closing mark"
        ]
        if linked:
            notes.append("the tree links the quote to the cue")
        notes.append(how)
        return Cue(i, verb, _cue_span(frame, i, verb)), speaker, tuple(notes)
    return None


def _cue_before(frame: Frame, lexicon: Lexicon, region: QuoteRegion, inside: list[int], head: int):
    """``Aliyev said: "..."`` / ``He said, "..."``: a reporting verb in the clause that opens onto the quote."""
    parse = frame.parse
    end = frame.token_before(region.outer_start)
    if end is None:
        return None
    window: list[int] = []
    para = frame.paragraph_of(region.outer_start)
    for i in range(end, max(-1, end - WINDOW), -1):
        tok = parse.tokens[i]
        if frame.in_quote(i) or frame.paragraph_of(tok.start) != para:
            break
        if tok.form in SENTENCE_END:
            break
        window.append(i)
    window.reverse()
    if not window:
        return None
    # The clause must open onto the quote: a colon or comma before the mark, or the verb itself ("said").
    last = parse.tokens[window[-1]]
    opens = last.form in {":", ",", "—", "-", "–"} or last.form.lower() in {"that"}
    for pos in range(len(window) - 1, -1, -1):
        i = window[pos]
        verb = is_cue(frame, lexicon, i)
        if verb is None:
            continue
        linked = i in parse.ancestors(head) or parse.tokens[head].head == i
        adjacent = pos >= len(window) - 3
        if not (opens or linked) or not (adjacent or linked):
            continue
        speaker, how = speaker_of(frame, i, before=window[:pos], after=window[pos + 1 :])
        notes = ["cue in the clause that opens onto the quote"]
        if linked:
            notes.append("the tree links the quote to the cue")
        notes.append(how)
        return Cue(i, verb, _cue_span(frame, i, verb)), speaker, tuple(notes)
    return None


def _cue_in_tree(frame: Frame, lexicon: Lexicon, region: QuoteRegion, inside: list[int], head: int):
    """The quote's clause hangs (ccomp, parataxis) from a reporting verb outside the quote, same sentence."""
    parse = frame.parse
    sentence = parse.tokens[head].sentence
    para = frame.paragraph_of(region.outer_start)
    for anc in list(parse.ancestors(head))[:3]:
        if anc in inside or frame.in_quote(anc) or parse.tokens[anc].sentence != sentence:
            continue
        if frame.paragraph_of(parse.tokens[anc].start) != para:
            continue  # a tree across a paragraph break is a sentence-splitting error, not a link
        lo, hi = (anc + 1, inside[0]) if anc < inside[0] else (inside[-1] + 1, anc)
        if any(parse.tokens[i].form in SENTENCE_END and not frame.in_quote(i) for i in range(lo, hi)):
            continue  # nor is one across a full stop: the parser missed a sentence boundary
        verb = is_cue(frame, lexicon, anc)
        if verb is None:
            continue
        speaker, how = speaker_of(frame, anc, before=[], after=[])
        return Cue(anc, verb, _cue_span(frame, anc, verb)), speaker, ("the tree links the quote to the cue", how)
    return None


def speaker_of(frame: Frame, cue: int, before: Sequence[int], after: Sequence[int]) -> tuple[int | None, str]:
    """The speaker's head token for a cue: its subject in the tree, else the noun phrase beside it."""
    parse = frame.parse
    for verb in (cue, *_coordinated_heads(parse, cue)):
        subjects = [
            c
            for c in parse.children[verb]
            if parse.tokens[c].deprel in {"nsubj", "nsubj:outer"}
            and not frame.in_quote(c)
            and parse.tokens[c].upos != "PUNCT"
        ]
        if subjects:
            # Two "subjects" is a parse error ("Civil protection chief Fabrizio Curcio told"): the one
            # nearest the verb is the head of the mention.
            child = min(subjects, key=lambda c: abs(c - verb))
            via = "subject of the cue" if verb == cue else "subject of the verb the cue is coordinated with"
            if parse.tokens[child].form.lower() in RELATIVE_PRONOUNS:
                antecedent = _antecedent(parse, verb, child)
                if antecedent is not None:
                    return antecedent, "speaker: the antecedent of the relative pronoun subject"
            return child, f"speaker: {via} in the tree"
    # Surface fallback: the last nominal before the verb (between the quote and the cue), or the
    # first noun phrase after it ("said the minister").
    nominal_before = [i for i in before if parse.tokens[i].upos in NOMINAL and not frame.in_quote(i)]
    if nominal_before:
        return nominal_before[-1], "speaker: the noun phrase before the cue (surface; the tree gave no subject)"
    chunk: list[int] = []
    for i in after:
        tok = parse.tokens[i]
        if tok.upos in NOMINAL or tok.upos in {"DET", "ADJ", "NUM"}:
            chunk.append(i)
        elif chunk or tok.upos != "ADV":
            break
    # "said one, who asked not to be named": a numeral word can stand for a person.
    nouns = [i for i in chunk if parse.tokens[i].upos in NOMINAL or parse.tokens[i].form.lower() in {"one", "another"}]
    if nouns:
        return nouns[-1], "speaker: the noun phrase after the cue (surface; inverted order)"
    return None, "no speaker found"


def _outside_apposition(parse: Parse, between: Sequence[int], speaker: int | None, how: str) -> tuple[int | None, str]:
    """``"...," Maria Lopez, a spokeswoman for the city, said``: the speaker is the name, not "city".

    When commas set off an apposition between the quote and the cue, a speaker found inside it
    (a parse error) moves to the noun phrase before the first comma.
    """
    commas = [k for k, i in enumerate(between) if parse.tokens[i].form == ","]
    if len(commas) < 2 or speaker is None or speaker not in between[commas[0] :]:
        return speaker, how
    name = [i for i in between[: commas[0]] if parse.tokens[i].upos in NOMINAL]
    if not name:
        return speaker, how
    return name[-1], "speaker: the name before an apposition set off by commas (surface)"


def _antecedent(parse: Parse, verb: int, pronoun: int) -> int | None:
    """The noun a relative clause hangs on ("Devocht, who had told ..."): from the tree, else the
    nearest noun to the left of the pronoun across a comma."""
    head = parse.tokens[verb].head
    if parse.tokens[verb].deprel == "acl:relcl" and head is not None and parse.tokens[head].upos in NOMINAL | {"NUM"}:
        return head
    j = pronoun - 1
    while j >= 0 and parse.tokens[j].form == ",":
        j -= 1
    if j >= 0 and parse.tokens[j].sentence == parse.tokens[pronoun].sentence:
        tok = parse.tokens[j]
        if tok.upos in NOMINAL or tok.form.lower() in {"one", "another"}:
            return j
    return None


def _inverted_name_first(
    parse: Parse, cue: int, after: Sequence[int], speaker: int | None, how: str
) -> tuple[int | None, str]:
    """``"...," said Marco Bellini, the mayor of Faenza``: the subject is the name right after the verb.

    A parser that takes "mayor" for the subject is overruled when a noun phrase stands directly after
    the cue and a comma sets off what follows.
    """
    if speaker is None or speaker < cue:
        return speaker, how
    chunk: list[int] = []
    for i in after:
        if parse.tokens[i].upos in {"PROPN", "NOUN", "DET", "ADJ", "NUM"}:
            chunk.append(i)
        else:
            break
    if not chunk or speaker in chunk or len(chunk) == len(after) or parse.tokens[after[len(chunk)]].form != ",":
        return speaker, how
    return np_head(parse, chunk), "speaker: the noun phrase right after the cue, before an apposition (surface)"


def _coordinated_heads(parse: Parse, token: int) -> list[int]:
    """Verbs whose subject a coordinated or controlled verb shares ("X said ... and added")."""
    out: list[int] = []
    tok = parse.tokens[token]
    while tok.head is not None and tok.rel in {"conj", "xcomp"} and len(out) < 3:
        out.append(tok.head)
        tok = parse.tokens[tok.head]
    return out


def mention_span(parse: Parse, head: int, blocked: Iterable[int] = ()) -> Span:
    """The whole mention around a speaker's head noun: titles, compounds, names, appositions.

    Relative clauses and other clauses are left out; the span never crosses a blocked token (the cue,
    quotation marks) and is trimmed of punctuation, conjunctions and prepositions at its edges.
    """
    stop = set(blocked)
    keep: set[int] = {head}
    stack = [head]
    while stack:
        node = stack.pop()
        for child in parse.children[node]:
            tok = parse.tokens[child]
            if child in stop or tok.rel not in MENTION_RELS or tok.deprel == "nmod:tmod":
                continue
            if tok.upos in {"VERB", "AUX"} and tok.rel != "amod":
                continue
            keep.add(child)
            stack.append(child)
    # Keep only the contiguous run of tokens around the head.
    lo = hi = head
    while lo - 1 in keep and lo - 1 not in stop:
        lo -= 1
    while hi + 1 in keep and hi + 1 not in stop:
        hi += 1
    # "Azeri and Turkish officials": a coordinated modifier the parser hung elsewhere comes back in.
    if lo > 0 and parse.tokens[lo].upos == "CCONJ" and parse.tokens[lo].head in keep:
        left = parse.tokens[lo - 1]
        if left.upos in {"ADJ", "PROPN"} and lo - 1 not in stop and left.form[:1].isupper():
            lo -= 1
    edge_junk = {"PUNCT", "CCONJ", "ADP", "SCONJ"}
    while lo < head and parse.tokens[lo].upos in edge_junk:
        lo += 1
    while hi > head and (
        parse.tokens[hi].upos in edge_junk or (parse.tokens[hi].form in {"'s", "’s"} and hi == head + 1)
    ):
        hi -= 1
    lo, hi = _surface_name_run(parse, lo, hi, head, stop)
    return parse.span(lo, hi)


def _surface_name_run(parse: Parse, lo: int, hi: int, head: int, stop: set[int]) -> tuple[int, int]:
    """Widen a mention over the capitalized words of its name that the tree left out.

    "Prime Minister Giorgia Meloni said": a parser that hangs "Prime" elsewhere must not cut the
    name. Only capitalized nominal words directly adjacent (one space apart, same sentence) join.
    """
    tokens = parse.tokens

    def name_word(i: int) -> bool:
        tok = tokens[i]
        return tok.upos in {"PROPN", "NOUN", "ADJ"} and tok.form[:1].isupper() and i not in stop

    def adjacent(a: int, b: int) -> bool:
        # Across a sentence break only when nothing ends the sentence: the tokenizer cut a name.
        joined = tokens[a].sentence == tokens[b].sentence or tokens[a].form not in SENTENCE_END
        return joined and parse.text[tokens[a].end : tokens[b].start] == " "

    if not tokens[head].form[:1].isupper():
        return lo, hi
    while lo > 0 and name_word(lo - 1) and adjacent(lo - 1, lo):
        lo -= 1
    while hi + 1 < len(tokens) and name_word(hi + 1) and adjacent(hi, hi + 1) and tokens[hi + 1].upos == "PROPN":
        hi += 1
    return lo, hi


def _make(
    frame: Frame, rule: str, cue: Cue, speaker: int | None, head: int, notes: tuple[str, ...], **base
) -> Attribution:
    parse = frame.parse
    speaker_span = None
    if speaker is not None:
        speaker_span = mention_span(parse, speaker, [cue.token, *frame.quote_tokens])
    path = tuple(edge_path(parse, head, cue.token)) + (
        tuple(edge_path(parse, cue.token, speaker)) if speaker is not None else ()
    )
    confidence = _confidence(frame, rule, cue, speaker, head, base.get("flags", ()))
    return Attribution(
        rule=rule,
        confidence=confidence,
        cue=cue.span,
        cue_token=cue.token,
        speaker=speaker_span,
        speaker_token=speaker,
        path=path,
        notes=notes,
        **base,
    )


def edge_path(parse: Parse, source: int, target: int) -> list[str]:
    """The tree path between two tokens as UD edges ``rel(head, dependent)``, in walking order."""
    route = parse.tree_path(source, target) if source != target else None
    if route is None:
        return []
    tokens = parse.tokens
    return [f"{tokens[n].deprel}({tokens[tokens[n].head].form}, {tokens[n].form})" for n in (*route[0], *route[1])]


def _confidence(frame: Frame, rule: str, cue: Cue, speaker: int | None, head: int, flags: Sequence[str]) -> float:
    parse = frame.parse
    score = RULE_CONFIDENCE.get(rule, 0.7)
    # Linked either way round: a small parser often hangs "said" under the quote's verb.
    tree_linked = cue.token in parse.ancestors(head) or head in parse.ancestors(cue.token)
    if not tree_linked and rule != "quote-tree":
        score *= 0.9  # surface evidence only
    if speaker is None:
        score *= 0.6
    elif parse.tokens[speaker].head != cue.token:
        score *= 0.9  # the speaker came from the surface, not the tree
    if cue.verb is not None and cue.verb.section == "cognition":
        score *= 0.8
    if flags:
        score *= 0.8  # broken quotation marks
    return round(min(score, 1.0), 3)


def _link_split_and_continued(frame: Frame, found: dict[int, Attribution]) -> None:
    """Give cue-less quotes the attribution of the quote they continue, when one is right before them.

    ``"A," he said, "B."`` (split), ``"A," he said. "B."`` (split-sentence), a standalone quoted
    passage right after an attributed quote (continuation) and the next paragraph of a multi-paragraph
    quote (multi-paragraph). Anything else keeps no speaker.
    """
    text = frame.parse.text
    regions = frame.scan.regions
    order = [i for i in sorted(found) if found[i].rule != "unattributed-fragment"]
    for pos, index in enumerate(order):
        att = found[index]
        region = regions[index]
        if region.continues is not None and region.continues in found and found[region.continues].cue is not None:
            found[index] = _inherit(found[region.continues], att, "multi-paragraph", region.continues)
            continue
        if att.rule != "unattributed" and not _shares_cue_with_previous(found, order, pos):
            continue
        if pos == 0:
            continue
        prev_index = order[pos - 1]
        prev = found[prev_index]
        if prev.cue is None or (prev.speaker_token is None and prev.speaker is None):
            continue
        gap = text[regions[prev_index].outer_end : region.outer_start]
        if att.rule != "unattributed":
            # Same cue found from both sides: "A," he said, "B." -> B is the split piece.
            found[index] = _inherit(prev, att, "split", prev_index)
            continue
        prev_sentence_end = _sentence_end_after(frame, regions[prev_index].outer_end)
        same_para = frame.paragraph_of(region.outer_start) == frame.paragraph_of(regions[prev_index].outer_start)
        cue_between = prev.cue is not None and regions[prev_index].outer_end <= prev.cue.start < region.outer_start
        if cue_between and same_para and (prev_sentence_end is None or prev_sentence_end > region.outer_start):
            # "A," team member Rodaba Noori told the press, "B": the attribution between the pieces
            # belongs to both, however far the cue sits from B's opening mark.
            found[index] = _inherit(prev, att, "split", prev_index)
        elif (
            prev.cue is not None
            and prev.cue.start >= regions[prev_index].outer_end
            and same_para
            and (prev_sentence_end is not None and not text[prev_sentence_end : region.outer_start].strip())
        ):
            found[index] = _inherit(prev, att, "split-sentence", prev_index)
        elif not gap.strip() or _only_attribution_between(frame, prev, regions[prev_index], region):
            found[index] = _inherit(prev, att, "continuation", prev_index)


def _link_to_statement(frame: Frame, lexicon: Lexicon, found: dict[int, Attribution]) -> None:
    """``The ministry issued a statement on Friday. "We regret ..."``: a quote with no cue of its own
    that opens right after a sentence reporting a speech act by a named source (a speech-act noun
    such as "statement" as the object of that source's verb) is attributed to that source."""
    parse = frame.parse
    for index, att in list(found.items()):
        region = frame.scan.regions[index]
        if att.rule != "unattributed":
            continue
        last = frame.token_before(region.outer_start)
        if last is None or parse.tokens[last].form not in SENTENCE_END | {":"}:
            continue
        gap = parse.text[parse.tokens[last].end : region.outer_start]
        if gap.strip() or gap.count("\n") > 2:
            continue
        sentence = parse.sentences[parse.tokens[last].sentence]
        for noun in range(sentence.first, sentence.last):
            tok = parse.tokens[noun]
            if tok.lemma.lower() not in lexicon.cue_nouns or tok.rel not in {"obj", "obl"} or tok.head is None:
                continue
            speaker, how = speaker_of(frame, tok.head, before=[], after=[])
            if speaker is None or speaker in frame.quote_tokens:
                continue
            cue = Cue(noun, None, parse.span(noun, noun))
            notes = (f"the sentence before reports a {tok.form} by the speaker", how)
            head = _quote_head(parse, frame.tokens_overlapping(region.content.start, region.content.end))
            made = _make(frame, "statement-then-quote", cue, speaker, head, notes, **_base_of(att))
            found[index] = made
            break


def _base_of(att: Attribution) -> dict[str, object]:
    return {
        "content": att.content,
        "kind": att.kind,
        "region": att.region,
        "sentence": att.sentence,
        "regions": att.regions,
        "flags": att.flags,
    }


def _shares_cue_with_previous(found: dict[int, Attribution], order: list[int], pos: int) -> bool:
    if pos == 0:
        return False
    prev, cur = found[order[pos - 1]], found[order[pos]]
    return cur.cue_token is not None and cur.cue_token == prev.cue_token and cur.rule == "cue-quote"


def _sentence_end_after(frame: Frame, offset: int) -> int | None:
    """Offset just past the sentence-final punctuation that follows ``offset`` in its paragraph."""
    parse = frame.parse
    i = frame.token_at_or_after(offset)
    para = frame.paragraph_of(offset)
    while i is not None and i < len(parse.tokens) and frame.paragraph_of(parse.tokens[i].start) == para:
        if frame.in_quote(i):
            return None
        if parse.tokens[i].form in SENTENCE_END:
            return parse.tokens[i].end
        i += 1
    return None


def _only_attribution_between(frame: Frame, prev: Attribution, prev_region: QuoteRegion, region: QuoteRegion) -> bool:
    """Between the two quotes lies nothing but the previous quote's own attribution clause."""
    end = _sentence_end_after(frame, prev_region.outer_end)
    if end is None or prev.cue is None or not (prev_region.outer_end <= prev.cue.start < end):
        return False
    return not frame.parse.text[end : region.outer_start].strip()


def _inherit(source: Attribution, target: Attribution, rule: str, source_index: int) -> Attribution:
    confidence = source.confidence * RULE_CONFIDENCE[rule] / RULE_CONFIDENCE.get(source.rule, 0.95)
    if target.flags:
        confidence *= 0.8
    return evolve(
        target,
        rule=rule,
        confidence=round(min(confidence, 1.0), 3),
        cue=source.cue,
        cue_token=source.cue_token,
        speaker=source.speaker,
        speaker_token=source.speaker_token,
        path=source.path,
        source=source_index,
        notes=(*target.notes, f"inherits the speaker and cue of the quote at {source.content.start}"),
    )
