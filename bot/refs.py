"""A briefing's reference: what a "More facts" button carries to find the whole briefing again.

A briefing knows the fingerprint of its article's body (bot.text.fingerprint), so a reference can
be written before anything is stored (`newsbrief brief --format discord`). Once stored, the
article's id joins it: a story edited after it was posted gets a new fingerprint, and the id
still finds it. Ids are never reused (articles are not deleted), so an old button never opens
another story.
"""

from __future__ import annotations

import re

# "<fingerprint>", "<fingerprint>.<id>" or ".<id>" (a stored body too short to fingerprint).
REF_PATTERN = r"(?:[0-9a-f]{64})?(?:\.[0-9]{1,15})?"
_REF = re.compile(REF_PATTERN)


def stored_ref(fingerprint: str | None, article_id: int) -> str:
    """Return the reference of a stored article: its body fingerprint and its id."""
    return f"{fingerprint or ''}.{article_id}"


def parse_ref(ref: str) -> tuple[str | None, int | None] | None:
    """Return (fingerprint, article id) from a reference, or None when it is not one."""
    if not ref or not _REF.fullmatch(ref):
        return None
    fingerprint, _, article_id = ref.partition(".")
    return fingerprint or None, int(article_id) if article_id else None
