"""Known places and organisations: every name news uses for them, mapped to one canonical entry.

The tables are data files in `data/` (countries, places, organisations), loaded once at import. A name
marked "?" in a file is an ordinary word or given name too ("Jordan", "Amnesty"); it counts only where the
statistical NER also sees an entity. Demonyms ("Syrian") point at their country but are flagged, since a
nationality is not the place itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

DATA = Path(__file__).resolve().parent / "data"
AMBIGUOUS = "?"


@dataclass(frozen=True, slots=True)
class Entry:
    """One real-world place or organisation: `key` is stable across articles, `name` is canonical."""

    key: str
    name: str
    type: str


@dataclass(frozen=True, slots=True)
class Alias:
    """One surface form of an entry."""

    entry: Entry
    ambiguous: bool = False
    demonym: bool = False


def _rows(name: str) -> Iterator[list[str]]:
    """The tab-separated rows of a data file, comments and blank lines skipped."""
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def _split(field: str) -> list[str]:
    return [f.strip() for f in field.split("|") if f.strip()]


class Gazetteer:
    """Surface form -> `Alias`, built from the data files; the first file to claim a form keeps it."""

    def __init__(self) -> None:
        self.aliases: dict[str, Alias] = {}
        self.form_of_id: dict[int, str] = {}
        self._load_countries()
        self._load_places()
        self._load_organizations()

    def _add(self, form: str, entry: Entry, demonym: bool = False) -> None:
        ambiguous = form.startswith(AMBIGUOUS)
        form = form.lstrip(AMBIGUOUS)
        if form and form not in self.aliases:
            self.aliases[form] = Alias(entry, ambiguous, demonym)

    def _load_countries(self) -> None:
        iso = {row[0]: _split(row[1]) for row in _rows("countries.tsv") if len(row) > 1}
        for row in _rows("country_names.tsv"):
            code, name = row[0], row[1]
            entry = Entry(f"country:{code}", name.lstrip(AMBIGUOUS), "GPE")
            self._add(name, entry)
            for form in _split(row[2]) if len(row) > 2 else []:
                self._add(form, entry)
            for form in _split(row[3]) if len(row) > 3 else []:
                self._add(form, entry, demonym=True)
            ambiguous = name.startswith(AMBIGUOUS)
            for form in iso.pop(code, []):
                self._add(AMBIGUOUS + form if ambiguous and form == entry.name else form, entry)
        for code, forms in ((c, f) for c, f in iso.items() if f):
            entry = Entry(f"country:{code}", forms[0], "GPE")
            for form in forms:
                self._add(form, entry)

    def _load_places(self) -> None:
        for row in _rows("places.tsv"):
            row += [""] * (5 - len(row))
            name, type_, _country, aliases, demonyms = row[:5]
            entry = Entry(f"place:{name.lstrip(AMBIGUOUS)}", name.lstrip(AMBIGUOUS), type_)
            for form in [name, *_split(aliases)]:
                self._add(form, entry)
            for form in _split(demonyms):
                self._add(form, entry, demonym=True)

    def _load_organizations(self) -> None:
        for row in _rows("organizations.tsv"):
            row += [""] * (3 - len(row))
            name, type_, aliases = row[:3]
            entry = Entry(f"org:{name.lstrip(AMBIGUOUS)}", name.lstrip(AMBIGUOUS), type_)
            for form in [name, *_split(aliases)]:
                self._add(form, entry)

    def lookup(self, text: str) -> Alias | None:
        """The alias for a span's text, also in capitals ("WASHINGTON" in a dateline)."""
        alias = self.aliases.get(text)
        if alias is None and text.isupper() and len(text) > 3:
            alias = self.aliases.get(text.title())
        return alias

    def matcher(self, vocab: Vocab, tokenizer: Tokenizer) -> PhraseMatcher:
        """A case-sensitive phrase matcher over every surface form; a match's id is the form itself."""
        matcher = PhraseMatcher(vocab, attr="ORTH")
        forms = list(self.aliases)
        for form, pattern in zip(forms, tokenizer.pipe(forms), strict=True):
            self.form_of_id[vocab.strings.add(form)] = form
            matcher.add(form, [pattern])
        return matcher

    def matches(self, doc: Doc, matcher: PhraseMatcher) -> list[tuple[Span, Alias]]:
        """Longest non-overlapping gazetteer matches in `doc`, in text order."""
        found = sorted(matcher(doc), key=lambda m: (m[1], -(m[2] - m[1])))
        out: list[tuple[Span, Alias]] = []
        last_end = 0
        for match_id, start, end in found:
            if start < last_end:
                continue
            out.append((Span(doc, start, end), self.aliases[self.form_of_id[match_id]]))
            last_end = end
        return out


GAZETTEER = Gazetteer()


def is_demonym(word: str) -> bool:
    """Whether a word names a people ("Russian", "Moroccan") in the gazetteer."""
    alias = GAZETTEER.lookup(word)
    return alias is not None and alias.demonym
