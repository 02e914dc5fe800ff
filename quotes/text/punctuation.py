"""Punctuation classes, defined once.

Two views of the same marks: characters, as the mark scanner reads raw text, and token forms, as the
rules read a tokenizer's output. They differ on purpose: a tokenizer keeps "…" as its own sentence
punctuation only in some models, and writes a double hyphen "--" as one token.
"""

from __future__ import annotations

# Characters that can end a sentence, for the scanner.
SENTENCE_END_CHARS = ".!?…"
# Hyphen and dash characters, for the scanner.
DASH_CHARS = "-‐‑‒–—―"
# Token forms that end a sentence, for the rules.
SENTENCE_END_TOKENS = frozenset({".", "!", "?"})
# Token forms of a dash, for the rules ("- Aliyev", "— Aliyev", "-- Aliyev").
DASH_TOKENS = frozenset({"-", "–", "—", "--"})
