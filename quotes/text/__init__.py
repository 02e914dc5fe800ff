"""Layer 1, text: what can be known from the characters alone.

Spans (exact offsets into the decoded text), the quotation-mark scanner (which marks open and close
quotes, which are apostrophes, with every decision recorded), paragraph splitting, the text hash, and
the punctuation classes the rules share. Pure functions; nothing here knows about parsers or rules.

May import: the standard library, attrs, ``quotes.errors``, ``quotes.version``, ``quotes.data``.
"""
