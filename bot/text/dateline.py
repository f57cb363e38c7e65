"""Find and strip a news dateline: "SEOUL —", "NAIROBI, Kenya (AP) —", "WASHINGTON (Reuters) -"."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Latin-1 capitals too: "BOGOTÁ —", "SÃO PAULO —", "ZÜRICH —".
_UPPER = "A-ZÀ-ÖØ-Þ"
_LETTER = "a-zA-Zà-öø-ÿÀ-ÖØ-Þ"
_CAPS_PLACE = rf"[{_UPPER}][{_UPPER}.'’-]+(?: [{_UPPER}][{_UPPER}.'’-]+){{0,3}}"
_MIXED_PLACE = rf"[{_UPPER}][{_LETTER}.'’-]+(?: [{_UPPER}][{_LETTER}.'’-]+){{0,3}}"
_REGION = r"(?:, [A-Z][a-zA-Z.'’-]+(?: [A-Z][a-zA-Z.'’-]+){0,2})"
_STATE_ABBREVIATION = r", [A-Z][a-z]{1,4}\.(?: ?[A-Z][a-z]?\.)?"
_AGENCY_TAG = r"\((?:AP|Reuters|AFP|UPI|CNN|Bloomberg|dpa|Xinhua|Yonhap|CNBC|NBC|[A-Z][A-Za-z&. ]{1,25})\)"
_DATE_PART = r"(?:, (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2})"
_DASH = r"(?:\s*(?:—|–|--)\s*|\s+-\s+)"

# A dateline needs a sign it is one: an all-caps place, an agency tag, or "Town, St." — so that a
# body paragraph opening "Russia — along with China — has ..." is left alone.
_DATELINE = re.compile(
    rf"^(?:(?P<caps>{_CAPS_PLACE}{_REGION}?){_DATE_PART}?(?:\s*{_AGENCY_TAG})?"
    rf"|(?P<tagged>{_MIXED_PLACE}{_REGION}?){_DATE_PART}?\s*{_AGENCY_TAG}"
    rf"|(?P<town>{_MIXED_PLACE}{_STATE_ABBREVIATION})){_DASH}(?=\S)"
)
_MAX_PREFIX = 60
_AGENCY_NAME = re.compile(r"\(([^()]+)\)")


@dataclass(frozen=True)
class Dateline:
    """Where a dateline names the story's place, and the paragraph without it."""

    place: str
    rest: str
    agency: str | None = None  # "AP" in "LONDON (AP) —"


def split_dateline(paragraph: str) -> Dateline | None:
    """Return the dateline's place and the remaining text if the paragraph opens with a dateline."""
    match = _DATELINE.match(paragraph)
    if not match or match.end() > _MAX_PREFIX:
        return None
    place = match.group("caps") or match.group("tagged") or match.group("town")
    agency = _AGENCY_NAME.search(paragraph, 0, match.end())
    return Dateline(
        place=place.strip(), rest=paragraph[match.end():].strip(), agency=agency.group(1) if agency else None
    )


def is_bare_dateline(paragraph: str) -> bool:
    """Tell whether a paragraph holds only a dateline, as when the place sits on a line of its own."""
    line = paragraph.rstrip()
    # The closing dash is asked first: a body paragraph seldom ends in one, and then is not copied to be matched.
    return line.endswith(("—", "–", "-")) and split_dateline(line + " x") is not None
