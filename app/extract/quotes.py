"""Quotes and who said them (placeholder until the quote extractor lands)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

Doc.set_extension("quotes", default=None, force=True)


@Language.component("news_quotes")
def news_quotes(doc: Doc) -> Doc:
    doc._.quotes = []
    return doc
