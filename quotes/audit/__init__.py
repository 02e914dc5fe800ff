"""Layer 7, audit: checking records against their sources and publishing them as evidence.

``verify`` re-anchors every span of a record in a (possibly edited) source (``anchors``: finding a span's
words again; ``rederive``: what a record's own fields and its source must agree on); ``webanno`` writes W3C
Web Annotations. Both read records only; they never run the pipeline.

May import: ``quotes.records``, ``quotes.run`` (inputs), ``quotes.text`` and the base modules.
"""
