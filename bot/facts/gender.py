"""Tell a person's gender from what the text gives, so "she said" finds the right speaker.

Only evidence the article itself carries counts: a courtesy title ("Mrs", "Sir"), a gendered role
("actress", "her mother", "spokesman") or a given name that nearly always belongs to one gender.
Anything else is unknown, and an unknown gender never decides who a pronoun means.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from bot.text.wordlist import word_set

FEMALE, MALE = "f", "m"

_TITLES = {
    **dict.fromkeys(
        word_set("mrs ms miss dame lady queen princess duchess countess baroness madam madame sister"), FEMALE
    ),
    **dict.fromkeys(word_set("mr sir lord king prince duke earl baron count father brother sheikh emir"), MALE),
}
_ROLE_WORDS = {
    **dict.fromkeys(
        word_set(
            "actress wife mother mum mom daughter sister girlfriend woman girl spokeswoman chairwoman "
            "businesswoman congresswoman councilwoman sportswoman policewoman grandmother grandma gran aunt "
            "niece widow bride queen princess duchess waitress heiress hostess headmistress landlady lady "
            "mother-of-one mother-of-two mother-of-three mother-of-four mother-of-five mother-of-six "
            "mum-of-two mum-of-three"
        ),
        FEMALE,
    ),
    **dict.fromkeys(
        word_set(
            "husband father dad son brother boyfriend man boy spokesman chairman businessman congressman "
            "councilman sportsman policeman fireman grandfather grandad uncle nephew widower groom king "
            "prince duke headmaster landlord father-of-one father-of-two father-of-three father-of-four "
            "father-of-five"
        ),
        MALE,
    ),
}
_WORD_RE = re.compile(r"[a-z][a-z'-]*")


@lru_cache(maxsize=1)
def _name_genders() -> dict[str, str]:
    text = resources.files("bot.facts").joinpath("given_name_genders.txt").read_text(encoding="utf-8")
    rows = (line.split() for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {row[0]: row[1] for row in rows}


@lru_cache(maxsize=4096)
def title_gender(title: str) -> str | None:
    """Return the gender a courtesy title or gendered role word gives, if any."""
    # Cached: the same few titles and roles ("Mr", "President", "spokesman") come back in story after story.
    words = _WORD_RE.findall(title.lower().replace(".", ""))
    found = {_TITLES.get(word) or _ROLE_WORDS.get(word) for word in words} - {None}
    return found.pop() if len(found) == 1 else None


def name_gender(name: str) -> str | None:
    """Return the gender of a full name's given name when it nearly always has one."""
    parts = name.split()
    if len(parts) < 2:
        return None  # a surname alone says nothing
    for part in parts[:-1]:  # "Alabama Rep. Sen. Jeff Sessions": the first listed given name before the surname
        if part.endswith("."):
            continue
        found = _name_genders().get(part.lower().strip(",").split("-")[0])
        if found is not None:
            return found
    return None


def person_gender(name: str, titles: Iterable[str] = (), role: str | None = None) -> str | None:
    """Combine a person's titles and role, else their given name; None when unsure or at odds.

    A title the text gives ("Ms Okoro") outweighs what a given name usually means.
    """
    stated = {title_gender(title) for title in titles if title}
    if role:
        stated.add(title_gender(role))
    stated.discard(None)
    if stated:
        return stated.pop() if len(stated) == 1 else None
    return name_gender(name)
