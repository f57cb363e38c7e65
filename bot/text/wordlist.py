"""Word lists written as one space-separated string, the way the rule modules keep them readable."""

from __future__ import annotations


def word_set(words: str) -> frozenset[str]:
    """Return the distinct words of a space-separated list."""
    return frozenset(words.split())
