"""The extraction pipeline: a spaCy model with our components after it, loaded once and fed in batches.

`Extractor` is the one entry point the CLI, ingest and the API call. Pure: text in, records out.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from datetime import date

import numpy
import spacy
from spacy.attrs import IDX, IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

from app.extract import attribution, claims, entities, quotes  # noqa: F401  (registers the components)
from app.extract.doctext import text_of
from app.extract.records import Extraction
from app.extract.version import extractor_version
from app.inputs.wire import DATELINE

COMPONENTS = ("news_entities", "news_attributions", "news_quotes", "news_claims")
PARAGRAPHS = "news_paragraphs"
LINE_START = re.compile(r"^(?=\S)", re.MULTILINE)
# The article's publication date, set before the components run, so relative dates ("on Monday") resolve.
Doc.set_extension("published", default=None, force=True)


@Language.component(PARAGRAPHS)
def news_paragraphs(doc: Doc) -> Doc:
    """A word after a line break starts a sentence: news puts one paragraph per line, and the parser, which
    respects boundaries set before it, otherwise runs sentences across paragraphs (a dateline, a headline)."""
    spaces = numpy.flatnonzero(doc.to_array(IS_SPACE)).tolist()
    for i in spaces:
        if i + 1 < len(doc) and "\n" in doc[i].text and not doc[i + 1].is_space:
            doc[i + 1].is_sent_start = True
    _datelines(doc)
    return doc


def _datelines(doc: Doc) -> None:
    """The word after a dateline's dash starts the sentence; left to the parser, the place ("WASHINGTON")
    becomes the subject of the lead's verb."""
    starts: list[int] | None = None
    text = text_of(doc)
    for line in LINE_START.finditer(text):
        match = DATELINE.match(text, line.start())
        if match is None:
            continue
        if starts is None:
            starts = doc.to_array(IDX).tolist()
        i = bisect_left(starts, match.end())
        if 0 < i < len(doc) and starts[i] == match.end():
            doc[i].is_sent_start = True


def load_pipeline(model: str) -> Language:
    """Load `model` (an installed spaCy package name or a path) and add the extraction components, with the
    paragraph rule before the parser."""
    nlp = spacy.load(model)
    if "parser" in nlp.pipe_names and PARAGRAPHS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
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
        self.version = extractor_version(model)

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
