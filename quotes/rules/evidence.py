"""Evidence sources: ``A poll shows C``, ``The study found (that) C``, ``Court documents indicate C``,
``C, the data show`` (kind ``evidence``, rule ``evidence``).

No one said these words, yet they are what a fact-checker checks: a finding attributed to a source
document or measurement. The clause is found by the reported-speech paths (tree complement, surface,
inverted); this module says when a cue and its subject make the attribution evidence rather than
speech: an evidential verb ("show", "find", "indicate") whose subject is a thing that shows, not a
person who says. The words are data (``quotes/data/evidence_sources.txt``). Extraction reports them only
when asked (``Extractor(evidence=True)``, ``--evidence``): the corpus guidelines leave them out.
"""

from __future__ import annotations

from attrs import evolve

from quotes.data.lexicon import Verb, word_sets
from quotes.rules import confidence
from quotes.rules.base import Attribution, Frame
from quotes.rules.registry import Rule, register

RULES = register(
    Rule(
        "evidence",
        "evidence",
        "reported",
        ("evidence", "report-said"),
        "A poll shows CLAUSE / the study found CLAUSE (kind evidence, on request)",
    ),
)


_WORDS = word_sets("evidence_sources.txt")
EVIDENCE_NOUNS = _WORDS["noun"]


def evidential_verb(frame: Frame, token: int) -> Verb | None:
    """A verb that reports only a finding ("show", "find"): a cue only with an evidence source."""
    lemma = frame.evidential_lemma(token)
    return Verb(lemma, "evidence") if lemma is not None else None


def is_source(frame: Frame, speaker: int | None) -> bool:
    """The subject is a thing that shows ("a poll", "court documents", "data from the weather
    service"): its head noun, or the first noun of its phrase, is an evidence noun."""
    if speaker is None:
        return False
    parse = frame.parse
    candidates = [speaker]
    # "Research by the Oakfield Institute suggests": a parser may take the name for the head.
    j = speaker - 1
    while j >= 0 and parse.tokens[j].sentence == parse.tokens[speaker].sentence and speaker - j <= 6:
        if parse.tokens[j].upos in {"VERB", "AUX", "PUNCT", "SCONJ"}:
            break
        if parse.tokens[j].upos in {"NOUN", "PROPN"} and parse.tokens[j + 1].upos == "ADP":
            candidates.append(j)
        j -= 1
    return any(_noun(parse.tokens[k].lemma) or _noun(parse.tokens[k].form) for k in candidates)


def _noun(word: str) -> bool:
    low = word.lower()
    return low in EVIDENCE_NOUNS or (low.endswith("s") and low[:-1] in EVIDENCE_NOUNS)


def as_evidence(att: Attribution) -> Attribution:
    """The attribution as kind ``evidence``, keeping the weaknesses its confidence already counts."""
    base = confidence.base(att.rule)
    scale = att.confidence / base if base else 1.0
    return evolve(
        att,
        kind="evidence",
        rule="evidence",
        confidence=round(min(confidence.base("evidence") * scale, 1.0), 3),
        notes=(*att.notes, "kind: evidence (an evidential verb whose subject is a source document or measurement)"),
    )
