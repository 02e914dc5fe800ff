"""Who the people of a document are, and who each third-person pronoun stands for.

A light coreference pass in text order over the parse alone. Mentions are proper names (one word or
more, titles split off), role nouns ("the mayor", "a woman", "the company's chief executive", and any
noun a "who" clause describes), collective nouns ("the jury"), names after "the" (bodies: "the
Senate") and pronouns. Names join an entity by surname or given name; a plural name ("Thais") is a
group; a one-word name that acts like a person anywhere in the document is one everywhere. A definite
role joins the person who was introduced with that title, else it is an entity of its own, named by
its words ("the mayor" stays "mayor"). Each pronoun takes the most salient entity that agrees with it
(:mod:`quotes.speakers.antecedents`):

* **salience** follows Lappin and Leass (1994): a mention earns points for being there, as a subject,
  an object, a quoted speaker ...; an entity's weight in a sentence is its best mention's, halved for
  every sentence back. The story's main subject keeps a share of its weight, so a pronoun at a
  paragraph's start after a digression still finds it. The weights are data
  (``quotes/data/salience.txt``), tuned on GUM's development documents
  (:mod:`quotes.evaluation.pronouns` scores every third-person pronoun there);
* **number**: "he"/"she" want one person, "they" a group or a plural role (an organisation only at a
  heavy cost), "it" an organisation or a body;
* **gender**, where the document says it: honorifics and gendered role nouns at a name ("Mrs.",
  "spokeswoman", "actor", in a title or an apposition), a given name that says it (the 1990 US
  Census lists: ``quotes.data.lexicon.census_given_names``), the pronouns already tied to the entity.
  Unknown gender never excludes an entity; an agreeing one gains more than a sentence of recency. A
  given name the census does not list may still suggest one (the names of the world:
  ``quotes.data.lexicon.world_given_gender``); that hint keeps an entity out only while another agrees.

Kinds agree: a date or time word ("Monday", "March") is never an entity; an organisation keeps its
"of" name ("Ministry of Health"); people named together ("A and B") are also a group "they" may take,
named by both names; "the company" joins the organisation the story named (:mod:`quotes.speakers.role_mentions`).
"""

from __future__ import annotations

from collections.abc import Iterable

from quotes.data.lexicon import Lexicon, word_sets
from quotes.parse.model import Parse
from quotes.speakers.antecedents import choose
from quotes.speakers.entities import (
    EMBEDDED,
    LOCATIVE,
    NOT_NAMES,
    PRONOUNS,
    Entity,
    PronounLink,
    Weights,
    animate_nouns,
    is_surname,
    locative,
    main_clause,
    name_runs,
    same_given,
)
from quotes.speakers.people import AMPERSAND, TITLE_WORDS
from quotes.speakers.principal import proxy_object
from quotes.speakers.role_mentions import RoleMentions
from quotes.speakers.roles import conjoined_label, name_start, of_name_end
from quotes.text.spans import Span

# A name run ending in one of these is a date or a time ("Monday", "March", "Christmas Day"): never an
# entity, so "it said" after "on Monday" looks past it to the organisation.
DATE_WORDS = word_sets("rule_words.txt")["not_name"] | word_sets("rule_words.txt")["time_word"]

DEFAULT_WEIGHTS = Weights.load()


class Discourse(RoleMentions):
    """The entities of one document and the resolution of every third-person pronoun outside quotes."""

    def __init__(
        self,
        parse: Parse,
        lexicon: Lexicon,
        speakers: Iterable[int] = (),
        quoted=(),
        weights: Weights | None = None,
    ) -> None:
        self.parse = parse
        self.w = weights or DEFAULT_WEIGHTS
        self.lexicon = lexicon
        self.entities: list[Entity] = []
        self.token_entity: dict[int, Entity] = {}  # mention head -> entity
        self.last_mention: dict[int, Span] = {}  # entity id -> latest mention span so far
        self.links: dict[int, PronounLink] = {}  # pronoun token -> resolution
        # pronoun token -> the entities known there, and whether each agrees (for the diagnostics)
        self.candidates_at: dict[int, list[tuple[Entity, bool]]] = {}
        self.speakers = set(speakers)
        self.quoted = sorted(quoted)
        self.bodies: list[list[int]] = []  # names after "the": bodies, places, things
        self.consumed: set[int] = set()  # name words taken into an organisation's "of" name
        self.pairs: dict[int, tuple[Entity, list[Entity]]] = {}  # first conjunct's head -> "A and B"
        self.name_runs = name_runs(parse, lexicon, self.bodies)
        # Salience is halved per sentence of narration: the sentences of one quoted passage are one
        # utterance of its speaker and do not push the story's people back.
        self.step: list[int] = []
        n = -1
        for sentence in parse.sentences:
            quoted_whole = sentence.last > sentence.first and all(
                self._in_quote(parse.tokens[i].start) for i in (sentence.first, sentence.last - 1)
            )
            if n < 0 or not quoted_whole:
                n += 1
            self.step.append(n)
        self.animate = animate_nouns(parse)  # nouns a "who" clause shows to be people
        # A one-word name that acts like a person somewhere in the document is a person wherever it
        # stands ("Warhol's obsession" as well as "Warhol said"). Empty while it is gathered, since
        # _person_like reads it.
        self.acting: set[str] = set()
        self.acting = {
            parse.tokens[run[0]].form.lower()
            for run, titles in self.name_runs
            if len(run) == 1 and self._person_like(run[0], titles)
        }
        self._build()

    # -- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        parse = self.parse
        runs = {run[-1]: run for run, _ in self.name_runs}
        titles_of = {run[-1]: titles for run, titles in self.name_runs}
        in_run = {i for run, _ in self.name_runs for i in run}
        bodies = {run[-1]: run for run in self.bodies}
        in_run |= {i for run in self.bodies for i in run}
        for tok in parse.tokens:
            i = tok.index
            low = tok.form.lower()
            inside = self._in_quote(tok.start)
            if i in self.consumed:
                continue
            if i in runs:
                self._name(runs[i], titles_of[i], inside)
            elif i in bodies:
                self._body(bodies[i], inside)
            elif low in PRONOUNS and tok.upos == "PRON" and not inside:
                self._pronoun(i, low)
            elif self._nominal(i) and i not in in_run:
                self._role(i, inside)

    def _nominal(self, i: int) -> bool:
        """A noun, or a person noun a noisy tagger took for an adjective ("the chief executive")."""
        tok = self.parse.tokens[i]
        if tok.upos == "NOUN":
            return True
        return tok.upos == "ADJ" and tok.rel != "amod" and self.lexicon.is_person_noun(tok.form)

    def _in_quote(self, offset: int) -> bool:
        return any(a <= offset < b for a, b in self.quoted)

    def _rel(self, head: int) -> str:
        """The mention's function in its clause: an apposition's is that of the noun it describes."""
        tok = self.parse.tokens[head]
        if tok.rel in {"appos", "flat"} and tok.head is not None:
            return self.parse.tokens[tok.head].rel
        return tok.rel

    def _weight(self, head: int, inside: bool) -> float:
        rel = self._rel(head)
        weights = self.w
        w = weights.recency
        if rel in {"nsubj", "csubj"}:
            w += weights.subject
        elif rel == "obj":
            w += weights.object
        elif rel in {"iobj", "obl"}:
            w += weights.oblique
        if rel not in EMBEDDED:
            w += weights.head
        if rel not in {"obl", "advmod", "nmod"}:
            w += weights.non_adverbial
        if main_clause(self.parse, head):
            w += weights.main_clause
        if head in self.speakers or self._speaker_apposition(head):
            w += weights.quoted
        return w / 2 if inside else w

    def _mention(self, entity: Entity, head: int, span: Span, inside: bool = False, claim: bool = True) -> None:
        sentence = self.step[self.parse.tokens[head].sentence]
        entity.weights[sentence] = max(entity.weights.get(sentence, 0.0), self._weight(head, inside))
        entity.mentions += 1
        entity.narrated = entity.narrated or not inside
        if claim:  # a pair ("A and B") leaves its words to the people it joins
            for i in self.parse.tokens_in(span.start, span.end):
                self.token_entity.setdefault(i, entity)
            self.token_entity[head] = entity
        self.last_mention[entity.id] = span

    def _speaker_apposition(self, head: int) -> bool:
        """ "A spokeswoman for X, Ada Berg, said": the name in apposition to a quoted speaker is quoted too."""
        tok = self.parse.tokens[head]
        if tok.rel not in {"appos", "flat"} or tok.head is None:
            return False
        owner = tok.head
        if proxy_object(self.parse, owner, self.lexicon):
            owner = self.parse.tokens[owner].head
        return owner in self.speakers

    def _new(self, kind: str, number: str) -> Entity:
        entity = Entity(len(self.entities), kind, number)
        self.entities.append(entity)
        return entity

    def _name(self, run: list[int], titles: set[str], inside: bool) -> None:
        parse, lexicon = self.parse, self.lexicon
        # The name's head in the tree: UD hangs "Aliyev" on "Ilham" (flat), others the other way.
        head = next((i for i in run if parse.tokens[i].head not in run), run[-1])
        span = parse.span(run[0], run[-1])
        words = [parse.tokens[i].form.lower().strip(".") for i in run]
        # "Orion Motors’ shares": a tokenizer may leave the possessive on the name's last word.
        last = words[-1].removesuffix("'s").removesuffix("’s").rstrip("'’")
        if last in DATE_WORDS:
            return  # "on Monday", "last March": a date is no one "it" or "they" could stand for
        acronym = len(run) == 1 and parse.tokens[head].form.isupper()  # "NASA"; not "KAMALA HARRIS"
        firm = AMPERSAND in words  # "Larsen & Holt"
        if last in lexicon.not_person or last in lexicon.groups or last in lexicon.documents or acronym or firm:
            span = self._organisation_span(run)
            entity = self._find_org(span.text) or self._new("org", "sg")
            entity.names.append(span)
            self._mention(entity, head, span, inside)
            return
        entity = self.find_person(words)
        if locative(self.parse, head) and (entity is None or len(run) == 1):
            return  # "in Ohio", "from Ramallah": a place, whatever its capitals
        if (
            entity is not None
            and len(run) == 1
            and not is_surname(entity, last)
            and not self._person_like(head, titles)
        ):
            return  # a given name alone links only when it acts like a person
        if entity is None:
            if len(run) == 1 and not self._person_like(head, titles):
                return
            if parse.tokens[head].feat("Number") == "Plur":  # "Thais", "the Massachusetts Volunteers"
                entity = self._find_org(span.text, "group") or self._new("group", "pl")
                entity.names.append(span)
                self._mention(entity, head, span, inside)
                return
            entity = self._new("person", "sg")
        entity.names.append(span)
        entity.titles |= titles
        for title in titles:
            gender = lexicon.gender(title)
            if gender:
                entity.vote(gender, 3.0, f"'{title}' at '{span.text}'")
        given_name = len(words) > 1 or len(entity.names) == 1
        given = lexicon.given_gender(words[0]) if given_name else None
        if given:  # "Margaret Okafor"; a surname alone ("Thomas" after "Dylan Thomas") says nothing
            entity.vote(given, 2.0, f"the given name '{parse.tokens[run[0]].form}'")
        elif len(words) > 1 and entity.hint is None:
            entity.hint = lexicon.world_given_gender(words[0])
            entity.hint_evidence = f"the given name '{parse.tokens[run[0]].form}' (names of the world)"
        for word, why in self._attached_roles(head):
            entity.titles.add(word)
            gender = lexicon.gender(word)
            if gender:
                entity.vote(gender, 3.0, f"'{word}' {why} '{span.text}'")
        self._mention(entity, head, span, inside)
        self._conjoined(head, entity, span)

    def _organisation_span(self, run: list[int]) -> Span:
        """An organisation's whole name, "of" and what follows included ("Ministry of Health")."""
        end = of_name_end(self.parse, run[-1])
        self.consumed.update(range(run[-1] + 1, end + 1))
        return self.parse.span(name_start(self.parse, run[0]), end)

    def _conjoined(self, head: int, entity: Entity, span: Span) -> None:
        """People named together ("Ngozi Eze and Tunde Bello") are also one group that "they" may take,
        named by both names."""
        parse = self.parse
        tok = parse.tokens[head]
        if tok.rel != "conj" or tok.head is None:
            return
        first = self.token_entity.get(tok.head)
        if first is None or first.kind != "person" or first is entity:
            return
        between = parse.text[self.last_mention[first.id].end : span.start].split()
        if between not in (["and"], [",", "and"], ["&"]) and between[-1:] != ["and"]:
            return
        pair, members = self.pairs.get(tok.head) or (self._new("group", "pl"), [first])
        self.pairs[tok.head] = (pair, members)
        members.append(entity)
        whole = Span.of(parse.text, self.last_mention[first.id].start, span.end)
        pair.names = [whole]
        pair.label = conjoined_label([m.name for m in members])
        self._mention(pair, tok.head, whole, claim=False)

    def _body(self, run: list[int], inside: bool) -> None:
        """A name after "the" ("the Senate", "the State"): a body "it" (less often "they") may stand for."""
        head = next((i for i in run if self.parse.tokens[i].head not in run), run[-1])
        if locative(self.parse, head):
            return  # "in the Netherlands": a place
        if self.parse.tokens[run[-1]].form.lower() in DATE_WORDS:
            return  # "the Monday before"
        span = self._organisation_span(run)
        entity = self._find_org(span.text) or self._new("org", "sg")
        entity.names.append(span)
        self._mention(entity, head, span, inside)

    def _person_like(self, head: int, titles: set[str]) -> bool:
        """A one-word name is taken for a person when it acts (a subject or a speaker) or has a title,
        and never after a preposition of place ("in Ohio")."""
        tok = self.parse.tokens[head]
        if tok.form.lower() in NOT_NAMES:
            return False
        cases = {
            self.parse.tokens[c].form.lower() for c in self.parse.children[head] if self.parse.tokens[c].rel == "case"
        }
        if cases & LOCATIVE:
            return False
        if (
            tok.rel == "appos"
            and tok.head is not None
            and self.lexicon.is_person_noun(self.parse.tokens[tok.head].form)
        ):
            return True  # "his brother, Philonise"
        owner = tok.deprel == "nmod:poss" and tok.head is not None
        if owner and self.lexicon.is_person_noun(self.parse.tokens[tok.head].form):
            return True  # "Thomas' sister": people have sisters, lawyers, wives
        return bool(titles) or self._rel(head) == "nsubj" or head in self.speakers or tok.form.lower() in self.acting

    def find_person(self, words: list[str]) -> Entity | None:
        """The person a name belongs to: same surname (and a compatible given name), else a one-word
        name met before that is this name's given name. Among several people of one surname, the one
        named most often, the first introduced on a tie: a biography's subject before her father."""
        last, first = words[-1], words[0] if len(words) > 1 else None
        found: list[tuple[int, Entity]] = []
        for entity in self.entities:
            if entity.kind != "person":
                continue
            rank = None
            for span in entity.names:
                known = [w.lower().strip(".") for w in span.text.split()]
                if (len(known) == 1 and (known[0] == last or (first and known[0] == first))) or (
                    known[-1] == last and (first is None or same_given(first, known[0]) or len(known) == 1)
                ):
                    rank = 2
                elif first is None and len(known) > 1 and known[0] == last and last not in TITLE_WORDS:
                    rank = 1  # "Anna" after "Anna Petrova"
                if rank:
                    break
            if rank:
                found.append((rank, entity))
        if not found:
            return None
        best = max(rank for rank, _ in found)
        return max((e for rank, e in found if rank == best), key=lambda e: (len(e.names), -e.id))

    def _find_org(self, text: str, kind: str = "org") -> Entity | None:
        return next((e for e in self.entities if e.kind == kind and any(s.text == text for s in e.names)), None)

    def _pronoun(self, head: int, form: str) -> None:
        sentence = self.step[self.parse.tokens[head].sentence]
        link, known = choose(
            self.parse,
            self.w,
            self.entities,
            self.last_mention,
            self.token_entity,
            head,
            form,
            sentence,
            excluded=self.named_in_clause(head),
            speaker=head in self.speakers,
        )
        self.candidates_at[head] = known
        if link is None:
            return
        self.links[head] = link
        gender = PRONOUNS[form][0]
        entity, span = link.entity, self.parse.span(head, head)
        # A clear winner lends the entity the pronoun's gender: later pronouns can then tell people apart.
        clear = link.score >= self.w.vote_margin * link.runner_up
        if gender in {"m", "f"} and entity.gender in {None, gender} and clear:
            entity.vote(gender, 1.0, f"'{form}' at {span.start}")
        self._mention(entity, head, span)

    def named_in_clause(self, head: int) -> set[int]:
        """Entities named by a full noun phrase in the clause a subject pronoun governs ("He described
        Montalvo as ...": not Montalvo); a pronoun never points to a name it commands."""
        parse = self.parse
        tok = parse.tokens[head]
        if tok.rel != "nsubj" or tok.head is None:
            return set()
        clause = set(parse.subtree(tok.head)) - set(parse.subtree(head))
        found: set[int] = set()
        for run, _ in self.name_runs:
            if run[-1] in clause and run[-1] > head:
                entity = self.find_person([parse.tokens[i].form.lower().strip(".") for i in run])
                if entity is not None:
                    found.add(entity.id)
        return found
