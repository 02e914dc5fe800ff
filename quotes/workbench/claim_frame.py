"""A claim's own reporting frame (``X said that ...``) and the archive's speakers the frame names.

Steps 1 and 2 of a claim check (:mod:`quotes.workbench.claims`): :func:`split_frame` takes the
frame off the checked text, :func:`match_speaker` finds the canonical names its speaker stands for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from attrs import define

from quotes.data.lexicon import load as load_lexicon
from quotes.data.lexicon import sections
from quotes.workbench.archive_search import name_parts
from quotes.workbench.claim_similarity import STOP_WORDS

_QUOTE_CHARS = "\"'“”‘’«»„‟‹›`"


@define(frozen=True)
class Frame:
    """The claim split into who (as written), the reporting words, and the checked text."""

    claim: str
    text: str  # the checked text: the claim without its frame and quotation marks
    who: str | None = None  # "Aliyev", "President Aliyev", None when the claim has no frame
    frame: str | None = None  # the words removed, e.g. "Aliyev said that"
    # The words that make the frame a denial ("did not", "never", "denied"): the claim is that the speaker
    # did not say the checked text, or said it is false. None for a plain frame.
    negation: str | None = None


def _verb_pattern() -> str:
    lexicon = load_lexicon()
    forms = {f for f, lemma in lexicon.verb_forms.items() if lexicon.verbs[lemma].particle is None}
    forms |= {f"{f} {lexicon.verbs[lemma].particle}" for f, lemma in lexicon.verb_forms.items()}
    forms.discard("")
    return "|".join(sorted((re.escape(f).replace(r"\ ", r"\s+") for f in forms), key=len, reverse=True))


# Verbs whose object (the hearer) stands between the verb and the content: "told reporters that ...".
_HEARER_VERBS = frozenset({"tell", "ask", "inform", "assure", "warn", "remind", "promise", "advise", "urge"})
_HEARER = re.compile(
    r"\s+(?:reporters|journalists|the\s+(?:press|media|audience|crowd)|me|us|him|her|them|"
    r"(?:the\s+)?(?:[A-Z][\w'’.&-]*\s+){0,3}[A-Z][\w'’.&-]*)(?=\s*(?:that\b|[:,]|\s))"
)
# Words between the speaker and the verb that belong to neither: "Aliyev has also said".
_AUXILIARIES = frozenset(
    [
        "has",
        "had",
        "have",
        "was",
        "is",
        "also",
        "then",
        "later",
        "reportedly",
        "allegedly",
        "once",
        "previously",
        "again",
        "publicly",
        "repeatedly",
    ]
)
_NOT_SPEAKER_END = STOP_WORDS - {"he", "she", "they", "we", "i", "you", "it", "who"}
_CLOSE = "\"”’»'"
_PATTERNS: dict[str, re.Pattern[str]] = {}


def _patterns() -> dict[str, re.Pattern[str]]:
    if not _PATTERNS:
        verb = _verb_pattern()
        who = r"(?P<who>[^\s\"“”«:,.;!?][^\"“”«:,;!?]{0,60}?)"
        sep = rf"(?:,\s*[{_CLOSE}]?|[{_CLOSE}]\s*,?)\s*"
        _PATTERNS.update(
            {
                "verb": re.compile(rf"(?<!\w)(?P<verb>{verb})(?!\w)", re.I),
                "according": re.compile(rf"^\s*according\s+to\s+{who}\s*,\s*(?P<rest>.+)$", re.I | re.S),
                "colon": re.compile(rf"^\s*{who}\s*:\s*(?P<rest>.+)$", re.S),
                # "...," Aliyev said.  /  "...," said Aliyev.  /  ..., Aliyev said.
                "trailing": re.compile(rf"^\s*(?P<rest>.+?){sep}{who}\s+(?P<verb>{verb})\s*[.!]?\s*$", re.I | re.S),
                "trailing-inverted": re.compile(
                    rf"^\s*(?P<rest>.+?){sep}(?P<verb>{verb})\s+{who}\s*[.!]?\s*$", re.I | re.S
                ),
            }
        )
    return _PATTERNS


def _unquote(text: str) -> str:
    text = text.strip().rstrip(".")
    while len(text) > 1 and text[0] in _QUOTE_CHARS and text[-1] in _QUOTE_CHARS + ".,":
        text = text.strip(".,").strip()
        if len(text) > 1 and text[0] in _QUOTE_CHARS and text[-1] in _QUOTE_CHARS:
            text = text[1:-1].strip()
        else:
            break
    return text.strip(_QUOTE_CHARS + " ,").rstrip(".").strip()


def _plausible_who(who: str) -> bool:
    words = who.split()
    if not 0 < len(words) <= 8 or any(ch in who for ch in '"“”«»:;!?'):
        return False
    return words[-1].lower() not in _NOT_SPEAKER_END and not _starts_with_verb(who)


def _leading(claim: str) -> Frame | None:
    """``X said (that) ...``, ``X told reporters that ...``: the first reporting verb after a plausible speaker."""
    lexicon = load_lexicon()
    for match in _patterns()["verb"].finditer(claim):
        words = claim[: match.start()].split()
        negation: list[str] = []
        while words and (words[-1].lower() in _AUXILIARIES or _negates(words[-1])):
            word = words.pop()
            if (_negates(word) and word.lower() not in _DO) or (word.lower() in _DO and negation):
                negation.insert(0, word)
        who = " ".join(words)
        if not who or not _plausible_who(who):
            continue
        pos = match.end()
        verb = lexicon.verb(match.group("verb").split()[0])
        if verb is not None and verb.lemma in _denials():
            negation.append(match.group("verb"))
        if verb is not None and verb.lemma in _HEARER_VERBS:
            hearer = _HEARER.match(claim, pos)
            if hearer is not None:
                pos = hearer.end()
        link = re.compile(r"\s*(?:,\s*)?(?:that\b|:|,)?").match(claim, pos)
        pos = link.end() if link else pos
        rest = claim[pos:]
        if _unquote(rest):
            denial = " ".join(negation) or None
            return Frame(claim, _unquote(rest), who.strip(" ,"), claim[:pos].strip(), denial)
    return None


_DO = frozenset({"do", "does", "did"})


def _negates(word: str) -> bool:
    """A word of a negated frame: "not", "never", "didn't", and the "did" that carries one."""
    word = word.lower().replace("’", "'")
    return word in _DO or word in {"not", "never"} or word.endswith("n't")


def _denials() -> frozenset[str]:
    return frozenset(sections("claim_words.txt")["denial"])


def split_frame(claim: str) -> Frame:
    """The claim's reporting frame and the text to check (the claim itself when it has no frame)."""
    patterns = _patterns()
    for name in ("according", "leading", "colon", "trailing", "trailing-inverted"):
        if name == "leading":
            frame = _leading(claim)
            if frame is not None:
                return frame
            continue
        match = patterns[name].match(claim)
        if match is None:
            continue
        who = match.group("who").strip()
        rest = _unquote(match.group("rest"))
        if not _plausible_who(who) or not rest or (name == "colon" and len(who.split()) > 5):
            continue
        words = claim[match.end("rest") :] if name.startswith("trailing") else claim[: match.start("rest")]
        return Frame(claim, rest, who, words.strip(_QUOTE_CHARS + " ,"))
    return Frame(claim, _unquote(claim))


def _starts_with_verb(who: str) -> bool:
    first = who.split()[0].lower()
    return load_lexicon().verb(first) is not None


@define(frozen=True)
class SpeakerMatch:
    """Who a claim is about: the query (as written or given) and the canonical names it matched."""

    query: str | None
    names: tuple[str, ...] = ()
    how: str = ""  # "name parts", "surname", "given with --speaker", "" when none

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "names": list(self.names), "how": self.how}


def _person_like(name: str) -> bool:
    words = [w for w in re.split(r"\s+", name.strip()) if w]
    return len(words) >= 2 and all(w[:1].isupper() for w in words)


def match_speaker(who: str | None, known: Iterable[str], *, given: bool = False) -> SpeakerMatch:
    """The canonical names ``who`` stands for, among ``known`` names.

    A name matches when all its parts are in ``who`` ("Ilham Aliyev" in "President Ilham Aliyev"), or,
    for a person's name (two or more capitalized words), when its last part is ("Aliyev"). With
    ``given`` (``--speaker``), a name matches when all of ``who``'s parts are among its parts, as in
    search. The names with most parts in common win.
    """
    if not who:
        return SpeakerMatch(None)
    wanted = set(name_parts(who))
    lexicon = load_lexicon()
    wanted_significant = {w for w in wanted if w not in lexicon.titles and w not in STOP_WORDS}
    scored: list[tuple[int, int, str]] = []
    for name in known:
        parts = set(name_parts(name))
        if not parts:
            continue
        if given:
            if wanted and wanted <= parts:
                scored.append((2, len(wanted & parts), name))
        elif parts <= wanted:
            scored.append((2, len(parts), name))
        elif _person_like(name) and name_parts(name)[-1] in wanted_significant:
            scored.append((1, len(parts & wanted), name))
    if not scored:
        return SpeakerMatch(who)
    best = max((level, common) for level, common, _ in scored)
    names = tuple(sorted(name for level, common, name in scored if (level, common) == best))
    how = "given, by name parts" if given else ("name parts" if best[0] == 2 else "surname")
    return SpeakerMatch(who, names, how)
