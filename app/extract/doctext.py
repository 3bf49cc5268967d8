"""The text of a `Doc`, joined once per Doc.

spaCy's `Doc.text` joins every token anew on each read (milliseconds on a long article); the components
read it many times, so the first read is kept in the Doc's `user_data`. Our components never retokenize, so
the kept text stays the Doc's text.
"""

from __future__ import annotations

from spacy.tokens import Doc

KEY = ("news", "text")


def text_of(doc: Doc) -> str:
    """`doc.text`, joined on the first call and kept on the Doc for the later ones."""
    text = doc.user_data.get(KEY)
    if text is None:
        text = doc.user_data[KEY] = doc.text
    return text
