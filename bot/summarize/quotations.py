"""Read the quotation marks of one sentence: does it close a quotation, leave one open, name its speaker?

A summary sentence is read without its neighbours, so a quotation must arrive whole and with its
speaker: "“We will win,” she said." opens on words nobody is named for, and "“We cannot keep patching
the same bridges." shows half of what was said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_CLOSING = "”’\"'"
_CLOSING_PUNCTUATION = ".,!?…;:—-"
_MARK = re.compile(r"[“”‘’\"']")
# After a quotation, an attribution that names nobody: "she said", "said he", "they added".
_PRONOUN_ATTRIBUTION = re.compile(
    r"^[\s,.;:!?—–-]*(?:(?:he|she|they|i|we|it)\s+(?:\w+\s+)?(?:said|says|added|adds|told|tells|wrote|writes|"
    r"explained|explains|continued|continues|insisted|insists|asked|asks|recalled|recalls|admitted|admits)\b"
    r"|(?:said|says|added|adds)\s+(?:he|she|they)\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class QuotationMarks:
    """What a sentence's quotation marks tell about the quotations around it."""

    closes_earlier: bool  # it ends a quotation opened in an earlier sentence
    leaves_open: bool  # it opens a quotation that goes on in a later sentence
    opens_with_quote: bool  # its first word is inside a quotation
    after_quote: str  # the words after its first quotation closes ("" when none closes)


def _is_opening(sentence: str, index: int) -> bool:
    mark = sentence[index]
    before = sentence[index - 1] if index > 0 else " "
    after = sentence[index + 1] if index + 1 < len(sentence) else " "
    if mark in "“‘":
        return True
    if mark == "’" or mark == "”":
        return False
    return (before.isspace() or before in "([—–-") and (after.isalnum() or after in "‘“…")


def _is_closing(sentence: str, index: int, open_count: int) -> bool:
    mark = sentence[index]
    before = sentence[index - 1] if index > 0 else " "
    after = sentence[index + 1] if index + 1 < len(sentence) else " "
    if before.isspace() or after.isalnum():
        return False  # an opening mark, or an apostrophe inside a word ("don’t", "Kim’s")
    if mark == "”":
        return True
    # A single mark after a letter is as often a possessive ("Jones’ car"); it closes only a quotation
    # already open, or when punctuation ends the quoted words before it.
    return before in _CLOSING_PUNCTUATION or (open_count > 0 and mark in _CLOSING)


@lru_cache(maxsize=4096)
def read_quotation_marks(sentence: str) -> QuotationMarks:
    """Return what the sentence's quotation marks say about quotations across sentences."""
    open_count = 0
    closes_earlier = False
    after_quote = ""
    first_word = re.search(r"\w", sentence)
    opens_with_quote = False
    for match in _MARK.finditer(sentence):
        index = match.start()
        if _is_opening(sentence, index):
            if first_word is not None and index < first_word.start() and open_count == 0:
                opens_with_quote = True
            open_count += 1
        elif _is_closing(sentence, index, open_count):
            if open_count > 0:
                open_count -= 1
                if open_count == 0 and not after_quote:
                    after_quote = sentence[index + 1 :]
            else:
                closes_earlier = True
    return QuotationMarks(closes_earlier, open_count > 0, opens_with_quote, after_quote)


def quotes_an_unnamed_speaker(sentence: str) -> bool:
    """Tell whether a sentence opens with a quotation and names no speaker for it ("…,” she said.")."""
    marks = read_quotation_marks(sentence)
    if not marks.opens_with_quote:
        return False
    tail = marks.after_quote.strip()
    return not tail.strip(" .,!?;:—–-") or _PRONOUN_ATTRIBUTION.match(tail) is not None
