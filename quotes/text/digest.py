"""The hash a record carries of its source text."""

from __future__ import annotations

import hashlib


def text_sha256(text: str) -> str:
    """SHA-256 of the decoded text re-encoded as UTF-8 (lone surrogates kept, so any str hashes)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
