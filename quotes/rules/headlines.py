"""Headlines and decks in Title Case: ``Minister Says Talks Will Resume``, ``Police: Suspect Fled On Foot``.

Title Case defeats the taggers (every word looks like a name, "Says" becomes a proper noun) and so the
trees, so a headline is read off the surface: a line whose words are capitalized and which ends without
a full stop, holding one of three shapes per clause (clauses split at ``;``):

* ``SPEAKER VERB CONTENT``: a reporting-verb form with a short noun phrase before it (``headline-verb``);
* ``CONTENT, SPEAKER VERB``: the verb ends the line after a comma (``headline-inverted``);
* ``SPEAKER: CONTENT``: a short name before a colon, no verb at all (``headline-colon``).

Where a headline reading is found, it replaces the tree's readings of the same line (``resolve.headline_lines``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from quotes.data.lexicon import Lexicon, Verb, word_sets
from quotes.rules.base import NOMINAL, Attribution, Frame
from quotes.rules.clauses import fragments_in
from quotes.rules.confidence import confidence
from quotes.rules.registry import Rule, register

RULES = register(
    Rule(
        "headline-verb",
        "headlines",
        "headlines",
        ("headline",),
        "Minister Says Talks Will Resume: a Title Case line read off the surface",
    ),
    Rule("headline-inverted", "headlines", "headlines", ("headline",), "Talks Will Resume, Officials Say"),
    Rule("headline-colon", "headlines", "headlines", ("headline",), "Police: Suspect Fled On Foot"),
)


_WORDS = word_sets("rule_words.txt")
# Words a headline writes in lower case or that never carry the capital of a name.
SMALL_WORDS = _WORDS["headline_small"]
# Auxiliaries and modals: a clause follows ("Talks Will Resume", "Pilots Were Told").
CLAUSE_WORDS = _WORDS["headline_clause"]
# Speech acts whose object is the content ("Accuses Government Of ..."): reported without a clause.
OBJECT_ACTS = _WORDS["headline_object_act"]
MAX_SPEAKER_WORDS = 6
MIN_HEADLINE_WORDS = 3
MIN_CONTENT_WORDS = 2
LETTERS = re.compile(r"[^\W\d_][\w'’-]*")
_QUOTE_CHARS = "\"“”‘’'«»"
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# A full date marks a dateline or a line of metadata ("Categories: August 15, 2008 Canada Published ..."),
# not a headline; a month or a year alone ("In October", "Until 2030") is a headline's matter.
_DATE = re.compile(rf"\b(?:{_MONTHS})\.? \d{{1,2}}\b|\b\d{{1,2}} (?:{_MONTHS})\b")


def is_headline(line: str) -> bool:
    """A line set in Title Case: three words or more, the words that count capitalized, no full stop.

    All-capital lines are section labels ("THE WEEK IN QUOTES"), and a line with a full date is a
    dateline or metadata, not a headline.
    """
    text = line.strip().rstrip(_QUOTE_CHARS)
    if not text or text.endswith(".") or "\n" in text:
        return False
    words = LETTERS.findall(line)
    if len(words) < MIN_HEADLINE_WORDS or all(w.isupper() for w in words if len(w) > 1) or _DATE.search(line):
        return False
    return title_cased(words)


def title_cased(words: list[str]) -> bool:
    """Three or more words, and the words that count (not "of", "the" ...) capitalized, 80% at least."""
    counted = [w for w in words if w.lower() not in SMALL_WORDS] or words
    return len(words) >= MIN_HEADLINE_WORDS and sum(w[0].isupper() for w in counted) >= max(
        MIN_HEADLINE_WORDS, 0.8 * len(counted)
    )


def headline_readings(
    frame: Frame, lexicon: Lexicon, taken: set[int]
) -> tuple[list[Attribution], list[tuple[int, int]]]:
    """The headline readings of the Title Case lines, and the ``(start, end)`` of each line that has one
    (the tree's readings of those lines give way: ``resolve.headline_lines``)."""
    found: list[Attribution] = []
    lines: list[tuple[int, int]] = []
    for start, end in _lines(frame.parse.text):
        if not is_headline(frame.parse.text[start:end]):
            continue
        tokens = [i for i in frame.tokens_overlapping(start, end) if frame.parse.tokens[i].form.strip()]
        atts = [a for clause in _clauses(frame, tokens) if (a := _read(frame, lexicon, clause, taken)) is not None]
        if atts:
            found.extend(atts)
            lines.append((start, end))
    return found, lines


def _lines(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in re.finditer(r"\n", text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


def _clauses(frame: Frame, tokens: list[int]) -> list[list[int]]:
    out: list[list[int]] = [[]]
    for i in tokens:
        if frame.parse.tokens[i].form == ";" and not frame.in_quote(i):
            out.append([])
        else:
            out[-1].append(i)
    return [c for c in out if c]


def _read(frame: Frame, lexicon: Lexicon, clause: list[int], taken: set[int]) -> Attribution | None:
    tokens = frame.parse.tokens
    words = [i for i in clause if tokens[i].upos != "PUNCT" or tokens[i].form in {":", ","}]
    if not words:
        return None
    colon = next((k for k, i in enumerate(words) if tokens[i].form == ":" and not frame.in_quote(i)), None)
    if colon is not None:
        return _colon(frame, lexicon, words, colon)
    for k, i in enumerate(words):
        verb = _verb(frame, lexicon, i)
        if verb is None or i in taken or frame.in_quote(i):
            continue
        if k + 1 < len(words) and _verb(frame, lexicon, words[k + 1]) is not None:
            continue  # "United States Says": the first of two verb forms in a row is a name's last word
        speaker = _after_last_comma(frame, words[:k])
        if k == len(words) - 1:
            comma = words[k - len(speaker) - 1] if len(speaker) < k else None
            if comma is not None and tokens[comma].form == ",":
                content = list(words[: k - len(speaker) - 1])
                return _make(frame, "headline-inverted", verb, i, speaker, content)
            return None
        content = _addressee_skipped(frame, verb, words[k + 1 :])
        if not speaker or not _clause_like(frame, verb, content):
            continue
        return _make(frame, "headline-verb", verb, i, speaker, content)
    return None


def _verb(frame: Frame, lexicon: Lexicon, i: int) -> Verb | None:
    """A reporting-verb form, by its spelling alone: in Title Case the tags and lemmas are noise."""
    form = frame.parse.tokens[i].form
    if not form[:1].isalpha():
        return None
    verb = lexicon.verb(form)
    return verb if verb is not None and verb.particle is None else None


def _after_last_comma(frame: Frame, words: Sequence[int]) -> list[int]:
    """The speaker: the words before the verb, after the last comma; short, named, no verb or clause."""
    tokens = frame.parse.tokens
    cut = max((k for k, i in enumerate(words) if tokens[i].form in {",", ":"}), default=-1)
    speaker = list(words[cut + 1 :])
    if not speaker or len(speaker) > MAX_SPEAKER_WORDS or any(frame.in_quote(i) for i in speaker):
        return []
    if any(tokens[i].form.lower() in CLAUSE_WORDS for i in speaker) or not tokens[speaker[0]].form[:1].isupper():
        return []
    return speaker


def _addressee_skipped(frame: Frame, verb: Verb, content: list[int]) -> list[int]:
    """``Tells Farmers Subsidies Will Stay``: one word of addressee before the reported clause's subject."""
    tokens = frame.parse.tokens
    if verb.lemma not in {"tell", "assure", "warn", "remind", "inform"} or len(content) < 3:
        return content
    first_aux = next((k for k, i in enumerate(content) if tokens[i].form.lower() in CLAUSE_WORDS), None)
    return content[1:] if first_aux is not None and first_aux >= 2 else content


def _clause_like(frame: Frame, verb: Verb, content: list[int]) -> bool:
    """Enough words, and a clause (an auxiliary, a past form, ``To`` + verb) or an object speech act."""
    tokens = frame.parse.tokens
    forms = [tokens[i].form for i in content if tokens[i].upos != "PUNCT" or tokens[i].form[:1] in _QUOTE_CHARS]
    if sum(any(ch.isalnum() for ch in f) for f in forms) < MIN_CONTENT_WORDS:
        return False
    if verb.lemma in OBJECT_ACTS or verb.section == "speech":
        return True
    low = [f.lower() for f in forms]
    return any(f in CLAUSE_WORDS for f in low) or low[0] == "to" or any(f.endswith("ed") for f in low[1:])


def _colon(frame: Frame, lexicon: Lexicon, words: list[int], colon: int) -> Attribution | None:
    """``Police: Suspect Fled On Foot``: a short name before a colon, a clause with no marks after it."""
    tokens = frame.parse.tokens
    speaker, content = words[:colon], words[colon + 1 :]
    if not speaker or len(speaker) > 4 or any(_verb(frame, lexicon, i) is not None for i in speaker):
        return None
    if not any(tokens[i].upos in NOMINAL or tokens[i].form[:1].isupper() for i in speaker):
        return None
    if len(content) < MIN_CONTENT_WORDS or any(frame.in_quote(i) for i in content):
        return None  # a quotation after the colon is a direct quote (speaker-colon)
    return _make(frame, "headline-colon", None, words[colon], speaker, content)


def _make(
    frame: Frame, rule: str, verb: Verb | None, cue: int, speaker: list[int], content: list[int]
) -> Attribution | None:
    parse = frame.parse
    while content and parse.tokens[content[-1]].upos == "PUNCT" and not frame.in_quote(content[-1]):
        content = content[:-1]
    while content and parse.tokens[content[0]].form in {",", ":", "-", "—", "–"}:
        content = content[1:]
    if not speaker or len(content) < MIN_CONTENT_WORDS:
        return None
    span = parse.span(content[0], content[-1])
    fragments = fragments_in(frame, span)
    notes = (
        "headline in Title Case: read off the surface (the tree of a Title Case line is not trusted)",
        "speaker: the words before the " + ("colon" if verb is None else "verb"),
    )
    return Attribution(
        content=span,
        kind="mixed" if fragments else "indirect",
        rule=rule,
        confidence=confidence(rule),
        cue=parse.span(cue, cue),
        cue_token=cue,
        speaker=parse.span(speaker[0], speaker[-1]),
        speaker_token=speaker[-1],
        sentence=parse.tokens[cue].sentence,
        fragments=tuple(r.content for r in fragments),
        regions=tuple(fragments),
        notes=notes,
    )
