"""Who a speaker speaks for: "Ilham Aliyev's spokesman", "a lawyer for Maria Gonzalez", "an aide to the
minister", "Environment Canada spokesperson Julie Hahn", "Lydia Buchtmann for Food Standards Australia".

A spokesman's words are his own, said on someone's behalf: the record files them under the speaker
(his name when the text gives it, else the role mention) and names the person or body he speaks for
as the principal (``on_behalf_of``). Nothing here decides the speaker's own name.
"""

from __future__ import annotations

import re

from attrs import define

from quotes.data.lexicon import Lexicon
from quotes.parse.model import Parse
from quotes.text.spans import Span

# "a spokesman for X", "an aide to X", "a lawyer of the family", "speaking on behalf of X".
PROXY_CASES = frozenset({"for", "to", "of"})


@define(frozen=True)
class Principal:
    span: Span  # the principal's words inside the speaker mention
    proxy: str  # the noun of the one who speaks for it ("spokesman"), or "for" when there is none
    how: str  # the evidence, in words


def find_principal(parse: Parse, mention: Span, head: int | None, lexicon: Lexicon) -> Principal | None:
    """The principal named inside a speaker mention, or None when the speaker speaks for itself."""
    inside = parse.tokens_in(mention.start, mention.end)
    if not inside:
        return None
    keep = set(inside)
    for p in inside:
        word = _proxy_word(parse, p, lexicon)
        if word is None:
            continue
        for c in parse.children[p]:
            tok = parse.tokens[c]
            if c not in keep:
                continue
            if tok.deprel == "nmod:poss" or (tok.rel == "nmod" and _case(parse, c) in PROXY_CASES):
                span = _trim(parse, [t for t in parse.subtree(c) if t in keep and not _closing_name(parse, t, c)])
                if span is not None:
                    rel = "possessor" if tok.deprel == "nmod:poss" else f"'{_case(parse, c)}' object"
                    return Principal(span, word, f"the {rel} of '{word}' in the tree")
        compounds = _proper_compounds(parse, p, keep)
        if compounds:
            span = _drop_possessive(parse.text, parse.span(compounds[0], compounds[-1]))
            return Principal(span, word, f"the name before '{word}' in the tree")
        surface = _surface(parse, mention, word)
        if surface is not None:
            return surface
    before = _proxy_before(parse, inside[0], lexicon)
    comma = mention.text.rfind(", ")
    if before is not None and comma > 0:
        # "a spokesperson for [Aldmere Rail, Chiara Conti]": a mention that begins after the proxy's
        # preposition holds the principal, then the spokesperson's own name.
        span = Span.of(parse.text, mention.start, mention.start + comma)
        return Principal(span, before, f"the words after '{before}' before the speaker's name")
    # No proxy noun: a named speaker "for" a body ("Lydia Buchtmann for Food Standards Australia"),
    # unless a title owns the "for" ("Minister for Health Ana Silva" is a title, not a principal).
    titled = any(parse.tokens[i].form.lower() in lexicon.titles for i in inside)
    if head is not None and parse.tokens[head].upos == "PROPN" and not titled:
        for c in parse.children[head]:
            if c in keep and parse.tokens[c].rel == "nmod" and _case(parse, c) == "for":
                span = _trim(parse, [t for t in parse.subtree(c) if t in keep])
                if span is not None:
                    return Principal(span, "for", "the 'for' object of the speaker's name in the tree")
    return None


def _closing_name(parse: Parse, t: int, principal: int) -> bool:
    """ "A spokesman for the ministry, Tomas Lind,": a name set off by a comma after the principal is
    the spokesman's own, wherever a parser hung it; it and its comma are no part of the principal."""
    for a in parse.subtree(principal):
        tok = parse.tokens[a]
        if tok.head == principal and tok.rel == "appos" and tok.upos == "PROPN":
            words = parse.subtree(a)
            return t in words or (t == min(words) - 1 and parse.tokens[t].form == ",")
    return False


def proxy_object(parse: Parse, i: int, lexicon: Lexicon) -> bool:
    """The token is the principal after a proxy noun: "the governor" in "an aide to the governor"."""
    tok = parse.tokens[i]
    return (
        tok.rel == "nmod"
        and tok.head is not None
        and _case(parse, i) in PROXY_CASES
        and _proxy_word(parse, tok.head, lexicon) is not None
    )


def _proxy_before(parse: Parse, first: int, lexicon: Lexicon) -> str | None:
    """The proxy noun right before a mention's first word and its preposition ("a spokesperson for |")."""
    if first < 2 or parse.tokens[first - 1].form.lower() not in PROXY_CASES:
        return None
    return _proxy_word(parse, first - 2, lexicon)


def _proxy_word(parse: Parse, i: int, lexicon: Lexicon) -> str | None:
    tok = parse.tokens[i]
    if tok.upos not in {"NOUN", "PROPN"}:
        return None
    for word in ((tok.lemma or "").lower(), tok.form.lower()):
        if i > 0 and f"{parse.tokens[i - 1].form.lower()} {word}" in lexicon.proxies:
            return f"{parse.tokens[i - 1].form.lower()} {word}"
        if word in lexicon.proxies:
            return tok.form.lower()
    return None


def _case(parse: Parse, i: int) -> str | None:
    for c in parse.children[i]:
        if parse.tokens[c].rel == "case" and parse.tokens[c].form not in {"'s", "’s", "'"}:
            return parse.tokens[c].form.lower()
    return None


def _proper_compounds(parse: Parse, p: int, keep: set[int]) -> list[int]:
    """ "Environment Canada spokesperson": the proper-noun compound right before the proxy noun."""
    run = []
    j = p - 1
    while j in keep and parse.tokens[j].upos == "PROPN" and (parse.tokens[j].head in {p, j + 1} or j + 1 in run):
        run.insert(0, j)
        j -= 1
    return run


def _trim(parse: Parse, tokens: list[int]) -> Span | None:
    """The principal's words without the preposition, article edges and possessive ending."""
    tokens = sorted(tokens)
    while tokens and parse.tokens[tokens[0]].upos in {"ADP", "PUNCT"}:
        tokens.pop(0)
    while tokens and (parse.tokens[tokens[-1]].upos == "PUNCT" or parse.tokens[tokens[-1]].form in {"'s", "’s", "'"}):
        tokens.pop()
    if not tokens:
        return None
    span = parse.span(tokens[0], tokens[-1])
    return _drop_possessive(parse.text, span)


def _drop_possessive(text: str, span: Span) -> Span:
    if span.text.endswith(("'s", "’s")) and len(span.text) > 2:
        return Span.of(text, span.start, span.end - 2)
    return span


def _surface(parse: Parse, mention: Span, word: str) -> Principal | None:
    """The same two shapes read off the words, for a parse that hung them elsewhere."""
    text = mention.text
    after = re.search(rf"\b{re.escape(word)}\s+(?:for|to|of)\s+([^,;()]+)", text, re.IGNORECASE)
    if after is not None:
        start, end = mention.start + after.start(1), mention.start + after.end(1)
        return Principal(Span.of(parse.text, start, end), word, f"the words after '{word}'")
    before = re.match(rf"(?:the\s+|an?\s+)?(.+?)['’]s\s+(?:\w+\s+)?{re.escape(word)}\b", text, re.IGNORECASE)
    if before is not None:
        start, end = mention.start + before.start(1), mention.start + before.end(1)
        return Principal(Span.of(parse.text, start, end), word, f"the possessor of '{word}' in the words")
    return None
