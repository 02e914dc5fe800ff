"""How well a quote's words support a claim's: the ``verbatim`` and ``words`` scores of a claim check.

The scores are described in :mod:`quotes.workbench.claims`. They use rapidfuzz when it is installed,
else an equivalent built on :mod:`difflib` (slower, scores can differ by a point or two);
:func:`similarity_backend` says which.
"""

from __future__ import annotations

import difflib
import re
from functools import cache
from typing import Any

from attrs import define

from quotes.data.lexicon import sections

try:  # pragma: no cover - which branch runs depends on the environment
    from rapidfuzz import __version__ as _rapidfuzz_version
    from rapidfuzz import fuzz as _fuzz
except ImportError:  # pragma: no cover
    _fuzz = None
    _rapidfuzz_version = ""

#: Two words count as the same for the ``words`` coverage when their similarity is at least this.
WORD_MATCH = 80.0


def similarity_backend() -> str:
    """What computes the scores: ``rapidfuzz <version>``, or the difflib fallback, said as such."""
    return f"rapidfuzz {_rapidfuzz_version}" if _fuzz is not None else "difflib (rapidfuzz is not installed)"


STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "nor",
        "so",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "as",
        "into",
        "about",
        "over",
        "than",
        "then",
        "that",
        "this",
        "these",
        "those",
        "there",
        "here",
        "it",
        "its",
        "it's",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "do",
        "does",
        "did",
        "has",
        "have",
        "had",
        "having",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "i",
        "me",
        "my",
        "we",
        "us",
        "our",
        "you",
        "your",
        "he",
        "him",
        "his",
        "she",
        "her",
        "they",
        "them",
        "their",
        "who",
        "whom",
        "which",
        "what",
        "when",
        "where",
        "while",
        "if",
        "also",
        "just",
        "very",
        "too",
        "all",
        "any",
        "some",
        "such",
        "own",
        "same",
        "other",
    ]
)

_WORD = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)


def normalize(text: str) -> str:
    """Lowercase words separated by single spaces; punctuation and quotation marks dropped."""
    return " ".join(w.replace("’", "'") for w in _WORD.findall(text.lower()))


def stem(word: str) -> str:
    """A word without its possessive ``'s`` or the final ``s`` of a longer word (plurals, verbs' ``-s``)."""
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word


@cache
def frame_words() -> frozenset[str]:
    """Single words of negation and modality (``quotes/data/claim_words.txt``); any word ending in ``n't`` too."""
    words = sections("claim_words.txt")
    entries = [w for name in ("negation", "necessity", "possibility", "future") for w in words[name]]
    return frozenset(w.lower() for w in entries if " " not in w)


def content_words(text: str) -> list[str]:
    """The words that carry a claim: stop words, negations and modals dropped, a final ``s`` of longer words
    ignored.

    Negation and modality are no words to share: whether claim and quote agree on them is the proposition's
    business (:mod:`quotes.workbench.claim_propositions`), so "they showed no patience" shares the words of
    "we showed patience" and is then found to contradict it, rather than scoring lower and passing unnoticed."""
    return [
        stem(word)
        for word in normalize(text).split()
        if word not in STOP_WORDS and word not in frame_words() and not word.endswith("n't")
    ]


def word_ratio(a: str, b: str) -> float:
    """How alike two words are, 0 to 100 (two words count as one above :data:`WORD_MATCH`)."""
    return _ratio(a, b)


def _ratio(a: str, b: str) -> float:
    if _fuzz is not None:
        return float(_fuzz.ratio(a, b))
    if not a and not b:
        return 100.0
    return 100.0 * difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _partial_ratio(a: str, b: str) -> float:
    """Best ratio of the shorter string against any same-length window of the longer."""
    if _fuzz is not None:
        return float(_fuzz.partial_ratio(a, b))
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if not short:
        return 0.0
    best = 0.0
    blocks = difflib.SequenceMatcher(None, short, long, autojunk=False).get_matching_blocks()
    for block in blocks:
        start = max(0, min(block.b - block.a, len(long) - len(short)))
        best = max(best, _ratio(short, long[start : start + len(short)]))
        if best == 100.0:
            break
    return best


def _token_set_ratio(a: list[str], b: list[str]) -> float:
    if _fuzz is not None:
        return float(_fuzz.token_set_ratio(" ".join(a), " ".join(b)))
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    common = " ".join(sorted(sa & sb))
    one = (common + " " + " ".join(sorted(sa - sb))).strip()
    two = (common + " " + " ".join(sorted(sb - sa))).strip()
    scores = [_ratio(one, two)]
    if common:
        scores += [_ratio(common, one), _ratio(common, two)]
    return max(scores)


@define(frozen=True)
class Similarity:
    verbatim: float
    words: float
    shared: tuple[str, ...]  # the claim's content words found in the quote
    missing: tuple[str, ...]  # the claim's content words not found

    def to_dict(self) -> dict[str, Any]:
        return {
            "verbatim": round(self.verbatim, 1),
            "words": round(self.words, 1),
            "shared": list(self.shared),
            "missing": list(self.missing),
        }


def similarity(claim: str, quote: str) -> Similarity:
    """How well ``quote`` supports ``claim``: see :mod:`quotes.workbench.claims` for ``verbatim`` and ``words``."""
    c, q = normalize(claim), normalize(quote)
    verbatim = _partial_ratio(c, q) if c and q else 0.0
    if len(c) > len(q) and c:
        verbatim *= len(q) / len(c)
    cw, qw = content_words(claim), content_words(quote)
    shared: list[str] = []
    missing: list[str] = []
    for word in dict.fromkeys(cw):
        if word in qw or any(_ratio(word, other) >= WORD_MATCH for other in qw):
            shared.append(word)
        else:
            missing.append(word)
    if cw and qw:
        coverage = 100.0 * len(shared) / (len(shared) + len(missing))
        words = min(_token_set_ratio(cw, qw), coverage)
    else:
        # A claim of stop words only ("he said it is"): only the verbatim score can speak for it.
        words = verbatim if not cw else 0.0
    return Similarity(verbatim, words, tuple(shared), tuple(missing))
