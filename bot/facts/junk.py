"""Keep page furniture out of the facts even when cleaning missed it: footers, credits, sign-in prompts."""

from __future__ import annotations

import re

_FOOTER_PHRASES = (
    "all rights reserved",
    "©",
    "copyright",
    "terms of use",
    "terms of service",
    "privacy policy",
    "cookie policy",
    "sign in",
    "sign up",
    "create a free account",
    "subscribe",
    "newsletter",
    "constitutes acceptance",
    "may not be reproduced",
)
# "AP/Jane Doe, pool, file", "Photo: Reuters/John Smith": a credit, not a mention of anyone.
_CREDIT_RE = re.compile(
    r"(?:\b(?:Photo|Image|Credit|Picture)s?:\s*)?\b[A-Z][\w.&-]*/[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*"
    r"(?:,\s*(?:pool|file|handout|via [^,.]+))*"
)
_WORD_RE = re.compile(r"[A-Za-z][\w'’-]*")


def is_junk_paragraph(paragraph: str) -> bool:
    """Tell whether a paragraph is footer, sign-in or masthead text rather than story."""
    lowered = paragraph.lower()
    if any(phrase in lowered for phrase in _FOOTER_PHRASES):
        return True
    words = _WORD_RE.findall(paragraph)
    # A short line of only capitalised words ("The New York Sun") is a masthead or a label.
    return (
        0 < len(words) <= 6 and all(w[0].isupper() for w in words) and not paragraph.rstrip().endswith((".", "?", "!"))
    )


def mask_credits(sentence: str) -> str:
    """Blank out photo credits, keeping every other character where it was."""
    if "/" not in sentence:
        return sentence
    return _CREDIT_RE.sub(lambda m: " " * len(m.group()), sentence)
