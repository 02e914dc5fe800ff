"""How news ties a role to a person or a name to a body, read off the tree: the pure helpers of
:mod:`quotes.speakers.discourse` for role and title anaphora.

* a predicate: "Oskar Lindgren has been the mayor since 2019", "Thandiwe Nkosi became chief executive";
* a "who" clause whose verb names the role: "Ayodele Okafor, who coaches the team" (the coach);
* an organisation's name that goes on with "of": "the Ministry of Health", "the Union of Aruba";
* people named together: "Ngozi Eze and Tunde Bello" ("they", named "Ngozi Eze and Tunde Bello").
"""

from __future__ import annotations

from collections.abc import Sequence

from quotes.data.lexicon import Lexicon
from quotes.parse.model import Parse
from quotes.speakers.people import joined, name_like

# Verbs that make their complement a role of their subject: "became chief executive", "was named coach".
# spaCy's English models hang a copula's complement on "be" the same way ("has been the mayor").
ROLE_VERBS = frozenset({"be", "become", "remain", "name", "appoint", "elect", "make", "serve", "stay"})
LINKING_VERBS = frozenset({"be", "become", "remain", "stay"})
# Agent nouns from a verb: "coaches" -> "coach", "teaches" -> "teacher", "directs" -> "director".
AGENT_ENDINGS = ("", "er", "r", "or")


def predicated_subject(parse: Parse, head: int) -> int | None:
    """The subject a role noun is said of: "X is/has been the mayor", "X became / was named chief
    executive"; None when the noun is no predicate."""
    tok = parse.tokens[head]
    children = parse.children[head]
    if any(parse.tokens[c].rel == "cop" for c in children):
        return next((c for c in children if parse.tokens[c].rel == "nsubj"), None)
    if tok.rel in {"xcomp", "obj"} and tok.head is not None:
        verb = parse.tokens[tok.head]
        lemma = (verb.lemma or verb.form).lower()
        # A parser may make the complement of "become" its object; "named X coach" has X as object,
        # but "X was elected general secretary" has the role as object and X as passive subject.
        passive = any(parse.tokens[c].deprel == "nsubj:pass" for c in parse.children[tok.head])
        if lemma in ROLE_VERBS and (tok.rel == "xcomp" or lemma in LINKING_VERBS or passive):
            return next((c for c in parse.children[tok.head] if parse.tokens[c].rel == "nsubj"), None)
    return None


def relative_roles(parse: Parse, head: int, lexicon: Lexicon) -> list[str]:
    """Role nouns a "who" clause on a name gives: "X, who coaches Y" -> coach; "who teaches" -> teacher."""
    out = []
    for c in parse.children[head]:
        tok = parse.tokens[c]
        if tok.deprel != "acl:relcl" or tok.upos != "VERB":
            continue
        if not any(parse.tokens[s].form.lower() == "who" and s < c for s in parse.children[c]):
            continue
        lemma, form = (tok.lemma or tok.form).lower(), tok.form.lower()
        # The lemma, and stems of the form for a lemmatizer that left "coaches" as it was.
        stems = [lemma, lemma[:-1] if lemma.endswith("e") else lemma]
        stems += [form[: -len(end)] for end in ("es", "s") if form.endswith(end)]
        for stem in stems:
            found = next((stem + e for e in AGENT_ENDINGS if lexicon.is_person_noun(stem + e)), None)
            if found:
                out.append(found)
                break
    return out


def of_name_end(parse: Parse, last: int) -> int:
    """The last word of an organisation's name that goes on with "of" and a capitalized name
    ("Ministry" + "of Health"); ``last`` itself when it does not."""
    n = len(parse.tokens)
    j = last + 1
    # "the Office of the Auditor General": an article may open the name after "of".
    k = j + 2 if j + 2 < n and parse.tokens[min(j + 1, n - 1)].form.lower() == "the" else j + 1
    if k >= n or parse.tokens[j].form != "of" or not name_like(parse, k):
        return last
    if parse.tokens[j].sentence != parse.tokens[last].sentence:
        return last
    end = k
    while end + 1 < n and name_like(parse, end + 1) and joined(parse, end, end + 1):
        end += 1
    return end


def name_start(parse: Parse, first: int) -> int:
    """The first word of an organisation's name, with a capitalized modifier the tagger took for an
    adjective at the start of a sentence ("Ardent" in "Ardent Motors recalled ...")."""
    j = first - 1
    while j >= 0 and parse.tokens[j].form[:1].isupper() and parse.tokens[j].upos in {"ADJ", "NOUN", "PROPN"}:
        tok = parse.tokens[j]
        if tok.head is None or not first <= tok.head <= first + 3 or tok.rel not in {"amod", "compound"}:
            break
        if parse.text[tok.end : parse.tokens[j + 1].start] != " ":
            break
        j -= 1
    return j + 1


def conjoined_label(names: Sequence[str]) -> str:
    """ "A and B", "A, B and C": how the record names people who speak together."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
