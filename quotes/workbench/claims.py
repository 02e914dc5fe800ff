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
   the checked text, gets two scores from 0 to 100 (:func:`similarity`). A speaker with more than
   :data:`SPEAKER_CANDIDATES` quotes (a head of government; a surname many names share) has those that
   share most of the checked text's words scored, by full-text rank, and the result says so
   (:attr:`ClaimCheck.coverage`): "not found" then means not among the quotes checked.

   * ``verbatim``: how well the checked text occurs as one stretch of the quote
     (``partial_ratio`` on lowercased, punctuation-free text), scaled down by the share of the
     checked text that is longer than the quote, so extra words in the claim are never "found";
   * ``words``: how much of the checked text's content words the quote holds, in any order: rapidfuzz's
     ``token_set_ratio`` of the content words (stop words dropped, a plural or verb ``-s`` ignored),
     capped by the share of the claim's content words that have a close match in the quote (a
     symmetric score alone would call a short quote a match for a longer claim that says more).

4. **Frame of the proposition.** A quote that reaches a threshold is compared with the claim on what
   they assert (:func:`quotes.workbench.claim_propositions.compare`): negation, the agent and the
   subject of the proposition, the order of who does what, modality, numbers. Shared words are not a
   shared proposition: "the ceasefire will hold" shares every word with "the ceasefire will never hold".

5. **Verdict**, from the best quote (constants below):

   * :data:`DIRECT` when a *direct* quote has ``verbatim >= DIRECT_THRESHOLD`` and nothing differs;
   * :data:`SHARES_WORDS` when a quote of the speaker (indirect, mixed, or direct below the first
     threshold) has ``words >= WORDS_THRESHOLD`` and nothing differs: the words are there, which is
     not to say the quote means what the claim says;
   * :data:`CONTRADICTS` when the speaker's closest quote says the opposite (a negation differs in
     words the quote gives as the speaker's own), or when the claim is a denial ("X did not say",
     "X denied that") and the speaker's quote holds the words;
   * :data:`DIFFERENT` when the closest quote shares the words but another aspect differs (the words
     are someone else's aim or saying, another subject, hedged, other numbers);
   * :data:`SOMEONE_ELSE` when the speaker has no quote sharing the words but another speaker has one;
   * :data:`NOT_FOUND` when nobody in the archive has one;
   * :data:`NOTHING_TO_CHECK` when the claim, its frame removed, has no word besides reporting verbs.

   With no speaker in the claim (nor ``speaker=``), the verdict is that of whoever has the best quote,
   or NOT_FOUND, and the result says the claim named nobody.

Every verdict carries its evidence: the records, their spans, sentences and scores. "Not found"
means not in this archive, never "not said".

Similarity uses rapidfuzz when it is installed, else an equivalent built on :mod:`difflib` (slower,
scores can differ by a point or two); :func:`similarity_backend` says which, and the output says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from attrs import define, field

from quotes.data.lexicon import load as load_lexicon
from quotes.workbench.archive import Archive
from quotes.workbench.archive_plan import speakers_sharing
from quotes.workbench.archive_search import Hit, name_parts
from quotes.workbench.claim_frame import Frame, SpeakerMatch, match_speaker, split_frame
from quotes.workbench.claim_propositions import Difference, compare
from quotes.workbench.claim_similarity import Similarity, content_words, normalize, similarity, similarity_backend

#: Verdict words. A word-overlap score is called what it is: "shares words", never "paraphrase".
DIRECT = "direct quote"
SHARES_WORDS = "shares words"
CONTRADICTS = "contradicts"
DIFFERENT = "different proposition"
NOT_FOUND = "not found"
SOMEONE_ELSE = "attributed to someone else"
NOTHING_TO_CHECK = "nothing to check"
#: The levels of one quote: the claim's words with the same proposition, and with another one.
MATCHES = (DIRECT, SHARES_WORDS)
MISMATCHES = (CONTRADICTS, DIFFERENT)

#: ``verbatim`` score a direct quote needs for :data:`DIRECT` (0-100). High on purpose: a changed
#: word in a ten-word quote already falls below it, so a direct-quote verdict means the words are there.
DIRECT_THRESHOLD = 95.0
#: ``words`` score a quote needs for :data:`SHARES_WORDS` (0-100): most of the claim's content words,
#: in any order and inflection, are in the quote.
WORDS_THRESHOLD = 70.0
#: How many quotes of other speakers are scored (the best by full-text rank that share a word).
OTHER_CANDIDATES = 200
#: The most quotes of the claim's speaker that are scored. A speaker with more has the ones closest in words
#: scored: those holding the checked text's words (stemmed), best bm25 on the quote's own words first. A quote
#: holding none of them reaches a threshold only through spellings that differ (``WORD_MATCH``); one ranked
#: past the cap by bm25 (a long quote among hundreds of short ones holding a rarer word) is left out too. The
#: verdict says when the cap was reached (:attr:`ClaimCheck.coverage`). 500 keeps the check of a speaker
#: quoted 37,000 times under half a second of CPU at 1.2M records (benchmarks/archive_scale.py), and is ten
#: times the 50 quotes a search page shows.
SPEAKER_CANDIDATES = 500


@define(frozen=True)
class Evidence:
    """One quote weighed against the claim."""

    hit: Hit
    similarity: Similarity
    level: str  # DIRECT, SHARES_WORDS, CONTRADICTS, DIFFERENT or "" (below both thresholds)
    differences: tuple[Difference, ...] = ()  # what the quote asserts otherwise than the claim

    @property
    def score(self) -> float:
        """The score the level was decided on: verbatim for a direct quote, words otherwise."""
        return self.similarity.verbatim if self.level == DIRECT else self.similarity.words

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level or None,
            "score": round(self.score, 1),
            **self.similarity.to_dict(),
            "differences": [
                {"aspect": d.aspect, "claim": d.claim, "quote": d.quote, "description": d.describe()}
                for d in self.differences
            ],
            **self.hit.to_dict(),
        }


def _level(hit: Hit, sim: Similarity, text: str) -> tuple[str, tuple[Difference, ...]]:
    verbatim = hit.kind == "direct" and sim.verbatim >= DIRECT_THRESHOLD
    if not verbatim and sim.words < WORDS_THRESHOLD:
        return "", ()
    comparison = compare(text, hit.content.text)
    if comparison.differences:
        return (CONTRADICTS if comparison.contradicts else DIFFERENT), comparison.differences
    return (DIRECT if verbatim else SHARES_WORDS), ()


def _rank(ev: Evidence) -> tuple[float, ...]:
    order = {DIRECT: 4, SHARES_WORDS: 3, CONTRADICTS: 2, DIFFERENT: 1, "": 0}[ev.level]
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
    speaker_quotes: int = 0  # the speaker's quotes in the archive
    speaker_checked: int = 0  # of which scored: all, or the SPEAKER_CANDIDATES closest in words

    @property
    def capped(self) -> bool:
        """Whether only some of the speaker's quotes were scored (more than :data:`SPEAKER_CANDIDATES`)."""
        return self.speaker_checked < self.speaker_quotes

    @property
    def coverage(self) -> str:
        """What was left unscored, said in words ("" when every quote of the speaker was scored)."""
        if not self.capped:
            return ""
        return (
            f"the speaker has {self.speaker_quotes:,} quotes; the {self.speaker_checked:,} closest in words to the "
            f"checked text were scored (at most {SPEAKER_CANDIDATES:,}: those holding its words, best full-text "
            "rank first), the others were not"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim": self.claim,
            "checked_text": self.frame.text,
            "frame": self.frame.frame,
            "speaker": self.speaker.to_dict(),
            "verdict": self.verdict,
            "reason": self.reason,
            "frame_negation": self.frame.negation,
            "thresholds": {"direct_verbatim": DIRECT_THRESHOLD, "shares_words": WORDS_THRESHOLD},
            "similarity_backend": self.backend,
            "quotes_scored": self.scored,
            "speaker_quotes": self.speaker_quotes,
            "speaker_quotes_scored": self.speaker_checked,
            "coverage": self.coverage or None,
            "evidence": [e.to_dict() for e in self.evidence],
            "others": [e.to_dict() for e in self.others],
        }


def _weigh(text: str, hits: Iterable[Hit]) -> list[Evidence]:
    out = []
    # The same words get the same scores: an archive holds many copies of a wire story's quotes.
    seen: dict[tuple[bool, str], tuple[Similarity, str, tuple[Difference, ...]]] = {}
    for hit in hits:
        key = (hit.kind == "direct", hit.content.text)
        if key not in seen:
            sim = similarity(text, hit.content.text)
            seen[key] = (sim, *_level(hit, sim, text))
        out.append(Evidence(hit, *seen[key]))
    out.sort(key=_rank, reverse=True)
    return out


def _narrowing(match: SpeakerMatch, on_behalf: bool) -> list[str] | None:
    """Name parts every quote of the matched names holds in the FTS speaker column (mention and name): those
    all the names have ("Baird" of 300 Bairds, every part of one name). None when they have none in common,
    or with ``on_behalf`` (a spokesman's quote for a principal need not name the principal): not narrowed."""
    if on_behalf or not match.names:
        return None
    common = set.intersection(*(set(name_parts(name)) for name in match.names))
    return sorted(common) or None


def check_claim(
    archive: Archive, claim: str, *, speaker: str | None = None, limit: int = 3, on_behalf: bool = False
) -> ClaimCheck:
    """Check ``claim`` against the archive; ``speaker`` overrides the speaker the claim names. With
    ``on_behalf``, quotes a spokesman, lawyer or aide spoke on the speaker's behalf count as the speaker's
    (their records' ``on_behalf_of``); without it they are someone else's words."""
    frame = split_frame(claim)
    text = frame.text
    lead = " ".join(claim.split()[:4])
    # match_speaker scores only names that share a part with the words it is given: those are all it needs.
    # The one set of words it is given below: the speaker given, else the frame's, else the claim's lead.
    known = speakers_sharing(archive.conn, speaker or frame.who or lead)
    if on_behalf:
        known += [name for name, _ in archive.principals() if name not in known]
    if speaker:
        match = match_speaker(speaker, known, given=True)
    else:
        match = match_speaker(frame.who, known)
        if not match.names and frame.who is None:
            # No frame: a known name anywhere in the claim is taken as its speaker only when it leads.
            lead_match = match_speaker(lead, known)
            if lead_match.names:
                match = lead_match
    if not _checkable(text):
        reason = f"the claim, its frame removed, has no words to check ({text!r})"
        return ClaimCheck(claim, frame, match, NOTHING_TO_CHECK, reason, (), (), 0)
    words = content_words(text) or normalize(text).split()
    # Quotes that share a word with the claim, from anyone: the pool for "someone else" and "no speaker".
    pool = archive.search(words, any_word=True, limit=OTHER_CANDIDATES) if words else []
    own_names = set(match.names)
    principals = match.names if on_behalf else None
    total = archive.count(speaker_names=match.names, principal_names=principals) if match.names else 0
    if total > SPEAKER_CANDIDATES:
        narrow = _narrowing(match, on_behalf)
        found = archive.closest(
            words, speaker_names=match.names, principal_names=principals, speaker_words=narrow, limit=SPEAKER_CANDIDATES
        )
    elif match.names:
        found = archive.search(speaker_names=match.names, principal_names=principals, limit=None)
    else:
        found = []
    own = _weigh(text, found)
    # "of 120 quotes" when every quote was scored, "of the 500 quotes closest in words (of 20,000)" when not.
    capped = total > SPEAKER_CANDIDATES
    scored_own = f"the {len(own):,} quotes closest in words (of {total:,})" if capped else f"{len(own)} quotes"
    among = scored_own if capped else f"{len(own)}"
    if on_behalf:
        own_ids = {(h.doc_id, h.quote_id) for h in found}
    others = [e for e in _weigh(text, (h for h in pool if h.speaker_name not in own_names or not own_names)) if e.level]
    if on_behalf:
        others = [e for e in others if (e.hit.doc_id, e.hit.quote_id) not in own_ids]
    scored = len(own) + len(pool)
    best = own[0] if own else None
    named = match.query is not None
    who = " / ".join(match.names) if match.names else (match.query or "")
    counted = {"speaker_quotes": total, "speaker_checked": len(own)}
    matching_others = [e for e in others if e.level in MATCHES]

    if not named:
        top = others[0] if others else None
        if top is not None:
            verdict = top.level
            reason = (
                f"the claim names no speaker; the best quote in the archive is {_a(top.hit.kind)} quote by "
                f"{top.hit.speaker_label} ({_describe(top)})"
            )
        else:
            verdict = NOT_FOUND
            reason = "the claim names no speaker, and no quote in the archive reaches the words threshold"
        return ClaimCheck(claim, frame, match, verdict, reason, tuple(others[:limit]), (), scored, **counted)

    if frame.negation and best is not None and best.level:
        # The claim is a denial: "X did not say ...", "X denied that ...".
        if best.level in MATCHES:
            verdict = CONTRADICTS
            reason = (
                f'the claim is a denial ("{frame.frame}"), but {_a(best.hit.kind)} quote by {_label(best.hit)} '
                f"holds these words ({_describe(best)})"
            )
        else:
            verdict = DIFFERENT
            reason = (
                f'the claim is a denial ("{frame.frame}"); the closest quote by {_label(best.hit)} asserts something '
                f"else ({_describe(best)}); quotes cannot show what was not said"
            )
    elif best is not None and best.level:
        verdict = best.level
        reason = f"{_a(best.hit.kind)} quote by {_label(best.hit)} ({_describe(best)})"
        if verdict in MISMATCHES and matching_others:
            reason += (
                f"; the words are also in {_a(matching_others[0].hit.kind)} quote by {_label(matching_others[0].hit)}"
            )
    elif matching_others:
        verdict = SOMEONE_ELSE
        top = matching_others[0]
        if match.names:
            mine = f"the closest of {scored_own} by {who} scores {_describe(best)}" if best else f"no quotes by {who}"
        else:
            mine = f"no speaker called {match.query!r} in the archive"
        reason = f"the words are in {_a(top.hit.kind)} quote by {_label(top.hit)} ({_describe(top)}); {mine}"
    elif match.names:
        verdict = NOT_FOUND
        closest = f"; the closest scores {_describe(best)}" if best else ""
        reason = f"no quote by {who} reaches the words threshold among {among}{closest}"
    else:
        verdict = NOT_FOUND
        reason = f"no speaker called {match.query!r} in the archive, and no one else's quote matches"
    return ClaimCheck(
        claim, frame, match, verdict, reason, tuple(own[:limit]), tuple(others[:limit]), scored, **counted
    )


def _checkable(text: str) -> bool:
    """The checked text has a word besides reporting verbs ("said" alone says nothing to check)."""
    lexicon = load_lexicon()
    return any(lexicon.verb(word) is None for word in content_words(text))


def _label(hit: Hit) -> str:
    """The speaker, and whom the speaker spoke for: a spokesman's words are never the principal's own."""
    return f"{hit.speaker_label} on behalf of {hit.on_behalf_of}" if hit.on_behalf_of else hit.speaker_label


def _describe(ev: Evidence | None) -> str:
    if ev is None:
        return "nothing"
    scores = f"verbatim {ev.similarity.verbatim:.0f}, words {ev.similarity.words:.0f}"
    return "; ".join([scores, *(d.describe() for d in ev.differences)])


def _a(word: str) -> str:
    return ("an " if word[:1] in "aeiou" else "a ") + word
