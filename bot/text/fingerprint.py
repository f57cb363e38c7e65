"""The fingerprint of an article body: one story, however its case, spacing or punctuation differ.

The store keeps each article under it (no duplicates) and a briefing carries it in its `ref`
(bot.refs), so a "More facts" button can find the whole briefing again. It lives here, outside bot/storage, because
briefing an article must not load the database layer.
"""

from __future__ import annotations

import hashlib
import unicodedata

# Below this many words a body is no fingerprint: two feeds' "Read more…" stubs are not one story.
MIN_FINGERPRINT_WORDS = 12


# Every ASCII byte that is no word character (what `\W` matches) becomes a space; other bytes stay.
_ASCII_SEPARATORS = bytes(
    byte if byte >= 0x80 or chr(byte).isalnum() or byte == ord("_") else ord(" ") for byte in range(256)
)


def content_hash(text: str) -> str:
    """Return a hash of the body that ignores case, spacing and punctuation."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    # Punctuation and runs of spaces both only separate words: the words, single-spaced, are the body.
    return hashlib.sha256(_single_spaced_words(folded)).hexdigest()


def _single_spaced_words(text: str) -> bytes:
    """Return the text's words (runs of word characters, as a pattern's \\w finds them) single-spaced, in UTF-8."""
    # Byte operations do this several times faster than a pattern over the text: the few distinct
    # characters outside ASCII that separate words (curly quotes, dashes, "£") become spaces first, then
    # ASCII separators are mapped to spaces byte by byte (a UTF-8 letter's bytes are all 0x80 or more).
    if not text.isascii():
        for character in set(text):
            if not (character.isascii() or character.isalnum()):
                text = text.replace(character, " ")
    return b" ".join(text.encode("utf-8").translate(_ASCII_SEPARATORS).split())


def body_fingerprint(text: str) -> str | None:
    """Return the body's content hash, or None when it is too short to tell stories apart."""
    # Splitting off at most that many words is enough to count them; the rest stays one piece.
    if len(text.split(None, MIN_FINGERPRINT_WORDS - 1)) < MIN_FINGERPRINT_WORDS:
        return None
    return content_hash(text)

