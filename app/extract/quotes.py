"""Quotes: the `news_quotes` component, the quoted and reported words of each attribution as records.

What was said and by whom is read once, by the `news_attributions` component (`attribution.py`); this one
turns each attribution that makes quotes into `Quote` records: direct, mixed or indirect, with its cue, its
speaker and the channel it was said through.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from app.extract.doctext import text_of
from app.extract.records import Quote, TextSpan
from app.extract.speakers import written

Doc.set_extension("quotes", default=None, force=True)


def quotes_of(doc: Doc) -> list[Quote]:
    """The records of `doc._.attributions` that make quotes, in text order."""
    found: list[Quote] = []
    text = text_of(doc)
    for attribution in doc._.attributions or []:
        if not attribution.quotes:
            continue
        cue = attribution.cue
        cue_span = doc[cue.start : cue.end]
        cue_text = TextSpan(cue_span.text, cue_span.start_char, cue_span.end_char)
        channel = None
        if cue.channel is not None:
            channel_span = doc[slice(*written(cue.channel))]
            channel = TextSpan(channel_span.text, channel_span.start_char, channel_span.end_char)
        for start, end, kind in attribution.pieces:
            found.append(Quote(text[start:end], start, end, kind, cue_text, attribution.speaker, channel))
    found.sort(key=lambda q: (q.start, q.end))
    return found


@Language.component("news_quotes", requires=["doc._.attributions"], assigns=["doc._.quotes"])
def news_quotes(doc: Doc) -> Doc:
    """Set `doc._.quotes`: every direct, mixed and indirect quote with its cue, speaker and channel."""
    doc._.quotes = quotes_of(doc)
    return doc
