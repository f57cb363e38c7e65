from __future__ import annotations

import hashlib
import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.text.fingerprint import content_hash

_PIECES = [
    "The", "ferry", "SANK", "é", "e\u0301", "ﬁ", "½", "²", "_", "1", "’", "‘", "“", "”", "–", "—", "£", "…", "«", "»",
    "€", "•", "·", "\u0301", "\xa0", " ", "  ", "\n", ".", ",", "'", "中", "İ", "ß",
]


def _reference_hash(text: str) -> str:
    """Hash the words as the rule is written: NFKC, case folded, `\\w+` runs single-spaced."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return hashlib.sha256(" ".join(re.findall(r"\w+", folded)).encode()).hexdigest()


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_the_content_hash_is_the_hash_of_the_words_of_the_folded_text(text):
    assert content_hash(text) == _reference_hash(text)
