"""Spot sentences that lean on the sentence before them: an opening pronoun or connective."""

from __future__ import annotations

import re

from bot.summarize.quotations import quotes_an_unnamed_speaker, read_quotation_marks
from bot.text.wordlist import word_set

# Words that, opening a sentence, point back to something said earlier.
# "We" and "I" are left out: they open quotes whose speaker the same sentence names.
_PRONOUNS = "he she they it this that these those his her their its him them such"
_CONNECTIVES = (
    "but however also and so yet still meanwhile moreover furthermore besides instead nevertheless "
    "nonetheless therefore thus hence then otherwise indeed additionally consequently likewise similarly "
    "or nor plus"
)
_MULTIWORD = (
    "in addition", "as a result", "despite this", "despite that", "after that", "because of this",
    "because of that", "even so", "on the other hand", "in contrast", "by contrast", "at the same time",
    "the latter", "the former", "in turn", "for his part", "for her part", "for their part", "that said",
)
_OPENERS = frozenset((_PRONOUNS + " " + _CONNECTIVES).split())

# Quote marks, brackets and dashes that can precede the first word without changing what it refers to.
_LEADING_NOISE = re.compile(r"^[\s\"'‘’“”«»(\[\-–—…]+")
_FIRST_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")

# "This week", "That night": a demonstrative that sets the time points at the calendar, not at an earlier sentence.
_TIME_WORDS = word_set(
    "morning afternoon evening night week weekend month year season summer winter spring autumn fall "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december time century decade term"
)
# "It is understood that ...", "It was not clear whether ...": an empty "it" that refers to nothing earlier.
_DUMMY_IT = re.compile(
    r"^it(?:\s+(?:is|was|has been|had been|remains|remained|seems|seemed|appears|appeared|would be|will be))"
    r"(?:\s+not)?(?:\s+yet)?\s+(?:un)?(?:clear|known|likely|understood|believed|thought|expected|estimated|"
    r"reported|said|feared|hoped|possible|impossible|alleged|claimed|certain|uncertain|true|important|"
    r"necessary|rare|common|illegal|legal)\b",
    re.IGNORECASE,
)
# "So far", "Still images", "Then-president": the word is part of a phrase, not a link to the sentence before.
_FALSE_STARTS = re.compile(r"^(?:so\s+far|so-called|still\s+(?:images?|photos?)|then-|such\s+as)\b", re.IGNORECASE)


def _strip_leading_noise(sentence: str) -> str:
    return _LEADING_NOISE.sub("", sentence)


def _is_time_demonstrative(first: str, rest: str) -> bool:
    if first not in {"this", "that", "these", "those"}:
        return False
    following = _FIRST_WORD.match(rest.lstrip())
    return following is not None and following.group(0).lower() in _TIME_WORDS


def continues_a_quotation(sentence: str) -> bool:
    """Tell whether the sentence closes a quotation that an earlier sentence opened."""
    return read_quotation_marks(sentence).closes_earlier


def _opens_with_phrase(lowered: str, phrase: str) -> bool:
    return lowered.startswith(phrase) and not lowered[len(phrase) : len(phrase) + 1].isalpha()


def opens_with_unresolved_reference(sentence: str) -> bool:
    """Tell whether the sentence needs the one before it: a pronoun, a connective, a quotation's end or its speaker."""
    if continues_a_quotation(sentence) or quotes_an_unnamed_speaker(sentence):
        return True
    text = _strip_leading_noise(sentence)
    lowered = text.lower()
    # Few sentences open with any of the phrases: one `startswith` on all of them spares testing each.
    if lowered.startswith(_MULTIWORD) and any(_opens_with_phrase(lowered, phrase) for phrase in _MULTIWORD):
        return True
    match = _FIRST_WORD.match(text)
    if match is None:
        return False
    # "It's", "That's", "They're": the pronoun before the contraction decides.
    first = re.split(r"['’]", match.group(0).lower())[0]
    if first not in _OPENERS:
        return False
    if _FALSE_STARTS.match(lowered) or _DUMMY_IT.match(lowered):
        return False
    return not _is_time_demonstrative(first, text[match.end() :])
