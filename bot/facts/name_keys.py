"""Compare names by one key: case, hyphens, runs of spaces and a leading "the" say nothing."""

from __future__ import annotations

import re
from functools import lru_cache

NAME_PARTS_RE = re.compile(r"[\s\-]+")


@lru_cache(maxsize=16384)
def name_key(name: str) -> str:
    """Normalise a name for comparison: case, hyphens, spaces, a leading "the"."""
    spaced = name.replace("’", "'").replace("-", " ").replace("‐", " ").replace("–", " ")
    key = " ".join(spaced.split()).lower()  # runs of spaces and hyphens closed up, cheaper than a pattern
    return key[4:] if key.startswith("the ") else key
