"""The fingerprint of an article body: one story, however its case, spacing or punctuation differ.

The store keeps each article under it (no duplicates) and a briefing carries it in its `ref`
(bot.refs), so a "More facts" button can find the whole briefing again. It lives here, outside bot/storage, because
briefing an article must not load the database layer.
"""

from __future__ import annotations

import hashlib
import unicodedata

from bot.text.normalize import common_marks_spaced, spaced_words

# Below this many words a body is no fingerprint: two feeds' "Read more…" stubs are not one story.
MIN_FINGERPRINT_WORDS = 12


def content_hash(text: str) -> str:
    """Return a hash of the body that ignores case, spacing and punctuation."""
    # NFKC makes a no-break space a space anyway; replaced first, a text that had one (half of all news) is
    # found already normalized by the quick check instead of being normalized character by character.
    # The common marks (curly quotes, dashes) only separate words, before NFKC as after it: spaced out first,
    # most texts are ASCII, which normalizing and case folding pass through fast.
    folded = unicodedata.normalize("NFKC", common_marks_spaced(text.replace("\xa0", " "))).casefold()
    # Punctuation and runs of spaces both only separate words: the words, single-spaced, are the body.
    return hashlib.sha256(spaced_words(folded, underscore=True)).hexdigest()


def body_fingerprint(text: str) -> str | None:
    """Return the body's content hash, or None when it is too short to tell stories apart."""
    # Splitting off at most that many words is enough to count them; the rest stays one piece.
    if len(text.split(None, MIN_FINGERPRINT_WORDS - 1)) < MIN_FINGERPRINT_WORDS:
        return None
    return content_hash(text)

