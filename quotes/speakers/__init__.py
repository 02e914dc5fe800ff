"""Layer 4, speakers: from a speaker mention ("he", "the president") to the name it refers to.

The resolver is a replaceable component (``SpeakerResolver``, one method), so a coreference model can
take the place of the rule-based one.

May import: ``quotes.rules``, ``quotes.parse.model``, ``quotes.text`` and the base modules.
"""
