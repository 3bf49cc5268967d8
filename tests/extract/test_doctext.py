"""`text_of`: a Doc's text is joined once and kept, and it is the text the Doc was made from."""

from __future__ import annotations

from spacy.language import Language

from app.extract.doctext import text_of


def test_text_is_the_docs_text_and_joined_once(nlp: Language) -> None:
    text = "Ms Roe said the ferry would sail.\n\nIt did not, she said later."
    doc = nlp.make_doc(text)
    first = text_of(doc)
    assert first == text
    assert text_of(doc) is first
