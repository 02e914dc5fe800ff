"""Which sentences of a text need a dependency parse, and which quote interiors the parser may skip.

A sentence is selected when it overlaps a quoted passage (:func:`quotes.text.marks.scan`), holds a
reporting-verb form (a key of ``Lexicon.verb_forms`` or a verb lemma, matched on the lower-cased surface;
a particle verb only with its particle, and not inside a capitalized name such as "United States" unless
the line is in Title Case), a cue preposition (``according to``, ``as reported by`` ... from
``nominal_cues.txt``) or a cue noun (``statement``, ``statements``, ...); ``context`` neighbours on each
side are selected with it. :func:`stand_ins` finds the quotes that stand as speech of their own, whose
words the parser may read as one stand-in word (:mod:`quotes.parse.rewrite`). See
:mod:`quotes.parse.selective` for how the plan is used.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from attrs import define, field

from quotes.data.lexicon import Lexicon, regular_forms, sections
from quotes.data.lexicon import load as load_lexicon
from quotes.parse.surface import split_sentences
from quotes.text import marks

_WORD = re.compile(r"[^\W\d_]+")
_NAME_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_NAME_GAPS = frozenset({" ", ". "})  # "Mirela Costa", "Mr. Kowalski"
_OPENING_WORDS = frozenset(sections("surface_words.txt")["function"])
_THIRD_PERSON = frozenset(sections("surface_words.txt")["third_person"])
STANDIN_MIN_WORDS = 4
# Which sentences a selective parse reads changed with this number (it is part of the parse's identity,
# so a parse store never hands back a parse selected the old way): 2 added the sentences that introduce
# someone, the sentence before a cue's pronoun, colons, and the verbs of every rule.
SELECTION_VERSION = 2
# The parsers whose parses are selective unless asked otherwise (``selective=False``, ``--full-parse``):
# measured on the development sets (README, *Performance*), their selective parse reads more words per
# CPU second at the same attribution F1 and the same speaker names. Not the gold trees of conllu (never
# partial), nor a parser nobody measured.
SELECTIVE_BY_DEFAULT = frozenset({"stanza", "spacy"})


def selective_default(parser: object) -> bool:
    """Whether ``parser`` parses selectively when no ``selective`` option says: a parser named in
    :data:`SELECTIVE_BY_DEFAULT`; never a ready backend object, which is used as it was built."""
    return isinstance(parser, str) and parser in SELECTIVE_BY_DEFAULT


@define(frozen=True)
class Plan:
    """How one document is parsed: sentence spans, which are selected, and the runs that go to the parser."""

    sentences: tuple[tuple[int, int], ...]
    triggered: tuple[bool, ...]  # the sentence itself holds a mark, cue or reporting verb
    selected: tuple[bool, ...]  # triggered, or within ``context`` sentences of one that is
    runs: tuple[tuple[int, int, bool], ...] = field(factory=tuple)  # (start, end, parsed), in text order
    # Stretches of the text the parser sees as one stand-in word (quote interiors: see stand_ins()).
    standins: tuple[tuple[int, int], ...] = field(factory=tuple)

    @property
    def parsed_runs(self) -> list[tuple[int, int]]:
        return [(start, end) for start, end, parsed in self.runs if parsed]


def trigger_words(lexicon: Lexicon) -> frozenset[str]:
    """Lower-cased single words that make a sentence worth parsing: reporting-verb forms and lemmas, cue
    nouns with their plurals, and the forms of every other verb a rule starts from (:func:`rule_verbs`)."""
    words = set(lexicon.verb_forms)
    words |= {lemma for lemma in lexicon.verbs if " " not in lemma}
    for noun in lexicon.cue_nouns:
        words |= {noun, noun + "s"} if " " not in noun else set()
    for lemma in rule_verbs():
        words |= regular_forms(lemma)
    words |= set(sections("selection_words.txt")["irregular_form"])
    return frozenset(words)


def role_words(lexicon: Lexicon) -> frozenset[str]:
    """Lower-cased words that say who a named person is: titles, person nouns, words of one sex
    ("waitress"), honorifics ("Ms"), and the verbs that give a role ("appointed", "became")."""
    words = set(lexicon.titles) | set(lexicon.person_nouns) | set(lexicon.male) | set(lexicon.female)
    words |= set(sections("rule_words.txt")["name_title"]) | set(sections("selection_words.txt")["role_verb"])
    return frozenset(w for w in words if " " not in w)


def rule_verbs() -> frozenset[str]:
    """The verbs the rules read as cues beyond the lexicon's reporting verbs, from the data files they
    read them from: speech acts and verbs of judging ("accused", "hailed"), verbs of speaking that take
    a noun phrase ("discussed"), the verbs the noun-phrase readings were counted for, and the verbs of
    evidence sources ("the study found")."""
    acts = sections("speech_acts.txt")
    lemmas = {line.split()[0] for line in acts["act"]} | set(acts["judging"])
    lemmas |= set(sections("np_content.txt")["speaking-verb"])
    # A phrasal lemma ("lay out") is a trigger only with its particle: particle_words has it.
    lemmas |= {
        lemma for line in sections("np_readings.txt")["readings"] if " " not in (lemma := line.rsplit(maxsplit=3)[0])
    }
    lemmas |= set(sections("evidence_sources.txt")["verb"])
    return frozenset(lemma.lower() for lemma in lemmas)


def particle_words(lexicon: Lexicon) -> dict[str, frozenset[str]]:
    """Trigger words that stand only for a particle verb ("point" of "point out", "played" of "played
    down"), with their particles: the lexicon's and the phrasal verbs the noun-phrase readings take."""
    out: dict[str, set[str]] = {}
    for form, key in lexicon.verb_forms.items():
        particle = lexicon.verbs[key].particle
        if particle is not None and form not in lexicon.verbs:
            out.setdefault(form, set()).add(particle)
    plain = trigger_words(lexicon) - set(out)
    for line in sections("np_content.txt")["phrasal-verb"]:
        lemma, particle = line.lower().split()
        for form in regular_forms(lemma):
            if form not in plain:
                out.setdefault(form, set()).add(particle)
    return {form: frozenset(particles) for form, particles in out.items()}


def _phrase_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    phrases = [tuple(p) for p in lexicon.prepositions]
    phrases += [tuple(n.split()) for n in lexicon.cue_nouns if " " in n]
    alternatives = sorted((r"\s+".join(re.escape(w) for w in words) for words in phrases if words), key=len)
    return re.compile(r"\b(?:" + "|".join(reversed(alternatives)) + r")\b", re.IGNORECASE)


def stand_ins(
    text: str, regions: Iterable[marks.QuoteRegion], min_words: int = STANDIN_MIN_WORDS
) -> list[tuple[int, int]]:
    """The quote interiors that the parser may see as one stand-in word: ``(start, end)`` of each
    top-level quotation that stands as speech of its own, from the start of its content to the end of
    its last word (its closing punctuation stays, so the parser still reads ``"Yes," he said.``).

    Who said a direct quote, and with which verb, is read off the frame around it (the marks, the
    punctuation, the clause outside); the words inside never name the speaker. So a quote is stood in
    only when that frame is all a rule needs: both marks found and trusted (no repair flags), not nested,
    at least ``min_words`` words, and standing as a sentence of its own: its content ends with its own
    punctuation (``,`` ``.`` ``?`` ``!``), or it opens its line or sentence. (After a colon a quotation is
    as often a title or a name as speech: ``dubbed it: "Scientology vs. the Internet, part XVII"``.)
    A quoted phrase inside a clause (``blamed the "detachment" of``, a mixed quote) is always parsed: its
    words are part of the reported clause.
    """
    spans: list[tuple[int, int]] = []
    for region in regions:
        if region.open is None or region.close is None or region.depth > 0 or region.flags:
            continue
        start, end = region.content.start, region.content.end
        while end > start and not text[end - 1].isalnum():
            end -= 1
        if len(text[start:end].split()) < min_words:
            continue
        own_punctuation = text[end : region.content.end].lstrip()[:1] in {",", ".", "?", "!", "…"}
        line_start = text.rfind("\n", 0, region.open.start) + 1
        before = text[max(0, region.open.start - 8) : region.open.start].rstrip()[-1:]
        opens_line = not text[line_start : region.open.start].strip()
        if own_punctuation or opens_line or before in {".", "?", "!"}:
            spans.append((start, end))
    return sorted(spans)


def _has_pronoun(text: str, start: int, end: int, quoted: list[tuple[int, int]]) -> bool:
    """A third-person pronoun in ``text[start:end]`` outside quotation marks (one inside is the speaker's
    own word, never the speaker)."""
    return any(
        m.group().lower() in _THIRD_PERSON and not any(qs <= m.start() < qe for qs, qe in quoted)
        for m in _WORD.finditer(text, start, end)
    )


class Selector:
    """Decides which sentences of a text need a dependency parse, and which quote interiors the parser
    may see as a stand-in word (see the module docstring)."""

    def __init__(self, lexicon: Lexicon | None = None, context: int = 0, standins: bool = True) -> None:
        if context < 0:
            raise ValueError(f"context must be >= 0, got {context}")
        self.lexicon = lexicon or load_lexicon()
        self.context = context
        self.standins = standins
        self.particles = particle_words(self.lexicon)
        self.words = trigger_words(self.lexicon) | frozenset(self.particles)
        self.phrases = _phrase_pattern(self.lexicon)
        self.roles = role_words(self.lexicon)

    def plan(self, text: str) -> Plan:
        sentences = split_sentences(text)
        regions = marks.scan(text).regions
        quoted = sorted((r.outer_start, r.outer_end) for r in regions)
        triggered = []
        q = 0
        for start, end in sentences:
            while q < len(quoted) and quoted[q][1] <= start:
                q += 1
            in_quote = any(qs < end and start < qe for qs, qe in quoted[q : q + 64])
            triggered.append(in_quote or self._has_cue(text, start, end) or self._introduces(text, start, end))
        n = len(sentences)
        k = self.context
        selected = [any(triggered[max(0, i - k) : i + k + 1]) for i in range(n)]
        # A pronoun in a sentence with a cue most often stands for someone the sentence before named
        # ("Lotte Jansen and Bram Visser won ... They said ..."): that sentence is parsed too, so that
        # the resolver reads who it made the subject, the pair and the body it named.
        for i in range(1, n):
            if triggered[i] and not selected[i - 1] and _has_pronoun(text, *sentences[i], quoted):
                selected[i - 1] = True
        runs: list[tuple[int, int, bool]] = []
        for i, (start, end) in enumerate(sentences):
            if runs and runs[-1][2] == selected[i]:
                runs[-1] = (runs[-1][0], end, selected[i])
            else:
                runs.append((start, end, selected[i]))
        standins = tuple(stand_ins(text, regions)) if self.standins else ()
        return Plan(tuple(sentences), tuple(triggered), tuple(selected), tuple(runs), standins)

    def _introduces(self, text: str, start: int, end: int) -> bool:
        """Whether the sentence tells who someone named is: a name (two adjacent capitalized words, "Mirela
        Costa", "Mr. Kowalski"; not an opening function word, "For Kevin") with a word that names a
        person's role, title or sex ("treasurer", "Ms.", "waitress", from the lexicon), a naming verb
        ("was appointed", "became"), or a comma that opens or closes an apposition beside it ("Mirela
        Costa, the union's treasurer,"). Only a parse of such a sentence lets the speaker resolver link a
        later "the treasurer", "the club's manager" or "she" to the person; the other sentences that
        name people keep their names in the stand-in tree."""
        words = list(_NAME_WORD.finditer(text, start, end))
        named = False
        for k in range(len(words) - 1):
            first, second = words[k], words[k + 1]
            if not (first.group()[:1].isupper() and second.group()[:1].isupper()):
                continue
            if text[first.end() : second.start()] not in _NAME_GAPS:
                continue
            if k == 0 and first.group().lower() in _OPENING_WORDS:
                continue
            named = True
            before = text[max(start, first.start() - 2) : first.start()]
            after = text[second.end() : second.end() + 2]
            if "," in before or after.startswith((",", "'s", "’s")):
                return True
        if not named:
            return False
        return any(w.group().lower().rstrip(".") in self.roles for w in words)

    def _has_cue(self, text: str, start: int, end: int) -> bool:
        piece = text[start:end]
        raw = [m.group() for m in _WORD.finditer(piece)]
        found = [w.lower() for w in raw]
        long_words = [w for w in raw if len(w) > 2]
        title_case = len(long_words) > 1 and sum(w[0].isupper() for w in long_words) >= 0.8 * len(long_words)
        for k, word in enumerate(found):
            if word not in self.words:
                continue
            if k > 0 and raw[k][0].isupper() and raw[k - 1][0].isupper() and not title_case:
                continue  # inside a name ("the United States"), unless the line is a title in Title Case
            # A particle verb is a cue only with its particle ("pointed out", not "the point"), as the
            # rules have it (quotes.rules.tree.is_cue): the particle within the next three words.
            particles = self.particles.get(word)
            if particles is None or particles & set(found[k + 1 : k + 4]):
                return True
        # A colon after a speaker's words is a cue of its own ("The minister was blunt: ...").
        return ":" in piece or self.phrases.search(piece) is not None
