"""Lay a document out for quotations: paragraphs as one text each, the names in them and the quoted spans.

The layout is built once per document and read by both the quotation finder (`bot.facts.quotes`) and the
date finder (a date inside a quotation is the speaker's, not the article's).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

from bot.facts.entities import Mention
from bot.facts.evidence import LOC, MEDIUM, ORG, PER
from bot.facts.gender import person_gender, title_gender
from bot.facts.laid_out import BODY, PERSON, PLACE, Named, Paragraph, Speaker
from bot.facts.people import mentions_by_sentence
from bot.facts.quote_marks import QuoteSpan, find_quote_spans, trim_unclosed

_ROLE_WORD_RE = re.compile(r"[a-z]+")


class _Known(Protocol):
    @property
    def name(self) -> str: ...


class People(Protocol):
    """What the layout asks of the document's people index (`bot.facts.people.PeopleIndex`)."""

    def display_name(self, name: str) -> str | None: ...

    def resolve(self, mention: Mention) -> _Known | None: ...

    def shared_by(self, name: str, at: tuple[int, int] | None = None) -> Sequence[_Known]: ...

    def find(self, name: str) -> object | None: ...


def _paragraph(sentences: Sequence[str], first_index: int) -> tuple[str, list[tuple[int, int]]]:
    starts = []
    offset = 0
    for position, sentence in enumerate(sentences):
        starts.append((first_index + position, offset))
        offset += len(sentence) + 1
    return " ".join(sentences), starts


def _identity(display: str, person: object | None) -> tuple[Speaker, frozenset[str]]:
    """Return a person as a speaker, with their gender, and the head nouns of their titles and role."""
    # Each title and role once: a person's many "Mr" mentions say no more than one, and are read the same.
    titles = tuple(dict.fromkeys(m.title for m in getattr(person, "mentions", ()) if m.title))
    role = getattr(person, "role", None)
    # Every role the text gives counts for gender: "his girlfriend, bikini model Alexis Randock" is a woman
    # though "model" is the role shown.
    stated = tuple(dict.fromkeys(written for _, _, written in getattr(person, "roles", ())))
    gender = person_gender(display, (*titles, *stated), role)
    # One Speaker per person and document: every mention of them speaks as the same one.
    return Speaker(display, PERSON, gender), frozenset(filter(None, map(_role_head, (*titles, role or ""))))


@lru_cache(maxsize=2048)
def _role_head(role: str) -> str:
    """Return the noun a role is named by: "secretary" in "finance ministry general secretary of the party".

    "The ministry said" is the ministry, not its secretary: only the head noun lets "the secretary" find him.
    """
    words = _ROLE_WORD_RE.findall(role.lower())
    cut = next((i for i, word in enumerate(words) if word in _ROLE_OBJECT_WORDS), len(words))
    return words[cut - 1] if cut else ""


_ROLE_OBJECT_WORDS = frozenset("of for at in with to from on".split())


def _named(
    mention: Mention,
    people: People,
    offset: int,
    text: str,
    known: dict[str, tuple[Speaker, frozenset[str]]],
) -> Named | None:
    start, end = offset + mention.start, offset + mention.end
    order = (mention.sentence, start)
    label = mention.label
    if label == PER:
        person = people.resolve(mention)
        display = person.name if person is not None else None
        if display is None:
            speaker, role_words = _one_of_several(mention, people, known)
            if speaker is None:
                return _place(mention, start, end, order)  # nobody the index knows never speaks
        elif not display[:1].isupper():
            return _place(mention, start, end, order)
        else:
            if display not in known:
                known[display] = _identity(display, person)
            speaker, role_words = known[display]
        # Whether the name is its sentence's subject is read from these words only when a pronoun asks.
        lead = (offset, offset + mention.title_offset if mention.title_offset >= 0 else start)
        return _new(Named, (start, end, order, speaker, role_words, lead))
    if label == ORG and mention.strength >= MEDIUM:
        return _new(Named, (start, end, order, _new(Speaker, (mention.name, BODY, None, False)), _NO_ROLES, None))
    if label in (LOC, ORG):
        return _place(mention, start, end, order)
    return None


def _place(mention: Mention, start: int, end: int, order: tuple[int, int]) -> Named:
    """Return a name that never speaks (a place, or a person the index does not know)."""
    return _new(Named, (start, end, order, _new(Speaker, (mention.name, PLACE, None, False)), _NO_ROLES, None))


# Builds a Named or a Speaker from all its fields, without NamedTuple's keyword handling: one per name.
_new = tuple.__new__
_NO_ROLES: frozenset[str] = frozenset()


def _one_of_several(
    mention: Mention, people: People, known: dict[str, tuple[Speaker, frozenset[str]]]
) -> tuple[Speaker | None, frozenset[str]]:
    """Read a name two people share ("Jordan" for Frank and Louis Jordan): the one a title's gender picks, else
    a speaker nobody can be sure of, who still stands between a later "he said" and anyone named before."""
    owners = [person.name for person in people.shared_by(mention.name, (mention.sentence, mention.start))]
    if len(owners) < 2:
        return None, frozenset()
    for display in owners:
        if display not in known:
            known[display] = _identity(display, people.find(display))
    genders = [known[display][0].gender for display in owners]
    titled = title_gender(mention.title) if mention.title else None
    if titled is not None and genders.count(titled) == 1:
        return known[owners[genders.index(titled)]]  # "Mrs Lane" among Peter, Donna and Chris Lane
    shared_gender = genders[0] if len(set(genders)) == 1 else None
    return Speaker(mention.name, PERSON, titled or shared_gender, uncertain=True), frozenset()


def _joined(paragraphs: Sequence[Sequence[str]]) -> list[tuple[str, list[tuple[int, int]]]]:
    """Return each paragraph as one text, with the (sentence index, offset) of each of its sentences."""
    joined = []
    first_index = 0
    for sentences in paragraphs:
        joined.append(_paragraph(sentences, first_index))
        first_index += len(sentences)
    return joined


def _layout(
    joined: list[tuple[str, list[tuple[int, int]]]], mentions: Sequence[Mention], people: People
) -> list[Paragraph]:
    by_sentence = mentions_by_sentence(mentions)
    laid: list[Paragraph] = []
    known: dict[str, tuple[Speaker, frozenset[str]]] = {}
    for text, starts in joined:
        names = []
        for index, offset in starts:
            for mention in by_sentence.get(index, ()):
                named = _named(mention, people, offset, text, known)
                if named is not None:
                    names.append(named)
        laid.append(Paragraph(text, starts, names))
    return laid


def _spans(laid: list[Paragraph], found: list[list[QuoteSpan]]) -> list[list[QuoteSpan]]:
    """Link a quote left open to the next paragraph that reopens it; trim the unclosed; mark what is quoted."""
    for index, spans in enumerate(found):
        if not spans:
            continue
        last = spans[-1]
        following = found[index + 1] if index + 1 < len(found) else []
        text = laid[index].text
        reopened = (
            following and following[0].style == last.style and not laid[index + 1].text[: following[0].start].strip()
        )
        if not last.closed and not last.continues and last.end >= len(text.rstrip()) and reopened:
            spans[-1] = last._replace(continues=True)
        found[index] = [trim_unclosed(text, s) for s in spans]
        laid[index].mark_quoted([(s.body_start, s.body_end) for s in found[index]])
    return found


class QuoteLayout:
    """A document's paragraphs with their names and quoted spans, found once for quotes and dates alike."""

    def __init__(self, paragraphs: Sequence[Sequence[str]], mentions: Sequence[Mention], people: People) -> None:
        joined = _joined(paragraphs)
        found = [find_quote_spans(text) for text, _ in joined]
        if not any(found):
            joined, found, mentions = [], [], ()  # nothing quoted: no need to lay the names out
        self.laid = _layout(joined, mentions, people)
        self.spans = _spans(self.laid, found)
        self._where: dict[int, tuple[int, int]] = {}
        for index, paragraph in enumerate(self.laid):
            for sentence, offset in paragraph.sentence_starts:
                self._where[sentence] = (index, offset)

    def is_quoted(self, sentence: int, offset: int) -> bool:
        """Tell whether an offset of a sentence lies inside a quotation."""
        index, start = self._where.get(sentence, (-1, 0))
        if index < 0:
            return False
        return any(s.body_start <= start + offset < s.body_end for s in self.spans[index])
