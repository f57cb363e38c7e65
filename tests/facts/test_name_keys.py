"""Name keys: case, curly apostrophes, and runs of spaces (and hyphens, for names) closed up to one space."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from bot.facts import gazetteer
from bot.facts.name_keys import name_key

_PIECES = st.sampled_from(["a", "B", "-", "‐", "–", " ", "\t", "\n", "\u00a0", "’", "'", "İ", "the ", "The "])
_TEXT = st.lists(_PIECES, max_size=10).map("".join)


@given(_TEXT)
def test_a_name_key_closes_up_spaces_and_hyphens_and_drops_a_leading_the(name):
    key = re.sub(r"[\s\-‐–]+", " ", name.replace("’", "'")).strip().lower()
    assert name_key(name) == (key[4:] if key.startswith("the ") else key)


@given(_TEXT)
def test_a_place_key_closes_up_spaces_only(name):
    assert gazetteer._key(name) == re.sub(r"\s+", " ", name.replace("’", "'")).strip().lower()


def test_keys_of_common_forms():
    assert name_key("The  Jean-Claude  Juncker") == "jean claude juncker"
    assert gazetteer._key(" Saint\u00a0Kitts ") == "saint kitts"
