"""Reported clauses read off the surface, for when the tree gives the cue no complement.

Small parsers break on ordinary reported speech: the tagger makes the reported verb a noun ("the plan
calls for ...", "the cut hurts small farmers"), the parser hangs the reported subject on the cue as its
object, or a modifier of the cue ("in a statement") hides where the clause starts. These helpers find
the reported clause from the words alone, under strict shapes, and say which shape matched so the
record's evidence can name it.
"""

from __future__ import annotations

from quotes.data.lexicon import Verb, word_sets
from quotes.parse.model import Parse, Token
from quotes.rules.base import (
    ADDRESSEE_VERBS,
    DASH_TOKENS,
    EXPLETIVES,
    QUESTION_WORDS,
    RELATIVE_PRONOUNS,
    SENTENCE_END,
    TIME_WORDS,
    Frame,
)
from quotes.rules.clauses import surface_sentence
from quotes.rules.frame import finite

# Tags a subject noun phrase is made of, including its prepositional modifiers ("services between
# Harwick and Port Ellis", "most of the injured") and a possessive ('s).
NP_START = frozenset({"DET", "PROPN", "NOUN", "PRON", "NUM", "ADJ"})
NP_INSIDE = NP_START | {"ADP", "CCONJ", "PART"}
# The most words a subject may run before its verb ("the late surge by the opposition in the north").
SUBJECT_WORDS = 12
# The most tokens an aside between two dashes may run after a cue ("— in a letter sent home on Friday —").
ASIDE_REACH = 12

_WORDS = word_sets("reported_words.txt")
# Verbs that take a clause and almost never a noun object: a noun phrase after them that runs on is the
# subject of the reported clause, whatever the tagger made of its verb.
CLAUSE_ONLY_VERBS = _WORDS["clause_only_verb"]
# The few objects those verbs do take ("said nothing", "said so").
CLAUSE_VERB_OBJECTS = _WORDS["clause_verb_object"]
# Words that open a quantity subject ("more than a third had ...", "about 300 families were ...").
QUANTITY_WORDS = _WORDS["quantity_word"]
OBJECT_PRONOUNS = frozenset({"me", "him", "us", "them"})
# Verbs that introduce a direct quote but never a reported clause ("began: ...", "continued: ...").
QUOTE_ONLY_VERBS = _WORDS["quote_only_verb"]
ADDRESSEE_NOUNS = _WORDS["addressee_noun"]


def clause_starts(parse: Parse, j: int, last: int) -> bool:
    """A subject noun phrase at ``j`` followed, within a few words, by a finite verb."""
    first = parse.tokens[j]
    low = first.form.lower()
    if low in OBJECT_PRONOUNS:
        return False  # "telling me this is ...": an object pronoun is never the clause's subject
    if low == "at":
        if j + 1 >= last or parse.tokens[j + 1].form.lower() not in {"least", "most"}:
            return False  # only "at least 20 people died" opens a subject
    elif first.upos not in NP_START and low not in QUANTITY_WORDS:
        return False
    after = j + 2 if low == "at" else j + 1  # "at least 20 people": the quantity is one word
    for k in range(after, min(j + SUBJECT_WORDS, last)):
        tok = parse.tokens[k]
        if tok.upos in {"VERB", "AUX"}:
            # "criticized the handling of the breach and said ...": a verb after a conjunction is the
            # cue's own second verb, not the verb of a reported clause.
            return finite(tok) and parse.tokens[k - 1].upos not in {"CCONJ", "PUNCT"}
        if _noun_tagged_present(parse, k, last):
            return True  # "claims conflict escalates as ...": the tagger made the verb a noun
        if tok.form.lower() in {"that", "which", "who", "whom", "whose", "where", "when"}:
            return False  # "announced the locations that would ...": an object with a relative clause
        if _new_phrase(parse, k):
            return False  # "told reporters the state ...": two noun phrases, so the first is no subject
        if tok.upos == "ADV" and k + 1 < last and parse.tokens[k + 1].upos in {"VERB", "AUX"}:
            continue  # "the parish never received": an adverb before the verb
        if tok.upos not in NP_INSIDE and tok.form.lower() not in QUANTITY_WORDS:
            return False
    return False


def _noun_tagged_present(parse: Parse, k: int, last: int) -> bool:
    """An "-s" word tagged a noun right after a singular noun and right before a subordinating
    conjunction ("conflict escalates as ..."): a present tense. At a sentence's end it is no sign
    ("told the staff members.")."""
    tok, prev = parse.tokens[k], parse.tokens[k - 1]
    if tok.upos != "NOUN" or not tok.form.islower() or not tok.form.endswith("s") or tok.form.endswith("ss"):
        return False
    if prev.upos != "NOUN" or prev.form.lower().endswith("s"):
        return False
    nxt = parse.tokens[k + 1] if k + 1 < last else None
    return nxt is not None and nxt.upos == "SCONJ"


def _new_phrase(parse: Parse, k: int) -> bool:
    """A determiner or personal pronoun right after a noun starts a second noun phrase."""
    tok, prev = parse.tokens[k], parse.tokens[k - 1]
    starts = tok.upos == "DET" or (tok.upos == "PRON" and tok.xpos != "PRP$" and tok.deprel != "nmod:poss")
    return starts and prev.upos in {"NOUN", "PROPN", "PRON"} and prev.form not in {"’s", "'s"}


def skip_cue_modifiers(frame: Frame, verb: Verb, cue: int, last: int) -> tuple[int, bool]:
    """The first token after the cue's own modifiers: time words, a prepositional phrase ("in a
    statement", "on Twitter", "in an interview with Reuters"), a particle, and for verbs like "tell"
    the addressee. Returns the index and whether a prepositional phrase was skipped."""
    parse = frame.parse
    j = cue + 1
    if verb.particle is not None and j < last and parse.tokens[j].form.lower() == verb.particle:
        j += 1
    skipped_addressee = False
    skipped_phrase = False
    while j < last:
        tok = parse.tokens[j]
        low = tok.form.lower()
        if low in TIME_WORDS and tok.upos != "ADP":
            j += 1
        elif low in DASH_TOKENS and _closing_dash(parse, j, last) is not None:
            # "warned — not for the first time — that ...": an aside between two dashes is the writer's.
            j = _closing_dash(parse, j, last) + 1
        elif tok.upos == "ADP" and low not in {"that", "of"} and j + 1 < last:
            # A prepositional phrase on the cue: its noun phrase runs until a determiner starts a new
            # one, "that" opens the clause, or a comma closes it.
            k = j + 1
            while k < last and parse.tokens[k].upos in NP_START | {"ADP", "PART"} and k < j + 8:
                if k > j + 1 and parse.tokens[k].upos == "DET" and parse.tokens[k - 1].upos in {"NOUN", "PROPN"}:
                    break
                if parse.tokens[k].form.lower() == "that" or finite(parse.tokens[k]):
                    break
                if k > j + 1 and _time_noun(parse.tokens[k - 1]):
                    break  # "on Wednesday Skylark Air must ...": the day closes the phrase
                k += 1
            if k == j + 1 or (k < last and finite(parse.tokens[k])):
                break  # "said at least 20 people died": the "phrase" was the clause's subject
            j = k
            skipped_phrase = True
        elif tok.upos == "NUM" and j > cue + 1:
            j += 1
        elif (
            tok.upos == "ADV"
            and j + 1 < last
            and (
                parse.tokens[j + 1].form.lower() == "that"
                or (low not in QUANTITY_WORDS and parse.tokens[j + 1].upos in {"ADP", "PUNCT"})
            )
        ):
            j += 1  # "said only that", "said again on Monday"
        elif verb.lemma in ADDRESSEE_VERBS and not skipped_addressee and _addressee_word(parse, j):
            if clause_starts(parse, j, last):
                break  # "warned hospitals in the capital were running short": no addressee, a clause
            k = j
            while k < last and _addressee_word(parse, k) and k < j + 4:
                if parse.tokens[k].form.lower() == "that" or parse.tokens[k].form.lower() in QUESTION_WORDS:
                    break
                if k > j and parse.tokens[k].upos == "DET":
                    break  # "told lawmakers the state needs ...": a second noun phrase is the clause
                k += 1
            j = k
            skipped_addressee = True
        else:
            break
    return j, skipped_phrase


def _closing_dash(parse: Parse, j: int, last: int) -> int | None:
    """The dash that closes an aside opened by the dash at ``j`` (within :data:`ASIDE_REACH` tokens)."""
    for k in range(j + 2, min(last - 1, j + ASIDE_REACH)):
        if parse.tokens[k].form in DASH_TOKENS:
            return k
    return None


def _time_noun(tok: Token) -> bool:
    low = tok.form.lower()
    return low in TIME_WORDS and tok.upos != "ADP" and low not in {"last", "next", "this", "earlier", "later"}


def _addressee_word(parse: Parse, k: int) -> bool:
    """A word of the addressee after "told": by its tag, or (for a tagger that made "reporters" or
    "Associated" a verb) a capitalized name word or a usual addressee noun."""
    tok = parse.tokens[k]
    if tok.upos in {"PROPN", "NOUN", "PRON", "DET", "ADJ"}:
        return True
    return tok.xpos in {"NNP", "NNPS"} or tok.form.lower() in ADDRESSEE_NOUNS


def surface_clause(frame: Frame, verb: Verb, cue: int) -> tuple[int, int, str, str] | None:
    """The reported clause after a cue, read off the surface: ``(first, end, how, shape)`` with ``end``
    exclusive and ``shape`` the code of ``how`` (``that``, ``subject``, ``runs-on``), or ``None``. It
    starts after "that", or at a subject followed by a finite verb, or (for verbs like "say" that take
    no noun object) at any noun phrase that runs on; it ends at the sentence's end or a semicolon."""
    parse = frame.parse
    last = surface_sentence(frame, cue).last
    para = frame.paragraph_of_token(cue)
    # Never past a paragraph break: a headline the parser runs into the next paragraph ends there.
    while last > cue + 1 and (
        parse.tokens[last - 1].form in SENTENCE_END or frame.paragraph_of_token(last - 1) != para
    ):
        last -= 1
    j, _ = skip_cue_modifiers(frame, verb, cue, last)
    if j >= last or frame.in_quote(j):
        return None
    if parse.tokens[j].form == "," and j + 1 < last and parse.tokens[j + 1].form.lower() == "that":
        j += 1
    first = parse.tokens[j]
    after_that = first.form.lower() == "that" and j + 1 < last
    if after_that:
        start, how, shape = j + 1, "after 'that'", "that"
        if parse.tokens[start].form == ",":
            start += 1
    elif clause_starts(parse, j, last):
        start, how, shape = j, "a subject and a finite verb", "subject"
    elif _runs_on_after_clause_verb(parse, verb, j, last):
        start, how, shape = (
            j,
            f"a noun phrase that runs on after '{verb.lemma}', which takes a clause, not an object",
            "runs-on",
        )
    else:
        return None
    if start >= last or frame.in_quote(start) or parse.tokens[start].upos == "PART":
        return None
    if not after_that and parse.tokens[start].form.lower() in QUESTION_WORDS:
        return None  # "said how ...": a topic; but "said that if ..." is a conditional claim
    end = last
    for k in range(start, last):
        if parse.tokens[k].form == ";":
            end = k
            break
    return start, end, how, shape


def _runs_on_after_clause_verb(parse: Parse, verb: Verb, j: int, last: int) -> bool:
    """ "said the plan calls for three new reservoirs": "say" takes a clause, so a noun phrase after it
    that runs on for several words is that clause's subject, even when no token is tagged a verb."""
    if verb.lemma not in CLAUSE_ONLY_VERBS:
        return False
    tok = parse.tokens[j]
    if tok.upos not in NP_START or any(t.form.lower() in CLAUSE_VERB_OBJECTS for t in parse.tokens[j : j + 2]):
        return False  # "said nothing", "saying a word to ..."
    words = [t for t in parse.tokens[j:last] if any(ch.isalnum() for ch in t.form)]
    if len(words) < 4:
        return False
    # A subordinate clause right after the noun phrase ("said the words before he left") is no sign.
    if any(t.upos == "SCONJ" for t in parse.tokens[j : min(j + 3, last)]):
        return False
    if all(t.form[:1].isupper() for t in words):
        return True  # a headline ("Minister Says Grain Deal 'Within Reach'") drops its verb by convention
    return any(_verb_like(parse, k) for k in range(j + 1, min(j + SUBJECT_WORDS, last)))


def _verb_like(parse: Parse, k: int) -> bool:
    """Some word after the subject's first could be its verb: a verb, an "-s" or "-ed" word the tagger
    made a noun after another noun ("the plan calls", "the fund lasts"), or a noun right before an
    adverb ("the fire spread quickly")."""
    tok, prev = parse.tokens[k], parse.tokens[k - 1]
    if tok.upos in {"VERB", "AUX"}:
        return True
    after_noun = prev.upos in {"NOUN", "PROPN", "ADJ"}
    if tok.upos in {"NOUN", "ADJ"} and after_noun and tok.form.lower().endswith(("s", "ed")):
        return True
    nxt = parse.tokens[k + 1] if k + 1 < len(parse.tokens) else None
    return tok.upos == "NOUN" and after_noun and nxt is not None and nxt.upos == "ADV"


_FINITE_AUX = frozenset(
    {"has", "have", "had", "will", "would", "may", "might", "could", "can", "should", "did", "does"}
)


def expletive_subject(frame: Frame, head: int, cue: int) -> bool:
    """A subject that is no source: "there", or "it" of a passive or non-finite cue ("it is said that",
    "it is worth noting that"). "It said ..." after an organisation is the organisation speaking."""
    parse = frame.parse
    form = parse.tokens[head].form.lower()
    if form not in EXPLETIVES:
        return False
    if form != "it":
        return True
    tok = parse.tokens[cue]
    if frame.passive(cue):
        return True
    before = [
        parse.tokens[j].form.lower()
        for j in range(max(0, cue - 3), cue)
        if parse.tokens[j].upos in {"AUX", "PART", "ADV"}
    ]
    if tok.xpos in {"VBD", "VBZ", "VBP"} or tok.feat("VerbForm") == "Fin":
        return False
    return not (tok.xpos in {"VB", "VBN"} and any(w in _FINITE_AUX for w in before))


def surface_cue_ok(frame: Frame, verb: Verb, cue: int) -> bool:
    """A cue the surface readings may use: a predicate of its own (not "the states' asserted harms"),
    active, able to report a clause ("began" and "continued" introduce only direct quotes), and not
    inside a relative or free relative clause ("what the press reports ...")."""
    parse = frame.parse
    tok = parse.tokens[cue]
    # "the states' asserted harms": a participle inside a noun phrase, after its determiner or
    # possessor (a parser that makes "insisted" in "Nazarov insisted soldiers had ..." a modifier of
    # "soldiers" is wrong, and the word before tells the two apart).
    prev = parse.tokens[cue - 1] if cue > 0 else None
    inside_np = prev is not None and (prev.upos in {"DET", "ADJ", "NUM"} or prev.xpos in {"PRP$", "POS"})
    prenominal = tok.deprel == "amod" and tok.head is not None and tok.head > cue and inside_np
    if prenominal or verb.lemma in QUOTE_ONLY_VERBS or frame.passive(cue):
        return False
    j = cue - 1
    while j >= 0 and parse.tokens[j].sentence == tok.sentence and parse.tokens[j].upos in NP_INSIDE | {"AUX", "ADV"}:
        if parse.tokens[j].form.lower() in {"what", "whatever", "how", "why"}:
            return False  # "what the press reports", "how can I say ...": no report of a clause
        j -= 1
    return True


def relative_antecedent(frame: Frame, speaker: int, how: str) -> tuple[int, str] | None:
    """A speaker found on the surface that is a relative pronoun ("A senior official who was not
    authorized to speak said ...") or a relative's possessor ("Lucas Fontaine, whose shop has flooded,
    asked ...") stands for the noun before it; ``None`` when there is none in sight."""
    parse = frame.parse
    j = speaker
    while j > speaker - 3 and j > 0 and parse.tokens[j].form.lower() not in RELATIVE_PRONOUNS | {"whose"}:
        j -= 1
    if parse.tokens[j].form.lower() not in RELATIVE_PRONOUNS | {"whose"}:
        return speaker, how
    j -= 1
    while j >= 0 and parse.tokens[j].form == ",":
        j -= 1
    if j < 0 or parse.tokens[j].upos not in {"NOUN", "PROPN"}:
        return None
    return j, "speaker: the antecedent of the relative clause the cue's subject belongs to (surface)"
