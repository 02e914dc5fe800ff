"""quotes: find quotations in news text and attribute them, with exact offsets and evidence."""

from __future__ import annotations

__version__ = "0.1.0"
