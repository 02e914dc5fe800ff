"""The engine's view of one parse: every question a rule asks of a token, answered once, by name.

Rules never test a tag themselves for a property another rule also needs: they ask the :class:`Frame`
(``frame.finite(i)``, ``frame.passive(i)``, ``frame.negated(i)``, ``frame.cue(i)``, ...) or, where
they hold only the parse, the pure predicate of the same name here. Where two rules need different
answers to what looks like one question, the two answers have two names, each saying what it means
(``passive`` vs ``passive_by_auxiliary``; ``negated`` vs ``negation_dependent``). A token's cue status
is computed once per document and kept.
"""

from __future__ import annotations

import bisect

from quotes.data.lexicon import Lexicon, Verb, regular_forms, word_sets
from quotes.data.lexicon import load as load_lexicon
from quotes.parse.model import Parse, Token
from quotes.text.marks import Scan
from quotes.text.punctuation import SENTENCE_END_TOKENS

_REPORTED = word_sets("reported_words.txt")
_EVIDENCE = word_sets("evidence_sources.txt")
FINITE_XPOS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# Simple pasts that are never participles ("fell", "rose"): finite whatever the tagger said.
PRETERITES = _REPORTED["preterite"]
# Words that negate a cue: negated speech reports nothing ("has not said why").
NEGATION = _REPORTED["negation"]
# Verbs that report only a finding ("show", "find"), and the forms a lemmatizer may miss.
EVIDENCE_VERBS = _EVIDENCE["verb"]
_IRREGULAR_EVIDENCE = {"found": "find", "shown": "show", "proven": "prove"}
_EVIDENCE_FORMS = {form: lemma for lemma in EVIDENCE_VERBS for form in regular_forms(lemma)} | _IRREGULAR_EVIDENCE
_BE_FORMS = frozenset({"is", "was", "were", "are", "been", "being", "be", "'s", "’s"})
_SENTENCE_END = SENTENCE_END_TOKENS


class Frame:
    """Token lookups over one parse: which tokens a character range holds, sentence edges, quotes, and
    the token predicates every rule shares (cue status cached per token)."""

    def __init__(self, parse: Parse, scan: Scan, lexicon: Lexicon | None = None) -> None:
        self.parse = parse
        self.scan = scan
        self.lexicon = lexicon or load_lexicon()
        self.starts = [t.start for t in parse.tokens]
        self.ends = [t.end for t in parse.tokens]
        # Character ranges covered by quotation marks or quoted content, for "not inside a quote".
        self.quoted = sorted((r.outer_start, r.outer_end) for r in scan.regions if r.depth == 0)
        self._quoted_starts = [a for a, _ in self.quoted]
        self.quote_tokens = frozenset(i for i in range(len(parse.tokens)) if self._starts_in_quote(i))
        self._para_starts = [p.start for p in scan.paragraphs]
        self._cues: dict[int, Verb | None] = {}
        self._words: dict[int, Verb | None] = {}

    # --- where a token or offset lies -------------------------------------------------------------

    def tokens_overlapping(self, start: int, end: int) -> list[int]:
        lo = bisect.bisect_right(self.ends, start)
        hi = bisect.bisect_left(self.starts, end)
        return [i for i in range(lo, hi) if self.parse.tokens[i].end > start and self.parse.tokens[i].start < end]

    def token_at_or_after(self, offset: int) -> int | None:
        i = bisect.bisect_left(self.starts, offset)
        return i if i < len(self.starts) else None

    def token_before(self, offset: int) -> int | None:
        i = bisect.bisect_right(self.ends, offset) - 1
        return i if i >= 0 else None

    def in_quote(self, token: int) -> bool:
        return token in self.quote_tokens  # the rules ask this of every token, many times: a set lookup

    def _starts_in_quote(self, token: int) -> bool:
        tok = self.parse.tokens[token]
        i = bisect.bisect_right(self._quoted_starts, tok.start) - 1
        return i >= 0 and tok.start < self.quoted[i][1]

    def paragraph_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._para_starts, offset) - 1)

    def paragraph_of_token(self, token: int) -> int:
        return self.paragraph_of(self.parse.tokens[token].start)

    def same_paragraph(self, a: int, b: int) -> bool:
        """Tokens ``a`` and ``b`` lie in one paragraph of the text (whatever the parser's sentences say)."""
        return self.paragraph_of_token(a) == self.paragraph_of_token(b)

    # --- what a token is ----------------------------------------------------------------------------

    def cue(self, token: int) -> Verb | None:
        """The reporting verb the token stands as here (:func:`cue_verb`), computed once per token."""
        if token not in self._cues:
            self._cues[token] = cue_verb(self.parse, self.lexicon, token)
        return self._cues[token]

    def reporting_word(self, token: int) -> Verb | None:
        """The lexicon's reporting verb for the token's form or lemma, whatever its tag or place (a
        weaker test than :meth:`cue`, for rules that have already found a verb's place)."""
        if token not in self._words:
            tok = self.parse.tokens[token]
            self._words[token] = self.lexicon.verb(tok.form, tok.lemma)
        return self._words[token]

    def subtree_run(self, head: int, start: int, end: int) -> list[int]:
        """The tokens from ``start`` (before ``end``) that lie in ``head``'s subtree, up to the first that
        does not: the stretch of a phrase that the surface and the tree agree on."""
        inside = set(self.parse.subtree(head))
        run = []
        j = start
        while j < end and j in inside:
            run.append(j)
            j += 1
        return run

    def finite(self, token: int) -> bool:
        return finite(self.parse.tokens[token])

    def passive(self, cue: int) -> bool:
        return passive(self.parse, cue)

    def passive_by_auxiliary(self, cue: int) -> bool:
        return passive_by_auxiliary(self.parse, cue)

    def negated(self, cue: int) -> bool:
        return negated(self.parse, cue)

    def negation_dependent(self, cue: int) -> bool:
        return negation_dependent(self.parse, cue)

    def evidential_lemma(self, token: int) -> str | None:
        return evidential_lemma(self.parse, token)

    def mistagged_evidential_verb(self, token: int) -> bool:
        return mistagged_evidential_verb(self.parse, token)


# --- finite verbs: three questions, three names -------------------------------------------------------


def finite(tok: Token) -> bool:
    """A finite verb by its tag, or by its form when that is a simple past only ("fell", "rose"),
    whatever the tagger said (it often makes a past tense a participle)."""
    if tok.upos not in {"VERB", "AUX"}:
        return False
    return tok.xpos in FINITE_XPOS or tok.feat("VerbForm") == "Fin" or tok.form.lower() in PRETERITES


def finite_or_bare_participle(parse: Parse, j: int) -> bool:
    """A finite verb by its tag; also a past participle with no auxiliary or ``to`` before it, which a
    small tagger gives a simple past ("the drug was safe came[VBN] a day later")."""
    tok = parse.tokens[j]
    if tok.upos not in {"VERB", "AUX"}:
        return False
    if tok.xpos in FINITE_XPOS or tok.feat("VerbForm") == "Fin":
        return True
    prev = parse.tokens[j - 1] if j > 0 else None
    return tok.xpos == "VBN" and prev is not None and prev.upos not in {"AUX", "VERB", "PART"}


def verb_group(parse: Parse, j: int) -> bool:
    """Any auxiliary, or a verb finite by its tag or features: the sign that a clause has begun (after
    one, a phrase belongs to that clause)."""
    tok = parse.tokens[j]
    return tok.upos == "AUX" or tok.xpos in FINITE_XPOS or (tok.upos == "VERB" and tok.feat("VerbForm") == "Fin")


# --- passive: two questions, two names ----------------------------------------------------------------


def passive(parse: Parse, cue: int) -> bool:
    """``X was asked whether ...``, ``had been labelled``, ``when asked ...``: the cue's subject (if any)
    is not its speaker. A past participle counts as passive unless "has/have/had" makes it perfect."""
    if any(parse.tokens[c].deprel in {"aux:pass", "nsubj:pass"} for c in parse.children[cue]):
        return True
    # The auxiliaries right before the verb ("had been", "was not"): "was fair and claim" is no passive.
    before = []
    j = cue - 1
    while j >= max(0, cue - 3) and parse.tokens[j].upos in {"AUX", "ADV", "PART"}:
        before.insert(0, parse.tokens[j])
        j -= 1
    # Only an auxiliary "be" makes a passive: the "'s" of "the Sheriff's office, told" is a possessive.
    if any(t.upos == "AUX" and t.form.lower() in _BE_FORMS | {"get", "got"} for t in before):
        return True
    if parse.tokens[cue].xpos != "VBN" or any(t.form.lower() in {"has", "have", "had"} for t in before):
        return False
    # A tagger often calls a past tense a participle; only with no subject before it ("Asked whether
    # ...", "..., when asked ...") is a bare participle a passive.
    prev = parse.tokens[cue - 1] if cue > 0 else None
    sentence_start = prev is None or prev.sentence != parse.tokens[cue].sentence
    return sentence_start or prev.upos == "SCONJ" or prev.form.lower() in {"when", "once", "if", "as", "though"}


def passive_by_auxiliary(parse: Parse, cue: int) -> bool:
    """``was accused of fraud``, ``got criticized for``: the subject undergoes the act.

    Only an auxiliary says so: a small tagger often gives a finite verb the passive's tag and
    relations ("Officials urged[VBN] residents", "officials" its passive subject) with no auxiliary.
    """
    if any(parse.tokens[c].deprel == "aux:pass" for c in parse.children[cue]):
        return True
    j = cue - 1
    while j >= 0 and parse.tokens[j].upos == "ADV":
        j -= 1
    return j >= 0 and parse.tokens[j].lemma.lower() in {"be", "get"} and parse.tokens[cue].xpos == "VBN"


# --- negation: two questions, two names ---------------------------------------------------------------


def negated(parse: Parse, cue: int) -> bool:
    """``has not said``, ``never told``, ``did n't say``, ``without saying``: a negation before the cue
    (its own dependent, or among the auxiliaries in front of it). Negated speech reports nothing."""
    if cue > 0 and parse.tokens[cue - 1].form.lower() == "without":
        return True
    if any(parse.tokens[c].form.lower() in NEGATION and c < cue for c in parse.children[cue]):
        return True
    j = cue - 1
    while j >= 0 and cue - j <= 3 and parse.tokens[j].upos in {"AUX", "ADV", "PART"}:
        if parse.tokens[j].form.lower() in NEGATION:
            return True
        j -= 1
    return False


def negation_dependent(parse: Parse, cue: int) -> bool:
    """A negation word among the cue's dependents in the tree, before or after it ("did not deny",
    "agrees not"): the act is not performed."""
    return any(parse.tokens[c].form.lower() in NEGATION for c in parse.children[cue])


# --- evidential verbs ---------------------------------------------------------------------------------


def evidential_lemma(parse: Parse, token: int) -> str | None:
    """The evidential verb a token stands for ("shows" -> "show"), or ``None``."""
    tok = parse.tokens[token]
    if tok.upos not in {"VERB", "AUX", "NOUN"}:
        return None  # a noun only where the caller has found a verb's place (a tagger's error)
    lemma = tok.lemma.lower()
    if lemma in EVIDENCE_VERBS:
        return lemma
    return _EVIDENCE_FORMS.get(tok.form.lower())


def mistagged_evidential_verb(parse: Parse, i: int) -> bool:
    """``Research by the institute suggests that ...`` with "suggests" tagged a noun: an inflected
    form followed by "that" is the verb (a noun with a relative "that" would need no "-s" cue)."""
    tok = parse.tokens[i]
    if tok.upos != "NOUN" or not tok.form.islower():
        return False
    nxt = parse.tokens[i + 1] if i + 1 < len(parse.tokens) else None
    prev = parse.tokens[i - 1] if i > 0 else None
    if prev is None or prev.sentence != tok.sentence or prev.upos not in {"NOUN", "PROPN"}:
        return False  # "a lot of projects that ...", "the claims that ...": a noun inside its phrase
    if nxt is not None and nxt.sentence == tok.sentence and nxt.form.lower() == "that":
        return tok.form.endswith("s")
    # "..., the data show.": an evidential verb ending its sentence after a comma and a noun phrase.
    ends = nxt is None or nxt.sentence != tok.sentence or nxt.form in _SENTENCE_END
    return ends and tok.lemma.lower() in EVIDENCE_VERBS | {evidential_lemma(parse, i)}


# --- reporting verbs, whatever the tagger made of them ------------------------------------------------


def cue_verb(parse: Parse, lexicon: Lexicon, token: int) -> Verb | None:
    """The reporting verb a token stands as here: a lexicon verb tagged a verb (with its particle, if it
    takes one), or one the tagger took for a noun, adjective or name in a verb's place."""
    tok = parse.tokens[token]
    if tok.upos not in {"VERB", "AUX", "NOUN", "ADJ", "PROPN"}:
        return None
    verb = lexicon.verb(tok.form, tok.lemma)
    if verb is None:
        return None
    if verb.particle is not None and not _has_particle(parse, token, verb.particle):
        return None
    if tok.upos not in {"VERB", "AUX"} and not mistagged_reporting_verb(parse, token, verb, lexicon):
        return None
    return verb


def mistagged_reporting_verb(parse: Parse, token: int, verb: Verb, lexicon: Lexicon) -> bool:
    """A reporting verb the tagger took for a noun, adjective or name: only an inflected form, in place.

    The bare lemma is a noun ("report", "post", "claim"). A plural in lower case is a noun too ("the
    reports"), so lower case admits only past forms ("said", "told", and irregular ones such as
    "wrote"). A capitalized form is a name or its last word ("United States", "the Evening Post", "Said
    Benali", "Noted chef") unless it stands right after a quotation mark or a comma, as a headline's
    inverted cue does (``'...,' Says Leader``).
    """
    tok = parse.tokens[token]
    form = tok.form.lower()
    irregular = form not in regular_forms(verb.lemma) and not form.endswith(("s", "ing"))
    if form == verb.lemma:
        return coordinated_bare_verb(parse, token)
    if not (form.endswith(("ed", "s", "d", "t")) or irregular):
        return False
    if tok.form[:1].isupper():
        prev = parse.tokens[token - 1].form if token > 0 else ""
        return bool(prev) and not prev[-1:].isalnum() and prev not in _SENTENCE_END
    if form.endswith("s"):
        return present_after_name(parse, token, lexicon)
    return True


def coordinated_bare_verb(parse: Parse, token: int) -> bool:
    """``They claimed X and claim she has ...``: a bare form right after "and"/"but", before "that" or a
    subject pronoun, is a second verb sharing the first one's subject, whatever the tagger made of it."""
    tokens = parse.tokens
    if token == 0 or token + 1 >= len(tokens) or tokens[token - 1].form.lower() not in {"and", "but"}:
        return False
    nxt = tokens[token + 1]
    return nxt.sentence == tokens[token].sentence and nxt.form.lower() in _CLAUSE_OPENERS


_CLAUSE_OPENERS = frozenset({"that", "he", "she", "they", "it", "we", "i", "there"})


def present_after_name(parse: Parse, token: int, lexicon: Lexicon) -> bool:
    """``Okafor claims she was ...``, ``Dlamini, 24, alleges guards ...``, ``Australian woman claims
    ...``: a present tense right after a bare name (no determiner before it: "the Hassan claims were" is
    a noun phrase) or a person noun, and before what can open a clause. A tagger reads the subject and
    the verb as one compound noun."""
    tokens = parse.tokens
    sentence = tokens[token].sentence
    nxt = tokens[token + 1] if token + 1 < len(tokens) else None
    if nxt is None or nxt.sentence != sentence:
        return False
    if nxt.form.lower() != "that" and nxt.upos not in {"DET", "PRON", "PROPN", "NOUN", "NUM"}:
        return False  # "claims were settled", "claims must be filed": the noun's own verb follows
    j = token - 1
    if j >= 0 and tokens[j].form == ",":  # an apposition closed by a comma: "Dlamini, 24, alleges"
        k = j - 1
        while k >= 0 and token - k <= 8 and tokens[k].sentence == sentence and tokens[k].form != ",":
            k -= 1
        if k < 0 or tokens[k].form != ",":
            return False
        j = k - 1
    if j < 0 or tokens[j].sentence != sentence:
        return False
    if tokens[j].upos == "NOUN" and tokens[j].feat("Number") != "Plur":
        return lexicon.is_person_noun(tokens[j].form)  # "the woman claims", "a spokesman says"
    if tokens[j].upos != "PROPN":
        return False
    k = j
    while k - 1 >= 0 and tokens[k - 1].sentence == sentence and tokens[k - 1].upos == "PROPN":
        k -= 1
    before = tokens[k - 1] if k > 0 and tokens[k - 1].sentence == sentence else None
    return before is None or (before.upos not in {"DET", "ADJ", "NUM"} and before.xpos not in {"PRP$", "POS"})


def _has_particle(parse: Parse, token: int, particle: str) -> bool:
    nxt = [parse.tokens[i] for i in parse.children[token]] + list(parse.tokens[token + 1 : token + 3])
    return any(t.form.lower() == particle for t in nxt)
