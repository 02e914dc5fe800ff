"""What a claim asserts against what a quote asserts: the frame a word-overlap score cannot see.

Two texts can share every content word and say opposite things ("the ceasefire will hold" against
"the ceasefire will never hold"), or give the words to someone else ("Critics say the mayor lied").
:func:`compare` lines the claim's content words up with the stretch of the quote that holds them (the
*window*) and compares, on the surface, what a fact-checker would check before calling it the same:

* **negation**: an odd number of negations on one side only, counting a negation that governs the
  window from outside it ("We do not believe the port will reopen");
* **agent**: the window is what someone other than the speaker aims at, wants, believes or says
  ("... have been stalling so that X", "The opposition wants X", "Critics say X");
* **subject**: the claim's subject is a word the quote does not have where the quote has one of its own
  ("the army showed restraint" against "the police showed restraint"); a first-person subject in the
  quote is the speaker's own, so "we" may be reported as "the government";
* **order**: who does what to whom is reversed ("Armenia attacked Azerbaijan" against the reverse);
* **modality**: necessity ("must", "have to") or a hedge ("may", "might", "perhaps") on one side only;
  "will" and "would" agree with a plain statement (reported speech shifts the tense);
* **numbers**: a number of the claim that the quote does not have ("thirty" and "30" agree).

Word lists are data (``quotes/data/claim_words.txt``). The comparison reads no parse: it is a check
for the verdicts of :mod:`quotes.workbench.claims`, which never call a quote the claim's when any
aspect differs.
"""

from __future__ import annotations

import re
from functools import cache

from attrs import define

from quotes.data.lexicon import load as load_lexicon
from quotes.data.lexicon import sections
from quotes.workbench.claim_similarity import STOP_WORDS, WORD_MATCH, stem, word_ratio

_TOKEN = re.compile(r"\d[\d,.]*\d|\d|\w+(?:['’]\w+)*|[.,;:!?()—–]")
_BOUNDARY = frozenset(".,;:!?()—–")


@define(frozen=True)
class Difference:
    """One aspect in which the claim and the quote differ, with the words on each side ("" for none)."""

    aspect: str  # negation, agent, subject, order, modality, numbers
    claim: str
    quote: str

    def describe(self) -> str:
        if self.aspect == "agent":
            return f'agent: the quote gives these words to "{self.quote}", not to the speaker'
        if self.aspect == "order":
            return f'order: "{self.claim}" in the claim, "{self.quote}" in the quote'
        claim = f'"{self.claim}"' if self.claim else "none"
        quote = f'"{self.quote}"' if self.quote else "none"
        return (
            f"{self.aspect}: {quote} in the quote, {claim} in the claim"
            if not self.claim
            else (f"{self.aspect}: {claim} in the claim, {quote} in the quote")
        )


@define(frozen=True)
class Comparison:
    """The result of :func:`compare`: what differs, and the quote's words that were compared."""

    differences: tuple[Difference, ...]
    window: str  # the stretch of the quote that holds the claim's words ("" when none is shared)

    @property
    def contradicts(self) -> bool:
        """A negation differs in words the quote gives as the speaker's own: it says the opposite of the claim."""
        aspects = {d.aspect for d in self.differences}
        return "negation" in aspects and "agent" not in aspects


@define(frozen=True)
class _Token:
    form: str  # lowercase, apostrophes as "'"
    text: str
    start: int
    end: int


@cache
def _words() -> dict[str, frozenset[str]]:
    return {name: frozenset(w.lower() for w in words) for name, words in sections("claim_words.txt").items()}


@cache
def _number_words() -> dict[str, float]:
    return {word: float(value) for word, value in (line.split() for line in sections("claim_words.txt")["number"])}


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.group().lower().replace("’", "'"), m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _phrases(tokens: list[_Token], section: str) -> list[tuple[int, int]]:
    """``(first, last + 1)`` token ranges of the section's words and phrases, longest first, not overlapping."""
    entries = sorted((tuple(e.split()) for e in _words()[section]), key=len, reverse=True)
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        for entry in entries:
            if tuple(t.form for t in tokens[i : i + len(entry)]) == entry:
                out.append((i, i + len(entry)))
                i += len(entry)
                break
        else:
            if section == "negation" and tokens[i].form.endswith("n't"):
                out.append((i, i + 1))
            i += 1
    return out


@cache
def _negation_parts() -> frozenset[str]:
    """Every word of a negation phrase ("no one"): a word the window may take in at its edge."""
    return frozenset(part for entry in _words()["negation"] for part in entry.split())


def _number(form: str) -> float | None:
    if form[:1].isdigit():
        try:
            return float(form.replace(",", ""))
        except ValueError:
            return None
    return _number_words().get(form)


def _function(token: _Token) -> bool:
    """A word the window may take in at its edge: a stop word, a negation or a modal."""
    words = _words()
    return (
        token.form in STOP_WORDS
        or token.form in _negation_parts()
        or token.form in words["negation"]
        or token.form.endswith("n't")
        or any(token.form in words[s] for s in ("necessity", "possibility", "future"))
    )


def _content(token: _Token) -> bool:
    return token.form not in _BOUNDARY and not _function(token) and _number(token.form) is None


def _same(a: str, b: str) -> bool:
    return a == b or word_ratio(stem(a), stem(b)) >= WORD_MATCH


def _window(claim: list[_Token], quote: list[_Token]) -> tuple[int, int, dict[str, int], dict[str, int]] | None:
    """The shortest stretch of the quote holding one occurrence of each claim word it has: ``(start, end,
    claim positions, quote positions)`` of the shared words, keyed by the claim's form."""
    claim_pos: dict[str, int] = {}
    for i, tok in enumerate(claim):
        if _content(tok):
            claim_pos.setdefault(tok.form, i)
    matches = {form: [j for j, q in enumerate(quote) if _content(q) and _same(form, q.form)] for form in claim_pos}
    matches = {form: js for form, js in matches.items() if js}
    if not matches:
        return None
    best: tuple[int, int, dict[str, int]] | None = None
    for start in sorted({j for js in matches.values() for j in js}):
        chosen: dict[str, int] = {}
        for form, js in matches.items():
            after = [j for j in js if j >= start]
            if not after:
                break
            chosen[form] = after[0]
        else:
            end = max(chosen.values()) + 1
            if best is None or end - start < best[1] - best[0]:
                best = (start, end, chosen)
    if best is None:
        return None
    start, end, chosen = best
    return start, end, {form: claim_pos[form] for form in chosen}, chosen


def _clause_start(tokens: list[_Token], before: int) -> int:
    i = before
    while i > 0 and tokens[i - 1].form not in _BOUNDARY:
        i -= 1
    return i


def _connector(quote: list[_Token], start: int) -> int | None:
    """The end of the last connector (purpose, wanting or a reporting verb) between the clause start and
    ``start`` with only function words after it: the words from ``start`` on are the connector's."""
    lexicon = load_lexicon()
    clause = _clause_start(quote, start)
    purposes = [end for first, end in _phrases(quote[clause:start], "purpose")]
    for end in range(start, clause, -1):
        tok = quote[end - 1]
        is_connector = end - clause in purposes or tok.form in _words()["wanting"] or lexicon.verb(tok.form)
        if is_connector:
            return end
        if not _function(tok):
            return None
    return None


def _span(tokens: list[_Token], first: int, end: int, text: str) -> str:
    return text[tokens[first].start : tokens[end - 1].end] if end > first else ""


def _runs(indexes: list[int]) -> list[tuple[int, int]]:
    """Consecutive token indexes as ``(first, last + 1)`` ranges: "50 million" is one number."""
    out: list[tuple[int, int]] = []
    for i in indexes:
        if out and out[-1][1] == i:
            out[-1] = (out[-1][0], i + 1)
        else:
            out.append((i, i + 1))
    return out


def _forms(tokens: list[_Token], ranges: list[tuple[int, int]]) -> str:
    return ", ".join(" ".join(t.text for t in tokens[a:b]) for a, b in ranges)


def _modal_classes(tokens: list[_Token]) -> tuple[frozenset[str], str]:
    classes = set()
    words = []
    for section in ("necessity", "possibility", "future"):
        found = _phrases(tokens, section)
        if found:
            classes.add(section)
            words += [(a, b) for a, b in found]
    words.sort()
    return frozenset(classes - {"future"}), _forms(tokens, words)


def compare(claim_text: str, quote_text: str) -> Comparison:
    """How ``claim_text`` (a claim without its frame) and ``quote_text`` differ in what they assert."""
    claim, quote = _tokens(claim_text), _tokens(quote_text)
    found = _window(claim, quote)
    if found is None:
        return Comparison((), "")
    start, end, claim_pos, quote_pos = found
    # The window takes in the function words at its left edge ("so that the", "do not"): a negation or a
    # modal right before the first shared word is part of what the quote asserts.
    while start > 0 and quote[start - 1].form not in _BOUNDARY and _function(quote[start - 1]):
        start -= 1
    differences: list[Difference] = []

    connector = _connector(quote, min(quote_pos.values()))
    governor: list[_Token] = []
    if connector is not None:
        start = max(start, connector)
        clause = _clause_start(quote, connector)
        governor = quote[clause:connector]
        if not any(t.form in _words()["first_person"] for t in governor) and len(governor) > 1:
            differences.append(Difference("agent", "", _span(quote, clause, connector, quote_text)))
    window = quote[start:end]

    claim_neg = _phrases(claim, "negation")
    quote_neg = _phrases(governor + window, "negation")
    if len(claim_neg) % 2 != len(quote_neg) % 2:
        differences.append(Difference("negation", _forms(claim, claim_neg), _forms(governor + window, quote_neg)))

    if connector is None:
        claim_first = min(claim_pos.values())
        claim_lead = [t for t in claim[:claim_first] if _content(t)]
        clause = _clause_start(quote, start)
        quote_lead = [t for t in quote[clause:start] if _content(t)]
        strange = [t for t in claim_lead if not any(_same(t.form, q.form) for q in quote if _content(q))]
        if strange and quote_lead:
            differences.append(
                Difference("subject", " ".join(t.text for t in strange), " ".join(t.text for t in quote_lead))
            )

    order = _reversed_roles(claim_pos, quote_pos, claim)
    if order:
        differences.append(Difference("order", *order))

    claim_modal, claim_words = _modal_classes(claim)
    quote_modal, quote_words = _modal_classes(window)
    if claim_modal != quote_modal:
        differences.append(Difference("modality", claim_words, quote_words))

    claim_numbers = _runs([i for i, t in enumerate(claim) if _number(t.form) is not None])
    quote_values = {_number(t.form) for t in quote}
    if any(_number(t.form) not in quote_values for t in claim if _number(t.form) is not None):
        window_numbers = _runs([i for i, t in enumerate(window) if _number(t.form) is not None])
        every = window_numbers or _runs([i for i, t in enumerate(quote) if _number(t.form) is not None])
        differences.append(
            Difference("numbers", _forms(claim, claim_numbers), _forms(window if window_numbers else quote, every))
        )
    return Comparison(tuple(differences), _span(quote, start, end, quote_text))


def _reversed_roles(
    claim_pos: dict[str, int], quote_pos: dict[str, int], claim: list[_Token]
) -> tuple[str, str] | None:
    """Two shared words on either side of a third, in the claim's order, that trade places around it in the
    quote: the words of who does what to whom, as ``(claim words, quote words)``."""
    forms = sorted(claim_pos, key=claim_pos.get)
    for a in range(len(forms)):
        for v in range(a + 1, len(forms)):
            for b in range(v + 1, len(forms)):
                x, y, z = forms[a], forms[v], forms[b]
                if quote_pos[z] < quote_pos[y] < quote_pos[x]:
                    text = {f: claim[claim_pos[f]].text for f in (x, y, z)}
                    return f"{text[x]} {text[y]} {text[z]}", f"{text[z]} {text[y]} {text[x]}"
    return None
