"""Hand-built parses for rule tests, written compactly: one string per token.

Each row is ``"form UPOS head rel [lemma] [xpos] [feats]"``, heads 1-based within the sentence (0 for the root);
the lemma defaults to the lower-cased form (``said``/``says`` -> ``say``, ``told`` -> ``tell``). Forms are
laid onto the text by searching for each in turn, as a backend lays its tokens onto the original string,
so every span slices the text by construction.
"""

from __future__ import annotations

from quotes.parse.model import Parse, Sentence, Token

LEMMAS = {"said": "say", "says": "say", "told": "tell", "added": "add", "issued": "issue", "found": "find"}


def parse_rows(text: str, *sentences: list[str]) -> Parse:
    tokens: list[Token] = []
    spans: list[Sentence] = []
    cursor = 0
    for s_index, rows in enumerate(sentences):
        base = len(tokens)
        for row in rows:
            form, upos, head, rel, *rest = row.split()
            lemma = rest[0] if rest else LEMMAS.get(form.lower(), form.lower())
            xpos = rest[1] if len(rest) > 1 else ""
            feats = rest[2] if len(rest) > 2 else ""
            start = text.index(form, cursor)
            cursor = start + len(form)
            head_index = None if head == "0" else base + int(head) - 1
            tokens.append(
                Token(len(tokens), start, cursor, form, lemma, upos, head_index, rel, s_index, xpos=xpos, feats=feats)
            )
        spans.append(Sentence(s_index, tokens[base].start, tokens[-1].end, base, len(tokens)))
    return Parse(text, tuple(tokens), tuple(spans), parser="hand", model="test")


def flat(text: str, tags: str) -> Parse:
    """One sentence, every token hung on the first verb-tagged one (or the first token): a parse with no
    useful tree, for rules that must work off the surface. ``tags`` gives one UPOS per token."""
    words = forms(text)
    upos = tags.split()
    assert len(words) == len(upos), (words, upos)
    root = next((k for k, t in enumerate(upos) if t == "VERB"), 0) + 1
    rows = [
        f"{f} {t} {0 if k + 1 == root else root} {'root' if k + 1 == root else 'dep'}"
        for k, (f, t) in enumerate(zip(words, upos, strict=True))
    ]
    return parse_rows(text, rows)


def forms(text: str) -> list[str]:
    """Words (an apostrophe or hyphen between letters stays in the word) and single punctuation marks."""
    out: list[str] = []
    word = ""
    for k, ch in enumerate(text):
        if ch.isalnum() or (ch in "'’-" and word and text[k + 1 : k + 2].isalnum()):
            word += ch
            continue
        if word:
            out.append(word)
            word = ""
        if not ch.isspace():
            out.append(ch)
    if word:
        out.append(word)
    return out
