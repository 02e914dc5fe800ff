"""Role mentions of the discourse model: "the mayor", "the union's treasurer", "the company".

A definite role joins the person the story introduced with that title (in a title, an apposition, a
predicate or a "who" clause: :mod:`quotes.speakers.roles`), "the company" joins the organisation the
story named, and any other role is an entity of its own, named by its words ("the mayor" stays
"mayor"). :class:`RoleMentions` is the part of :class:`quotes.speakers.discourse.Discourse` that
builds these; it reads the document's entities as the discourse has built them so far.
"""

from __future__ import annotations

import re

from quotes.data.lexicon import Lexicon, sections, word_sets
from quotes.parse.model import Parse
from quotes.speakers.entities import Entity, described_name, description, role_span
from quotes.speakers.principal import proxy_object
from quotes.speakers.roles import predicated_subject, relative_roles
from quotes.text.spans import Span

# Company nouns that may name one body ("federation" and "union"): data/speaker_words.txt [body_kin].
BODY_KIN = {w: frozenset(line.split()) for line in sections("speaker_words.txt")["body_kin"] for w in line.split()}

PUBLISH_VERBS = word_sets("speaker_words.txt")["publish_verb"]
OWN = frozenset({"its", "their", "his", "her"})


class RoleMentions:
    """Role and title mentions; mixed into :class:`~quotes.speakers.discourse.Discourse`, whose
    ``_nominal``, ``_new`` and ``_mention`` it calls and whose state it reads:"""

    parse: Parse
    lexicon: Lexicon
    entities: list[Entity]
    token_entity: dict[int, Entity]
    animate: set[str]
    speakers: set[int]

    def _attached_roles(self, head: int) -> list[tuple[str, str]]:
        """Role nouns in apposition to a name, either way round ("Lena Ruiz, an actress";
        "the company's chief executive, Priya Raman"), with the compound before them."""
        parse, out = self.parse, []
        # "Dr. Amina Sesay, who directs ...": a parser may hang the name on its title, and the
        # apposition or the clause on the title with it.
        up = parse.tokens[head].head
        while parse.tokens[head].rel == "flat" and up is not None and up < head:
            head, up = up, parse.tokens[up].head
        tok = parse.tokens[head]
        related = [c for c in parse.children[head] if parse.tokens[c].rel == "appos"]
        if tok.rel in {"appos", "flat"} and tok.head is not None:
            # "an aide to the governor, Tobias Kern": the name is the aide's, not the governor's.
            owner = tok.head
            related.append(parse.tokens[owner].head if proxy_object(parse, owner, self.lexicon) else owner)
        for r in related:
            noun = parse.tokens[r]
            if not self._nominal(r):
                continue
            low = noun.form.lower()
            out.append((low, "in apposition to"))
            before = [
                parse.tokens[c].form.lower() for c in parse.children[r] if parse.tokens[c].rel in {"compound", "amod"}
            ]
            out.extend((f"{b} {low}", "in apposition to") for b in before if f"{b} {low}" in self.lexicon.titles)
        out.extend((role, "in a 'who' clause on") for role in relative_roles(parse, head, self.lexicon))
        return out

    def _role(self, head: int, inside: bool) -> None:
        parse, lexicon = self.parse, self.lexicon
        tok = parse.tokens[head]
        lemma = (tok.lemma or tok.form).lower()
        low = tok.form.lower()
        plural = tok.feat("Number") == "Plur"
        subject = predicated_subject(parse, head) if not plural else None
        owner = self.token_entity.get(subject) if subject is not None else None
        if owner is not None and owner.kind == "person" and lexicon.is_person_noun(lemma):
            # "X has been the mayor since 2019"; a person noun only: "Cleveland is a city" is no title
            self._give_role(owner, head, "as the predicate of")
            return
        # A person noun by the lexicon, by a "who" clause, or by the title the story gave a person.
        person = (
            lexicon.is_person_noun(lemma)
            or lexicon.is_person_noun(low)
            or lemma in self.animate
            or self._shown_title(lemma)
        )
        group = low in lexicon.groups or lemma in lexicon.groups or lemma in lexicon.collectives
        if not (person or group or head in self.speakers):
            return
        thing = not (person or group)  # a speaker that is no person: "the report said"; "it" may follow
        if tok.rel in {"compound", "appos"} or (tok.head is not None and parse.tokens[tok.head].upos == "PROPN"):
            return  # "spokeswoman Sujata Raisinghani": the role belongs to the name
        if not proxy_object(parse, head, lexicon) and any(
            parse.tokens[c].rel in {"appos", "flat"} and parse.tokens[c].upos == "PROPN" for c in parse.children[head]
        ):
            return  # "his brother, Philonise": the name that follows takes the role
        span = role_span(parse, head)
        definite = any(
            parse.tokens[c].rel == "det" and parse.tokens[c].form.lower() in {"the", "that", "this"}
            for c in parse.children[head]
        )
        possessed = any(  # "Azerbaijan's president", also with the "'s" the tokenizer left on its word
            parse.tokens[c].deprel == "nmod:poss" or parse.tokens[c].form.endswith(("'s", "’s"))
            for c in parse.children[head]
        )
        entity = None
        bare = len(parse.tokens_in(span.start, span.end)) == 2  # "the company", not "the agency group"
        if definite and bare and not plural and lemma in lexicon.company_nouns:
            entity = self.named_org(lemma, span)  # "Halvorsen Shipping ... the company said"
        if (definite or possessed) and not plural and person and entity is None:
            entity = self.titled(lemma, span) or self._same_role(lemma)
        if (definite or possessed) and not plural and thing and entity is None and lemma in lexicon.documents:
            entity = self._issuer(head, span) if possessed else self._publisher(head)
        described = described_name(self.parse, self.token_entity, span)
        if described is not None:  # "Amina Yusuf, the city's mayor,": the role belongs to the name
            described.titles.add(lemma)
            gender = lexicon.gender(lemma) or lexicon.gender(low)
            if gender:
                described.vote(gender, 3.0, f"'{low}' after '{described.name}'")
            return
        if entity is None:
            if plural and thing:
                kind = "things"  # "the results revealed ...": no "they" of people points back to them
            elif plural:
                kind = "group"
            elif thing or (group and not person):
                kind = "org"
            else:
                kind = "role"
            entity = self._new(kind, "pl" if plural else "sg")
            entity.names.append(Span(span.start, span.end, span.text))
            gender = lexicon.gender(lemma) or lexicon.gender(low)
            if gender:
                entity.vote(gender, 3.0, f"'{low}'")
            entity.titles.add(lemma)
        self._mention(entity, head, span, inside)

    def _shown_title(self, lemma: str) -> bool:
        """A noun the story gave a person as a title ("Mirela Costa, the union's treasurer"), where
        something says the bearer is a person (a gender from a name, a title or a pronoun)."""
        return any(e.kind == "person" and lemma in e.titles and (e.votes or e.hint) for e in self.entities)

    def _give_role(self, owner: Entity, head: int, why: str) -> None:
        """The role noun at ``head`` is ``owner``'s title: its lemma and, before it, a compound title."""
        tok = self.parse.tokens[head]
        lemma = (tok.lemma or tok.form).lower()
        owner.titles.add(lemma)
        for c in self.parse.children[head]:
            before = self.parse.tokens[c]
            if before.rel in {"compound", "amod"} and c < head:
                owner.titles.add(f"{before.form.lower()} {lemma}")
        gender = self.lexicon.gender(lemma) or self.lexicon.gender(tok.form)
        if gender:
            owner.vote(gender, 3.0, f"'{tok.form.lower()}' {why} '{owner.name}'")
        self.token_entity.setdefault(head, owner)

    def named_org(self, noun: str, mention: Span) -> Entity | None:
        """The organisation "the company" or "the bank" refers back to: the latest one the story named
        with a proper name before the mention, one whose name holds the noun first ("Kessler Bank")."""
        # A name never shown to be a person's ("Skyward Air": no gender, no title) may be the company.
        unknown = {e.id for e in self.entities if e.kind == "person" and not (e.votes or e.titles or e.hint)}
        before = [
            e
            for e in self.entities
            if (e.kind == "org" or e.id in unknown) and e.names and e.names[0].start < mention.start
        ]
        # A body whose name says it is another kind ("the city council" for "the ministry") is not meant.
        other_kind = set(self.lexicon.company_nouns) - {noun} - BODY_KIN.get(noun, frozenset())
        named = [e for e in before if e.names[0].text[:1].isupper() and not other_kind & set(e.name.lower().split())]
        # "a bank" met after the company was named is the bank meant; so is a name holding the noun.
        same = [e for e in before if noun in e.titles or (e in named and noun in e.name.lower().split())]
        return (same or named or [None])[-1]

    def _publisher(self, head: int) -> Entity | None:
        """ "The Office of the Auditor General published its annual review on Tuesday. The report said
        ...": the body (or person) that the latest sentences show issuing its own document."""
        parse = self.parse
        first = max(0, parse.tokens[head].sentence - 2)
        for i in range(head - 1, -1, -1):
            tok = parse.tokens[i]
            if tok.sentence < first:
                break
            if tok.upos != "VERB" or (tok.lemma or tok.form).lower() not in PUBLISH_VERBS:
                continue
            objects = [c for c in parse.children[i] if parse.tokens[c].rel == "obj"]
            own = any(
                parse.tokens[p].deprel == "nmod:poss" and parse.tokens[p].form.lower() in OWN
                for o in objects
                for p in parse.children[o]
            )
            subject = next((c for c in parse.children[i] if parse.tokens[c].rel == "nsubj"), None)
            entity = self.token_entity.get(subject) if subject is not None and own else None
            return entity if entity is not None and entity.kind in {"org", "person"} else None
        return None

    def _issuer(self, head: int, span: Span) -> Entity | None:
        """ "the company's annual report": the organisation "the company" names."""
        for c in self.parse.children[head]:
            owner = self.parse.tokens[c]
            if owner.deprel != "nmod:poss" and not owner.form.endswith(("'s", "’s")):
                continue
            noun = owner.form.lower().removesuffix("'s").removesuffix("’s")
            if noun in self.lexicon.company_nouns:
                return self.named_org(noun, span)
            return self.token_entity.get(c)
        return None

    def _same_role(self, lemma: str) -> Entity | None:
        return next((e for e in reversed(self.entities) if e.kind == "role" and lemma in e.titles), None)

    def titled(self, titles: set[str] | str, mention: Span | None = None) -> Entity | None:
        """The latest person introduced with one of ``titles`` before ``mention``; among several, the
        one whose own description shares a word with the mention's modifiers ("Russia's" ~ "Russian")."""
        wanted = {titles} if isinstance(titles, str) else set(titles)
        before = [e for e in self.entities if e.kind == "person" and wanted & e.titles]
        if mention is not None:
            before = [e for e in before if e.names and e.names[0].start < mention.start]
        if not before:
            return None
        if len(before) > 1 and mention is not None:
            skip = {"the", "a", "an", "s"} | {w for t in wanted for w in t.split()}
            cues = {w[:5] for w in re.findall(r"\w+", mention.text.lower()) if w not in skip}
            for entity in reversed(before):
                if cues & {w[:5] for w in re.findall(r"\w+", description(self.parse, entity).lower())}:
                    return entity
        return before[-1]
