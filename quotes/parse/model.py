"""The normalized parse every backend produces and every rule reads.

Token indices are document-wide (0-based) so rules can walk across sentences; heads are document-wide
indices too, ``None`` for a sentence root. Offsets are into the original text: a token's ``start``/
``end`` slice the page; ``form`` is the word the parser saw. A multi-word token ("won't" -> "wo" +
"n't", "Smith's" -> "Smith" + "'s") gives each word its own piece of the token when the words spell
it, else every word keeps the whole token's offsets (and its own form).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from functools import cached_property

from attrs import define, field

from quotes.text.spans import Span


@define(frozen=True)
class Token:
    index: int
    start: int
    end: int
    form: str
    lemma: str
    upos: str
    head: int | None
    deprel: str
    sentence: int
    xpos: str = ""
    feats: str = ""
    ner: str = "O"
    space_after: bool = True

    @property
    def rel(self) -> str:
        """The universal relation without its subtype (``nsubj:pass`` -> ``nsubj``)."""
        return self.deprel.split(":", 1)[0]

    def feat(self, name: str) -> str | None:
        for item in self.feats.split("|"):
            key, _, value = item.partition("=")
            if key == name:
                return value
        return None


@define(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    first: int  # index of its first token
    last: int  # index one past its last token

    @property
    def token_range(self) -> range:
        return range(self.first, self.last)


@define(frozen=True)
class Parse:
    """A whole document's parse; built once by a backend, read by the rules."""

    text: str
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]
    parser: str = "unknown"
    model: str = "unknown"
    versions: dict[str, str] = field(factory=dict, eq=False)
    # What the backend can supply: a subset of {"lemma", "upos", "deps", "ner", "feats"}.
    provides: frozenset[str] = frozenset({"lemma", "upos", "deps"})

    def __attrs_post_init__(self) -> None:
        for tok in self.tokens:
            if not 0 <= tok.start <= tok.end <= len(self.text):
                raise ValueError(f"token {tok.index} ({tok.form!r}) has offsets outside the text")

    @cached_property
    def children(self) -> tuple[tuple[int, ...], ...]:
        kids: list[list[int]] = [[] for _ in self.tokens]
        for tok in self.tokens:
            if tok.head is not None:
                kids[tok.head].append(tok.index)
        return tuple(tuple(k) for k in kids)

    @cached_property
    def _starts(self) -> tuple[int, ...]:
        return tuple(t.start for t in self.tokens)

    def tokens_in(self, start: int, end: int) -> list[int]:
        """Indices of tokens lying wholly inside the character range ``[start, end)`` (tokens are in text
        order, so a binary search finds the first)."""
        out = []
        for i in range(bisect.bisect_left(self._starts, start), len(self.tokens)):
            tok = self.tokens[i]
            if tok.start >= end:
                break
            if tok.end <= end and tok.end > tok.start:
                out.append(i)
        return out

    def span(self, first: int, last: int) -> Span:
        """The page span from token ``first`` through token ``last`` inclusive."""
        return Span.of(self.text, self.tokens[first].start, self.tokens[last].end)

    def sentence_span(self, index: int) -> Span:
        sent = self.sentences[index]
        return Span.of(self.text, sent.start, sent.end)

    def sentence_of(self, token: int) -> Sentence:
        return self.sentences[self.tokens[token].sentence]

    def subtree(self, root: int, exclude: frozenset[int] = frozenset()) -> list[int]:
        """Token indices of the subtree under ``root`` (inclusive), skipping branches at ``exclude``."""
        out, stack = [], [root]
        while stack:
            i = stack.pop()
            if i in exclude:
                continue
            out.append(i)
            stack.extend(self.children[i])
        return sorted(out)

    def ancestors(self, index: int) -> Iterator[int]:
        seen = {index}
        head = self.tokens[index].head
        while head is not None and head not in seen:
            yield head
            seen.add(head)
            head = self.tokens[head].head

    def tree_path(self, source: int, target: int) -> tuple[list[int], list[int]] | None:
        """The tree path between two tokens: the nodes climbed from ``source`` (below the common
        ancestor) and the nodes descended to ``target`` (top down); ``None`` when not connected
        (different sentences, or a broken tree)."""
        up = [source, *self.ancestors(source)]
        down = [target, *self.ancestors(target)]
        common = next((n for n in up if n in set(down)), None)
        if common is None:
            return None
        return up[: up.index(common)], list(reversed(down[: down.index(common)]))

    def path(self, source: int, target: int) -> list[str]:
        """Relations on the tree path from ``source`` to ``target``: ``^rel`` going up, ``rel`` going down.

        Empty when the two are the same token or are not connected.
        """
        route = self.tree_path(source, target) if source != target else None
        if route is None:
            return []
        up, down = route
        return [f"^{self.tokens[n].deprel}" for n in up] + [self.tokens[n].deprel for n in down]


@define(frozen=True)
class ParserIdentity:
    """Who makes a parse, known without loading the parser (``peek`` in a backend's module): what its
    :class:`Parse` records as ``parser``, ``model``, ``versions`` and ``provides``, and ``identity``, the
    model without where it lies (the parse store's key: the same model files anywhere give the same
    parses)."""

    name: str
    model: str
    identity: str
    versions: dict[str, str] = field(factory=dict)
    provides: frozenset[str] = frozenset()
