"""Reported speech: a reporting verb's clause, read off the tree or, failing that, the surface.

* ``X said (that) CLAUSE`` and ``X claimed to have ...``: the verb's clausal complement;
* ``CLAUSE, X says``: the clause before an inverted cue;
* ``X told reporters CLAUSE`` when the tree gives the cue no complement (a parse error).

The other families (prepositional and nominal cues, mixed quotes) have modules of their own;
``attribute_reported`` runs them all over a document.
"""

from __future__ import annotations

from quotes.data.lexicon import Lexicon, Verb
from quotes.parse.model import Parse
from quotes.rules.assemble import build_reported
from quotes.rules.base import (
    ADDRESSEE_VERBS,
    ADVERBIAL_OPENERS,
    EXPLETIVES,
    QUESTION_WORDS,
    SENTENCE_END,
    TIME_WORDS,
    Attribution,
    Frame,
)
from quotes.rules.clauses import (
    MIN_CONTENT_WORDS,
    clause_tokens,
    content_span,
    count_words,
    left_tokens,
    root_of,
)
from quotes.rules.mixed import agentive
from quotes.rules.nominal import nominal_cue
from quotes.rules.occasion import FRAME_NOUNS, trim_occasion
from quotes.rules.prepositional import according_to, prepositional_cue
from quotes.rules.tree import is_cue, mention_span, speaker_of


def attribute_reported(frame: Frame, lexicon: Lexicon, taken_cues: set[int]) -> list[Attribution]:
    """Indirect and mixed attributions; ``taken_cues`` are cue tokens the direct rules already used."""
    parse = frame.parse
    out: list[Attribution] = []
    for i, tok in enumerate(parse.tokens):
        if frame.in_quote(i):
            continue
        length = prepositional_cue(frame, lexicon, i)
        if length:
            att = according_to(frame, i, length)
            if att is not None:
                out.append(att)
            continue
        if tok.upos == "NOUN" and tok.lemma.lower() in lexicon.cue_nouns:
            att = nominal_cue(frame, i)
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
            att = agentive(frame, verb, i)
        if att is not None and (i not in taken_cues or att.kind == "mixed"):
            out.append(att)
    return out


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
    speaker, how = speaker_of(frame, cue, before=left_tokens(frame, cue), after=[])
    if speaker is None or parse.tokens[speaker].form.lower() in EXPLETIVES:
        return None
    tokens = clause_tokens(frame, comp, cue, speaker)
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
    tokens = trim_occasion(parse, _extend_over_stranded(frame, cue, tokens), MIN_CONTENT_WORDS)
    first = parse.tokens[tokens[0]]
    if first.form.lower() in QUESTION_WORDS or first.form.lower() in ADVERBIAL_OPENERS or first.form == ",":
        # "..., officials say, while others say ...": an adverbial clause misread as the complement.
        return None
    if first.form.lower() == "that" and len(tokens) > 1:
        tokens = tokens[1:]
    content = content_span(frame, tokens, anchor=cue)
    if content is None or count_words(content.text) < MIN_CONTENT_WORDS:
        return None
    rule = "indirect-infinitival" if infinitival else "indirect-complement"
    return build_reported(
        frame, rule, verb, cue, speaker, comp, content, [how, "content: the clausal complement of the cue"]
    )


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
    speaker, how = speaker_of(frame, cue, before=left_tokens(frame, cue), after=[])
    if speaker is None or speaker > cue or parse.tokens[speaker].form.lower() in EXPLETIVES:
        return None
    content = content_span(frame, list(range(start, end)), anchor=cue)
    if content is None or count_words(content.text) < MIN_CONTENT_WORDS:
        return None
    notes = [how, "content: the clause after the cue, read off the surface (the tree gave no complement)"]
    return build_reported(frame, "indirect-surface", verb, cue, speaker, start, content, notes)


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
    speaker, how = speaker_of(frame, cue, before=left_tokens(frame, cue), after=[])
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
    content = content_span(frame, tokens, anchor=cue)
    if content is None or count_words(content.text) < MIN_CONTENT_WORDS:
        return None
    head = root_of(frame, tokens)
    notes = [how, "content: the clause before the comma that precedes the speaker and cue"]
    return build_reported(frame, "indirect-inverted", verb, cue, speaker, head, content, notes)
