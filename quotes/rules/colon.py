"""Colon cues: an unquoted clause after a colon that a speaker's words introduce.

``The coroner said: the crash was caused by a worn brake cable.``, ``The judge told the jury: the case
turns on a single phone call.``, and the frames news English uses for the same thing without a verb of
saying: ``The minister was blunt: the plant will close.``, ``The governor had a simple message for the
protesters: the road will be built.``, ``Ruth Adeyemi put it plainly: ...``. The clause after the colon
is the content; the cue is the verb, the manner adjective or the speech noun before it, and the speaker
its subject. A colon after anything else (a list, ``nobody knew why`` after a narrated sentence) is
punctuation. The words are data (``quotes/data/rule_words.txt``: ``colon_manner``, ``colon_noun``,
``colon_phrase``).
"""

from __future__ import annotations

from collections.abc import Sequence

from quotes.data.lexicon import Lexicon, word_sets
from quotes.parse.model import Parse
from quotes.rules.base import SENTENCE_END, Attribution, Frame
from quotes.rules.clauses import count_words, left_tokens, surface_sentence
from quotes.rules.confidence import confidence
from quotes.rules.registry import Rule, register
from quotes.rules.tree import edge_path, mention_span, speaker_of
from quotes.text.spans import Span

RULES = register(
    Rule(
        "indirect-colon",
        "colon",
        "colon",
        ("colon-cue",),
        "X said: CLAUSE / X was blunt: CLAUSE: an unquoted clause after a colon",
    ),
)

_WORDS = word_sets("rule_words.txt")
MANNER = _WORDS["colon_manner"]
SPEECH_NOUNS = _WORDS["colon_noun"]
# "put it (plainly)", "made (it) clear": the verb's lemma and the words that must follow it.
PHRASES = tuple(tuple(line.split()) for line in _WORDS["colon_phrase"])
# How far before the colon the cue may stand (the addressee and an adjunct between: "told the jury").
REACH = 8
MIN_WORDS = 3


def colon_readings(
    frame: Frame, lexicon: Lexicon, taken: set[int], readings: Sequence[Attribution]
) -> list[Attribution]:
    """A reading of every colon cue whose clause no earlier reading holds."""
    parse = frame.parse
    out: list[Attribution] = []
    for c, tok in enumerate(parse.tokens):
        if tok.form != ":" or frame.in_quote(c) or c + 1 >= len(parse.tokens):
            continue
        sentence = surface_sentence(frame, c)
        right = [k for k in range(c + 1, sentence.last) if frame.same_paragraph(k, c)]
        while right and parse.tokens[right[-1]].upos == "PUNCT":
            right.pop()
        if not right or frame.in_quote(right[0]):
            continue  # a quotation after the colon is the direct rules'
        if not any(frame.finite(k) for k in right) or any(parse.tokens[k].form in SENTENCE_END for k in right):
            continue
        content = Span.of(parse.text, parse.tokens[right[0]].start, parse.tokens[right[-1]].end)
        if count_words(content.text) < MIN_WORDS or any(r.content.overlap(content) for r in readings):
            continue
        found = _cue_before(frame, lexicon, sentence.first, c)
        if found is None or found[0] in taken:
            continue
        cue, how = found
        speaker, speaker_how = speaker_of(frame, cue, before=left_tokens(frame, cue), after=[])
        if speaker is None or speaker > cue:
            continue
        out.append(_reading(frame, cue, speaker, right, content, [how, speaker_how]))
    return out


def _cue_before(frame: Frame, lexicon: Lexicon, first: int, colon: int) -> tuple[int, str] | None:
    """The cue of a colon: walking back from it over the addressee and adjuncts, the first verb of
    saying, manner adjective of a copula, speech noun or fixed phrase; None at any other verb."""
    parse = frame.parse
    for k in range(colon - 1, max(first, colon - REACH) - 1, -1):
        tok = parse.tokens[k]
        if frame.in_quote(k):
            return None
        low = tok.lemma.lower()
        phrase = _phrase_at(parse, k)
        if phrase:
            return k, f"cue: the phrase {phrase!r} before a colon"
        if tok.upos in {"VERB", "AUX"}:
            verb = frame.cue(k)
            if verb is None or verb.section == "cognition" or frame.negated(k):
                return None
            return k, "cue: a verb of saying before a colon"
        if tok.upos == "ADJ" and low in MANNER and _predicate(parse, k):
            return k, "cue: a manner adjective of the subject before a colon"
        if tok.upos == "NOUN" and low in SPEECH_NOUNS and tok.rel == "obj" and tok.head is not None:
            return k, "cue: a speech noun, the object of the subject's verb, before a colon"
    return None


def _phrase_at(parse: Parse, k: int) -> str | None:
    """The fixed phrase (``put it``, ``made clear``, ``made it clear``) that starts at token ``k``."""
    for words in PHRASES:
        if parse.tokens[k].lemma.lower() != words[0] or k + len(words) > len(parse.tokens):
            continue
        if all(parse.tokens[k + n].form.lower() == w for n, w in enumerate(words[1:], start=1)):
            return " ".join(words)
    return None


def _predicate(parse: Parse, k: int) -> bool:
    """``was blunt``: the adjective is the predicate of a copula (its child, or its head in trees
    that make the copula the head)."""
    tok = parse.tokens[k]
    if any(parse.tokens[c].rel == "cop" for c in parse.children[k]):
        return True
    return tok.head is not None and parse.tokens[tok.head].lemma == "be" and tok.rel in {"acomp", "xcomp", "attr"}


def _reading(frame: Frame, cue: int, speaker: int, right: list[int], content: Span, notes: list[str]) -> Attribution:
    parse = frame.parse
    inside = set(right)
    head = next((k for k in right if parse.tokens[k].head not in inside), right[0])
    tree_linked = cue in set(parse.ancestors(head)) or head in set(parse.ancestors(cue))
    score = confidence(
        "indirect-colon",
        tree_linked=tree_linked,
        speaker_from_tree=parse.tokens[speaker].head == cue,
    )
    return Attribution(
        content=content,
        kind="indirect",
        rule="indirect-colon",
        confidence=score,
        cue=parse.span(cue, cue),
        cue_token=cue,
        speaker=mention_span(parse, speaker, [cue, *frame.quote_tokens]),
        speaker_token=speaker,
        sentence=parse.tokens[cue].sentence,
        path=tuple(edge_path(parse, head, cue)) + tuple(edge_path(parse, cue, speaker)),
        notes=(*notes, "content: the clause after the colon"),
        found=("content:after-colon",),
    )
