"""Reported speech without (or with only some) quotation marks: indirect and mixed quotes.

* indirect: a reporting verb whose clausal complement is the content (``X said (that) ...``,
  ``X claimed to have ...``), the clause before an inverted cue (``..., officials say``) and
  ``according to X``.
* mixed: the same, when the reported content holds a quoted fragment (``Armenia has said it is
  "ready to engage"``), and a quoted fragment inside the object of an evaluative verb with an agent
  (``Aliyev blamed ... on the "detachment" of ...``).

Pure functions over the parse and the marks, sharing the direct rules' helpers.
"""

from __future__ import annotations

from collections.abc import Sequence

from attrs import evolve

from quotes.data.lexicon import Lexicon, Verb
from quotes.parse.model import Parse
from quotes.rules.direct import (
    SENTENCE_END,
    Attribution,
    Frame,
    edge_path,
    is_cue,
    mention_span,
    np_head,
    speaker_of,
)
from quotes.text.marks import QuoteRegion
from quotes.text.spans import Span

RULE_CONFIDENCE = {
    "indirect-complement": 0.85,  # X said (that) CLAUSE
    "indirect-infinitival": 0.75,  # X claimed to have ...
    "indirect-inverted": 0.8,  # CLAUSE, X said
    "according-to": 0.8,  # according to X, CLAUSE
    "indirect-surface": 0.65,  # X said (that) CLAUSE, read off the surface when the tree has no complement
    "nominal-cue": 0.75,  # X's statement that CLAUSE
    "mixed-complement": 0.85,  # X said it is "ready to engage"
    "mixed-agentive": 0.7,  # X blamed ... the "detachment" of ...
}
# Complement clauses that report a question, not a claim ("asked whether ...") are left out.
QUESTION_MARKS = frozenset({"whether", "if", "how", "why", "what", "when", "where", "who"})
# Words that open an adverbial clause, never a reported one.
ADVERBIAL_OPENERS = frozenset({"while", "although", "though", "because", "as", "since", "after", "before", "until"})
# Subjects that are not sources ("it is said that ...").
EXPLETIVES = frozenset({"it", "there"})
MIN_CONTENT_WORDS = 3
# A reported clause with a quoted part is mixed once two or more of its words stand outside the
# marks ("By this time, "..."", according to X); one stray word is parse noise around a direct quote.
MIXED_MIN_OUTSIDE = 2


def attribute_reported(frame: Frame, lexicon: Lexicon, taken_cues: set[int]) -> list[Attribution]:
    """Indirect and mixed attributions; ``taken_cues`` are cue tokens the direct rules already used."""
    parse = frame.parse
    out: list[Attribution] = []
    for i, tok in enumerate(parse.tokens):
        if frame.in_quote(i):
            continue
        length = _prepositional_cue(frame, lexicon, i)
        if length:
            att = _according_to(frame, i, length)
            if att is not None:
                out.append(att)
            continue
        if tok.upos == "NOUN" and tok.lemma.lower() in lexicon.cue_nouns:
            att = _nominal(frame, i)
            if att is not None:
                out.append(att)
            continue
        if tok.upos not in {"VERB", "AUX"}:
            continue
        verb = is_cue(frame, lexicon, i)
        if verb is None:
            continue
        att = _complement(frame, lexicon, verb, i) or _inverted(frame, verb, i) or _surface_complement(frame, verb, i)
        if att is None and i not in taken_cues:
            att = _agentive(frame, verb, i)
        if att is not None and (i not in taken_cues or att.kind == "mixed"):
            out.append(att)
    return out


def _next_form(frame: Frame, i: int) -> str:
    tokens = frame.parse.tokens
    return tokens[i + 1].form.lower() if i + 1 < len(tokens) else ""


def _complement(frame: Frame, lexicon: Lexicon, verb: Verb, cue: int) -> Attribution | None:
    """``X said (that) CLAUSE`` and ``X claimed to have ...``: the verb's clausal complement."""
    parse = frame.parse

    def to_infinitive(c: int) -> bool:
        return any(parse.tokens[m].form.lower() == "to" for m in parse.children[c])

    # "asked the council to help": treebanks differ on xcomp or advcl for a request's infinitive.
    comps = [
        c
        for c in parse.children[cue]
        if c > cue
        and (
            parse.tokens[c].rel in {"ccomp", "xcomp"}
            or (parse.tokens[c].rel == "advcl" and verb.lemma in lexicon.infinitival and to_infinitive(c))
        )
    ]
    inverted_tree = False
    if not comps:
        comp = _misattached_complement(frame, cue)
        if comp is None:
            return None
        inverted_tree = True
    else:
        comp = comps[0]
    infinitival = parse.tokens[comp].rel == "xcomp"
    if infinitival and (
        verb.lemma not in lexicon.infinitival
        or not any(parse.tokens[c].form.lower() == "to" for c in parse.children[comp])
    ):
        return None
    speaker, how = speaker_of(frame, cue, before=_left_tokens(frame, cue), after=[])
    if speaker is None or parse.tokens[speaker].form.lower() in EXPLETIVES:
        return None
    tokens = _clause_tokens(frame, comp, cue, speaker)
    if inverted_tree:
        # Everything from the cue to the end of the reported verb's phrase (the cue's own
        # dependents after it, like "at least one civilian", belong to the clause).
        sentence = parse.tokens[cue].sentence
        end = max(j for j in parse.subtree(comp) if parse.tokens[j].sentence == sentence)
        tokens = list(range(cue + 1, end + 1))
    if not tokens:
        return None
    if any(parse.tokens[j].form in SENTENCE_END and not frame.in_quote(j) for j in range(cue + 1, min(tokens))):
        return None  # a "complement" after a full stop: the parser missed a sentence boundary
    tokens = _extend_over_stranded(frame, cue, tokens)
    first = parse.tokens[tokens[0]]
    if first.form.lower() in QUESTION_MARKS or first.form.lower() in ADVERBIAL_OPENERS or first.form == ",":
        # "..., officials say, while others say ...": an adverbial clause misread as the complement.
        return None
    if first.form.lower() == "that" and len(tokens) > 1:
        tokens = tokens[1:]
    content = _content_span(frame, tokens, anchor=cue)
    if content is None or _words(content.text) < MIN_CONTENT_WORDS:
        return None
    rule = "indirect-infinitival" if infinitival else "indirect-complement"
    return _build(frame, rule, verb, cue, speaker, comp, content, [how, "content: the clausal complement of the cue"])


def _extend_over_stranded(frame: Frame, cue: int, tokens: list[int]) -> list[int]:
    """Take in a modifier the parser hung on the cue though it sits inside the reported clause.

    "X said that forces would continue their operations until all territories were occupied": a
    small parser often attaches "until ..." to "said". A dependent of the cue that directly follows
    the complement, with no comma between, belongs to what was said.
    """
    parse = frame.parse
    out = list(tokens)
    sentence = parse.tokens[cue].sentence
    while True:
        nxt = out[-1] + 1
        if nxt >= len(parse.tokens) or parse.tokens[nxt].sentence != sentence or frame.in_quote(nxt):
            return out
        branch = next((c for c in parse.children[cue] if nxt in parse.subtree(c)), None)
        if branch is None or parse.tokens[branch].rel not in {"advcl", "obl", "advmod", "ccomp"} or branch < out[-1]:
            return out
        extra = [j for j in parse.subtree(branch) if j > out[-1]]
        if not extra or extra[0] != nxt or parse.tokens[nxt].upos == "PUNCT":
            return out
        out.extend(range(nxt, extra[-1] + 1))


# Verbs that take the addressee before the reported clause ("told reporters the plan had failed").
ADDRESSEE_VERBS = frozenset({"tell", "inform", "assure", "reassure", "warn", "remind", "notify", "brief", "caution"})
TIME_WORDS = frozenset(
    [
        "on",
        "in",
        "at",
        "last",
        "this",
        "next",
        "earlier",
        "later",
        "yesterday",
        "today",
        "tonight",
        "week",
        "month",
        "year",
        "morning",
        "afternoon",
        "evening",
        "night",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
FINITE_XPOS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _surface_complement(frame: Frame, verb: Verb, cue: int) -> Attribution | None:
    """``X told reporters (that) CLAUSE`` when the tree gives the cue no complement (a parse error).

    Read off the surface, so held to a strict shape: after the cue come only time words (and, for
    verbs like "tell", the addressee), then "that" or a subject followed by a finite verb; the
    content runs to the end of the sentence.
    """
    parse = frame.parse
    if verb.section == "cognition" or any(parse.tokens[c].rel in {"ccomp", "xcomp"} for c in parse.children[cue]):
        return None
    sentence = parse.sentences[parse.tokens[cue].sentence]
    j = cue + 1
    skipped_addressee = False
    while j < sentence.last:
        tok = parse.tokens[j]
        low = tok.form.lower()
        if low in TIME_WORDS or (tok.upos == "NUM" and j > cue + 1):
            j += 1
        elif verb.lemma in ADDRESSEE_VERBS and not skipped_addressee and tok.upos in {"PROPN", "NOUN", "PRON", "DET"}:
            while (
                j < sentence.last
                and parse.tokens[j].upos in {"PROPN", "NOUN", "PRON", "DET", "ADJ"}
                and parse.tokens[j].form.lower() != "that"
                and j < cue + 5
            ):
                j += 1
            skipped_addressee = True
        else:
            break
    if j >= sentence.last or frame.in_quote(j):
        return None
    start = j + 1 if parse.tokens[j].form.lower() == "that" else j
    if start == j and not _clause_starts(parse, j, sentence.last):
        return None
    end = sentence.last
    for k in range(start, sentence.last):
        if parse.tokens[k].form == ";":
            end = k
            break
    speaker, how = speaker_of(frame, cue, before=_left_tokens(frame, cue), after=[])
    if speaker is None or speaker > cue or parse.tokens[speaker].form.lower() in EXPLETIVES:
        return None
    content = _content_span(frame, list(range(start, end)), anchor=cue)
    if content is None or _words(content.text) < MIN_CONTENT_WORDS:
        return None
    notes = [how, "content: the clause after the cue, read off the surface (the tree gave no complement)"]
    return _build(frame, "indirect-surface", verb, cue, speaker, start, content, notes)


def _clause_starts(parse: Parse, j: int, last: int) -> bool:
    """A subject noun phrase at ``j`` followed within a few words by a finite verb."""
    if parse.tokens[j].upos not in {"DET", "PROPN", "NOUN", "PRON", "NUM", "ADJ"}:
        return False
    for k in range(j + 1, min(j + 7, last)):
        tok = parse.tokens[k]
        if tok.upos in {"VERB", "AUX"}:
            return tok.xpos in FINITE_XPOS or tok.feat("VerbForm") == "Fin"
        if tok.upos == "PUNCT" or (tok.upos in {"SCONJ", "ADP"} and tok.form.lower() != "of"):
            return False
        if tok.form.lower() in {"that", "which", "who", "whom", "whose"}:
            return False  # "announced the locations that would ...": an object with a relative clause
    return False


def _misattached_complement(frame: Frame, cue: int) -> int | None:
    """The reported clause's verb when the parser hung the cue under it ("X say [that] ... killed").

    Noisy parsers often invert the relation: the cue becomes an advcl/ccomp of the reported verb on
    its right. Accepted only when nothing but the clause's own words lies between them.
    """
    parse = frame.parse
    head = parse.tokens[cue].head
    if head is None or head <= cue or parse.tokens[head].upos not in {"VERB", "AUX"}:
        return None
    if parse.tokens[cue].rel not in {"advcl", "ccomp", "parataxis", "csubj"}:
        return None
    between = parse.tokens[cue + 1 : head]
    if any(t.upos == "PUNCT" or t.upos == "VERB" for t in between):
        return None
    return head


def _inverted(frame: Frame, verb: Verb, cue: int) -> Attribution | None:
    """``CLAUSE, X says``: the cue and its subject follow the clause, after a comma, and end the clause."""
    parse = frame.parse
    speaker, how = speaker_of(frame, cue, before=_left_tokens(frame, cue), after=[])
    if speaker is None or speaker > cue:
        return None
    mention = mention_span(parse, speaker, [cue])
    before_mention = frame.token_before(mention.start)
    if before_mention is None or parse.tokens[before_mention].form != ",":
        return None
    # The cue must close its clause: nothing of its own follows but punctuation or a new clause.
    nxt = cue + 1
    while nxt < len(parse.tokens) and parse.tokens[nxt].head == cue and parse.tokens[nxt].rel in {"obl", "advmod"}:
        nxt = max(parse.subtree(nxt)) + 1
    if nxt < len(parse.tokens) and parse.tokens[nxt].upos not in {"PUNCT", "CCONJ", "SCONJ"}:
        return None
    comma = before_mention
    sentence = parse.sentences[parse.tokens[cue].sentence]
    start = sentence.first
    # The clause starts after the last clause break before the comma (a semicolon or a quote's end).
    for j in range(comma - 1, sentence.first - 1, -1):
        if parse.tokens[j].form in {";", ":"} or frame.in_quote(j):
            start = j + 1
            break
    tokens = list(range(start, comma))
    content = _content_span(frame, tokens, anchor=cue)
    if content is None or _words(content.text) < MIN_CONTENT_WORDS:
        return None
    head = _root_of(frame, tokens)
    notes = [how, "content: the clause before the comma that precedes the speaker and cue"]
    return _build(frame, "indirect-inverted", verb, cue, speaker, head, content, notes)


def _agentive(frame: Frame, verb: Verb, cue: int) -> Attribution | None:
    """``X blamed ... the "detachment" of ...``: a quoted fragment in the predicate of an agent's verb."""
    parse = frame.parse
    if verb.section == "cognition":
        return None
    speaker, how = speaker_of(frame, cue, before=_left_tokens(frame, cue), after=[])
    if speaker is None or parse.tokens[speaker].form.lower() in EXPLETIVES:
        return None
    speaker_tokens = set(parse.subtree(speaker))
    tokens = [
        j
        for j in _clause_tokens(frame, cue, None, speaker, keep_quotes=True)
        if j not in speaker_tokens and (j >= cue or parse.tokens[j].rel not in {"aux", "aux:pass", "advmod"})
    ]
    tokens = [j for j in tokens if j >= cue]
    content = _content_span(frame, tokens, anchor=cue)
    if content is None or not _fragments(frame, content):
        return None
    notes = [how, "content: the predicate of the cue, which holds a quoted fragment"]
    return _build(frame, "mixed-agentive", verb, cue, speaker, cue, content, notes)


def _nominal(frame: Frame, noun: int) -> Attribution | None:
    """``X's statement that CLAUSE`` / ``a claim by X that CLAUSE``: a speech-act noun with its source."""
    parse = frame.parse

    def has_child(token: int, forms: set[str]) -> bool:
        return any(parse.tokens[m].form.lower() in forms for m in parse.children[token])

    clause = next(
        (
            c
            for c in parse.children[noun]
            if parse.tokens[c].rel in {"acl", "ccomp"} and c > noun and has_child(c, {"that"})
        ),
        None,
    )
    source = next(
        (
            c
            for c in parse.children[noun]
            if parse.tokens[c].deprel == "nmod:poss" or (parse.tokens[c].rel == "nmod" and has_child(c, {"by", "from"}))
        ),
        None,
    )
    if clause is None or source is None:
        return None
    tokens = _clause_tokens(frame, clause, noun, source)
    if tokens and parse.tokens[tokens[0]].form.lower() == "that":
        tokens = tokens[1:]
    content = _content_span(frame, tokens, anchor=noun)
    if content is None or _words(content.text) < MIN_CONTENT_WORDS:
        return None
    fragments = _fragments(frame, content)
    return Attribution(
        content=content,
        kind="mixed" if fragments else "indirect",
        rule="nominal-cue",
        confidence=RULE_CONFIDENCE["nominal-cue"],
        cue=parse.span(noun, noun),
        cue_token=noun,
        speaker=mention_span(parse, source, [noun]),
        speaker_token=source,
        sentence=parse.tokens[noun].sentence,
        path=tuple(edge_path(parse, clause, noun)) + tuple(edge_path(parse, noun, source)),
        fragments=tuple(r.content for r in fragments),
        regions=tuple(fragments),
        notes=("speaker: the possessor or by-phrase of the speech-act noun", "content: the noun's that-clause"),
    )


def _prepositional_cue(frame: Frame, lexicon: Lexicon, i: int) -> int:
    """How many tokens from ``i`` spell a prepositional cue of the lexicon ("according to", "in the
    words of"); 0 when none does."""
    tokens = frame.parse.tokens
    for words in lexicon.prepositions:
        n = len(words)
        if (
            i + n <= len(tokens)
            and all(tokens[i + k].form.lower() == w for k, w in enumerate(words))
            and tokens[i + n - 1].sentence == tokens[i].sentence
        ):
            return n
    return 0


def _according_to(frame: Frame, according: int, length: int = 2) -> Attribution | None:
    """``according to X, CLAUSE`` / ``CLAUSE, according to X`` (and the other prepositional cues of
    the lexicon, "in the words of X"): X is the source of the clause."""
    parse = frame.parse
    last = according + length - 1  # the cue's last token
    sentence = parse.sentences[parse.tokens[according].sentence]
    # The source phrase is read off the surface: from "to" up to the next comma or the sentence end.
    # (Small parsers often hang "according" on the main verb, so its head is no guide.)
    phrase: list[int] = []
    for j in range(last + 1, sentence.last):
        tok = parse.tokens[j]
        if tok.form in {",", ";", ":"} or tok.form in SENTENCE_END or frame.in_quote(j):
            break
        phrase.append(j)
    ends_sentence = (bool(phrase) and phrase[-1] == sentence.last - 1) or (
        bool(phrase) and parse.tokens[phrase[-1] + 1].form in SENTENCE_END
    )
    tree_source = parse.tokens[according].head
    if ends_sentence and tree_source is not None and tree_source in phrase:
        # "According to Rathbun the property was returned ...": no comma closes the source phrase,
        # so the tree says where it ends.
        phrase = [j for j in parse.subtree(tree_source) if j in phrase]
    nominal = [j for j in phrase if parse.tokens[j].upos in {"PROPN", "NOUN", "PRON", "NUM", "X"}]
    if not nominal:
        return None
    source = np_head(parse, phrase)
    lo, hi = according, phrase[-1]
    # Sentence-initial "According to X, ..." reports what follows; otherwise what precedes.
    # "According to X, CLAUSE" (sentence-initial, or opening a new clause after "," / "and") reports
    # what follows; "CLAUSE, according to X." reports what precedes.
    opening = all(parse.tokens[j].upos in {"PUNCT", "CCONJ", "ADV"} for j in range(sentence.first, lo))
    after = list(range(hi + 1, sentence.last))
    starts_clause = lo > sentence.first and parse.tokens[lo - 1].form.lower() in {",", "and", "but", ";"}
    follows = opening or (starts_clause and _words(" ".join(parse.tokens[j].form for j in after)) >= MIN_CONTENT_WORDS)
    tokens = after if follows else list(range(sentence.first, lo))
    content = _content_span(frame, tokens, anchor=according)
    if content is None or _words(content.text) < MIN_CONTENT_WORDS:
        return None
    cue_span = parse.span(according, last)
    cue_tokens = list(range(according, last + 1))
    speaker_span = mention_span(
        parse,
        source,
        [*cue_tokens, *(j for j in range(sentence.first, sentence.last) if j < lo or j > hi)],
    )
    fragments = _fragments(frame, content)
    return Attribution(
        content=content,
        kind="mixed" if fragments else "indirect",
        rule="according-to" if length == 2 else "prepositional-cue",
        confidence=RULE_CONFIDENCE["according-to"],
        cue=cue_span,
        cue_token=according,
        speaker=speaker_span,
        speaker_token=source,
        sentence=sentence.index,
        path=tuple(edge_path(parse, according, source)),
        fragments=tuple(r.content for r in fragments),
        regions=tuple(fragments),
        notes=(f"speaker: the object of '{cue_span.text}'", "content: the rest of the sentence"),
    )


def _build(
    frame: Frame, rule: str, verb: Verb, cue: int, speaker: int, content_head: int, content: Span, notes: list[str]
) -> Attribution:
    parse = frame.parse
    fragments = _fragments(frame, content)
    if fragments and rule.startswith("indirect"):
        rule = "mixed-complement"
    confidence = RULE_CONFIDENCE[rule]
    if verb.section == "cognition":
        confidence *= 0.8
    if parse.tokens[speaker].head != cue:
        confidence *= 0.9
    if any(r.flags & {"unbalanced", "inferred-open"} for r in fragments):
        confidence *= 0.8
    return Attribution(
        content=content,
        kind="mixed" if fragments else "indirect",
        rule=rule,
        confidence=round(confidence, 3),
        cue=parse.span(cue, cue),
        cue_token=cue,
        speaker=mention_span(parse, speaker, [cue, *frame.quote_tokens]),
        speaker_token=speaker,
        sentence=parse.tokens[cue].sentence,
        path=tuple(edge_path(parse, content_head, cue)) + tuple(edge_path(parse, cue, speaker)),
        fragments=tuple(r.content for r in fragments),
        regions=tuple(fragments),
        notes=tuple(notes),
    )


def _left_tokens(frame: Frame, cue: int) -> list[int]:
    """Tokens before the cue in its sentence, for the surface speaker fallback.

    A comma-delimited insertion right before the cue ("Anna Schmidt, who voted against the plan,
    said") is hopped over: the subject is the noun phrase before it.
    """
    parse = frame.parse
    sentence = parse.sentences[parse.tokens[cue].sentence]

    def run_left(end: int) -> list[int]:
        out = []
        for j in range(end, sentence.first - 1, -1):
            if parse.tokens[j].form in {",", ";", ":"} or frame.in_quote(j):
                break
            out.append(j)
        return out[::-1]

    direct = run_left(cue - 1)
    if direct or cue - 1 < sentence.first or parse.tokens[cue - 1].form != ",":
        return direct
    for j in range(cue - 2, max(sentence.first - 1, cue - 18), -1):
        if frame.in_quote(j) or parse.tokens[j].form in {";", ":"}:
            return []
        if parse.tokens[j].form == ",":
            return run_left(j - 1)
    return []


def _clause_tokens(
    frame: Frame, head: int, cue: int | None, speaker: int | None, keep_quotes: bool = True
) -> list[int]:
    """The complement's tokens: its subtree within the sentence, minus the cue and the speaker."""
    parse = frame.parse
    exclude = {t for t in (cue, speaker) if t is not None}
    sentence = parse.tokens[head].sentence
    tokens = [j for j in parse.subtree(head, frozenset(exclude)) if parse.tokens[j].sentence == sentence]
    # Keep one contiguous run around the head: the tree may wander off across a parse error.
    run = _contiguous_around(tokens, head)
    return [j for j in run if keep_quotes or not frame.in_quote(j)]


def _contiguous_around(tokens: Sequence[int], head: int) -> list[int]:
    keep = set(tokens)
    if head not in keep:
        return []
    lo = hi = head
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    return list(range(lo, hi + 1))


def _content_span(frame: Frame, tokens: Sequence[int], anchor: int | None = None) -> Span | None:
    """Span over the tokens, without edge punctuation, or ``None`` when nothing is left.

    Reported content never crosses a paragraph break (a parse that runs a headline into the next
    paragraph would otherwise swallow both) nor a full stop outside a quote: only tokens in the
    paragraph and the sentence (by the surface) of ``anchor`` (a token, by default the first) are
    kept. A quotation mark at an edge stays when its partner is inside the span, so a fragment's marks
    are kept whole.
    """
    parse = frame.parse
    tokens = sorted(tokens)
    if tokens:
        at = anchor if anchor is not None else tokens[0]
        para = frame.paragraph_of(parse.tokens[at].start)
        tokens = [j for j in tokens if frame.paragraph_of(parse.tokens[j].start) == para]
        # Nor a full stop outside a quote: a tree that runs on past one missed a sentence boundary.
        stops = [
            j
            for j in (range(tokens[0], tokens[-1]) if tokens else ())
            if parse.tokens[j].form in SENTENCE_END and not frame.in_quote(j)
        ]
        if stops:
            lo = max((j for j in stops if j < at), default=-1)
            hi = min((j for j in stops if j >= at), default=len(parse.tokens))
            tokens = [j for j in tokens if lo < j <= hi]
    while tokens and _edge_junk(frame, tokens[0], tokens, first=True):
        tokens = tokens[1:]
    while tokens and _edge_junk(frame, tokens[-1], tokens, first=False):
        tokens = tokens[:-1]
    if not tokens:
        return None
    return parse.span(tokens[0], tokens[-1])


def _edge_junk(frame: Frame, j: int, tokens: Sequence[int], first: bool) -> bool:
    tok = frame.parse.tokens[j]
    if tok.upos == "CCONJ" or (first and tok.form.lower() == "that" and tok.rel == "mark"):
        return True
    if tok.upos != "PUNCT" and tok.form not in SENTENCE_END:
        return False
    if frame.in_quote(j):
        region = _region_at(frame, tok.start)
        if region is not None:
            span_start, span_end = frame.parse.tokens[tokens[0]].start, frame.parse.tokens[tokens[-1]].end
            return not (span_start <= region.outer_start and region.outer_end <= span_end)
    return True


def _region_at(frame: Frame, offset: int) -> QuoteRegion | None:
    for region in frame.scan.regions:
        if region.outer_start <= offset < region.outer_end:
            return region
    return None


def _fragments(frame: Frame, content: Span) -> list[QuoteRegion]:
    return [
        r
        for r in frame.scan.regions
        if r.depth == 0 and content.start <= r.content.start and r.content.end <= content.end and r.content.text
    ]


def _root_of(frame: Frame, tokens: Sequence[int]) -> int:
    inside = set(tokens)
    for j in tokens:
        head = frame.parse.tokens[j].head
        if head is None or head not in inside:
            return j
    return tokens[0]


def _words(text: str) -> int:
    return sum(1 for w in text.split() if any(ch.isalnum() for ch in w))


def merge(direct: list[Attribution], reported: list[Attribution]) -> list[Attribution]:
    """One attribution per piece of content.

    A mixed quote whose content is little more than a direct quote is that direct quote, read twice:
    the direct reading wins. A direct quote that is only a fragment of a longer reported clause
    belongs to the mixed reading. Reported readings that overlap each other keep the surer one.
    """
    used: list[Attribution] = []
    direct = [_cue_from_according_to(d, reported, used) for d in direct]
    reported = [r for r in reported if all(r is not u for u in used)]
    kept_direct = []
    for d in direct:
        owner = next(
            (
                r
                for r in reported
                if r.kind == "mixed" and r.content.contains(d.content) and _words_outside(r, d) >= MIXED_MIN_OUTSIDE
            ),
            None,
        )
        if owner is None:
            kept_direct.append(d)
    kept_reported = []
    for r in sorted(reported, key=lambda a: -a.confidence):
        if any(
            d.cue is not None and r.content.overlap(d.content) and _words_outside(r, d) < MIXED_MIN_OUTSIDE
            for d in kept_direct
        ):
            continue
        if any(r.content.overlap(k.content) > 0.5 * min(len(r.content), len(k.content)) for k in kept_reported):
            continue
        kept_reported.append(r)
    return sorted([*kept_direct, *kept_reported], key=lambda a: (a.content.start, a.content.end))


def _cue_from_according_to(d: Attribution, reported: list[Attribution], used: list[Attribution]) -> Attribution:
    """``"...", according to X``: a quote with no verb takes X when little else shares the sentence."""
    if d.cue is not None:
        return d
    for r in reported:
        if (
            r.rule in {"according-to", "prepositional-cue"}
            and r.content.contains(d.content)
            and _words_outside(r, d) < MIXED_MIN_OUTSIDE
        ):
            used.append(r)
            return evolve(
                d,
                rule="quote-according-to",
                confidence=round(r.confidence * 0.95, 3),
                cue=r.cue,
                cue_token=r.cue_token,
                speaker=r.speaker,
                speaker_token=r.speaker_token,
                path=r.path,
                notes=(*d.notes, *r.notes),
            )
    return d


def _words_outside(outer: Attribution, inner: Attribution) -> int:
    region = inner.regions[0] if inner.regions else None
    start = region.outer_start if region is not None else inner.content.start
    end = region.outer_end if region is not None else inner.content.end
    text = outer.content.text
    base = outer.content.start
    rest = text[: max(0, start - base)] + " " + text[max(0, end - base) :]
    return _words(rest)
