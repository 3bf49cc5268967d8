"""Claims (placeholder until the claim extractor lands)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

Doc.set_extension("claims", default=None, force=True)


@Language.component("news_claims")
def news_claims(doc: Doc) -> Doc:
    doc._.claims = []
    return doc
