"""Layer 2, parse: the normalized parse every rule reads, and the parsers that produce it.

``model`` holds ``Parse``/``Sentence``/``Token`` (tokens with offsets into the original text, heads,
relations, UPOS, lemmas, features, entities); ``backends`` turns stanza, spaCy or gold CoNLL-U trees
into it (only ``backends`` imports a parser library); ``selective`` wraps a backend so that only the
sentences that can hold a quote are parsed (``selection`` picks them, ``rewrite`` maps the parser's text
back onto the original, ``surface`` gives the rest regex tokens and a flat tree).

May import: ``quotes.text`` and the base modules (``errors``, ``version``, ``data``).
"""
