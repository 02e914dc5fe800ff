"""Where reported content ends: the last step of the engine, over every reading the merge kept.

Each stage finds a clause and takes its span from the tree or the surface; a few edges come out wrong
the same way whatever the stage, so they are settled once here, for every reported reading:

* a content never holds its own cue: a cue at the content's start (an agentive fragment, ``blamed
  the outbreak on "..."``) is trimmed off; a cue in the middle (``The new rules, officials said, will
  take effect in May``) splits the content into two pieces, the second one a ``mid-cue-piece`` with the
  speaker and cue of the first;
* a participle clause the writer adds after the reported clause (``said the bridge would reopen in
  June, ending months of detours``) is the writer's comment on the news, not what was said: the
  content ends before its comma. A participle inside the clause (``the plan, costing 3 million, was
  approved``) ends nothing;
* a dash that opens the writer's comment on the clause (``said every passenger would be rebooked — a
  promise it has failed to keep``) ends the content when what follows it is a phrase, not a clause;
* so does a relative clause on a person set off by a comma at the content's end (``said she had called
  her niece, who had moved to Lahore``), and a clause or phrase of contrast (``said he was hopeful, even though
  most of his backers had left``): the writer's gloss, as the news attribution corpora annotate it.

Direct quotes are left alone: their marks are their edges. (A reported reading made of a direct
quote's speaker mention is dropped before this step, by :func:`quotes.rules.resolve.drop_quote_speakers`.)
"""

from __future__ import annotations

from collections.abc import Sequence

from attrs import evolve

from quotes.data.lexicon import word_sets
from quotes.parse.model import Parse
from quotes.rules.base import DASH_TOKENS, MODALS, TIME_WORDS, Attribution, Frame
from quotes.rules.clauses import count_words
from quotes.rules.confidence import rebase
from quotes.rules.np_content import EVENT_NOUNS
from quotes.rules.occasion import FRAME_NOUNS, occasion_at
from quotes.rules.registry import Rule, register
from quotes.text.mark_inventory import PAIRS, QUOTE_OR_APOSTROPHE
from quotes.text.spans import Span

RULES = register(
    Rule(
        "mid-cue-piece",
        "boundaries",
        "boundaries",
        ("mid-cue", "parenthetical"),
        "The rules, officials said, take effect in May: the piece of the clause after its cue",
    ),
    Rule(
        "front-piece",
        "boundaries",
        "boundaries",
        ("front-piece",),
        'If the bridge stays closed, she said, "half the street will go": the quotation\'s first piece',
    ),
)

# Relations of a cue's dependents that hold the reported clause, not the cue's own phrase.
_CLAUSE_RELS = frozenset({"ccomp", "xcomp", "parataxis", "conj", "advcl", "csubj"})
# How a participle that comments on a whole clause hangs in the tree (never ``acl``: a participle
# that modifies a noun of the clause is part of it).
_PARTICIPLE_RELS = frozenset({"advcl", "xcomp", "conj", "dep", "parataxis"})
_SUBJECT_RELS = frozenset({"nsubj", "csubj", "expl"})
# What may stand between the comma and the participle (", again raising ...").
_BEFORE_PARTICIPLE = frozenset({"ADV"})
_QUESTION_OPENERS = word_sets("rule_words.txt")["question_opener"]
_CONTRAST_OPENERS = word_sets("rule_words.txt")["contrast_opener"]
# Relative pronouns of a person set off by a comma at the content's end ("her niece, who had moved to
# Lahore"): a gloss on who someone is. A "which" clause is a gloss only on the noun right before its
# comma and without a modal (_which_comment); one on the whole clause goes on with what was said
# ("printed each photograph twice, which let him ...", "an enlargement of it, which he could then use").
_RELATIVE_OPENERS = word_sets("rule_words.txt")["relative_pronoun"] - {"that", "which"} | {"whose"}
# The fewest words a content cut short may keep (else the cut was wrong, and the content stays whole).
MIN_WORDS = 2
_PHRASE_HEADS = frozenset({"NOUN", "PROPN", "ADJ", "ADV", "NUM", "PRON", "DET"})
# Words after an inverted cue's comma that go on with what was said (", the board said, and ...").
_GOES_ON = frozenset({"and", "but"})
# What may lie between a cue's phrase and a quotation that goes on with the sentence.
_BETWEEN = " ,\"“”'‘’"
# Quotation marks as tokens, from the mark scanner's inventory (those that may be apostrophes left out).
QUOTE_MARKS = frozenset(PAIRS).union(*(closers for _, closers in PAIRS.values())) - QUOTE_OR_APOSTROPHE
# Openers of a beginning that tells when the words were said, not what they said ("When", "After").
_SCENE_OPENERS = word_sets("rule_words.txt")["scene_opener"]
# Nouns of the time, medium or occasion of the words ("Monday", "statement", "rally").
_SCENE_NOUNS = TIME_WORDS | FRAME_NOUNS | EVENT_NOUNS | word_sets("rule_words.txt")["scene_noun"]
_CONTENT_TAGS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "VERB", "ADJ"})


def content_boundaries(frame: Frame, readings: Sequence[Attribution]) -> list[Attribution]:
    """``readings`` with every reported content cut to its edges (see the module); in document order."""
    out: list[Attribution] = []
    for att in readings:
        if att.kind == "direct":
            out.extend([*_front_piece(frame, att), att])
            continue
        pieces = _outside_cue(frame, _after_question(frame, att))
        out.extend(_trailing_comment(frame, piece) for piece in pieces)
        out.extend(_continued_after_cue(frame, att, readings))
    return sorted(out, key=lambda a: (a.content.start, a.content.end))


# -- a clause that goes on after an inverted cue --------------------------------------------------------


def _continued_after_cue(frame: Frame, att: Attribution, readings: Sequence[Attribution]) -> list[Attribution]:
    """``The pumps had been checked, the board said, and all of them were working``: after a cue that
    follows its clause, "and" or "but" with a clause of its own subject, or a predicate opened by an
    auxiliary ("and had passed a breath test"), goes on with what was said, to the sentence's end: the
    second piece, as a cue in the middle makes one. A predicate with no subject or auxiliary is the
    speaker's next act ("..., the organiser said, and went to look for more chairs"), and a stretch
    that holds another reading's cue ("and added that ...") is that reading's."""
    parse, text = frame.parse, frame.parse.text
    if att.cue is None or att.cue_token is None or att.kind == "direct" or att.cue.start < att.content.end:
        return []
    lo = att.cue.start if att.speaker is None else min(att.cue.start, att.speaker.start)
    if text[att.content.end : lo].strip(" ,") or "," not in text[att.content.end : lo]:
        return []
    tokens = parse.tokens
    cue = att.cue_token
    clause = frozenset(k for k in parse.children[cue] if tokens[k].rel in _CLAUSE_RELS)
    phrase = set(parse.subtree(cue, exclude=clause))
    ends = [cue, *frame.tokens_overlapping(att.speaker.start, att.speaker.end)] if att.speaker else [cue]
    last = max(ends)
    while last + 1 < len(tokens) and last + 1 in phrase and tokens[last + 1].form not in {",", ";"}:
        last += 1
    sentence = parse.sentences[tokens[cue].sentence]
    comma, conj = last + 1, last + 2
    if conj >= sentence.last - 1 or tokens[comma].form != "," or tokens[conj].form.lower() not in _GOES_ON:
        return []
    rest = list(range(conj + 1, sentence.last))
    while rest and tokens[rest[-1]].upos == "PUNCT":
        rest.pop()
    words = [j for j in rest if tokens[j].upos != "ADV"]
    if not words or tokens[words[0]].upos == "VERB" or not any(tokens[j].upos in {"VERB", "AUX"} for j in rest):
        return []  # no subject and no auxiliary: the speaker's next act
    if any(frame.in_quote(j) or tokens[j].form in QUOTE_MARKS for j in rest):
        return []
    others = [r.cue_token for r in readings if r is not att and r.cue_token is not None]
    if any(j in rest for j in others) or any(_plain_cue(frame, j) for j in rest if tokens[j].rel == "conj"):
        return []
    content = _trimmed(text, tokens[conj].start, tokens[rest[-1]].end)
    if content is None or count_words(content.text) <= MIN_WORDS:
        return []
    note = f"the clause goes on after its cue ({text[lo : tokens[last].end]!r})"
    piece = _unquoted(_narrowed(att, content, "content:continued-after-cue", note))
    return [_piece(att, piece, "mid-cue-piece", f"the second piece of the clause at {att.content.start}")]


def _plain_cue(frame: Frame, j: int) -> bool:
    """Token ``j`` is a reporting verb by itself ("added"), not the first word of one with a particle
    ("go on") that is not there."""
    verb = frame.reporting_word(j)
    return verb is not None and verb.particle is None


# -- the beginning of a quoted sentence before its cue ----------------------------------------------------


def _front_piece(frame: Frame, att: Attribution) -> list[Attribution]:
    """``If the bridge stays closed, she said, "half the street will be gone."``: a quotation that goes
    on with a sentence (it opens in lower case) right after its cue's phrase, set off by commas in the
    middle of that sentence, has the sentence's beginning (one phrase or clause, no comma in it) as its
    first piece, unquoted. A beginning of the writer's own, the time, medium or occasion of the words
    ("On Monday,", "In a statement,", "When the results came in,", "Asked about the delays,"), is no
    piece of them."""
    parse, text = frame.parse, frame.parse.text
    if att.cue is None or att.speaker is None or att.cue_token is None:
        return []
    lo = min(att.cue.start, att.speaker.start)
    hi = max(att.cue.end, att.speaker.end)
    if hi > att.content.start or text[hi : att.content.start].strip(_BETWEEN) or not text[hi:].startswith(","):
        return []
    opening = next((ch for ch in att.content.text if ch.isalpha()), "")
    if not opening.islower():
        return []  # the quotation opens a sentence of its own
    sentence = parse.sentences[parse.tokens[att.cue_token].sentence]
    front = frame.tokens_overlapping(sentence.start, lo)
    if not front or not text[:lo].rstrip().endswith(","):
        return []
    content = _trimmed(text, parse.tokens[front[0]].start, lo)
    if content is None or any(frame.in_quote(j) or parse.tokens[j].form in QUOTE_MARKS for j in front):
        return []
    if "," in content.text:
        return []  # the writer's clause before the one the quotation goes on with ("X did Y, and, he said,")
    if _writers_front(frame, front):
        return []
    piece = _unquoted(_narrowed(att, content, "content:front-piece", "the quoted sentence's beginning before its cue"))
    return [_piece(att, piece, "front-piece", f"the first piece of the quotation at {att.content.start}")]


def _writers_front(frame: Frame, front: Sequence[int]) -> bool:
    """A sentence's beginning that sets the scene of the words: it opens with a subordinator of time
    or a participle ("When ...", "Asked about ..."), names a time, medium or occasion ("On Monday", "In a
    statement", "At the rally"), or has no word of content at all ("But", "Later")."""
    tokens = frame.parse.tokens
    first = tokens[front[0]]
    if first.form.lower() in _SCENE_OPENERS or first.xpos in {"VBN", "VBG"}:
        return True
    words = [j for j in front if tokens[j].upos in _CONTENT_TAGS]
    if not words:
        return True
    if first.upos == "ADP" and occasion_at(frame.parse, front[0]):
        return True
    nouns = [j for j in words if tokens[j].upos in {"NOUN", "PROPN"}][:2]
    return any(tokens[j].lemma.lower() in _SCENE_NOUNS or tokens[j].form.lower() in _SCENE_NOUNS for j in nouns)


# -- a second cue of the same speaker -----------------------------------------------------------------


def before_coordinated_cues(frame: Frame, readings: Sequence[Attribution]) -> list[Attribution]:
    """``X said C1 and called for C2``: a content that runs on over a second cue of its own speaker,
    which has a reading of its own, ends before the word that joins the two (the merge would otherwise
    keep one long reading and drop the second as an overlap)."""
    out = []
    for att in readings:
        later = [
            k
            for k in readings
            if k is not att
            and k.cue is not None
            and k.cue_token != att.cue_token
            and att.content.contains(k.cue)
            and k.content.start >= k.cue.end
            and _same_speaker(frame, att, k)
        ]
        joints = [j for k in later if (j := _joint(frame, k.cue.start, att.content.start)) is not None]
        cut = min(joints, default=None)
        content = _trimmed(frame.parse.text, att.content.start, cut) if cut is not None else None
        if (
            content is None
            or count_words(content.text) < MIN_WORDS
            or any(not content.contains(f) for f in att.fragments)
        ):
            out.append(att)
            continue
        out.append(
            _narrowed(att, content, "content:cut-at-second-cue", "the content ends before a second cue of its speaker")
        )
    return out


def _same_speaker(frame: Frame, att: Attribution, other: Attribution) -> bool:
    """The two readings' cues are coordinated in the tree, or the two name one speaker token."""
    if att.speaker_token is not None and att.speaker_token == other.speaker_token:
        return True
    if att.cue_token is None or other.cue_token is None:
        return False
    tok = frame.parse.tokens[other.cue_token]
    return tok.head == att.cue_token and tok.rel == "conj"


def _joint(frame: Frame, cue_start: int, floor: int) -> int | None:
    """Where the stretch of a second cue begins: at the coordinator (its adverbs and auxiliaries
    between) right before the cue; None when none is there (``asks Y to assure that C`` is one
    request, its second verb no report of its own)."""
    parse = frame.parse
    k = frame.token_before(cue_start)
    while k is not None and parse.tokens[k].start >= floor and parse.tokens[k].upos in {"ADV", "AUX"}:
        k -= 1
    if k is None or parse.tokens[k].start < floor or parse.tokens[k].upos != "CCONJ":
        return None
    return parse.tokens[k].start


# -- the cue outside its content -------------------------------------------------------------------------


def _outside_cue(frame: Frame, att: Attribution) -> list[Attribution]:
    cue, content = att.cue, att.content
    if cue is None or not content.contains(cue):
        return [att]
    text = frame.parse.text
    if not text[content.start : cue.start].strip(" ,;:—–-"):
        rest = _trimmed(text, cue.end, content.end)
        if rest is None:
            return [att]
        return [_narrowed(att, rest, "content:cut-at-cue", "the content starts after its own cue")]
    gap = _cue_phrase(frame, att)
    first = _trimmed(text, content.start, gap[0])
    second = _trimmed(text, gap[1], content.end)
    if first is None or second is None:
        # The cue's phrase ends (or opens) the content: what is left is the one piece.
        rest = first or second or _trimmed(text, content.start, cue.start)
        if rest is None:
            return [att]
        return [_narrowed(att, rest, "content:cut-at-cue", "the content ends before its own cue")]
    note = f"the clause is split at its cue ({text[gap[0] : gap[1]].strip(' ,')!r})"
    head = _narrowed(att, first, "content:split-at-cue", note)
    tail = _narrowed(att, second, "content:split-at-cue", note)
    return [head, _piece(att, tail, "mid-cue-piece", f"the second piece of the clause at {head.content.start}")]


def _piece(att: Attribution, piece: Attribution, rule: str, note: str) -> Attribution:
    """``piece``, cut from reading ``att``, as a record of its own ``rule`` (its confidence rebased)."""
    confidence = round(min(rebase(att.confidence, att.rule, rule), 1.0), 3)
    return evolve(piece, rule=rule, confidence=confidence, notes=(*piece.notes, note))


def _unquoted(piece: Attribution) -> Attribution:
    """A piece that lies outside every quotation mark: indirect, with no fragment or region."""
    return evolve(piece, kind="indirect", fragments=(), regions=())


def _cue_phrase(frame: Frame, att: Attribution) -> tuple[int, int]:
    """The character range of the cue's own phrase inside the content: from the cue or its speaker,
    whichever comes first, to the end of what hangs on the cue after them (``the curator told
    reporters``, ``said Ines Duarte, the chief engineer``), the reported clause left out. Nothing to
    the left of the speaker counts: a parser that makes the clause's subject the cue's own is wrong."""
    parse = frame.parse
    assert att.cue is not None
    lo, hi = att.cue.start, att.cue.end
    if att.speaker is not None and att.content.contains(att.speaker):
        lo, hi = min(lo, att.speaker.start), max(hi, att.speaker.end)
    cue_token = att.cue_token
    if cue_token is None:
        tokens = frame.tokens_overlapping(att.cue.start, att.cue.end)
        cue_token = tokens[0] if tokens else None
    if cue_token is None:
        return lo, hi
    clause = frozenset(k for k in parse.children[cue_token] if parse.tokens[k].rel in _CLAUSE_RELS)
    phrase = set(parse.subtree(cue_token, exclude=clause))
    inside = set(frame.tokens_overlapping(att.content.start, att.content.end))
    covered = frame.tokens_overlapping(lo, hi)
    last = max(covered) if covered else cue_token
    while last + 1 in phrase and last + 1 in inside:
        last += 1
    if att.speaker is not None and att.speaker.start >= att.cue.end:
        last = _apposition_after(parse, last, inside)
    return lo, max(hi, parse.tokens[last].end)


def _apposition_after(parse: Parse, last: int, inside: set[int]) -> int:
    """``said Ines Duarte, the project's chief engineer, would ...``: a verbless stretch between two
    commas right after an inverted speaker is the speaker's apposition, whatever the tree made of it."""
    if last + 1 not in inside or parse.tokens[last + 1].form != ",":
        return last
    k = last + 2
    while k in inside and parse.tokens[k].form != ",":
        if parse.tokens[k].upos in {"VERB", "AUX"}:
            return last
        k += 1
    return k - 1 if k in inside and k - 1 > last + 1 else last


def _trimmed(text: str, start: int, end: int) -> Span | None:
    """``[start, end)`` without the spaces and the commas or dashes at its edges (None when nothing
    with a letter or digit is left)."""
    junk = " \n\t,;:—–-"
    while start < end and text[start] in junk:
        start += 1
    while end > start and text[end - 1] in junk:
        end -= 1
    if not any(ch.isalnum() for ch in text[start:end]):
        return None
    return Span.of(text, start, end)


def _narrowed(att: Attribution, content: Span, found: str, note: str) -> Attribution:
    """``att`` with ``content``, keeping the quoted fragments and regions that lie inside it (a mixed
    reading left without a quoted fragment is an indirect one)."""
    fragments = tuple(f for f in att.fragments if content.contains(f))
    regions = tuple(r for r in att.regions if content.start <= r.outer_start and r.outer_end <= content.end)
    kind = "indirect" if att.kind == "mixed" and not fragments else att.kind
    return evolve(
        att,
        content=content,
        kind=kind,
        fragments=fragments,
        regions=regions,
        found=(*att.found, found),
        notes=(*att.notes, note),
    )


# -- the reporter's question before the answer ---------------------------------------------------------


def _after_question(frame: Frame, att: Attribution) -> Attribution:
    """``When asked whether the school would reopen, the decision lay with the council, the head
    said``: the question is the reporter's, the answer starts after its comma."""
    parse = frame.parse
    tokens = frame.tokens_overlapping(att.content.start, att.content.end)
    if len(tokens) < 4:
        return att
    first = tokens[1] if parse.tokens[tokens[0]].form.lower() in _QUESTION_OPENERS else tokens[0]
    if parse.tokens[first].lemma != "ask" or parse.tokens[first].form.lower() != "asked":
        return att
    comma = next((k for k in tokens if k > first and parse.tokens[k].form == "," and not frame.in_quote(k)), None)
    if comma is None:
        return att
    content = _trimmed(parse.text, parse.tokens[comma].end, att.content.end)
    if content is None or count_words(content.text) < MIN_WORDS:
        return att
    return _narrowed(att, content, "content:after-question", "the content starts after the reporter's question")


# -- the writer's comment after the clause ---------------------------------------------------------------


def _trailing_comment(frame: Frame, att: Attribution) -> Attribution:
    parse = frame.parse
    tokens = [i for i in frame.tokens_overlapping(att.content.start, att.content.end) if not frame.in_quote(i)]
    if len(tokens) < 4:
        return att
    inside = set(frame.tokens_overlapping(att.content.start, att.content.end))
    last = max(inside)
    for i in tokens[2:]:
        what, cut = next(
            ((kind, c) for kind, finder in _COMMENTS if (c := finder(parse, i, inside, last)) is not None), ("", None)
        )
        if cut is None:
            continue
        content = _trimmed(parse.text, att.content.start, parse.tokens[cut].start)
        if (
            content is None
            or count_words(content.text) < MIN_WORDS
            or any(not content.contains(f) for f in att.fragments)
        ):
            return att
        return _narrowed(
            att,
            content,
            f"content:trailing-{what}",
            f"the content ends before the writer's {what} comment at {parse.tokens[cut].start}",
        )
    return att


def _participle_comment(parse: Parse, i: int, inside: set[int], last: int) -> int | None:
    """The comma before ``i`` when ``i`` opens a participle clause that runs to the content's end
    (``, ending months of detours``) and hangs on the clause, not on one of its nouns."""
    tok = parse.tokens[i]
    if tok.xpos != "VBG" or tok.rel not in _PARTICIPLE_RELS:
        return None
    comma = i - 1
    while comma in inside and parse.tokens[comma].upos in _BEFORE_PARTICIPLE:
        comma -= 1
    if comma not in inside or parse.tokens[comma].form != ",":
        return None
    if any(parse.tokens[k].rel in _SUBJECT_RELS for k in parse.children[i]):
        return None
    span = parse.subtree(i)
    if min(span) < comma or _ends_before(parse, max(span), last):
        return None
    if tok.head is None or (tok.head not in inside and tok.head > i):
        return None
    return comma


def _relative_comment(parse: Parse, i: int, inside: set[int], last: int) -> int | None:
    """The comma before ``i`` when ``i`` opens a relative clause on a person (``, who had moved to
    Lahore``) that the tree makes one and that runs to the content's end."""
    tok = parse.tokens[i]
    if tok.form.lower() not in _RELATIVE_OPENERS:
        return None
    clause = i if tok.rel == "acl" else tok.head
    if clause is None or parse.tokens[clause].rel != "acl":
        return None  # "said the plan, who ...": a relative clause only if the tree makes it one
    return _gloss_comma(parse, i, clause, inside, last)


def _which_comment(parse: Parse, i: int, inside: set[int], last: int) -> int | None:
    """The comma before ``i`` when ``i`` is a "which" that opens a relative clause on the noun right
    before the comma (``the Water Act, which was passed in 1998``), running to the content's end, with
    no modal in it: what the writer adds about a thing named, not what was said about it. A modal makes
    the clause a projection, the speaker's argument ("the new contract, which would raise wages ...")."""
    tok = parse.tokens[i]
    if tok.form.lower() != "which":
        return None
    clause = tok.head
    if clause is None or parse.tokens[clause].deprel != "acl:relcl":
        return None
    noun = parse.tokens[clause].head
    if noun is None or parse.tokens[noun].upos not in {"NOUN", "PROPN"} or noun != i - 2:
        return None  # "printed each photograph twice, which let him ...": the whole clause, the speaker's
    if any(parse.tokens[k].rel == "aux" and parse.tokens[k].form.lower() in MODALS for k in parse.subtree(clause)):
        return None
    return _gloss_comma(parse, i, clause, inside, last)


def _contrast_comment(parse: Parse, i: int, inside: set[int], last: int) -> int | None:
    """The comma before ``i`` when ``i`` opens a clause or phrase of contrast (``, even though ...``,
    ``, despite ...``) that runs to the content's end."""
    tok = parse.tokens[i]
    if tok.form.lower() not in _CONTRAST_OPENERS or tok.rel not in {"mark", "case"} or tok.head is None:
        return None
    return _gloss_comma(parse, i, tok.head, inside, last)


def _gloss_comma(parse: Parse, i: int, clause: int, inside: set[int], last: int) -> int | None:
    """The comma (adverbs between: ", even though") before ``i``, whose ``clause`` runs from it to the
    content's end and hangs on a word of the content before the comma."""
    comma = i - 1
    while comma in inside and parse.tokens[comma].upos in _BEFORE_PARTICIPLE:
        comma -= 1
    if comma not in inside or parse.tokens[comma].form != "," or clause not in inside:
        return None
    span = parse.subtree(clause)
    if min(span) < comma or _ends_before(parse, max(span), last):
        return None
    head = parse.tokens[clause].head
    if head is None or head not in inside or head > comma:
        return None
    return comma


def _dash_comment(parse: Parse, i: int, inside: set[int], last: int) -> int | None:
    """``i`` when it is a lone dash whose phrase (not a clause) runs to the content's end."""
    tok = parse.tokens[i]
    if tok.form not in DASH_TOKENS or not parse.text[tok.start - 1 : tok.start].isspace():
        return None
    rest = [k for k in range(i + 1, last + 1) if k in inside]
    if not rest or any(parse.tokens[k].form in DASH_TOKENS for k in rest):
        return None
    heads = [k for k in rest if parse.tokens[k].head not in rest]
    if len(heads) != 1 or parse.tokens[heads[0]].upos not in _PHRASE_HEADS:
        return None
    if any(parse.tokens[k].rel in _SUBJECT_RELS for k in parse.children[heads[0]]):
        return None
    return i


# The writer's comments that end a content, each by the finder of its comma or dash, first hit wins.
_COMMENTS = (
    ("participle", _participle_comment),
    ("dash", _dash_comment),
    ("relative", _relative_comment),
    ("relative", _which_comment),
    ("contrast", _contrast_comment),
)


def _ends_before(parse: Parse, end: int, last: int) -> bool:
    """Tokens after ``end`` up to ``last`` hold words (the participle's clause stops short)."""
    return any(parse.tokens[k].upos != "PUNCT" for k in range(end + 1, last + 1))
