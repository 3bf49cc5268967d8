"""Entities within one article: spaCy's named entities grouped into one record per real-world thing.

The `news_entities` component sets `doc._.entities` (a list of `Entity`) and `doc._.entity_of_token`
(token index -> index into that list), which the speaker and claimant resolution read.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from app.extract.records import Entity, Mention

KEPT_TYPES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
LEADING_DROPPED = {"the", "a", "an"}

Doc.set_extension("entities", default=None, force=True)
Doc.set_extension("entity_of_token", default=None, force=True)


def _trimmed(span: Span) -> Span:
    """The entity span without a leading article or trailing possessive ("the Kremlin's" -> "Kremlin")."""
    start, end = span.start, span.end
    while start < end and span.doc[start].lower_ in LEADING_DROPPED:
        start += 1
    while end > start and span.doc[end - 1].tag_ == "POS":
        end -= 1
    return Span(span.doc, start, end, label=span.label)


def _key(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).casefold()


@Language.component("news_entities")
def news_entities(doc: Doc) -> Doc:
    """Group the named-entity spans of `doc`: a person's surname joins the fuller name seen in the article."""
    entities: list[Entity] = []
    by_key: dict[tuple[str, str], int] = {}
    entity_of_token: dict[int, int] = {}
    spans = [s for s in (_trimmed(e) for e in doc.ents if e.label_ in KEPT_TYPES) if len(s)]
    people = [s for s in spans if s.label_ == "PERSON"]
    for span in spans:
        name = span.text
        if span.label_ == "PERSON" and len(span) == 1:
            fuller = [p for p in people if len(p) > 1 and p[-1].text == span.text]
            if fuller:
                name = fuller[0].text
        key = (_key(name), span.label_)
        index = by_key.get(key)
        if index is None:
            index = by_key[key] = len(entities)
            entities.append(Entity(name=name, type=span.label_))
        entity = entities[index]
        if span.text not in entity.aliases:
            entity.aliases.append(span.text)
        entity.mentions.append(Mention(span.text, span.start_char, span.end_char))
        for token in span:
            entity_of_token[token.i] = index
    total = sum(len(e.mentions) for e in entities) or 1
    for entity in entities:
        entity.salience = round(len(entity.mentions) / total, 4)
    doc._.entities = entities
    doc._.entity_of_token = entity_of_token
    return doc
