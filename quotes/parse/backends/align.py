"""Putting a parser's tokens back onto the original text.

Shared by the backends: a token's offsets must slice the text exactly as the user gave it, so when a
parser's own offsets cannot be trusted (or, for gold trees, do not exist) each token's surface is found
by searching forward from the end of the previous token. The search tolerates whitespace differences:
a token written ``"New York"`` matches ``"New\\nYork"`` in the text, and stray zero-width characters or
C1 control characters between the characters of a token are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from quotes.parse.model import Parse, Sentence, Token

# Characters that may come and go between a token's characters without changing the token: whitespace
# (Python's \s), the C1 controls stanza's tokenizer treats as whitespace, soft hyphen and the
# zero-width / byte-order-mark format characters.
GAP_CLASS = "[\\s\u0080-\u009f\u00ad\u200b-\u200d\u2060\ufeff]"
_GAP = GAP_CLASS + "*"
_GAP_RE = re.compile(GAP_CLASS + "+")
_GAP_RUN = re.compile(_GAP)
# A gap character that is whitespace-like; these are dropped from a surface before searching for it.
_SPACE_LIKE_RE = re.compile("[\\s\u0080-\u009f]")


def squash(surface: str) -> str:
    """``surface`` without any gap characters (whitespace, zero-width characters, soft hyphens)."""
    return _GAP_RE.sub("", surface)


def same_surface(found: str, expected: str) -> bool:
    """True when ``found`` (a slice of the text) is ``expected`` up to gap characters."""
    return found == expected or squash(found) == squash(expected)


@lru_cache(maxsize=4096)
def surface_pattern(surface: str) -> re.Pattern[str] | None:
    """A pattern matching ``surface`` with any gap characters between its characters (None if blank).

    The match starts at the surface's first real character and ends at its last, so the offsets it
    gives never include surrounding whitespace.
    """
    chars = [c for c in surface if not _SPACE_LIKE_RE.match(c)]
    if not chars:
        return None
    return re.compile(_GAP.join(re.escape(c) for c in chars))


def find_forward(text: str, surface: str, cursor: int = 0) -> tuple[int, int] | None:
    """Offsets of the first occurrence of ``surface`` in ``text`` at or after ``cursor``.

    An exact occurrence is found as well as one that differs only in gap characters; the earliest wins.
    None when the surface does not occur (or is blank).
    """
    if not surface:
        return None
    # Fast path: the surface right after the gap characters that follow the cursor.
    here = _GAP_RUN.match(text, cursor).end()  # type: ignore[union-attr]  # "*" always matches
    if text.startswith(surface, here):
        return here, here + len(surface)
    pattern = surface_pattern(surface)
    if pattern is None:
        return None
    match = pattern.search(text, cursor)
    if match is None:
        return None
    return match.start(), match.end()


def split_words(text: str, start: int, end: int, forms: Sequence[str]) -> list[tuple[int, int]]:
    """Offsets for the words of one multi-word token spanning ``text[start:end]``.

    When the words' forms spell the token (``"won't"`` -> ``"wo"`` + ``"n't"``, gap characters allowed
    between and inside them) each word gets its own piece of the token, as stanza does; otherwise
    (``"du"`` -> ``"de"`` + ``"le"``) every word keeps the whole token's offsets.
    """
    whole = [(start, end)] * len(forms)
    if len(forms) <= 1:
        return whole
    parts = [surface_pattern(form) for form in forms]
    if any(p is None for p in parts):
        return whole
    pattern = re.compile(_GAP.join(f"({p.pattern})" for p in parts if p is not None))
    match = pattern.fullmatch(text, start, end)
    if match is None:
        return whole
    return [(match.start(i + 1), match.end(i + 1)) for i in range(len(forms))]


def space_after(text: str, end: int) -> bool:
    """Whether a token ending at ``end`` is followed by whitespace (or ends the text)."""
    return end >= len(text) or text[end].isspace()


def sentences_from_tokens(tokens: Sequence[Token]) -> tuple[Sentence, ...]:
    """The :class:`Sentence` records for tokens whose ``sentence`` fields run 0, 1, 2, ... in order."""
    sentences: list[Sentence] = []
    first = 0
    for i, tok in enumerate(tokens):
        last_of_sentence = i + 1 == len(tokens) or tokens[i + 1].sentence != tok.sentence
        if last_of_sentence:
            members = tokens[first : i + 1]
            sentences.append(
                Sentence(
                    index=len(sentences),
                    start=min(t.start for t in members),
                    end=max(t.end for t in members),
                    first=first,
                    last=i + 1,
                )
            )
            first = i + 1
    return tuple(sentences)


def build_parse(backend: Any, text: str, tokens: Sequence[Token]) -> Parse:
    """The Parse a backend returns: its tokens, sentences read off them, and the backend's identity."""
    return Parse(
        text=text,
        tokens=tuple(tokens),
        sentences=sentences_from_tokens(tokens),
        parser=backend.name,
        model=backend.model,
        versions=dict(backend.versions),
        provides=backend.provides,
    )
