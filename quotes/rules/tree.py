"""Tree helpers the rules share: cue tests, speaker heads and mentions, heads of phrases, tree paths.

Each reads the normalized parse and, where small parsers err typically, the surface beside it (a name
the tree cut, a subject hidden behind an apposition); the notes they return say which evidence won.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from attrs import define

from quotes.data.lexicon import Verb
from quotes.parse.model import Parse, Token
from quotes.rules.base import (
    MENTION_RELS,
    NOMINAL,
    PERSON_NUMERALS,
    RELATIVE_PRONOUNS,
    SENTENCE_END,
    Frame,
)
from quotes.text.marks import has_blank_line
from quotes.text.spans import Span


def np_head(parse: Parse, window: Sequence[int]) -> int:
    """The head of a noun phrase: the token whose head lies outside it, else its last noun."""
    inside = set(window)
    for i in window:
        head = parse.tokens[i].head
        if parse.tokens[i].upos in NOMINAL and (head is None or head not in inside):
            return i
    nouns = [i for i in window if parse.tokens[i].upos in NOMINAL]
    return nouns[-1] if nouns else window[-1]


def quote_head(parse: Parse, content_tokens: Sequence[int]) -> int:
    """The content token whose head lies outside the content (its clause's root), verbs first."""
    inside = set(content_tokens)
    outside = [i for i in content_tokens if parse.tokens[i].head is None or parse.tokens[i].head not in inside]
    outside = [i for i in outside if parse.tokens[i].upos != "PUNCT"] or outside or list(content_tokens)
    verbs = [i for i in outside if parse.tokens[i].upos in {"VERB", "AUX"}]
    return (verbs or outside)[0]


def cue_span(frame: Frame, token: int, verb: Verb) -> Span:
    parse = frame.parse
    last = token
    if verb.particle is not None:
        for i in range(token + 1, min(token + 3, len(parse.tokens))):
            if parse.tokens[i].form.lower() == verb.particle:
                last = i
                break
    return parse.span(token, last)


@define(frozen=True)
class FoundSpeaker:
    """A cue's speaker: its head token (``None``: none found), the note saying how it was found, and
    whether only the surface found it. Unpacks as ``head, how``."""

    head: int | None
    how: str
    surface: bool = False

    def __iter__(self) -> Iterator[int | str | None]:
        return iter((self.head, self.how))


def speaker_of(frame: Frame, cue: int, before: Sequence[int], after: Sequence[int]) -> FoundSpeaker:
    """The speaker's head token for a cue: its subject in the tree, else the noun phrase beside it."""
    parse = frame.parse
    for verb in (cue, *_coordinated_heads(parse, cue)):
        if verb != cue and _apart(frame, verb, cue):
            break  # a tree run on across a full stop or paragraph break joins no verbs
        subjects = [
            c
            for c in parse.children[verb]
            if parse.tokens[c].deprel in {"nsubj", "nsubj:outer"}
            and not frame.in_quote(c)
            and parse.tokens[c].upos != "PUNCT"
            # A subject in another paragraph is a headline the parser ran into this one.
            and frame.same_paragraph(c, cue)
        ]
        if subjects:
            # Two "subjects" is a parse error ("Civil protection chief Fabrizio Curcio told"): the one
            # nearest the verb is the head of the mention.
            child = min(subjects, key=lambda c: abs(c - verb))
            via = "subject of the cue" if verb == cue else "subject of the verb the cue is coordinated with"
            if parse.tokens[child].form.lower() in RELATIVE_PRONOUNS:
                antecedent = _antecedent(parse, verb, child)
                if antecedent is not None:
                    return FoundSpeaker(antecedent, "speaker: the antecedent of the relative pronoun subject")
            return FoundSpeaker(child, f"speaker: {via} in the tree")
    # Surface fallback: the last nominal before the verb (between the quote and the cue), or the
    # first noun phrase after it ("said the minister").
    nominal_before = [i for i in before if parse.tokens[i].upos in NOMINAL and not frame.in_quote(i)]
    if nominal_before:
        last = nominal_before[-1]
        if parse.tokens[last].form.lower() in RELATIVE_PRONOUNS:
            # "A senior official who was not authorized to speak said ...": the pronoun's antecedent.
            antecedent = _antecedent(parse, cue, last)
            if antecedent is not None:
                return FoundSpeaker(
                    antecedent, "speaker: the antecedent of the relative pronoun before the cue (surface)", surface=True
                )
        return FoundSpeaker(
            last, "speaker: the noun phrase before the cue (surface; the tree gave no subject)", surface=True
        )
    chunk: list[int] = []
    for i in after:
        tok = parse.tokens[i]
        if tok.upos in NOMINAL or tok.upos in {"DET", "ADJ", "NUM"}:
            chunk.append(i)
        elif chunk or tok.upos != "ADV":
            break
    # "said one, who asked not to be named": a numeral word can stand for a person.
    nouns = [i for i in chunk if parse.tokens[i].upos in NOMINAL or parse.tokens[i].form.lower() in PERSON_NUMERALS]
    if nouns:
        return FoundSpeaker(nouns[-1], "speaker: the noun phrase after the cue (surface; inverted order)", surface=True)
    return FoundSpeaker(None, "no speaker found")


def outside_apposition(parse: Parse, between: Sequence[int], speaker: int | None, how: str) -> tuple[int | None, str]:
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
        if tok.upos in NOMINAL or tok.form.lower() in PERSON_NUMERALS:
            return j
    return None


def inverted_name_first(
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


def _blank_line_between(parse: Parse, a: int, b: int) -> bool:
    return has_blank_line(parse.text, parse.tokens[a].end, parse.tokens[b].start)


def _apart(frame: Frame, a: int, b: int) -> bool:
    """A paragraph break or a full stop outside quotes lies between tokens ``a`` and ``b``."""
    parse = frame.parse
    lo, hi = min(a, b), max(a, b)
    if not frame.same_paragraph(lo, hi):
        return True
    return any(parse.tokens[j].form in SENTENCE_END and not frame.in_quote(j) for j in range(lo, hi))


def _coordinated_heads(parse: Parse, token: int) -> list[int]:
    """Verbs whose subject a coordinated, controlled or participial verb shares ("X said ... and
    added", "X resigned, saying ...")."""
    out: list[int] = []
    tok = parse.tokens[token]
    while (
        tok.head is not None
        and (tok.rel in {"conj", "xcomp"} or (not out and _participle_on(parse, tok)))
        and len(out) < 3
    ):
        out.append(tok.head)
        tok = parse.tokens[tok.head]
    return out


def _participle_on(parse: Parse, tok: Token) -> bool:
    """A present participle set off by a comma after the verb it hangs on ("withdrew ..., saying"): its
    subject is that verb's ("by proposing", "without saying" are adjuncts of another kind)."""
    comma = tok.index > 0 and parse.tokens[tok.index - 1].form == ","
    return comma and tok.rel == "advcl" and tok.xpos == "VBG" and tok.head is not None and tok.head < tok.index


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
    # Keep only the contiguous run of tokens around the head, and never across a blank line (a parser
    # that ran "READ MORE" into the next paragraph's headline).
    lo = hi = head
    while lo - 1 in keep and lo - 1 not in stop and not _blank_line_between(parse, lo - 1, lo):
        lo -= 1
    while hi + 1 in keep and hi + 1 not in stop and not _blank_line_between(parse, hi, hi + 1):
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


def edge_path(parse: Parse, source: int, target: int) -> list[str]:
    """The tree path between two tokens as UD edges ``rel(head, dependent)``, in walking order."""
    route = parse.tree_path(source, target) if source != target else None
    if route is None:
        return []
    tokens = parse.tokens
    return [f"{tokens[n].deprel}({tokens[tokens[n].head].form}, {tokens[n].form})" for n in (*route[0], *route[1])]
