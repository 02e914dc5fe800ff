"""Direct quotes: link each quoted passage to its reporting verb (cue) and speaker.

Pure functions over a :class:`~quotes.parse.model.Parse` and the quotation marks found by
:func:`quotes.text.marks.scan`. The parser is noisy (and real text is messier still), so each rule
combines two kinds of evidence: the dependency tree (the quote is the complement of a reporting verb
whose subject is the speaker) and the surface (a comma or colon at the quote's edge, a reporting verb
right after the closing mark). A link found by both is surer than one found by the surface alone; a
tree link that contradicts the surface (a "speaker" inside another quote, a cue two clauses away) is
not trusted.
"""

from __future__ import annotations

import re

from quotes.data.lexicon import Lexicon, Verb, word_sets
from quotes.parse.model import Parse
from quotes.rules.assemble import make_direct
from quotes.rules.base import (
    ADDRESSEE_VERBS,
    NOMINAL,
    NP_TAGS,
    RELATIVE_PRONOUNS,
    SENTENCE_END,
    WINDOW,
    Attribution,
    Cue,
    Frame,
    Link,
)
from quotes.rules.clauses import left_tokens
from quotes.rules.continued import link_back_to_late_cue, link_split_and_continued, link_to_statement
from quotes.rules.headlines import LETTERS, is_headline, title_cased
from quotes.rules.occasion import occasion_at
from quotes.rules.registry import Rule, register
from quotes.rules.tree import (
    cue_span,
    inverted_name_first,
    outside_apposition,
    quote_head,
    speaker_of,
)
from quotes.rules.verbless import verbless_cue
from quotes.text.marks import QuoteRegion, Scan

RULES = register(
    Rule(
        "quote-cue",
        "direct",
        "direct",
        (
            "quote-cue",
            "inverted-verb",
            "inverted-trailing",
            "curly",
            "british-single",
            "gender",
            "surname",
            "title-capitalized",
        ),
        '"...," Aliyev said: a reporting verb right after the closing mark',
    ),
    Rule(
        "cue-quote",
        "direct",
        "direct",
        ("cue-quote", "clause-then-quote", "own-full-stop", "displaced-open", "unclosed"),
        'Aliyev said: "...": a reporting verb right before the opening mark',
    ),
    Rule(
        "quote-tree",
        "direct",
        "direct",
        ("quote-cue", "cue-quote"),
        "only the dependency tree links the quote and its cue",
    ),
    Rule(
        "pull-quote",
        "direct",
        "direct",
        ("dash-signoff",),
        "a quote repeated from the story as a layout box: never reported as speech",
    ),
    Rule(
        "unattributed",
        "direct",
        "direct",
        ("statement-then-quote", "split"),
        "a quoted passage with no cue of its own (speaker null, on request)",
    ),
    Rule(
        "unattributed-fragment",
        "direct",
        "direct",
        ("trap-scare", "trap-title"),
        "a quoted word or phrase inside a clause: a scare quote or title (on request)",
    ),
)


NAMING_WORDS = word_sets("rule_words.txt")["naming"]
_WORD = re.compile(r"[\w'’-]+")
# A quote-cue's subject may be a long mention ("the head of the World Food Programme's office in Juba,
# Aminata Diallo, said"): the words after the closing mark are searched further than WINDOW, as long as
# only a noun phrase stands between the mark and the verb.
AFTER_WINDOW = WINDOW + 8
TITLE_MAX_WORDS = 6


def attribute_direct(parse: Parse, scan: Scan, lexicon: Lexicon, frame: Frame | None = None) -> list[Attribution]:
    """Attributions for the direct quotes, split pieces and continuations linked (the engine's
    ``direct`` and ``continued`` stages; ``frame``: the document's :class:`Frame` when the caller has
    one already)."""
    frame = frame or Frame(parse, scan, lexicon)
    found = direct_by_region(frame, lexicon)
    link_continued(frame, lexicon, found)
    return [found[i] for i in sorted(found)]


def link_continued(frame: Frame, lexicon: Lexicon, found: dict[int, Attribution]) -> None:
    """The ``continued`` stage: cue-less quotes take the attribution of the quote they continue, or of
    the statement before them."""
    link_split_and_continued(frame, found)
    link_back_to_late_cue(frame, found)
    link_to_statement(frame, lexicon, found)


def direct_by_region(frame: Frame, lexicon: Lexicon) -> dict[int, Attribution]:
    """The ``direct`` stage: a reading of every top-level quotation region that holds words, by the
    region's index (cue-less ones as ``unattributed`` or ``unattributed-fragment``)."""
    found: dict[int, Attribution] = {}
    for index, region in enumerate(frame.scan.regions):
        if (
            region.depth > 0
            or not _has_words(region.content.text)
            or not frame.tokens_overlapping(region.content.start, region.content.end)
        ):
            continue
        att = _attribute_region(frame, lexicon, index, region)
        if att is not None:
            found[index] = att
    return found


def _has_words(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _attribute_region(frame: Frame, lexicon: Lexicon, index: int, region: QuoteRegion) -> Attribution | None:
    parse = frame.parse
    inside = frame.tokens_overlapping(region.outer_start, region.outer_end)
    content_tokens = frame.tokens_overlapping(region.content.start, region.content.end)
    head = quote_head(parse, content_tokens)
    sentence = parse.tokens[content_tokens[0]].sentence
    standalone = _reads_as_speech(frame, region, inside)
    base = dict(
        content=region.content,
        kind="direct",
        region=index,
        sentence=sentence,
        regions=(region,),
        flags=tuple(sorted(f for f in region.flags if f in {"unbalanced", "inferred-open"})),
    )
    after = _cue_after(frame, lexicon, region, inside, head)
    if after is not None and standalone:
        return make_direct(frame, after, head, **base)
    before = _cue_before(frame, lexicon, region, inside, head)
    if before is not None and standalone:
        return make_direct(frame, before, head, **base)
    tree = _cue_in_tree(frame, lexicon, region, inside, head) if standalone else None
    if tree is not None:
        return make_direct(frame, tree, head, **base)
    if standalone and _repeats_earlier_quote(frame, region):
        # A pull quote: a quoted sentence repeated from the story as a layout box ("..." — Name, or bare).
        notes = ("repeats the words of an earlier quote with no cue of its own: a pull quote",)
        return Attribution(rule="pull-quote", confidence=0.0, notes=notes, **base)
    verbless = verbless_cue(frame, lexicon, region) if standalone else None
    if verbless is not None:
        return make_direct(frame, verbless, head, **base)
    if standalone:
        # No cue of its own: a candidate for a split piece or a continuation, linked afterwards.
        return Attribution(rule="unattributed", confidence=0.0, **base)
    # A quoted word or phrase inside a clause: a scare quote, a title, or a fragment that the mixed
    # rules may claim. Reported only on request (--include-unattributed), never linked as speech.
    notes = ("a quoted word or phrase inside a clause, with no speech act of its own",)
    return Attribution(rule="unattributed-fragment", confidence=0.0, notes=notes, **base)


def _repeats_earlier_quote(frame: Frame, region: QuoteRegion) -> bool:
    """The region's words (four or more) are all the words of an earlier top-level quote, or a run of them."""
    words = _WORD.findall(region.content.text.lower())
    if len(words) < 4:
        return False
    key = " ".join(words)
    for other in frame.scan.regions:
        if other.outer_end > region.outer_start:
            break
        if other.depth == 0 and key in " ".join(_WORD.findall(other.content.text.lower())):
            return True
    return False


def _reads_as_speech(frame: Frame, region: QuoteRegion, inside: list[int]) -> bool:
    """A direct quote stands as a clause of its own; a short quoted word inside a clause is a fragment.

    Surface test, robust to parse errors: a quote is speech when it has its own closing punctuation
    (``,`` ``.`` ``?`` ``!`` ``:`` just inside or right after the closing mark), opens its sentence or
    follows a colon or a comma, or runs several words. Quoted fragments ("the "detachment" of")
    are left to the mixed-quote rules.
    """
    text = frame.parse.text
    if _named(text, region.outer_start) or _title_in_body(text, region):
        return False
    content = region.content.text.rstrip()
    if content and content[-1] in ",.?!:;…—-":
        return True
    words = len(content.split())
    before = text[max(0, region.outer_start - 3) : region.outer_start].rstrip()
    if words >= 4 and (not before or before[-1] in ":,.?!—-–(\n"):
        return True
    after = text[region.close.end : region.close.end + 1] if region.close is not None else ""
    if (
        words >= 2
        and before[-1:] == ":"
        and region.close is not None
        and not text[region.close.end :].split("\n")[0].strip(" .!?")
    ):
        # "Coach: 'We Were Robbed'": a short quote after a colon that closes its line is that line's point.
        return True
    if after in {",", ".", "?", "!"} and (not before or before[-1] in ":.?!"):
        # British style, punctuation outside the marks: 'The hospital', Mr Adeyemi said, '...'
        return True
    if region.open is None or region.close is None:
        return words >= 3
    return words >= 8


def _named(text: str, start: int) -> bool:
    """The quotation is a name or a title: a naming word stands right before its opening mark.

    ``The report, titled "Water at Risk," said ...``, ``Known to fans as "the Professor," ...``: the
    words inside name a thing or a person; no one says them. "as" counts after a naming word or "known"
    a word or two before it (``known to fans as``, ``billed as``).
    """
    words = [w.lower() for w in _WORD.findall(text[max(0, start - 40) : start])]
    if not words:
        return False
    if words[-1] in NAMING_WORDS:
        return True
    return words[-1] == "as" and any(w in NAMING_WORDS for w in words[-4:-1])


def _title_in_body(text: str, region: QuoteRegion) -> bool:
    """A short quotation in Title Case inside a line that is not itself a headline is a title of a work
    (``"Sunrise Over Kabul," her film about ...``); in a headline, capitals say nothing."""
    words = LETTERS.findall(region.content.text)
    if len(words) > TITLE_MAX_WORDS or not title_cased(words) or not all(w[0].isupper() for w in words[:1]):
        return False
    line_start = text.rfind("\n", 0, region.outer_start) + 1
    line_end = text.find("\n", region.outer_end)
    return not is_headline(text[line_start : line_end if line_end >= 0 else len(text)])


def _cue_after(frame: Frame, lexicon: Lexicon, region: QuoteRegion, inside: list[int], head: int) -> Link | None:
    """``"...," Aliyev said`` / ``"...," said Aliyev``: a reporting verb right after the closing mark."""
    parse = frame.parse
    if region.close is None:
        return None
    start = frame.token_at_or_after(region.close.end)
    if start is None:
        return None
    window: list[int] = []
    for i in range(start, min(start + AFTER_WINDOW, len(parse.tokens))):
        tok = parse.tokens[i]
        if frame.in_quote(i) or frame.paragraph_of(tok.start) != frame.paragraph_of(region.close.start):
            break
        window.append(i)
        if tok.form in SENTENCE_END:
            break
    for pos, i in enumerate(window):
        verb = frame.cue(i)
        if verb is None:
            continue
        between = window[:pos]
        if any(parse.tokens[j].form in SENTENCE_END for j in between):
            break
        if pos >= WINDOW and not _np_words(parse, between):
            break
        linked = head in parse.subtree(i) or i in parse.ancestors(head) or parse.tokens[i].head in inside
        np_only = _speaker_phrase(parse, between)
        if not (np_only or linked):
            continue
        if _runs_on(parse, region, between) and _cue_has_own_content(frame, i, verb, window[pos + 1 :], True):
            # "He said it brought a "handful of unknowns" filing papers, John said none were added": the
            # sentence runs on past the quote, unpunctuated, to a cue with a clause of its own.
            return None
        if _ends_own_sentence(region) and _cue_has_own_content(frame, i, verb, window[pos + 1 :], bool(between)):
            # "We are ready." The minister later said talks would resume: a quote closed by its own full
            # stop (or ? !) ended its sentence; a verb that reports a clause of its own starts the next.
            return None
        speaker, how = speaker_of(frame, i, before=between, after=window[pos + 1 :])
        speaker, how = outside_apposition(parse, between, speaker, how)
        speaker, how = inverted_name_first(parse, i, window[pos + 1 :], speaker, how)
        if _reports_own_clause(frame, i, head, speaker):
            # "Scarborough, host of MSNBC's "Morning Joe," suggested Trump's refusal could disqualify him",
            # "Humphrey, who calls Trump a "sociopath," said he doubts ...": a cue with a clause of its
            # own after it reports that clause; the quote before it is a title or a fragment.
            return None
        notes = [
            "cue right after the closing mark" if not between else "cue after the speaker, right after the closing mark"
        ]
        if linked:
            notes.append("the tree links the quote to the cue")
        notes.append(how)
        return Link("quote-cue", Cue(i, verb, cue_span(frame, i, verb)), speaker, tuple(notes))
    return None


def _np_words(parse: Parse, tokens: list[int]) -> bool:
    """Every token of ``tokens`` is of a kind a noun phrase (a speaker's name, title, apposition) holds."""
    return all(parse.tokens[j].upos in NP_TAGS for j in tokens)


def _speaker_phrase(parse: Parse, between: list[int]) -> bool:
    """The words between a closing mark and a cue are a speaker's noun phrase, with a relative clause set
    off by commas after it (``"...," Tariq Hussain, who chairs the cooperative, said``), however the tree
    hung that clause."""
    if _np_words(parse, between):
        return True
    opener = next(
        (k for k in range(1, len(between) - 1) if parse.tokens[between[k]].form.lower() in RELATIVE_PRONOUNS),
        None,
    )
    if opener is None or parse.tokens[between[opener - 1]].form != "," or parse.tokens[between[-1]].form != ",":
        return False
    name = between[: opener - 1]
    return bool(name) and _np_words(parse, name) and not any(parse.tokens[j].form in SENTENCE_END for j in between)


def _reports_own_clause(frame: Frame, cue: int, quote_head: int, speaker: int | None) -> bool:
    """The cue has a clausal complement right after it (only its subject, addressee or adjuncts between,
    no punctuation), outside any quote and not holding the quote or the speaker, with a subject of its
    own and a verb that is no verb of saying: a full reported clause (``suggested Trump's refusal could
    disqualify him``), not a stray attachment of the parser (``said Reich, who served``, ``said as the
    crowd booed``, ``recalled him saying``)."""
    parse = frame.parse
    sentence = parse.tokens[cue].sentence
    for c in parse.children[cue]:
        tok = parse.tokens[c]
        if c <= cue or tok.rel != "ccomp" or frame.in_quote(c) or tok.sentence != sentence:
            continue
        span = parse.subtree(c)
        if quote_head in span or (speaker is not None and speaker in span) or frame.cue(c) is not None:
            continue
        first = min(j for j in span if parse.tokens[j].upos != "PUNCT")  # its own leading comma is no edge
        opener = parse.tokens[first]
        if opener.upos == "ADP" or (opener.upos == "SCONJ" and opener.form.lower() not in _COMPLEMENTIZERS):
            continue
        if first <= cue or any(parse.tokens[k].upos == "PUNCT" for k in range(cue + 1, first)):
            continue  # '..., said Reich, who served ...': set off by a comma, no complement of the cue
        if any(
            parse.tokens[k].rel in {"nsubj", "csubj"}
            and not frame.in_quote(k)
            and parse.tokens[k].form.lower() not in RELATIVE_PRONOUNS  # "says Mensah, who has sold fish"
            for k in parse.children[c]
        ):
            return True
    return False


# Words that open a reported clause (else a subordinating word opens an adverbial one: "as", "when").
_COMPLEMENTIZERS = frozenset({"that", "whether", "if"})


def _runs_on(parse: Parse, region: QuoteRegion, between: list[int]) -> bool:
    """Words follow the closing mark with no punctuation at the quote's end or right after it: the quote
    is a phrase inside a longer clause, not the content a following cue reports."""
    ends = region.content.text.rstrip()[-1:]
    return bool(between) and parse.tokens[between[0]].upos != "PUNCT" and ends.isalnum()


def _ends_own_sentence(region: QuoteRegion) -> bool:
    """The quote's content ends with sentence-final punctuation of its own (``"We are ready."``)."""
    return region.content.text.rstrip().rstrip("\"'’”»)")[-1:] in {".", "!", "?", "…"}


def _cue_has_own_content(frame: Frame, cue: int, verb: Verb, rest: list[int], subject_before: bool) -> bool:
    """The cue reports something of its own: a clause or another quote follows it in its sentence.

    Tree: a clausal complement after the cue, outside any quote. An object right after a cue whose
    subject stands before it ("The headline ... said it all"; an addressee does not count: "she told
    him"). Surface, for noisy trees: before the first comma, "that" or a verb comes after the cue (not
    inside an adverbial clause: "on condition of anonymity because he was not authorized ..." is the
    cue's own frame), or the cue's clause opens onto a further quotation (``His counterpart told
    reporters: "..."``).
    """
    parse = frame.parse
    if any(
        c > cue and parse.tokens[c].rel in {"ccomp", "xcomp"} and not frame.in_quote(c) for c in parse.children[cue]
    ):
        return True
    nxt = parse.tokens[rest[0]] if rest else None
    if (
        subject_before
        and nxt is not None
        and nxt.upos in {"PRON", "NOUN", "PROPN", "DET", "NUM"}
        and verb.lemma not in ADDRESSEE_VERBS | {"ask"}
    ):
        return True  # "The headline ... said it all": the verb has an object of its own
    for j in rest:
        tok = parse.tokens[j]
        if tok.form == "," or tok.form in SENTENCE_END:
            return False
        if tok.upos == "SCONJ" and tok.form.lower() != "that":
            return False
        if tok.form.lower() == "that" or tok.upos in {"VERB", "AUX"}:
            return True
    after = (rest[-1] if rest else cue) + 1
    return bool(rest) and after < len(parse.tokens) and frame.in_quote(after) and parse.tokens[rest[-1]].form != ","


def _cue_before(frame: Frame, lexicon: Lexicon, region: QuoteRegion, inside: list[int], head: int) -> Link | None:
    """``Aliyev said: "..."`` / ``He said, "..."``: a reporting verb in the clause that opens onto the quote."""
    parse = frame.parse
    end = frame.token_before(region.outer_start)
    if end is None:
        return None
    window: list[int] = []
    para = frame.paragraph_of(region.outer_start)
    if (
        parse.tokens[end].form in {":", ","}
        and frame.paragraph_of_token(end) == para - 1
        and frame.scan.paragraphs[para].start == region.outer_start
    ):
        # "Chen Meiling said:" (or "Rathbun stated,") closing one paragraph, the quote opening the next:
        # the colon or comma opens onto it.
        para -= 1
    for i in range(end, max(-1, end - WINDOW), -1):
        tok = parse.tokens[i]
        if frame.in_quote(i) or frame.paragraph_of(tok.start) != para:
            break
        if tok.form in SENTENCE_END:
            break
        window.append(i)
    window.reverse()
    if not window:
        return None
    # The clause must open onto the quote: a colon or comma before the mark, or the verb itself ("said").
    last = parse.tokens[window[-1]]
    opens = last.form in {":", ",", "—", "-", "–"} or last.form.lower() in {"that"}
    for pos in range(len(window) - 1, -1, -1):
        i = window[pos]
        verb = frame.cue(i)
        if verb is None:
            continue
        linked = i in parse.ancestors(head) or parse.tokens[head].head == i
        # "writing in a blog post "...", "said in a statement: "...": the cue's occasion between it and
        # the mark leaves the cue as close to the quote as if nothing stood between them.
        occasion = pos + 1 < len(window) and occasion_at(parse, window[pos + 1])
        occasion = occasion and not any(parse.tokens[j].upos == "AUX" for j in window[pos + 1 :])
        # "told the hearing: "...": the addressee between the cue and the colon.
        addressee = verb.lemma in ADDRESSEE_VERBS and 0 < len(window) - pos - 2 <= 4
        addressee = addressee and _np_words(parse, window[pos + 1 : -1])
        # The segmenter split the sentence at the quote's mark (as a displaced opener makes it do), so
        # the tree cannot link the two; the colon or comma still opens the cue's clause onto the quote.
        split = opens and parse.tokens[head].sentence != parse.tokens[i].sentence
        adjacent = pos >= len(window) - 3 or occasion or (addressee and opens) or split
        if not (opens or linked or occasion) or not (adjacent or linked):
            continue
        # "Ngozi Eze, who farms cassava outside Enugu, said:": the surface subject is the noun phrase
        # before a comma-set insertion, not the last noun inside it.
        near = [j for j in left_tokens(frame, i) if j in window[:pos]]
        speaker, how = speaker_of(frame, i, before=near or window[:pos], after=window[pos + 1 :])
        speaker, how = _participle_subject(frame, i, speaker, how)
        notes = ["cue in the clause that opens onto the quote"]
        if linked:
            notes.append("the tree links the quote to the cue")
        notes.append(how)
        return Link("cue-quote", Cue(i, verb, cue_span(frame, i, verb)), speaker, tuple(notes))
    return None


def _participle_subject(frame: Frame, cue: int, speaker: int | None, how: str) -> tuple[int | None, str]:
    """``One poster admitted ..., writing in a blog post "..."``: a participle after a comma has no subject
    of its own; when the tree gives none, its speaker is the subject that opens the sentence."""
    parse = frame.parse
    tok = parse.tokens[cue]
    participle = tok.xpos == "VBG" or tok.feat("VerbForm") == "Ger"
    own_subject = any(parse.tokens[c].deprel.startswith("nsubj") for c in parse.children[cue])
    if not participle or own_subject or cue == 0 or parse.tokens[cue - 1].form != ",":
        return speaker, how
    sentence = parse.sentences[tok.sentence]
    para = frame.paragraph_of(tok.start)
    first = next(j for j in range(sentence.first, cue + 1) if frame.paragraph_of_token(j) == para)
    opening: list[int] = []
    for j in range(first, cue):
        if parse.tokens[j].upos in {"VERB", "AUX"} or frame.in_quote(j) or parse.tokens[j].form in {",", ":"}:
            break
        opening.append(j)
    nouns = [j for j in opening if parse.tokens[j].upos in NOMINAL]
    if not nouns or not any(parse.tokens[j].upos in {"VERB", "AUX"} for j in range(opening[-1] + 1, cue)):
        return speaker, how
    return nouns[-1], "speaker: the subject that opens the sentence, for a participle after a comma (surface)"


def _cue_in_tree(frame: Frame, lexicon: Lexicon, region: QuoteRegion, inside: list[int], head: int) -> Link | None:
    """The quote's clause hangs (ccomp, parataxis) from a reporting verb outside the quote, same sentence."""
    parse = frame.parse
    sentence = parse.tokens[head].sentence
    para = frame.paragraph_of(region.outer_start)
    for anc in list(parse.ancestors(head))[:3]:
        if anc in inside or frame.in_quote(anc) or parse.tokens[anc].sentence != sentence:
            continue
        if frame.paragraph_of_token(anc) != para:
            continue  # a tree across a paragraph break is a sentence-splitting error, not a link
        lo, hi = (anc + 1, inside[0]) if anc < inside[0] else (inside[-1] + 1, anc)
        if any(parse.tokens[i].form in SENTENCE_END and not frame.in_quote(i) for i in range(lo, hi)):
            continue  # nor is one across a full stop: the parser missed a sentence boundary
        verb = frame.cue(anc)
        if verb is None:
            continue
        speaker, how = speaker_of(frame, anc, before=[], after=[])
        if _reports_own_clause(frame, anc, head, speaker):
            continue
        return Link(
            "quote-tree",
            Cue(anc, verb, cue_span(frame, anc, verb)),
            speaker,
            ("the tree links the quote to the cue", how),
        )
    return None
