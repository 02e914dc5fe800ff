"""Layer 6, run: getting documents in and records out, at scale.

Reading inputs (files, JSONL, hardening against bad input), atomic outputs, the resumable progress
sidecar, chunking very long texts, worker processes and the Dask engine. Everything here drives
``quotes.pipeline.Extractor``; nothing here decides what a quote is.

May import: ``quotes.pipeline``, ``quotes.records`` and every layer below.
"""
