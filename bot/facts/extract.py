"""Put the extractors together: one document in, one Facts out."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime

from bot.facts.citations import find_sources
from bot.facts.dates import distinct_dates, find_date_spans
from bot.facts.entities import Mention, find_mentions
from bot.facts.evidence import LOC, MEDIUM, ORG
from bot.facts.gazetteer import lookup_place
from bot.facts.lexicon import MASTHEAD_WORDS
from bot.facts.name_keys import name_key
from bot.facts.numbers import find_numbers
from bot.facts.people import PeopleIndex
from bot.facts.quotes import QuoteLayout, find_quotes
from bot.facts.ranking import StoryLayout, by_prominence
from bot.models import Document, Facts
from bot.text.junk import blank_inline_credits, is_heading


def _story_paragraphs(document: Document) -> list[tuple[str, ...]]:
    """Return the story's paragraphs with photo credits blanked; the cleaner has already dropped page junk."""
    paragraphs = []
    for paragraph in document.paragraphs:
        if len(paragraph) == 1 and is_heading(paragraph[0]):
            continue  # a subhead or label: its names run into each other and it states nothing
        kept = tuple(masked for masked in (blank_inline_credits(s) for s in paragraph) if masked.strip())
        if kept:
            paragraphs.append(kept)
    return paragraphs


# A bare compass point names a part of a place ("east London", "north Brisbane"); an adjective ("central
# Iraq", "southern Zabul") only describes where in it, and the place is the name.
_COMPASS_BEFORE = re.compile(r"(?:^|\s)((?:north|south|east|west|north-?east|north-?west|south-?east|south-?west))\s+$")
# A lower-case word after a name that belongs to it as written: "Salahuddin province".
_AREA_AFTER = re.compile(r"\s+(province)\b")


def _area(sentence: str, start: int) -> str:
    """Return the lower-case compass point written before a place ("east London"), if any."""
    match = _COMPASS_BEFORE.search(sentence, max(0, start - 16), start)
    return match.group(1) if match else ""


def _area_after(sentence: str, end: int) -> str:
    match = _AREA_AFTER.match(sentence, end)
    return f" {match.group(1)}" if match else ""


def _places(
    mentions: list[Mention], sentences: Sequence[str], dateline: str | None, layout: StoryLayout
) -> tuple[str, ...]:
    """Return the places the story names, most central first; a dateline counts as the first sentence."""
    found = _Tally()
    if dateline:
        written = dateline.split(",")[0].strip()
        place = lookup_place(written)
        if place is not None:
            found.add(_place_name(written, place.name), written, 0)
    # A name used as a team anywhere in the story ("Spain drew 1-1") is listed as an organisation only.
    teams = {name_key(m.name) for m in mentions if m.team}
    for mention in mentions:
        if mention.label == LOC and mention.strength >= MEDIUM and name_key(mention.name) not in teams:
            place = lookup_place(mention.name)
            shown = _place_name(mention.name, place.name, place.kind) if place is not None else mention.name
            sentence = sentences[mention.sentence]
            # A compass point before a country only says where in it ("north-west Ukraine"): the place is
            # the country; before a city it names a district ("east London").
            area = _area(sentence, mention.start) if place is None or place.kind != "country" else ""
            shown = f"{area} {mention.name}" if area else shown
            found.add(shown + _area_after(sentence, mention.end), mention.name, mention.sentence)
    return found.ranked(layout)


class _Tally:
    """Names gathered under one shown form each, with where they were mentioned."""

    def __init__(self) -> None:
        self._shown: dict[str, str] = {}
        self._sentences: dict[str, list[int]] = {}
        self._forms: dict[str, set[str]] = {}

    def add(self, shown: str, written: str, sentence: int, key: str | None = None) -> None:
        key = key if key is not None else name_key(shown)
        if len(shown) > len(self._shown.get(key, "")):
            self._shown[key] = shown  # keep the fullest form: "Microsoft Corp." over "Microsoft"
        self._sentences.setdefault(key, []).append(sentence)
        self._forms.setdefault(key, set()).update((shown, written))

    def ranked(self, layout: StoryLayout) -> tuple[str, ...]:
        keys = by_prominence(self._shown, lambda k: layout.prominence(self._sentences[k], self._forms[k]))
        return tuple(self._shown[key] for key in keys)


def _org_key(name: str) -> str:
    """Compare organisations without their legal suffix: "Microsoft Corp." is "Microsoft"."""
    return _LEGAL_SUFFIX_RE.sub("", name_key(name))


_LEGAL_SUFFIX_RE = re.compile(
    r"[\s,]+(?:corp\.?|corporation|inc\.?|incorporated|co\.?|ltd\.?|limited|plc|llc|ag|sa|nv)$"
)


def _organizations(mentions: list[Mention], layout: StoryLayout, outlet: str | None = None) -> tuple[str, ...]:
    """Return the organisations the story names, most central first; the outlet whose tag opens it last."""
    chosen = [m for m in mentions if (m.label == ORG and m.strength >= MEDIUM) or m.team]
    # "Halvorsen" in a story about "Halvorsen Maritime" is the same company, written short.
    keys = [_org_key(mention.name) for mention in chosen]  # each worked out once, read twice below
    longer: dict[str, set[str]] = {}
    for key in keys:
        words = key.split()  # a name key is its words joined by single spaces
        if len(words) < 2:
            continue
        if lookup_place(words[0]) is None:  # "Dundee" may be Dundee United or Dundee FC
            longer.setdefault(words[0], set()).add(key)
        if words[-1] in MASTHEAD_WORDS:
            longer.setdefault(words[-1], set()).add(key)  # "the Post" after "the New York Post"
        elif words[-1].endswith("s") and lookup_place(key[: -len(words[-1]) - 1]) is not None:
            longer.setdefault(words[-1], set()).add(key)  # "the Hawks" after "the Atlanta Hawks"
    short_forms = {short: next(iter(names)) for short, names in longer.items() if len(names) == 1}
    found = _Tally()
    for mention, key in zip(chosen, keys, strict=True):
        found.add(mention.name, mention.name, mention.sentence, key=short_forms.get(key, key))
    ranked = found.ranked(layout)
    if outlet and _org_key(outlet) not in {_org_key(name) for name in ranked}:
        ranked += (outlet,)  # "(CNN)", "LONDON (AP) —": who reports the story, named by its tag alone
    return ranked




def _place_name(written: str, canonical: str, kind: str = "") -> str:
    """Show a place as written unless the gazetteer's name is a real normalisation ("U.S." → "United States")."""
    shown = written.title() if written.isupper() else written
    if kind == "city" and not written.isupper():
        return shown  # "Cologne" stays Cologne: a city's English name is not a spelling to correct
    if _fold(shown) == _fold(canonical):
        return canonical if written.isupper() else written
    return shown if _fold(canonical).startswith(_fold(shown) + " ") else canonical


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()


def extract_facts(document: Document, published: date | datetime | None = None) -> Facts:
    """Extract people, places, organisations, dates, figures, quotes and sources from a document."""
    paragraphs = _story_paragraphs(document)
    sentences = [sentence for paragraph in paragraphs for sentence in paragraph]
    mentions = find_mentions(sentences)
    people = PeopleIndex(mentions, sentences)
    layout = StoryLayout(document.title)
    quote_layout = QuoteLayout(paragraphs, mentions, people)
    date_spans = find_date_spans(sentences, published, quote_layout.is_quoted)
    return Facts(
        people=people.people(layout),
        places=_places(mentions, sentences, document.dateline, layout),
        organizations=_organizations(mentions, layout, document.outlet),
        dates=distinct_dates(date_spans),
        numbers=find_numbers(sentences, date_spans),
        quotes=find_quotes(paragraphs, mentions, people, quote_layout),
        sources=find_sources(sentences, mentions),
    )
