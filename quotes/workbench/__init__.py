"""Layer 7, workbench: what a fact-checker does with records.

The SQLite archive with full-text search, the claim check, and the self-contained HTML audit report;
``datasette`` is all three as a Datasette plugin (the only module here that imports Datasette). Reads
records (and stored source texts); never runs the pipeline.

May import: ``quotes.records``, ``quotes.run`` (inputs), ``quotes.text`` and the base modules.
"""
