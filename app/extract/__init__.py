"""Extraction: article text in, quotes, entities and claims out. No database, no HTTP."""
