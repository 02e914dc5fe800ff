"""Layer 3, rules: who said what, read off the marks and the normalized parse.

An engine apart from the rules. ``frame`` answers every token question once, by name; ``registry``
holds the named rules (each declared in its family module, its base confidence a line of
``quotes/data/confidence.txt``); ``engine.STEPS`` runs the families' stages in order, and ``resolve``
settles every conflict between their readings with named policies. The rule families, one module each,
are pure functions from a ``Frame`` to ``Attribution``s (content, speaker mention, cue, rule, dependency
path, notes). Inside the package: the engine's base (frame, base, confidence, registry) < the families <
resolve < engine.

May import: ``quotes.parse.model``, ``quotes.text`` and the base modules; never a parser backend.
"""
