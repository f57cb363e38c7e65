"""Merge person mentions into people ("Mr. Kim", "Kim Jong-un", "Kim Jong Un") and give each a role."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import groupby
from operator import itemgetter

from bot.facts.entities import Mention
from bot.facts.evidence import MEDIUM, PER
from bot.facts.gazetteer import lookup_place
from bot.facts.lexicon import NAME_PARTICLES, given_names, is_known_org
from bot.facts.name_keys import NAME_PARTS_RE, name_key
from bot.facts.ranking import StoryLayout, by_prominence
from bot.facts.roles import roles_of
from bot.models import Person
from bot.text.normalize import unaccented

# Preference of a role the text states (see `bot.facts.roles.roles_of`): a phrase or a title before the name
# outranks an affiliation ("of the Federation of Small Traders"), and among them the first written wins.
_STATED = 1


@lru_cache(maxsize=4096)
def _squash(name: str) -> str:
    # Asked of every mention's name on every look-up, like `_parts`.
    return unaccented(name_key(name).replace(" ", ""))


@lru_cache(maxsize=4096)
def _parts(name: str) -> tuple[str, ...]:
    """Return a name's words to compare, lower case and without accents: "Antić" is "Antic" written with care."""
    # Asked of the same few names again and again (every resolve and find), so split once per name.
    words = (p.lower() for p in NAME_PARTS_RE.split(name))
    return tuple(unaccented(p) for p in words if len(p) > 1 and p not in NAME_PARTICLES)





@dataclass
class _Person:
    forms: dict[str, tuple[int, int]] = field(default_factory=dict)  # written form -> first position
    mentions: list[Mention] = field(default_factory=list)
    roles: list[tuple[int, int, str]] = field(default_factory=list)  # (preference, order, role)
    # The chosen form, worked out again only after `add_form` changed the forms.
    _name: str | None = field(default=None, repr=False, compare=False)

    def add_form(self, form: str, position: tuple[int, int]) -> None:
        """Record a written form of the name at a position; the earliest position of each form is kept."""
        self.forms[form] = min(self.forms.get(form, position), position)
        self._name = None

    @property
    def name(self) -> str:
        """The form with most words; among equals, the first one written."""
        if self._name is None:
            forms = self.forms
            self._name = max(forms, key=lambda form: (len(form.split()), -forms[form][0], -forms[form][1]))
        return self._name

    @property
    def introduced(self) -> tuple[int, int]:
        """Where the person is first named by more than one word: where a reader learns who they are."""
        fuller = [position for form, position in self.forms.items() if len(_parts(form)) >= 2]
        return min(fuller or self.forms.values())

    @property
    def role(self) -> str | None:
        """The role the story states first; an affiliation only when nothing else says what the person is.

        Editors copy the role given where the person is introduced ("the late actor Peter Holm"), not a
        later description ("Holm, the star of …").
        """
        if not self.roles:
            return None
        return max(self.roles, key=lambda r: (min(r[0], _STATED), -r[1], r[0]))[2]


class PeopleIndex:
    """People of one document; resolves any written form of a name to the person's display name."""

    def __init__(self, mentions: Sequence[Mention], sentences: Sequence[str]) -> None:
        self._people: list[_Person] = []
        self._by_key: dict[str, _Person] = {}
        self._by_part: dict[str, _Person] = {}
        # A word of two different people's names ("Jordan" for Frank and Louis Jordan) names neither alone.
        self._shared: dict[str, list[_Person]] = {}
        # Once every mention is added the index no longer changes, so a mention resolves the same way each
        # time it is asked (roles here, then the quotation layout and the quotes): keep the answers.
        self._resolved: dict[tuple[str, int, int], _Person | None] | None = None
        person_mentions = [m for m in mentions if m.label == PER and _is_plausible(m)]
        for mention in sorted(person_mentions, key=lambda m: -len(_parts(m.name))):
            self._add(mention)
        self._resolved = {}
        # roles_of reads only the mentions of the person's own sentence: hand it those, not the whole story's.
        in_sentence = mentions_by_sentence(mentions)
        for order, mention in enumerate(person_mentions):
            person = self.resolve(mention)
            if person is not None:
                neighbours = in_sentence[mention.sentence]
                for preference, role in roles_of(mention, sentences[mention.sentence], neighbours):
                    person.roles.append((preference, order, role))

    def _add(self, mention: Mention) -> None:
        # Who shares the name is read once, and again only after a new person may have come to share it.
        shared = self._owners(mention.name)
        person = self._resolve(mention) if shared else self.find(mention.name)
        if person is None:
            if mention.strength < MEDIUM or shared:
                return  # a capitalised pair with nothing else for it is not enough to introduce someone
            person = _Person()
            self._people.append(person)
            self._by_key[_squash(mention.name)] = person
            parts = _parts(mention.name)
            for part in parts:
                owner = self._by_part.setdefault(part, person)
                if owner is not person and not set(parts) <= set(_parts(owner.name)):
                    self._shared.setdefault(part, [owner]).append(person)
            shared = self._owners(mention.name)
        person.add_form(mention.name, (mention.sentence, mention.start))
        if not shared:
            self._by_key.setdefault(_squash(mention.name), person)
        person.mentions.append(mention)

    def find(self, name: str) -> _Person | None:
        """Return the person a written name refers to, if known."""
        person = self._by_key.get(_squash(name))
        if person is not None:
            return person
        parts = _parts(name)
        if len(parts) == 1:
            return None if parts[0] in self._shared else self._by_part.get(parts[0])
        # "Ms Rusoff-Hoen" after "Tamara Rusoff-Hoen": every part of a hyphenated surname names one person.
        owner = self._by_part.get(parts[0]) if parts else None
        if owner is None or any(self._by_part.get(part) is not owner for part in parts[1:]):
            return None
        return owner if parts[0] not in given_names() else None

    def resolve(self, mention: Mention) -> _Person | None:
        """Return the person a mention refers to; a name several people share means the one introduced before it.

        "Lurie told WKYC" after "Michael Lurie" is him, even if Terra Lurie comes later; once both are named,
        "Lurie" alone is either of them.
        """
        resolved = self._resolved
        if resolved is None:
            return self._resolve(mention)
        key = (mention.name, mention.sentence, mention.start)
        person = resolved.get(key, _UNRESOLVED)
        if person is _UNRESOLVED:
            person = resolved[key] = self._resolve(mention)
        return person

    def _resolve(self, mention: Mention) -> _Person | None:
        if not self._owners(mention.name):
            return self.find(mention.name)  # nearly every name: nobody else shares it
        owners = self.shared_by(mention.name, (mention.sentence, mention.start))
        return owners[0] if len(owners) == 1 else None

    def _owners(self, name: str) -> Sequence[_Person]:
        parts = _parts(name)
        return self._shared.get(parts[0], ()) if len(parts) == 1 else ()

    def shared_by(self, name: str, at: tuple[int, int] | None = None) -> tuple[_Person, ...]:
        """Return the people a one-word name could mean at a position, when several people share it.

        Only those already introduced by a fuller name count; if none is yet, all of them do.
        """
        owners = self._owners(name)
        if at is not None:
            introduced = [person for person in owners if person.introduced < at]
            owners = introduced or owners
        return tuple(owners)

    def display_name(self, name: str) -> str | None:
        """Return the full display name for any form of a known person's name."""
        person = self.find(name)
        return person.name if person is not None else None

    def people(self, layout: StoryLayout | None = None) -> tuple[Person, ...]:
        """Return the people, the ones the story is about first (see `bot.facts.ranking`)."""
        layout = layout or StoryLayout(None)
        # Each mention's place is recorded as its form's place too (`_add`): the earliest form is the first mention.
        in_order = sorted(self._people, key=lambda p: min(p.forms.values()))
        ordered = by_prominence(in_order, lambda p: layout.prominence([m.sentence for m in p.mentions], p.forms))
        return tuple(Person(p.name, p.role) for p in ordered)


# Marks a mention not yet in `PeopleIndex._resolved` (None is an answer: nobody).
_UNRESOLVED = _Person()


def mentions_by_sentence(mentions: Sequence[Mention]) -> dict[int, list[Mention]]:
    """Group mentions by their sentence, keeping their order."""
    grouped: dict[int, list[Mention]] = {}
    # Mentions come in reading order: a run of one sentence's mentions is grouped with one step, not one each.
    for sentence, run in groupby(mentions, _SENTENCE_OF):
        grouped.setdefault(sentence, []).extend(run)
    return grouped


_SENTENCE_OF = itemgetter(Mention._fields.index("sentence"))


def _is_plausible(mention: Mention) -> bool:
    """Reject person labels on names that are places or organisations anyway."""
    if is_known_org(mention.name):
        return False
    return not (lookup_place(mention.name) is not None and not mention.title)
