"""The mark inventory: which characters are quotation marks, how they pair, and the scanner's vocabulary.

Plain data, meant to be read (and extended) by a linguist; ``quotes.text.mark_scanner`` applies it.
"""

from __future__ import annotations

from quotes.text.punctuation import DASH_CHARS, SENTENCE_END_CHARS

#: Opening mark -> (style, the marks that close it). Two-character marks are listed as such.
PAIRS: dict[str, tuple[str, frozenset[str]]] = {
    '"': ("double-straight", frozenset({'"'})),
    "“": ("double-curly", frozenset({"”"})),
    "„": ("low-9", frozenset({"“", "”"})),  # German „…“, Polish/Hungarian „…”
    "«": ("guillemets", frozenset({"»"})),  # French, Russian «…»
    "»": ("guillemets", frozenset({"«"})),  # German, Danish »…«
    "‹": ("single-guillemets", frozenset({"›"})),
    "›": ("single-guillemets", frozenset({"‹"})),
    "‘": ("single-curly", frozenset({"’"})),
    "‚": ("low-9-single", frozenset({"‘", "’"})),  # German ‚…‘
    "'": ("single-straight", frozenset({"'"})),
    "``": ("latex", frozenset({"''"})),  # LaTeX / Penn Treebank ``…''
    "''": ("latex", frozenset({"''"})),  # two apostrophes typed for a double mark: ''…''
}

#: Pairs whose direction depends on the language (« » in French, » « in German): in each paragraph,
#: whichever of the two comes first opens and the other closes.
ORIENTED_PAIRS: tuple[tuple[str, str], ...] = (("«", "»"), ("‹", "›"))

#: Marks typed the same way when opening and closing: their neighbours, then the state, decide.
SYMMETRIC: frozenset[str] = frozenset({'"', "''"})

#: Mixed typing (“Hello," he said): a double closer with none of its own style open may close a quote
#: opened with one of these marks.
MIXED_CLOSERS: dict[str, frozenset[str]] = {'"': frozenset({"“", "„"}), "”": frozenset({'"'})}

#: Single marks that are quotes or apostrophes (’ is also the typographic apostrophe); their neighbours,
#: the word after or before them, and whether a single quote is open decide. (‘ typed for an apostrophe,
#: don‘t or ‘90s, is handled with the opening-only marks.)
QUOTE_OR_APOSTROPHE: frozenset[str] = frozenset({"'", "’"})

#: Marks that only ever close, and the style given to a quote inferred from one with no partner.
CLOSE_ONLY: dict[str, str] = {"”": "double-curly", "’": "single-curly"}

#: Marks that only ever open (in closing position they close an open quote of their own style, a typo
#: for the closer, or are stray). “ and ‘ also close an open low-9 „ or ‚ quote.
OPEN_ONLY: frozenset[str] = frozenset({"“", "„", "‘", "‚", "``"})

#: Opening-only marks that, with nothing of their style open in closing position, are treated as a
#: closer typed with the wrong mark (“Yes,“ he said) rather than as a stray.
OPENERS_TYPED_FOR_CLOSERS: frozenset[str] = frozenset({"“", "‘"})

#: The others, in closing position with nothing open, look like a comma (word„ next) and are stray.
COMMA_LOOKALIKES: frozenset[str] = frozenset({"„", "‚"})

#: Words written with a leading apostrophe for dropped letters ('em, 'til, rock 'n' roll) and the
#: clitics of tokenized (Penn Treebank) text ("John 's"): a mark right before them is no opening quote.
_DROPPED_LETTERS = {"n", "em", "til", "tis", "twas", "twere", "twill", "cause", "cos", "cuz", "bout", "nuff"}

_CLITICS = {"s", "d", "m", "t", "ll", "re", "ve"}  # tokenized text: John 's, they 're

ELISIONS: frozenset[str] = frozenset(_DROPPED_LETTERS | _CLITICS)

#: Word endings before a trailing apostrophe: plural possessives (students', Jesus’, Marx’).
POSSESSIVE_ENDINGS: tuple[str, ...] = ("s", "z", "x")

#: Words before a trailing apostrophe that mark dropped letters: rock ’n’ roll, nothin’, goin’.
ELIDED_WORDS: frozenset[str] = frozenset({"n", "o", "ol", "th"})

ELIDED_ENDINGS: tuple[str, ...] = ("in",)

#: Characters before a mark that let it open (as a space would): brackets, dashes, Spanish ¿ ¡.
OPENING_CONTEXT: frozenset[str] = frozenset("([{¿¡" + DASH_CHARS)
#: Punctuation that ends a quoted clause: a closing mark right after it closes something.
CLAUSE_END: frozenset[str] = frozenset(".,;:!?…" + DASH_CHARS)
#: Punctuation that ends a sentence (a closer after a word and before one of these ends a quote).
SENTENCE_END: frozenset[str] = frozenset(SENTENCE_END_CHARS)
#: Styles typeset with a space inside the marks (French « Oui »): look past it to find the clause end.
SPACED_STYLES: frozenset[str] = frozenset({"guillemets", "single-guillemets"})

#: Deepest nesting kept. Real text nests two or three levels; a cap keeps degenerate input (thousands
#: of opening marks in a row) linear, since every nested region holds its own slice of the text.
MAX_DEPTH = 8

#: Reason categories: every MarkDecision.reason is "<category>: <detail>".
REASONS: dict[str, str] = {
    "opening-position": "space, paragraph start, bracket or dash before and text after: opens",
    "closing-position": "text before and space, punctuation or paragraph end after: closes",
    "by-state": "ambiguous position (alike on both sides): closes if its partner is open, else opens",
    "orientation": "guillemets: the first of the pair in the paragraph opens, the other closes",
    "fixed-direction": "a mark that only opens, or only closes, in its style",
    "low-9-close": "“ or ‘ closing an open low-9 „ or ‚ quote",
    "misused-mark": "an opening-only mark in closing position closes an open quote of its own style",
    "mixed-style": 'a closer of another double style closing the open quote (“…" or "…”)',
    "continuation": "opens a paragraph continuing the quote left open at the previous paragraph's end",
    "in-word": "word characters on both sides: contraction or elision apostrophe",
    "elision": "apostrophe standing for dropped letters or digits ('90s, ’n’, 'em, nothin’)",
    "possessive": "after a word ending in s, z or x with no open single quote (or one a later mark closes): possessive",
    "stray-after-word": "after a word with no open single quote: a stray apostrophe, not a quote",
    "displaced-open": (
        "closing-position mark after a comma or colon, a word after its space and its closer later in the"
        " paragraph: an opener displaced by a space"
    ),
    "displaced-close": "opening-position mark with no word after it in the paragraph: a closer displaced by a space",
    "inferred-open": "closing mark with no open partner at a clause end: the opening is inferred",
    "no-partner": "closing mark with nothing to close, not at a clause end: stray",
    "no-content": "the passage the mark would delimit has no word character: stray",
    "isolated": "single mark between spaces with nothing open: stray",
    "too-deep": f"an opening mark with {MAX_DEPTH} quotes already open: stray",
    "comma-lookalike": "low-9 mark in closing position with nothing open: probably a misplaced comma",
}

#: Decision roles, and region flags, as used below.
ROLES: tuple[str, ...] = ("open", "close", "apostrophe", "stray", "continuation")

FLAGS: tuple[str, ...] = ("unbalanced", "inferred-open", "continues", "continued", "empty")
