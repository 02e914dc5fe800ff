"""Base layer, data: the word lists and tables the rules read, and their loader.

Reporting verbs, nominal and prepositional cues, titles, group nouns, pronouns, non-person name heads:
plain text files, one entry a line, in sections. ``lexicon`` loads them once per process.

May import: the standard library and attrs only.
"""
