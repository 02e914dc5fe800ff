"""Reported speech: a reporting verb's clause, read off the tree or, failing that, the surface.

* ``X said (that) CLAUSE`` and ``X claimed to have ...``: the verb's clausal complement;
* ``X told reporters CLAUSE`` when the tree gives the cue no complement (a parse error): the clause
  read off the surface (:mod:`quotes.rules.surface`);
* ``CLAUSE, X says``, ``CLAUSE X says`` and ``The plan, X said, would ...``: :mod:`quotes.rules.inverted`;
* ``X asked whether ...``: :mod:`quotes.rules.questions`;
* ``X said C1, adding C2`` / ``... and noted C2``: :mod:`quotes.rules.coordinated`;
* ``A poll shows ...`` (kind ``evidence``, on request): :mod:`quotes.rules.evidence`.

The other families (prepositional and nominal cues, mixed quotes) have modules of their own;
``attribute_reported`` runs them all over a document.
"""

from __future__ import annotations

from collections.abc import Mapping

from quotes.data.lexicon import Lexicon, Verb
from quotes.rules.assemble import build_reported
from quotes.rules.base import (
    ADDRESSEE_VERBS,
    ADVERBIAL_OPENERS,
    MODALS,
    QUESTION_WORDS,
    SENTENCE_END,
    Attribution,
    Frame,
)
from quotes.rules.clause_quote import before_its_quote, runs_into_quote
from quotes.rules.clauses import (
    MIN_CONTENT_WORDS,
    clause_tokens,
    content_span,
    count_words,
    left_tokens,
)
from quotes.rules.coordinated import cut_at_second_cue, is_participle, shared_speaker
from quotes.rules.evidence import as_evidence, evidential_verb, is_source
from quotes.rules.frame import coordinated_bare_verb, finite, present_after_name
from quotes.rules.inverted import inverted
from quotes.rules.mixed import agentive
from quotes.rules.nominal import nominal_cue
from quotes.rules.occasion import FRAME_NOUNS, trim_occasion
from quotes.rules.prepositional import according_to, prepositional_cue
from quotes.rules.questions import QUESTION_VERBS, reported_question
from quotes.rules.registry import Rule, register
from quotes.rules.surface import (
    expletive_subject,
    relative_antecedent,
    surface_clause,
    surface_cue_ok,
)
from quotes.rules.tree import speaker_of

RULES = register(
    Rule(
        "indirect-complement",
        "reported",
        "reported",
        (
            "indirect-that",
            "indirect-bare",
            "and-noted",
            "adding-that",
            "org-speaker",
            "org-pronoun",
            "present-cue",
            "wrote",
            "conjoined-clauses",
            "pronoun-role",
        ),
        "X said (that) CLAUSE: the cue's clausal complement in the tree",
    ),
    Rule(
        "indirect-infinitival",
        "reported",
        "reported",
        ("saying",),
        "X claimed to have ...: the cue's infinitival complement",
    ),
    Rule(
        "indirect-surface",
        "reported",
        "reported",
        ("surface-hard", "indirect-bare"),
        "X said CLAUSE read off the surface when the tree gives the cue no complement",
    ),
)


# A speaker handed down from another cue (coordinated, participial): its head token and how it was found.
Hint = tuple[int, str] | None
SHARED = ("speaker:shared",)


def attribute_reported(
    frame: Frame, lexicon: Lexicon, taken_cues: Mapping[int, int | None], evidence: bool = False
) -> list[Attribution]:
    """Indirect, mixed (and with ``evidence``, evidence) attributions; ``taken_cues`` maps the cue
    tokens the direct rules already used to their speaker tokens."""
    parse = frame.parse
    out: list[Attribution] = []
    speakers: dict[int, int | None] = dict(taken_cues)
    for i, tok in enumerate(parse.tokens):
        if frame.in_quote(i):
            continue
        length = prepositional_cue(frame, lexicon, i)
        if length:
            att = according_to(frame, lexicon, i, length)
            if att is not None:
                out.append(att)
            continue
        # "Okafor claims she ...", "... and claim she has ...": a verb the tagger made a noun.
        present = tok.upos == "NOUN" and (present_after_name(parse, i, lexicon) or coordinated_bare_verb(parse, i))
        if tok.upos == "NOUN" and tok.lemma.lower() in lexicon.cue_nouns:
            att = nominal_cue(frame, i)
            if att is not None:
                out.append(att)
            if att is not None or not present:
                continue
        if tok.upos not in {"VERB", "AUX"} and not frame.mistagged_evidential_verb(i) and not present:
            continue
        verb = frame.cue(i) or evidential_verb(frame, i)
        if verb is None:
            continue
        hint = shared_speaker(frame, lexicon, i, speakers)
        att = (
            inverted(frame, lexicon, verb, i)
            or reported_question(frame, verb, i, hint)
            or _complement(frame, lexicon, verb, i, hint)
            or _surface_complement(frame, verb, i, hint)
        )
        if att is None and i not in taken_cues and verb.section != "evidence":
            att = agentive(frame, verb, i)
        if att is None:
            continue
        if frame.evidential_lemma(i) is not None and is_source(frame, att.speaker_token):
            if not evidence:
                continue  # a finding, not speech: reported only on request
            att = as_evidence(att)
        elif verb.section == "evidence":
            continue  # "investigators found ...": an evidential verb with a person is no cue
        att = cut_at_second_cue(frame, lexicon, att)
        if i in taken_cues:
            att = before_its_quote(frame, att)  # "X said C, "Q"": C without Q, when Q took the cue
        if i not in taken_cues or att.kind == "mixed" or runs_into_quote(frame, att):
            out.append(att)
            speakers[i] = att.speaker_token
    return out


def _complement(frame: Frame, lexicon: Lexicon, verb: Verb, cue: int, hint: Hint = None) -> Attribution | None:
    """``X said (that) CLAUSE`` and ``X claimed to have ...``: the verb's clausal complement."""
    parse = frame.parse
    if frame.negated(cue):
        return None  # "has not said why ...": negated speech reports nothing

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
    gerund = None
    if not comps:
        comp = _misattached_complement(frame, cue)
        if comp is None:
            return None
        inverted_tree = True
    else:
        comp = comps[0]
        clause = _gerund_subject_clause(frame, cue, comp)
        if clause is not None:
            gerund, comp = comp, clause
    # An infinitive the parser made an adjunct ("urged the industry to[advcl] do more") is a complement too.
    infinitival = gerund is None and (
        parse.tokens[comp].rel == "xcomp" or (parse.tokens[comp].rel == "advcl" and to_infinitive(comp))
    )
    small_clause = infinitival and _finite_small_clause(frame, cue, comp)
    if small_clause:
        infinitival = False  # "insists the ministry acted ...": a finite clause read as object + xcomp
    elif infinitival and (
        verb.lemma not in lexicon.infinitival
        or not any(parse.tokens[c].form.lower() == "to" for c in parse.children[comp])
    ):
        return None
    speaker, how = hint or speaker_of(frame, cue, before=left_tokens(frame, cue), after=[])
    if speaker is None or expletive_subject(frame, speaker, cue):
        return None
    if infinitival and parse.tokens[speaker].form.lower() == "it":
        return None  # "it threatens to shatter ...": a thing's prospect, not an organisation's words
    tokens = clause_tokens(frame, comp, cue, speaker)
    if gerund is not None and tokens:
        tokens = list(range(min(parse.subtree(gerund)), max(tokens[-1], max(parse.subtree(gerund))) + 1))
    tokens = _with_stranded_subject(frame, cue, comp, tokens, small_clause)
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
    tokens = _with_conjoined_clause(frame, lexicon, cue, _extend_over_stranded(frame, cue, tokens))
    tokens = trim_occasion(parse, tokens, MIN_CONTENT_WORDS)
    first = parse.tokens[tokens[0]]
    if first.form.lower() in QUESTION_WORDS or first.form.lower() in ADVERBIAL_OPENERS or first.form == ",":
        # "..., officials say, while others say ...": an adverbial clause misread as the complement.
        return None
    if any(parse.tokens[j].form.lower() in QUESTION_WORDS for j in range(cue + 1, tokens[0])):
        return None  # "did not say how many ...": a wh-clause after a verb of saying names a topic
    if first.form.lower() == "that" and len(tokens) > 1:
        tokens = tokens[1:]
    content = content_span(frame, tokens, anchor=cue)
    if content is None or count_words(content.text) < MIN_CONTENT_WORDS:
        return None
    rule = "indirect-infinitival" if infinitival else "indirect-complement"
    where = (
        "content: the reported verb the parser hung the cue under (misattached tree)"
        if inverted_tree
        else "content: the clausal complement of the cue"
    )
    found = ("content:tree-misattached" if inverted_tree else "content:tree",) + SHARED * (hint is not None)
    return build_reported(frame, rule, verb, cue, speaker, comp, content, [how, where], found)


def _gerund_subject_clause(frame: Frame, cue: int, comp: int) -> int | None:
    """``said closing the library would hurt families``: a parser may make a gerund subject the cue's
    "xcomp" and hang the clause's verb beside it, or under it. The finite verb of that clause (one that
    begins right after the gerund's phrase, or lies inside it), or None: a gerund with no clause after it
    ("proposed raising the tax") is an object, not a clause."""
    parse = frame.parse
    tok = parse.tokens[comp]
    if tok.xpos != "VBG" or tok.rel != "xcomp" or min(parse.subtree(comp)) != comp:
        return None
    if any(parse.tokens[c].rel in {"mark", "nsubj", "aux"} for c in parse.children[comp]):
        return None
    end = max(parse.subtree(comp))
    for c in [*parse.children[comp], *parse.children[cue]]:
        if c <= comp or parse.tokens[c].rel != "ccomp" or not _finite_clause(frame, c):
            continue
        if parse.tokens[c].head == comp or min(parse.subtree(c)) == end + 1:
            return c
    return None


def _finite_clause(frame: Frame, head: int) -> bool:
    """A clause whose verb, or an auxiliary of it, is finite ("would hurt", "was", "has grown")."""
    parse = frame.parse
    return frame.finite(head) or any(
        parse.tokens[c].rel in {"aux", "cop"} and frame.finite(c) for c in parse.children[head]
    )


def _finite_small_clause(frame: Frame, cue: int, comp: int) -> bool:
    """An "xcomp" of a reporting verb with no "to", a finite verb and the cue's object right before it
    ("insists the ministry acted lawfully"): the parser's reading of a finite complement clause."""
    parse = frame.parse
    tok = parse.tokens[comp]
    # A tagger often calls a past tense a participle ("acted"[VBN]); hung on the cue, it is a predicate.
    past = finite(tok) or (tok.upos == "VERB" and tok.form.lower().endswith("ed"))
    if any(parse.tokens[c].form.lower() == "to" for c in parse.children[comp]) or not past:
        return False
    objects = [c for c in parse.children[cue] if parse.tokens[c].rel == "obj" and cue < c < comp]
    return bool(objects) and max(parse.subtree(objects[0])) == min(parse.subtree(comp)) - 1


def _with_stranded_subject(
    frame: Frame, cue: int, comp: int, tokens: list[int], small_clause: bool = False
) -> list[int]:
    """``Analysts said the late surge by the opposition has rattled markets``: a parser that hangs the
    reported clause's subject on the cue as its object leaves the complement without one. An object of
    the cue that lies between the cue and a subjectless complement is that subject."""
    parse = frame.parse
    complement = parse.tokens[comp].rel == "ccomp" or small_clause
    if not complement or parse.tokens[cue].lemma.lower() in ADDRESSEE_VERBS | QUESTION_VERBS:
        return tokens  # "urged residents to stay", "told reporters that": the object is the addressee
    if not tokens or any(parse.tokens[c].rel in {"nsubj", "csubj", "expl"} for c in parse.children[comp]):
        return tokens
    for c in parse.children[cue]:
        if parse.tokens[c].rel == "obj" and cue < c < comp and not frame.in_quote(c):
            start = min(parse.subtree(c))
            if start > cue and all(not frame.in_quote(j) for j in range(start, tokens[0])):
                return list(range(start, tokens[-1] + 1))
    start = _noun_phrase_ending_at(frame, cue, tokens[0] - 1)
    return list(range(start, tokens[-1] + 1)) if start is not None else tokens


def _noun_phrase_ending_at(frame: Frame, cue: int, end: int) -> int | None:
    """``said after the vote a strike would begin``: the parser hung the subject on the cue's adjunct
    ("the vote"). The first token of the largest noun phrase without a preposition of its own that
    ends right at ``end``, after the cue, on neither side of a comma or quotation mark. Only the words
    of the noun's subtree that run up to ``end`` count: a tree this wrong may give it stray words before."""
    parse = frame.parse
    best = None
    for n in range(cue + 1, end + 1):
        tok = parse.tokens[n]
        if tok.upos not in {"NOUN", "PROPN", "PRON"} or (tok.head == cue and tok.rel in {"obj", "iobj"}):
            continue  # the cue's own object was handled above (and may be an addressee)
        inside = set(parse.subtree(n))
        if end not in inside:
            continue
        start = end
        while start - 1 in inside and start - 1 > cue:
            start -= 1
        tail = range(start, end + 1)
        if n not in tail or parse.tokens[start].upos not in {"DET", "PROPN", "NOUN", "PRON", "NUM", "ADJ"}:
            continue
        if any(parse.tokens[c].rel == "case" and c in tail for c in parse.children[n]):
            continue  # "after the vote": the adjunct itself, not a subject
        if any(parse.tokens[j].upos == "PUNCT" or frame.in_quote(j) for j in tail):
            continue
        if best is None or start < best:
            best = start
    return best


def _with_conjoined_clause(frame: Frame, lexicon: Lexicon, cue: int, tokens: list[int]) -> list[int]:
    """``X said the crew spotted the raft and a helicopter was sent``: a parser that joins the second
    clause to the cue instead of to the first one cuts the report in two. A clause joined to the cue by
    "and"/"but" right after the content, with no comma, a noun subject of its own and a verb that is no
    cue, is the report's second half, and so is a predicate opened by a modal ("... and will take time");
    "... and left the room" (no subject) is the speaker's next act."""
    parse = frame.parse
    if not tokens:
        return tokens
    nxt = tokens[-1] + 1
    if nxt >= len(parse.tokens) or parse.tokens[nxt].upos != "CCONJ" or frame.in_quote(nxt):
        return tokens
    for c in parse.children[cue]:
        conj = parse.tokens[c]
        if conj.rel != "conj" or c <= nxt or conj.upos not in {"VERB", "AUX", "ADJ"} or nxt not in parse.subtree(c):
            continue
        subjects = [k for k in parse.children[c] if parse.tokens[k].rel in {"nsubj", "csubj", "expl"}]
        # "... was complicated and will take time": a modal's predicate shares the reported subject.
        modal = not subjects and nxt + 1 < c and parse.tokens[nxt + 1].form.lower() in MODALS
        if not modal and (not subjects or any(parse.tokens[k].upos == "PRON" for k in subjects)):
            return tokens  # "and she left", "and left the room": the narrator's, as often as not
        if frame.reporting_word(c) is not None:
            return tokens  # "and the minister added ...": a second report, with its own cue
        span = [j for j in parse.subtree(c) if j >= nxt and parse.tokens[j].sentence == parse.tokens[cue].sentence]
        if any(frame.in_quote(j) or parse.tokens[j].form == "," for j in span[:3]):
            return tokens
        end = max(span)
        while parse.tokens[end].upos == "PUNCT":
            end -= 1
        return list(range(tokens[0], end + 1))
    return tokens


def _extend_over_stranded(frame: Frame, cue: int, tokens: list[int]) -> list[int]:
    """Take in a modifier the parser hung on the cue though it sits inside the reported clause.

    "X said that forces would continue their operations until all territories were occupied": a
    small parser often attaches "until ..." to "said". A dependent of the cue that directly follows
    the complement, with no comma between, belongs to what was said, unless it names the occasion or
    medium of the statement (``in an interview with ...``, ``in a statement``, ``on condition of
    anonymity``): that is the cue's frame.
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
        if parse.tokens[branch].lemma.lower() in FRAME_NOUNS:
            return out  # "... in an interview with Reuters": the cue's own occasion, not what was said
        out.extend(range(nxt, extra[-1] + 1))


def _surface_complement(frame: Frame, verb: Verb, cue: int, hint: Hint = None) -> Attribution | None:
    """``X told reporters (that) CLAUSE`` when the tree gives the cue no complement (a parse error).

    Read off the surface (:func:`quotes.rules.surface.surface_clause`), so held to strict shapes: after
    the cue's own modifiers come "that", or a subject and a finite verb, or (after "say") a noun phrase
    that runs on; the content runs to the end of the sentence.
    """
    if verb.section == "cognition" or frame.negated(cue) or not surface_cue_ok(frame, verb, cue):
        return None
    found = surface_clause(frame, verb, cue)
    if found is None:
        return None
    start, end, shape, shape_code = found
    if _holds_governor(frame, cue, start, end):
        return None  # "economists who praised the budget warned ...": the clause is the sentence's own
    found_speaker = None if hint is not None else speaker_of(frame, cue, before=left_tokens(frame, cue), after=[])
    speaker, how = hint or found_speaker
    if speaker is None or speaker > cue or expletive_subject(frame, speaker, cue):
        return None
    if found_speaker is not None and found_speaker.surface and is_participle(frame, cue):
        return None  # "the thought of someone telling ...": a participle's speaker needs the tree
    found_speaker = relative_antecedent(frame, speaker, how)
    if found_speaker is None:
        return None
    speaker, how = found_speaker
    content = content_span(frame, list(range(start, end)), anchor=cue)
    if content is None or count_words(content.text) < MIN_CONTENT_WORDS:
        return None
    notes = [how, f"content: the clause after the cue, read off the surface ({shape}; the tree gave no complement)"]
    codes = (f"content:surface-{shape_code}",) + SHARED * (hint is not None and how == hint[1])
    return build_reported(frame, "indirect-surface", verb, cue, speaker, start, content, notes, codes)


def _holds_governor(frame: Frame, cue: int, start: int, end: int) -> bool:
    """A relative clause's cue ("economists who have praised the budget warned ...") whose stretch holds
    a word the cue depends on in the tree (the predicate of the noun the clause hangs on): no complement
    of the cue. Only for a cue the tree put in a clause of a noun; where it made the cue itself a noun of
    the clause ("Lindqvist reports[nsubj] the glacier has retreated"), the tree is what is wrong."""
    parse = frame.parse
    return parse.tokens[cue].deprel.startswith("acl") and any(start <= h < end for h in parse.ancestors(cue))


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
