"""Name the speaker behind each mention: "he", "the president" and "Aliyev" -> "Ilham Aliyev".

No coreference model is available offline, so the default resolver works on the parse alone:
proper-name chains (with the titles written before them), surnames, titles (whatever their case) and
pronouns, which :mod:`quotes.speakers.discourse` resolves by salience, number and the gender the
document gives. A spokesman, lawyer or aide keeps his own name (else his role mention) and the
person he speaks for becomes the principal (:mod:`quotes.speakers.principal`). It sits behind the
small :class:`SpeakerResolver` interface so a coreference model can replace it without touching the
rules.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Protocol

from attrs import define

from quotes.data.lexicon import Lexicon, word_sets
from quotes.parse.model import Parse
from quotes.rules.base import Attribution
from quotes.speakers.discourse import DATE_WORDS, Discourse
from quotes.speakers.entities import Entity, Weights, described_name, description
from quotes.speakers.people import TITLE_WORDS, Person, find_people, surname_match
from quotes.speakers.principal import Principal, find_principal
from quotes.text.spans import Span


@define(frozen=True)
class Resolution:
    name: str | None
    method: str  # "name" | "apposition" | "surname" | "title" | "pronoun" | "group" | "mention" | "none"
    chain: tuple[Span, ...] = ()  # the mention, then the antecedents used, latest first
    factor: float = 1.0  # how much the resolution lowers the attribution's confidence
    number: str | None = None  # "sg" for a person, "pl" for a group, None when unknown
    # The person or body the speaker speaks for ("a spokesman for X"), its words and how it was found.
    principal: str | None = None
    principal_span: Span | None = None
    notes: tuple[str, ...] = ()  # how the name was chosen, for the record's notes


# The factor of a surname that several people of the document bear: below the high-confidence band.
AMBIGUOUS_SURNAME = 0.8


class SpeakerResolver(Protocol):
    def resolve(self, parse: Parse, attributions: Sequence[Attribution]) -> list[Resolution]:
        """One resolution per attribution, in the same order."""
        ...


class RuleResolver:
    """Resolve speaker mentions from proper-name chains, titles and pronouns in the parse."""

    def __init__(self, lexicon: Lexicon, weights: Weights | None = None) -> None:
        self.lexicon = lexicon
        self.weights = weights

    def resolve(self, parse: Parse, attributions: Sequence[Attribution]) -> list[Resolution]:
        people = find_people(parse, self.lexicon)
        discourse = self.discourse(parse, attributions)
        order = sorted(range(len(attributions)), key=lambda i: _mention_start(attributions[i]))
        out: list[Resolution | None] = [None] * len(attributions)
        resolved: list[tuple[int, Resolution, Attribution]] = []  # (offset, resolution, attribution)
        for i in order:
            att = attributions[i]
            # A quote that shares an earlier one's speaker mention (a continuation) shares its name.
            same = next((r for _, r, a in resolved if att.speaker is not None and a.speaker == att.speaker), None)
            res = same or self._resolve_one(parse, att, people, resolved, discourse)
            out[i] = res
            if att.speaker is not None:
                resolved.append((att.speaker.start, res, att))
        return [r if r is not None else Resolution(None, "none") for r in out]

    def discourse(self, parse: Parse, attributions: Sequence[Attribution]) -> Discourse:
        """The document's entities and pronoun links, with the quotes' speakers and passages marked."""
        speakers = {a.speaker_token for a in attributions if a.speaker_token is not None}
        quoted = {(a.content.start, a.content.end) for a in attributions if a.kind == "direct"}
        return Discourse(parse, self.lexicon, speakers, quoted, self.weights)

    def _resolve_one(
        self,
        parse: Parse,
        att: Attribution,
        people: list[Person],
        resolved: list[tuple[int, Resolution, Attribution]],
        discourse: Discourse,
    ) -> Resolution:
        mention = att.speaker
        if mention is None:
            return Resolution(None, "none")
        head = att.speaker_token
        head_form = parse.tokens[head].form.lower() if head is not None else mention.text.lower()
        if head is not None and head_form in self.lexicon.pronouns:
            return self._pronoun(mention, head, head_form, discourse, resolved)
        principal = find_principal(parse, mention, head, self.lexicon)
        res = self._named(parse, mention, head, people, discourse, principal)
        if res.method in {"mention", "group"} and principal is None:
            res = self._self_named(att, res, discourse)
        if principal is None:
            return res
        name = self._principal_name(principal, people, discourse)
        note = f"speaks on behalf of {name}: {principal.how}"
        return Resolution(
            res.name, res.method, res.chain, res.factor, res.number, name, principal.span, (*res.notes, note)
        )

    def _named(
        self,
        parse: Parse,
        mention: Span,
        head: int | None,
        people: list[Person],
        discourse: Discourse,
        principal: Principal | None,
    ) -> Resolution:
        """The speaker's own name: in the mention, a surname, a title, or the mention itself."""
        outside = _outside(mention, principal)
        words = _words(outside.text)
        # A full name written in the mention itself ("Azerbaijani President Ilham Aliyev").
        inside = [p for p in people if mention.start <= p.span.start and p.span.end <= mention.end]
        if principal is not None:
            inside = [p for p in inside if not principal.span.overlap(p.span)]
        if inside:
            # "The secretary general of CEI (Italian Episcopal Conference), Nunzio Galantino": a name set
            # off by a comma at the mention's end is the speaker's; a name within the description is not.
            closing = [
                p
                for p in inside
                if p.span.end == mention.end and mention.text[: p.span.start - mention.start].rstrip().endswith(",")
            ]
            return Resolution((closing or inside)[0].name, "name", (mention,), number="sg")
        apposed = self._apposed(parse, mention, head, discourse)
        if apposed is not None:
            return apposed
        role, comma, closing = mention.text.rpartition(", ")
        described_first = role[:1].islower() or role.split()[0].lower() in DETERMINERS if role else False
        if comma and principal is None and described_first and _proper(closing):
            # "Its parent company, Tavira Group": a role, then the name it stands in apposition to.
            note = f"speaker named by apposition: '{closing}' after '{role}'"
            span = Span.of(parse.text, mention.end - len(closing), mention.end)
            return Resolution(closing, "apposition", (mention, span), notes=(note,))
        if principal is None:
            found = self._author(parse, mention, head) or self._acronym(mention, discourse)
            if found is not None:
                return found
        # A surname of a name given before ("Aliyev"): the most mentioned person of that surname.
        earlier = [p for p in people if p.span.start <= mention.start]
        surname = surname_match(outside.text, earlier)
        if surname is not None:
            # Two people of one surname (a father and a son): the most mentioned is a guess.
            namesakes = {p.name for p in earlier if p.tokens[-1] == surname.tokens[-1]}
            if len(namesakes) > 1:
                note = f"speaker named by surname: '{mention.text}' -> {surname.name}, one of {len(namesakes)} people"
                note += f" of that surname (the most mentioned) x{AMBIGUOUS_SURNAME}"
                chain = (mention, surname.span)
                return Resolution(surname.name, "surname", chain, AMBIGUOUS_SURNAME, "sg", notes=(note,))
            return Resolution(surname.name, "surname", (mention, surname.span), number="sg")
        # "Ambassador Mohib", "Professor Eastman": a surname after its title.
        untitled = " ".join(w for w in outside.text.split() if w.lower().strip(".") not in self.lexicon.titles)
        if untitled != outside.text:
            surname = surname_match(untitled, [p for p in people if p.span.start <= mention.start])
            if surname is not None:
                return Resolution(surname.name, "surname", (mention, surname.span), number="sg")
            # "Mr Adeyemi", "Mr. Havel": titles, then a name never given in full: the name.
            lead = outside.text.split()[0].lower().strip(".")
            titled = principal is None and lead in self.lexicon.titles | TITLE_WORDS and outside.text.endswith(untitled)
            if titled and untitled and all(w[:1].isupper() and w.lower() not in DETERMINERS for w in untitled.split()):
                return Resolution(untitled, "name", (mention,), number="sg")
        # "Pavit, the head house-servant": a name with its description in apposition is the name.
        name_part, comma, _ = mention.text.partition(", ")
        if comma and name_part[:1].isupper() and len(name_part.split()) <= 4 and principal is None:
            return Resolution(name_part, "name", (mention,), number="sg")
        if principal is not None:
            # "the ministry's spokesman" after "Karim Haddad, a spokesman for the Ministry of Water".
            found = self._same_proxy(mention, principal, people, discourse)
            if found is not None:
                return found
        titles = {w for w in words if w in self.lexicon.titles}
        titles |= {f"{a} {b}" for a, b in itertools.pairwise(words) if f"{a} {b}" in self.lexicon.titles}
        if titles and principal is None:
            # Whatever the case ("the President", "the Prime Minister"): the last person who bore the
            # title, the one whose introduction shares the mention's modifiers when several did.
            found = self._titled(mention, titles, people, discourse)
            if found is not None:
                return found
            # "the president said" with no titled name before it: the mention is the name.
        if principal is None:
            found = (
                self._referred(mention, head, discourse)
                or self._headline(mention, words, people, discourse)
                or self._aged(mention, people, discourse)
                or self._leader(mention, head, discourse)
            )
            if found is not None:
                return found
        company = self._company(mention, discourse) if principal is None else None
        if company is not None:
            name = _strip_possessive(_entity_name(company))
            note = f"speaker named by title: '{mention.text}' refers back to {name}"
            return Resolution(name, "title", (mention, company.naming_span), 0.95, "sg", notes=(note,))
        group = _is_group(words, self.lexicon)
        if group or (head is not None and parse.tokens[head].feat("Number") == "Plur"):
            number: str | None = "pl"
        elif head is not None and parse.tokens[head].upos == "PROPN":
            number = "sg"
        else:
            number = None
        name = _without_time(_strip_determiner(mention.text))
        return Resolution(name, "group" if group else "mention", (mention,), number=number)

    def _referred(self, mention: Span, head: int | None, discourse: Discourse) -> Resolution | None:
        """ "the treasurer", "the coach", "the company": the person the story introduced with that role
        (a title, an apposition, a predicate, a "who" clause) or the organisation it named, as the
        discourse linked them; a role never introduced stays the role."""
        if head is None or (not mention.text[:1].islower() and mention.text.split()[0].lower() not in _ARTICLES):
            return None
        entity = discourse.token_entity.get(head)
        if entity is None or not entity.names or entity.names[0].start >= mention.start:
            return None
        if entity.kind == "person":
            chain = (mention, entity.naming_span)
            note = f"speaker named by title: '{mention.text}' is how the story introduced {entity.name}"
            return Resolution(entity.name, "title", chain, 0.95, "sg", notes=(note,))
        if entity.kind in {"org", "person"} and entity.names[0].text[:1].isupper():
            name = entity.name if entity.kind == "person" else _entity_name(entity)
            chain = (mention, entity.naming_span)
            note = f"speaker named by title: '{mention.text}' refers back to {name}"
            return Resolution(name, "title", chain, 0.95, "sg", notes=(note,))
        return None

    def _apposed(self, parse: Parse, mention: Span, head: int | None, discourse: Discourse) -> Resolution | None:
        """The name a role stands in apposition to, which a speaker mention may leave out: "Rahel
        Tesfaye, [a spokeswoman for the government], told ..."; "according to [the state news agency],
        Kovapress". The apposition says who it is; no salience is involved."""
        described = described_name(parse, discourse.token_entity, mention)
        if described is not None:
            note = f"speaker named by apposition: '{mention.text}' describes {described.name}"
            chain = (mention, described.naming_span)
            return Resolution(described.name, "apposition", chain, number="sg", notes=(note,))
        if head is None:
            return None
        titled = TITLED.match(parse.text, mention.end)
        if titled is not None and (parse.tokens[head].lemma or "").lower() in self.lexicon.documents:
            # "The report, titled "Water at Risk," said": a document goes by its title.
            span = Span.of(parse.text, titled.start(1), titled.end(1))
            note = f"speaker named by apposition: '{mention.text}' is titled '{span.text}'"
            return Resolution(span.text, "apposition", (mention, span), notes=(note,))
        for c in parse.subtree(head):
            tok = parse.tokens[c]
            if tok.rel != "appos" or tok.upos != "PROPN" or c < head or parse.tokens[c - 1].form != ",":
                continue
            # In apposition to the speaker's noun, or to a person noun a parser split from it ("the city's
            # chief building inspector, Dimitris Kallas"); not to any noun ("the mayor of the city, Lipno").
            owner = parse.tokens[tok.head] if tok.head is not None else None
            if tok.head != head and (owner is None or not self.lexicon.is_person_noun(owner.lemma or owner.form)):
                continue
            words = [i for i in parse.subtree(c) if parse.tokens[i].upos != "PUNCT"]
            if not all(parse.tokens[i].form[:1].isupper() for i in words) or words != list(range(c, c + len(words))):
                continue
            entity = discourse.token_entity.get(c)
            span = parse.span(words[0], words[-1])
            name = entity.name if entity is not None and entity.kind == "person" else span.text
            note = f"speaker named by apposition: '{span.text}' after '{mention.text}'"
            return Resolution(name, "apposition", (mention, span), notes=(note,))
        return None

    def _headline(
        self, mention: Span, words: list[str], people: list[Person], discourse: Discourse
    ) -> Resolution | None:
        """ "Minister Says Grain Deal Within Reach" over "Trade Minister Olga Ivanenko said ...": a role in
        the headline is the person the first paragraph names with it; a bare "woman" or "man" is the
        first person it names, as a subject, when the gender agrees (a weaker guess)."""
        parse, text = discourse.parse, discourse.parse.text
        line_end = text.find("\n")
        headline = text[:line_end].rstrip().rstrip("\"'”’")
        if line_end < 0 or mention.end > line_end or headline.endswith((".", "!", "?")):
            return None
        roles = {w for w in words if self.lexicon.is_person_noun(w)}
        start = line_end + len(text[line_end:]) - len(text[line_end:].lstrip())
        end = text.find("\n\n", start)
        body = [p for p in people if start <= p.span.start < (end if end >= 0 else len(text))]
        if not roles or not body:
            return None
        for person in body:
            if roles & _titles_of(person, discourse):
                note = f"speaker named by title: the headline's '{mention.text}' is {person.name}, so introduced"
                return Resolution(person.name, "title", (mention, person.span), 0.95, "sg", notes=(note,))
        first = body[0]
        entity = discourse.token_entity.get(_last_token(parse, first.span))
        genders = {self.lexicon.gender(w) for w in roles} - {None}
        opens = first.subject or first.span.start == start  # a paragraph opening with the name: its subject
        if opens and entity is not None and entity.kind == "person" and genders == {entity.gender or entity.hint}:
            note = f"speaker named by title: the headline's '{mention.text}' is {first.name}, the first person below it"
            return Resolution(first.name, "title", (mention, first.span), 0.75, "sg", notes=(note,))
        return None

    def _aged(self, mention: Span, people: list[Person], discourse: Discourse) -> Resolution | None:
        """ "Hiroshi Kuroda ... the 71-year-old governor confirmed": news gives a person's age when it
        refers back to him, so a definite role with an age is the person named latest (a guess like a
        pronoun's, below the high-confidence band)."""
        text = discourse.parse.text
        before = text[max(0, mention.start - 16) : mention.start]
        words = (before + mention.text).split()
        aged = [k for k, w in enumerate(words) if AGE.fullmatch(w)]
        if not aged or aged[0] == 0 or words[aged[0] - 1].lower() not in _ARTICLES:
            return None
        earlier = [p for p in people if p.span.end <= mention.start]
        if not earlier:
            return None
        person = earlier[-1]
        note = f"speaker named by age: '{mention.text}' refers back to {person.name}, the person named latest"
        return Resolution(person.name, "title", (mention, person.span), 0.75, "sg", notes=(note,))

    def _leader(self, mention: Span, head: int | None, discourse: Discourse) -> Resolution | None:
        """ "Sipho Nkosi has led the transport union since 2017 ... said the union's general secretary": a
        role that heads a body, owned by that body, is the person the story said leads it."""
        parse = discourse.parse
        if head is None or parse.tokens[head].form.lower() not in LEADER_NOUNS:
            return None
        owners = [
            parse.tokens[c].form.lower().removesuffix("'s").removesuffix("’s")
            for c in parse.children[head]
            if parse.tokens[c].deprel == "nmod:poss" or parse.tokens[c].form.endswith(("'s", "’s"))
        ]
        if not owners:
            return None
        for verb in reversed(range(parse.tokens_in(mention.start, mention.end)[0])):
            tok = parse.tokens[verb]
            if tok.upos != "VERB" or (tok.lemma or tok.form).lower() not in LEAD_VERBS:
                continue
            rels = {parse.tokens[c].rel: c for c in parse.children[verb]}
            body = parse.tokens[rels["obj"]] if "obj" in rels else None
            leader = discourse.token_entity.get(rels["nsubj"]) if "nsubj" in rels else None
            if body is None or (body.lemma or body.form).lower() != owners[0] or leader is None:
                continue
            if leader.kind == "person" and leader.names:
                note = f"speaker named by title: '{mention.text}' heads the {owners[0]} {leader.name} leads"
                return Resolution(leader.name, "title", (mention, leader.naming_span), 0.85, "sg", notes=(note,))
        return None

    def _author(self, parse: Parse, mention: Span, head: int | None) -> Resolution | None:
        """ "A report by the Halden Institute", "The World Forestry Council's annual report", "Data from
        the weather service": a work speaks for its author, named in the mention."""
        if head is None:
            return None
        noun = parse.tokens[head]
        if (noun.lemma or noun.form).lower() not in AUTHORED and noun.form.lower() not in AUTHORED:
            return None
        inside = set(parse.tokens_in(mention.start, mention.end))
        for c in [c for c in parse.subtree(head) if c in inside and c != head]:
            tok = parse.tokens[c]
            words = [t for t in parse.subtree(c) if t in inside and parse.tokens[t].upos not in {"ADP", "PUNCT"}]
            if not words:
                continue
            possessive = tok.deprel == "nmod:poss" or tok.form.endswith(("'s", "’s"))
            owner = tok.head == head and possessive and tok.form[:1].isupper()
            first = words[0]
            while owner and first - 1 in inside and parse.tokens[first - 1].upos == "PROPN":
                first -= 1  # "World Forestry Council's": a parser may hang the name's words on the noun
            span = parse.span(first, words[-1])
            cases = {parse.tokens[k].form.lower() for k in parse.children[c] if parse.tokens[k].rel == "case"}
            # "by" anywhere in the phrase ("an analysis of shipping data by Reuters"); "from" on the noun
            by = tok.rel == "nmod" and ("by" in cases or (tok.head == head and "from" in cases))
            if owner or by:
                name = _strip_possessive(_strip_determiner(span.text).removesuffix("'").removesuffix("’"))
                note = f"speaker named by author: '{mention.text}' speaks for {name}"
                return Resolution(name, "author", (mention, span), notes=(note,))
        return None

    def _acronym(self, mention: Span, discourse: Discourse) -> Resolution | None:
        """ "The NRSB" after "The National Rail Safety Board (NRSB)": the body whose initials it is."""
        letters = _strip_determiner(mention.text)
        if not (letters.isalpha() and letters.isupper() and 2 <= len(letters) <= 6):
            return None
        for entity in reversed(discourse.entities):
            for span in entity.names:
                initials = "".join(w[0] for w in span.text.split() if w[:1].isupper())
                if span.start < mention.start and initials == letters and len(span.text.split()) > 1:
                    name = _strip_determiner(span.text)
                    note = f"speaker named by acronym: '{mention.text}' is {name}"
                    return Resolution(name, "acronym", (mention, span), 0.95, "sg", notes=(note,))
        return None

    def _same_proxy(
        self, mention: Span, principal: Principal, people: list[Person], discourse: Discourse
    ) -> Resolution | None:
        """A definite proxy ("the ministry's spokesman", "the family's lawyer") is the person the story
        introduced as that proxy of that principal: his own name, with the apposition as evidence. An
        indefinite one ("a spokesman for the ministry") is someone new."""
        first = mention.text.split()[0].lower()
        if principal.proxy == "for" or not (first in _ARTICLES or principal.span.start == mention.start):
            return None
        wanted = _stems(principal.span.text)
        for person in reversed([p for p in people if p.span.end <= mention.start]):
            entity = discourse.token_entity.get(_last_token(discourse.parse, person.span))
            if principal.proxy not in _titles_of(person, discourse) or entity is None:
                continue
            if wanted & _stems(description(discourse.parse, entity)):
                note = f"speaker named by title: '{mention.text}' is how the story introduced {person.name}"
                return Resolution(person.name, "title", (mention, person.span), 0.95, "sg", notes=(note,))
        return None

    def _titled(self, mention: Span, titles: set[str], people: list[Person], discourse: Discourse) -> Resolution | None:
        earlier = [p for p in people if p.span.start <= mention.start]
        bearers = [p for p in earlier if _titles_of(p, discourse) & titles]
        if not bearers:
            return None
        pick = bearers[-1]
        notes: tuple[str, ...] = ()
        if len({p.name for p in bearers}) > 1:
            entity = discourse.titled(titles, mention)
            named = [p for p in bearers if entity is not None and p.name in {s.text for s in entity.names}]
            if named and named[-1].name != pick.name:
                pick = named[-1]
                notes = (f"speaker named by title: '{mention.text}' matches how {pick.name} was introduced",)
        return Resolution(pick.name, "title", (mention, pick.span), 0.95, "sg", notes=notes)

    def _principal_name(self, principal: Principal, people: list[Person], discourse: Discourse) -> str:
        span = principal.span
        tokens = discourse.parse.tokens_in(span.start, span.end)
        if len(tokens) == 1 and tokens[0] in discourse.links:  # "his spokesman": whom "his" stands for
            return _entity_name(discourse.links[tokens[0]].entity)
        inside = [p for p in people if span.start <= p.span.start and p.span.end <= span.end]
        if inside:
            return _strip_possessive(inside[0].name)
        if tokens and span.text.split()[0].lower() in _ARTICLES:
            # "a spokeswoman for the mayor": the mayor the story named, when it did.
            entity = discourse.token_entity.get(tokens[-1])
            named = entity is not None and entity.names and entity.names[0].start < span.start
            # A body ("the ministry") is never a person's name: a name of unknown kind that "the ministry"
            # was linked to is filed as a person, so a person stands for a principal only when the
            # principal's own noun names a person ("the mayor").
            noun = discourse.parse.tokens[tokens[-1]]
            person_noun = self.lexicon.is_person_noun(noun.lemma or noun.form)
            if named and (
                (entity.kind == "person" and person_noun)
                or (entity.kind == "org" and entity.names[0].text[:1].isupper())
            ):
                return _entity_name(entity)
        surname = surname_match(span.text, [p for p in people if p.span.start <= span.start])
        if surname is not None:
            return surname.name
        org = self._company(span, discourse)
        if org is not None and org.kind == "org":
            return _entity_name(org)
        return _strip_determiner(span.text)

    def _self_named(self, att: Attribution, res: Resolution, discourse: Discourse) -> Resolution:
        """ "The company said in a statement: 'Meridian Health regrets ...'": a body the story has not
        named yet that names itself as the first words of what it says, in its own words (a reported
        clause is the writer's: "The ministry said Kestrel Mining had lost its licence")."""
        mention, content = att.speaker, att.content
        words = _words(mention.text) if mention is not None else []
        if mention is None or att.kind != "direct" or len(words) != 2 or words[0] not in _ARTICLES:
            return res
        if words[1] not in self.lexicon.company_nouns:
            return res
        opening = discourse.parse.text[content.start : content.end].lstrip("\"'“‘ ")
        start = content.end - len(opening)
        for entity in discourse.entities:
            first = entity.names[0] if entity.names else None
            if first is None or first.start != start or not first.text[:1].isupper() or not opening:
                continue
            if entity.kind == "org" or (entity.kind == "person" and not (entity.votes or entity.titles)):
                name = _strip_possessive(first.text)
                note = f"speaker named by title: '{mention.text}' names itself {name} in its words"
                return Resolution(name, "title", (mention, first), 0.8, "sg", notes=(note,))
        return res

    def _company(self, span: Span, discourse: Discourse) -> Entity | None:
        """ "the ministry" in "the ministry's spokesman", "the carmaker's announcement", where a tokenizer
        kept the possessive on its word (so no role mention was made of it): the body named before."""
        words = span.text.split()
        if words and words[0].lower() not in _ARTICLES:  # the possessor without its article: "ministry"
            words = discourse.parse.text[max(0, span.start - 4) : span.start].split()[-1:] + words
        if len(words) != 2 or words[0].lower() not in _ARTICLES:
            return None
        noun = _strip_possessive(words[1].lower())
        return discourse.named_org(noun, span) if noun in self.lexicon.company_nouns else None

    def _pronoun(
        self,
        mention: Span,
        head: int,
        form: str,
        discourse: Discourse,
        resolved: list[tuple[int, Resolution, Attribution]],
    ) -> Resolution:
        gender, number = self.lexicon.pronouns[form]
        link = discourse.links.get(head)
        if link is not None and (number == "sg" or form == "they" or gender == "n"):
            entity = link.entity
            name = _entity_name(entity)
            # A role quoted before keeps the name its record was filed under ("doctor at the hospital").
            for _, res, att in reversed(resolved):
                if att.speaker_token is not None and discourse.token_entity.get(att.speaker_token) is entity:
                    if res.name and entity.kind != "person":
                        name = res.name
                    break
            chain = tuple(dict.fromkeys((mention, link.antecedent, entity.naming_span)))
            why = ", ".join(link.reasons) or "the most salient"
            note = (
                f"speaker named by pronoun: '{mention.text}' -> {name} ({why}; salience {link.score:.0f}"
                f" against {link.runner_up:.0f}) x{link.factor}"
            )
            return Resolution(name, "pronoun", chain, link.factor, number, notes=(note,))
        if number == "pl" and form == "they":
            for _, res, att in reversed(resolved):
                if res.number == "pl" and res.name and att.speaker is not None:
                    return Resolution(res.name, "pronoun", (mention, att.speaker), 0.8, "pl")
        return Resolution(None, "pronoun", (mention,), 0.7, number)


def _proper(text: str) -> bool:
    """A proper name: capitalized words, with the particles a name may hold ("Larsen & Holt")."""
    words = text.split()
    return bool(words) and words[0][:1].isupper() and all(w[:1].isupper() or w in {"&", "of", "de"} for w in words)


def _stems(text: str) -> set[str]:
    """Word stems to compare two descriptions ("Russia's" ~ "Russian", "ministry" ~ "Ministry")."""
    return {w[:5] for w in re.findall(r"\w+", text.lower()) if w not in {"the", "a", "an", "of", "for", "to", "s"}}


def _strip_possessive(name: str) -> str:
    if name.endswith(("s'", "s’")) and len(name) > 2:  # "Orion Motors’ shares"
        return name[:-1]
    return name[:-2] if name.endswith(("'s", "’s")) and len(name) > 2 else name


_ARTICLES = frozenset({"the", "this", "that"})
LEAD_VERBS = word_sets("speaker_words.txt")["lead_verb"]
LEADER_NOUNS = word_sets("speaker_words.txt")["leader_noun"]
TITLED = re.compile(r",?\s*(?:titled|entitled)\s+[\"“‘']([^\"”’']+?)[,.]?[\"”’']")
AUTHORED = word_sets("speaker_words.txt")["authored_noun"]
AGE = re.compile(r"\d+-year-old")
# Words that open a date phrase on a mention's end: "on Monday", "last March", "this week".
TIME_PREPOSITIONS = frozenset({"on", "in", "at", "last", "this", "next", "early", "late"})


def _entity_name(entity: Entity) -> str:
    if entity.kind == "person" or entity.label:
        return entity.name
    return _strip_determiner(entity.naming_span.text)


def _titles_of(person: Person, discourse: Discourse) -> set[str]:
    """The titles written before a name, and those the document gave the same person elsewhere."""
    entity = discourse.token_entity.get(_last_token(discourse.parse, person.span))
    return set(person.titles) | (entity.titles if entity is not None else set())


def _last_token(parse: Parse, span: Span) -> int:
    inside = parse.tokens_in(span.start, span.end)
    return inside[-1] if inside else -1


def _outside(mention: Span, principal: Principal | None) -> Span:
    """The mention without the principal's words: what may name the speaker himself."""
    if principal is None:
        return mention
    text = (
        mention.text[: principal.span.start - mention.start]
        + " " * len(principal.span)
        + mention.text[principal.span.end - mention.start :]
    )
    return Span(mention.start, mention.end, text)


def _mention_start(att: Attribution) -> int:
    return att.speaker.start if att.speaker is not None else att.content.start


def _words(text: str) -> list[str]:
    return [w.strip(".,'’\"").lower() for w in text.split() if w.strip(".,'’\"")]


def _without_time(text: str) -> str:
    """A mention's words without the date a parser left on them: "The retailer on Monday" names the
    retailer, never a day."""
    words = text.split()
    for k in range(len(words) - 1, 0, -1):
        if words[k].lower() in TIME_PREPOSITIONS:
            if all(w.lower().strip(".,") in DATE_WORDS or w.strip(".,").isdigit() for w in words[k + 1 :]):
                return " ".join(words[:k]).rstrip(",")
            break
    return text


def _strip_determiner(text: str) -> str:
    """A role's words without the determiner: "the mayor", "her lawyer", "one resident" -> the role."""
    first, _, rest = text.partition(" ")
    if first.lower() in {"the", "a", "an"} or rest[:1].islower():  # "Her Majesty's Government" stays
        return rest if rest and first.lower() in DETERMINERS else text
    return text


DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "one"})


def _is_group(words: Sequence[str], lexicon: Lexicon) -> bool:
    return bool(words) and words[-1] in lexicon.groups
