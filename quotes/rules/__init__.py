"""Layer 3, rules: who said what, read off the marks and the normalized parse.

Pure functions from a ``Parse`` and a mark ``Scan`` to ``Attribution``s (content, speaker mention, cue,
rule, dependency path, notes). One module per construction family; the word lists and the confidence
table they use are data in ``quotes/data``.

May import: ``quotes.parse.model``, ``quotes.text`` and the base modules; never a parser backend.
"""
