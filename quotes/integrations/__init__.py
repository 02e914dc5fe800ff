"""Layer 8, integrations: quotes inside the tools its users already work in.

``spacy_component`` (the ``quotes`` pipeline component, found by spaCy through the ``spacy_factories``
entry point), ``stanza_processor`` (a registered stanza processor), ``tables`` (one row per quote, for
CSV, pandas and Parquet). Each reads the parse its host library already made and hands it to
``quotes.pipeline.records_from_parse``: never a second parse. The host libraries are imported only by
the module that integrates them, and ``import quotes`` imports none of these modules.

May import: ``quotes.pipeline``, ``quotes.records``, ``quotes.parse`` (the backends' conversions),
``quotes.run`` and every layer below; not the other readers of records (audit, evaluation, workbench).
"""
