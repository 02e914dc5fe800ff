"""What every rule works with: the attribution it builds, the cue, and the document view of a parse.

``Frame`` (:mod:`quotes.rules.frame`) answers the token questions every rule asks (which tokens a
character range holds, whether a token sits inside a quotation, which paragraph it is in, whether it is
finite, passive, negated, a cue). The tag classes and closed-class word
sets the rules share are defined here once; the words themselves are data (``quotes/data/rule_words.txt``).
"""

from __future__ import annotations

from attrs import define, field

from quotes.data.lexicon import Verb, regular_forms, sections, word_sets
from quotes.rules.frame import Frame
from quotes.text.marks import QuoteRegion
from quotes.text.punctuation import DASH_TOKENS, SENTENCE_END_TOKENS
from quotes.text.spans import Span

__all__ = ["DASH_TOKENS", "SENTENCE_END", "Attribution", "Cue", "Frame", "Link", "Proposal"]

# Sentence-final punctuation as the tokenizer gives it.
SENTENCE_END = SENTENCE_END_TOKENS
NOMINAL = frozenset({"PROPN", "NOUN", "PRON"})

# Relations that stay inside a speaker mention when it is expanded from its head noun.
MENTION_RELS = frozenset(
    {"compound", "flat", "amod", "det", "nmod", "case", "nummod", "appos", "punct", "cc", "conj", "fixed", "goeswith"}
)

# Words that may stand between a closing mark and the verb of an attribution ("," the president said).
NP_TAGS = frozenset({"DET", "PROPN", "NOUN", "ADJ", "PRON", "NUM", "PUNCT", "CCONJ", "PART", "ADP", "X", "SYM"})

# The most tokens a cue may sit away from its quote's edge and still count as the quote's frame.
WINDOW = 14
VERBLESS_TAGS = frozenset({"DET", "PROPN", "NOUN", "ADJ", "PRON", "NUM", "PART", "ADP", "CCONJ", "PUNCT", "X"})

_WORDS = word_sets("rule_words.txt")
RELATIVE_PRONOUNS = _WORDS["relative_pronoun"]
PERSON_NUMERALS = _WORDS["person_numeral"]
QUESTION_WORDS = _WORDS["question_word"]
ADVERBIAL_OPENERS = _WORDS["adverbial_opener"]
EXPLETIVES = _WORDS["expletive"]
ADDRESSEE_VERBS = _WORDS["addressee_verb"]
TIME_WORDS = _WORDS["time_word"]
MODALS = _WORDS["modal"]
DEICTIC_TIME = _WORDS["deictic_time"]
# Verbs whose subject is the source of the statement they take as object ("issued a statement"), every form.
_ISSUING_VERBS = frozenset(
    form.lower()
    for line in sections("rule_words.txt")["issuing_verb"]
    for form in regular_forms(line.partition(":")[0].strip()) | set(line.partition(":")[2].split())
)


def issues_statement(tok) -> bool:
    """A verb whose subject is the source of the statement it takes ("issued", "released", "sent"),
    by its lemma or, where a tagger left the lemma odd, its form."""
    return tok.lemma.lower() in _ISSUING_VERBS or tok.form.lower() in _ISSUING_VERBS


@define(frozen=True)
class Attribution:
    """One quote with its cue and speaker mention, before the speaker is named."""

    content: Span
    kind: str
    rule: str
    confidence: float
    region: int | None = None  # index into Scan.regions for direct quotes
    cue: Span | None = None
    cue_token: int | None = None
    speaker: Span | None = None
    speaker_token: int | None = None
    sentence: int | None = None
    path: tuple[str, ...] = ()
    regions: tuple[QuoteRegion, ...] = ()
    fragments: tuple[Span, ...] = ()
    flags: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(factory=tuple)
    # The attribution this one inherits from (split pieces and continuations).
    source: int | None = None
    # How the content and the speaker were found, as codes code can test (FOUND); the notes say it in
    # words for the record. Internal: the records' JSON does not carry it.
    found: tuple[str, ...] = ()


# The codes of Attribution.found: the reported-speech paths, and what changed a reading afterwards.
FOUND = frozenset(
    {
        "content:tree",
        "content:tree-misattached",
        "content:surface-that",
        "content:surface-subject",
        "content:surface-runs-on",
        "content:inverted-comma",
        "content:inverted-bare",
        "content:parenthetical",
        "content:wh-tree",
        "content:wh-surface",
        "content:cut-at-second-cue",
        "content:cut-at-cue",
        "content:after-colon",
        "content:after-question",
        "content:split-at-cue",
        "content:continued-after-cue",
        "content:front-piece",
        "content:trailing-participle",
        "content:trailing-dash",
        "content:trailing-relative",
        "content:trailing-contrast",
        "speaker:shared",
        "speaker:text-issuer",
    }
)


@define(frozen=True)
class Cue:
    """What introduces a quote: a reporting verb, or for verbless cues a colon or dash (``verb`` None)."""

    token: int
    verb: Verb | None
    span: Span | None


@define(frozen=True)
class Link:
    """What a direct rule found for a quote: the rule, the cue, the speaker's head token (``None``: none)
    and the notes saying how; ``stop``: tokens the speaker mention must not cross (a sign-off's occasion)."""

    rule: str
    cue: Cue
    speaker: int | None
    notes: tuple[str, ...]
    stop: tuple[int, ...] = ()


@define(frozen=True)
class Proposal:
    """A later stage's new reading; ``replaces``: the earlier reading of the same cue it would take the
    place of, and ``policy``: the name of the policy in :mod:`quotes.rules.resolve` that decides."""

    att: Attribution
    replaces: Attribution | None = None
    policy: str = "add"
