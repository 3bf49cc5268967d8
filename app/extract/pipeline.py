"""The extraction pipeline: a spaCy model with our components after it, loaded once and fed in batches.

`Extractor` is the one entry point the CLI, ingest and the API call. Pure: text in, records out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from app.extract import claims, entities, quotes  # noqa: F401  (registers the components)
from app.extract.records import Extraction

COMPONENTS = ("news_entities", "news_quotes", "news_claims")

# The article's publication date, set before the components run, so relative dates ("on Monday") resolve.
Doc.set_extension("published", default=None, force=True)


def load_pipeline(model: str) -> Language:
    """Load `model` (an installed spaCy package name or a path) and add the extraction components."""
    nlp = spacy.load(model)
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, last=True)
    return nlp


def extraction_of(doc: Doc) -> Extraction:
    """The records the components left on a processed `Doc`."""
    return Extraction(quotes=doc._.quotes or [], entities=doc._.entities or [], claims=doc._.claims or [])


class Extractor:
    """Holds one loaded pipeline; `extract_many` streams articles through `nlp.pipe`."""

    def __init__(self, model: str, batch_size: int = 16) -> None:
        self.model = model
        self.batch_size = batch_size
        self.nlp = load_pipeline(model)

    def _doc(self, text: str, published: date | None) -> Doc:
        doc = self.nlp.make_doc(text)
        doc._.published = published
        return doc

    def extract(self, text: str, published: date | None = None) -> Extraction:
        return extraction_of(self.nlp(self._doc(text, published)))

    def extract_many(self, articles: Iterable[tuple[str, date | None]]) -> Iterator[Extraction]:
        """Extract `(text, published)` pairs in order, parsing them in batches."""
        docs = (self._doc(text, published) for text, published in articles)
        for doc in self.nlp.pipe(docs, batch_size=self.batch_size):
            yield extraction_of(doc)
