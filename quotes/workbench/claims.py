"""Claim lookup: did the person a claim names say these words, according to the archive?

A claim such as ``Aliyev said the occupation must never end`` is checked in four steps:

1. **Frame.** The claim's own reporting frame is stripped: ``X said (that) ...``, ``X told reporters
   that ...``, ``X: ...``, ``"...," X said``, ``According to X, ...``. The reporting verbs are the
   lexicon's (``quotes/data/reporting_verbs.txt``); what remains, without its quotation marks, is the
   *checked text*.
2. **Speaker.** The frame's speaker (or ``speaker=`` when given) is matched against the canonical
   speaker names in the archive by name parts, case-insensitively: ``Aliyev`` and ``President Aliyev``
   find ``Ilham Aliyev`` (a person's surname is enough), ``officials`` alone does not find
   ``Azerbaijani officials`` (a group needs all its parts).
3. **Similarity.** Each quote of that speaker, and each quote of anyone else that shares a word with
   the checked text, gets two scores from 0 to 100 (:func:`similarity`):

   * ``verbatim``: how well the checked text occurs as one stretch of the quote
     (``partial_ratio`` on lowercased, punctuation-free text), scaled down by the share of the
     checked text that is longer than the quote, so extra words in the claim are never "found";
   * ``words``: how much of the checked text's content words the quote holds, in any order: rapidfuzz's
     ``token_set_ratio`` of the content words (stop words dropped, a plural or verb ``-s`` ignored),
     capped by the share of the claim's content words that have a close match in the quote (a
     symmetric score alone would call a short quote a match for a longer claim that says more).

4. **Verdict**, from the best quote (constants below):

   * :data:`DIRECT` when a *direct* quote has ``verbatim >= DIRECT_THRESHOLD``;
   * :data:`PARAPHRASE` when any quote of the speaker (indirect, mixed, or direct below the first
     threshold) has ``words >= PARAPHRASE_THRESHOLD``;
   * :data:`SOMEONE_ELSE` when the speaker has no such quote but another speaker has one;
   * :data:`NOT_FOUND` when nobody in the archive has one.

   With no speaker in the claim (nor ``speaker=``), the verdict is DIRECT or PARAPHRASE of whoever
   has the best quote, or NOT_FOUND, and the result says the claim named nobody.

Every verdict carries its evidence: the records, their spans, sentences and scores. "Not found"
means not in this archive, never "not said".

Similarity uses rapidfuzz when it is installed, else an equivalent built on :mod:`difflib` (slower,
scores can differ by a point or two); :func:`similarity_backend` says which, and the output says so.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any

from attrs import define, field

from quotes.data.lexicon import load as load_lexicon
from quotes.workbench.archive import Archive, Hit, name_parts

try:  # pragma: no cover - which branch runs depends on the environment
    from rapidfuzz import __version__ as _rapidfuzz_version
    from rapidfuzz import fuzz as _fuzz
except ImportError:  # pragma: no cover
    _fuzz = None
    _rapidfuzz_version = ""

#: Verdict words.
DIRECT = "direct quote"
PARAPHRASE = "paraphrase"
NOT_FOUND = "not found"
SOMEONE_ELSE = "attributed to someone else"
VERDICTS = (DIRECT, PARAPHRASE, SOMEONE_ELSE, NOT_FOUND)

#: ``verbatim`` score a direct quote needs for :data:`DIRECT` (0-100). High on purpose: a changed
#: word in a ten-word quote already falls below it, so a direct-quote verdict means the words are there.
DIRECT_THRESHOLD = 95.0
#: ``words`` score a quote needs for :data:`PARAPHRASE` (0-100): most of the claim's content words,
#: in any order and inflection, are in the quote.
PARAPHRASE_THRESHOLD = 70.0
#: Two words count as the same for the ``words`` coverage when their similarity is at least this.
WORD_MATCH = 80.0
#: How many quotes of other speakers are scored (the best by full-text rank that share a word).
OTHER_CANDIDATES = 200


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
_QUOTE_CHARS = "\"'“”‘’«»„‟‹›`"


# -- similarity -----------------------------------------------------------------------------------


def normalize(text: str) -> str:
    """Lowercase words separated by single spaces; punctuation and quotation marks dropped."""
    return " ".join(w.replace("’", "'") for w in _WORD.findall(text.lower()))


def content_words(text: str) -> list[str]:
    """The words that carry a claim: stop words dropped, a final ``s`` of longer words ignored."""
    out = []
    for word in normalize(text).split():
        if word in STOP_WORDS:
            continue
        if word.endswith("'s"):
            word = word[:-2]
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        out.append(word)
    return out


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
    """How well ``quote`` supports ``claim``: see the module docstring for ``verbatim`` and ``words``."""
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


# -- the claim's frame and speaker -----------------------------------------------------------------


@define(frozen=True)
class Frame:
    """The claim split into who (as written), the reporting words, and the checked text."""

    claim: str
    text: str  # the checked text: the claim without its frame and quotation marks
    who: str | None = None  # "Aliyev", "President Aliyev", None when the claim has no frame
    frame: str | None = None  # the words removed, e.g. "Aliyev said that"


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
        while words and words[-1].lower() in _AUXILIARIES:
            words.pop()
        who = " ".join(words)
        if not who or not _plausible_who(who):
            continue
        pos = match.end()
        verb = lexicon.verb(match.group("verb").split()[0])
        if verb is not None and verb.lemma in _HEARER_VERBS:
            hearer = _HEARER.match(claim, pos)
            if hearer is not None:
                pos = hearer.end()
        link = re.compile(r"\s*(?:,\s*)?(?:that\b|:|,)?").match(claim, pos)
        pos = link.end() if link else pos
        rest = claim[pos:]
        if _unquote(rest):
            return Frame(claim, _unquote(rest), who.strip(" ,"), claim[:pos].strip())
    return None


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


# -- the check ----------------------------------------------------------------------------------


@define(frozen=True)
class Evidence:
    """One quote weighed against the claim."""

    hit: Hit
    similarity: Similarity
    level: str  # DIRECT, PARAPHRASE or "" (below both thresholds)

    @property
    def score(self) -> float:
        """The score the level was decided on: verbatim for a direct quote, words otherwise."""
        return self.similarity.verbatim if self.level == DIRECT else self.similarity.words

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level or None,
            "score": round(self.score, 1),
            **self.similarity.to_dict(),
            **self.hit.to_dict(),
        }


def _level(hit: Hit, sim: Similarity) -> str:
    if hit.kind == "direct" and sim.verbatim >= DIRECT_THRESHOLD:
        return DIRECT
    if sim.words >= PARAPHRASE_THRESHOLD:
        return PARAPHRASE
    return ""


def _rank(ev: Evidence) -> tuple[float, ...]:
    order = {DIRECT: 2, PARAPHRASE: 1, "": 0}[ev.level]
    return (order, ev.score, max(ev.similarity.verbatim, ev.similarity.words), ev.hit.confidence)


@define(frozen=True)
class ClaimCheck:
    """The result of :func:`check_claim`: the verdict and everything it rests on."""

    claim: str
    frame: Frame
    speaker: SpeakerMatch
    verdict: str
    reason: str
    evidence: tuple[Evidence, ...] = ()  # the speaker's best quotes, best first
    others: tuple[Evidence, ...] = ()  # other speakers' quotes that reach a threshold, best first
    scored: int = 0  # quotes scored in all
    backend: str = field(factory=similarity_backend)

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim": self.claim,
            "checked_text": self.frame.text,
            "frame": self.frame.frame,
            "speaker": self.speaker.to_dict(),
            "verdict": self.verdict,
            "reason": self.reason,
            "thresholds": {"direct_verbatim": DIRECT_THRESHOLD, "paraphrase_words": PARAPHRASE_THRESHOLD},
            "similarity_backend": self.backend,
            "quotes_scored": self.scored,
            "evidence": [e.to_dict() for e in self.evidence],
            "others": [e.to_dict() for e in self.others],
        }


def _weigh(text: str, hits: Iterable[Hit]) -> list[Evidence]:
    out = []
    for hit in hits:
        sim = similarity(text, hit.content.text)
        out.append(Evidence(hit, sim, _level(hit, sim)))
    out.sort(key=_rank, reverse=True)
    return out


def check_claim(
    archive: Archive, claim: str, *, speaker: str | None = None, limit: int = 3, on_behalf: bool = False
) -> ClaimCheck:
    """Check ``claim`` against the archive; ``speaker`` overrides the speaker the claim names. With
    ``on_behalf``, quotes a spokesman, lawyer or aide spoke on the speaker's behalf count as the speaker's
    (their records' ``on_behalf_of``); without it they are someone else's words."""
    frame = split_frame(claim)
    text = frame.text
    known = [name for name, _ in archive.speakers()]
    if on_behalf:
        known += [name for name, _ in archive.principals() if name not in known]
    if speaker:
        match = match_speaker(speaker, known, given=True)
    else:
        match = match_speaker(frame.who, known)
        if not match.names and frame.who is None:
            # No frame: a known name anywhere in the claim is taken as its speaker only when it leads.
            lead = " ".join(claim.split()[:4])
            lead_match = match_speaker(lead, known)
            if lead_match.names:
                match = lead_match
    words = content_words(text) or normalize(text).split()
    # Quotes that share a word with the claim, from anyone: the pool for "someone else" and "no speaker".
    pool = archive.search(words, any_word=True, limit=OTHER_CANDIDATES) if words else []
    own_names = set(match.names)
    principals = match.names if on_behalf else None
    found = archive.search(speaker_names=match.names, principal_names=principals, limit=None) if match.names else []
    own = _weigh(text, found)
    if on_behalf:
        own_ids = {(h.doc_id, h.quote_id) for h in found}
    others = [e for e in _weigh(text, (h for h in pool if h.speaker_name not in own_names or not own_names)) if e.level]
    if on_behalf:
        others = [e for e in others if (e.hit.doc_id, e.hit.quote_id) not in own_ids]
    scored = len(own) + len(pool)
    best = own[0] if own else None
    named = match.query is not None
    who = " / ".join(match.names) if match.names else (match.query or "")

    if not named:
        if others:
            top = others[0]
            verdict = top.level
            reason = (
                f"the claim names no speaker; the best quote in the archive is {_a(top.hit.kind)} quote by "
                f"{top.hit.speaker_label} ({_describe(top)})"
            )
        else:
            verdict = NOT_FOUND
            reason = "the claim names no speaker, and no quote in the archive reaches the paraphrase threshold"
        return ClaimCheck(claim, frame, match, verdict, reason, tuple(others[:limit]), (), scored)

    if best is not None and best.level:
        verdict = best.level
        reason = f"{_a(best.hit.kind)} quote by {_label(best.hit)} ({_describe(best)})"
    elif others:
        verdict = SOMEONE_ELSE
        top = others[0]
        if match.names:
            mine = (
                f"the closest of {len(own)} quotes by {who} scores {_describe(best)}" if best else f"no quotes by {who}"
            )
        else:
            mine = f"no speaker called {match.query!r} in the archive"
        reason = f"the words are in {_a(top.hit.kind)} quote by {_label(top.hit)} ({_describe(top)}); {mine}"
    elif match.names:
        verdict = NOT_FOUND
        closest = f"; the closest scores {_describe(best)}" if best else ""
        reason = f"no quote by {who} reaches the paraphrase threshold among {len(own)}{closest}"
    else:
        verdict = NOT_FOUND
        reason = f"no speaker called {match.query!r} in the archive, and no one else's quote matches"
    return ClaimCheck(claim, frame, match, verdict, reason, tuple(own[:limit]), tuple(others[:limit]), scored)


def _label(hit: Hit) -> str:
    """The speaker, and whom the speaker spoke for: a spokesman's words are never the principal's own."""
    return f"{hit.speaker_label} on behalf of {hit.on_behalf_of}" if hit.on_behalf_of else hit.speaker_label


def _describe(ev: Evidence | None) -> str:
    if ev is None:
        return "nothing"
    return f"verbatim {ev.similarity.verbatim:.0f}, words {ev.similarity.words:.0f}"


def _a(word: str) -> str:
    return ("an " if word[:1] in "aeiou" else "a ") + word
