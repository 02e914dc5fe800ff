"""Layer 7, evaluation: how good the records are, measured against gold.

``scoring`` (precision/recall/F1 by content overlap, speaker and cue), ``evaluate`` (a corpus run),
``speakers`` (speaker names against GUM's gold coreference).

May import: ``quotes.pipeline`` and every layer below; nothing above (workbench, commands).
"""
