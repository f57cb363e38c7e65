"""The English Snowball (Porter2) stemmer, giving exactly the stems NLTK's `EnglishStemmer` gives.

The algorithm is Martin Porter's (https://snowballstem.org/algorithms/english/stemmer.html). The
summaries were tuned with the stems of NLTK's implementation (Copyright (C) 2001-2025 NLTK Project;
Apache License 2.0, https://www.apache.org/licenses/LICENSE-2.0), which keeps the regions R1 and
R2 as strings and updates them its own way in a few steps; this module follows those updates
so that every stem stays the same (the tests compare both on real news vocabulary). It exists
because `nltk.stem` cannot be imported without the whole `nltk` package (about 0.3 s of every
cold start), and because the newer Snowball release in the `snowballstemmer` package stems some
words differently ("added" → "add", not "ad"), and in pure Python three times slower.
"""

from __future__ import annotations

import re

_VOWELS = frozenset("aeiouy")
_VOWEL_THEN_CONSONANT = re.compile(r"[aeiouy][^aeiouy]")
_REGIONS = re.compile(r"([aeiouy][^aeiouy])(.*?[aeiouy][^aeiouy])?")
_DOUBLES = ("bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt")
_LI_ENDING = frozenset("cdeghkmnrt")
_SPECIAL = {
    "skis": "ski", "skies": "sky", "dying": "die", "lying": "lie", "tying": "tie", "idly": "idl",
    "gently": "gentl", "ugly": "ugli", "early": "earli", "only": "onli", "singly": "singl", "sky": "sky",
    "news": "news", "howe": "howe", "atlas": "atlas", "cosmos": "cosmos", "bias": "bias", "andes": "andes",
    "inning": "inning", "innings": "inning", "outing": "outing", "outings": "outing", "canning": "canning",
    "cannings": "canning", "herring": "herring", "herrings": "herring", "earring": "earring",
    "earrings": "earring", "proceed": "proceed", "proceeds": "proceed", "proceeded": "proceed",
    "proceeding": "proceed", "exceed": "exceed", "exceeds": "exceed", "exceeded": "exceed",
    "exceeding": "exceed", "succeed": "succeed", "succeeds": "succeed", "succeeded": "succeed",
    "succeeding": "succeed",
}
_STEP1B = ("eedly", "ingly", "edly", "eed", "ing", "ed")
# Step 2: suffix → replacement, and what R2 becomes when it is shorter than the suffix.
_STEP2 = (
    ("ization", "ize", ""), ("ational", "ate", "e"), ("fulness", "ful", None), ("ousness", "ous", ""),
    ("iveness", "ive", "e"), ("tional", "tion", None), ("biliti", "ble", ""), ("lessli", "less", None),
    ("entli", "ent", None), ("ation", "ate", "e"), ("alism", "al", ""), ("aliti", "al", ""),
    ("ousli", "ous", ""), ("iviti", "ive", "e"), ("fulli", "ful", None), ("enci", "ence", "last"),
    ("anci", "ance", "last"), ("abli", "able", "last"), ("izer", "ize", ""), ("ator", "ate", "e"),
    ("alli", "al", ""), ("bli", "ble", ""), ("ogi", "og", None), ("li", "", None),
)
_STEP3 = (
    ("ational", "ate", ""), ("tional", "tion", None), ("alize", "al", None), ("icate", "ic", ""),
    ("iciti", "ic", ""), ("ative", "", None), ("ical", "ic", ""), ("ness", "", None), ("ful", "", None),
)
_STEP4 = (
    "ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti", "ous", "ive", "ize",
    "ion", "al", "er", "ic",
)


def _by_last_letter(suffixes: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Group a step's suffixes by their last letter, each group in the step's order (longest first)."""
    groups: dict[str, tuple[str, ...]] = {}
    for suffix in suffixes:
        groups[suffix[-1]] = (*groups.get(suffix[-1], ()), suffix)
    return groups


# A step tries only the suffixes ending in the word's last letter: the others cannot match, and one string test
# costs more than a dictionary lookup. Each group keeps the step's order, so the same suffix is found first.
_STEP1B_BY_LAST = _by_last_letter(_STEP1B)
_STEP2_BY_LAST = _by_last_letter(tuple(suffix for suffix, _, _ in _STEP2))
_STEP3_BY_LAST = _by_last_letter(tuple(suffix for suffix, _, _ in _STEP3))
_STEP4_BY_LAST = _by_last_letter(_STEP4)
# Steps 2, 3 and 4's suffixes by last letter, together: () for a step with none (`endswith(())` is False).
_LATER_STEPS_BY_LAST = {
    last: (_STEP2_BY_LAST.get(last, ()), _STEP3_BY_LAST.get(last, ()), _STEP4_BY_LAST.get(last, ()))
    for last in {*_STEP2_BY_LAST, *_STEP3_BY_LAST, *_STEP4_BY_LAST}
}
# Step 1b's suffixes end in "d", "g" or "y"; step 1c's "y" is among them (a marked "Y" follows a vowel, which 1c keeps).
_STEP1B_LAST_LETTERS = frozenset(_STEP1B_BY_LAST)
_NO_LATER_STEPS: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]] = ((), (), ())
_STEP2_RULES = {suffix: (replacement, short_r2) for suffix, replacement, short_r2 in _STEP2}
_STEP3_RULES = {suffix: (replacement, short_r2) for suffix, replacement, short_r2 in _STEP3}
_GROWS_E = frozenset(("at", "bl", "iz"))
_DOUBLE_ENDINGS = frozenset(_DOUBLES)

# The last letters of every suffix a step removes or replaces, and the "e", "l" and "y" of steps 1c and 5:
# a word ending in any other letter ("trump", "obama", "2015") goes through every step unchanged.
_TOUCHED_ENDINGS = frozenset("'sdgyel").union(_STEP1B_BY_LAST, _STEP2_BY_LAST, _STEP3_BY_LAST, _STEP4_BY_LAST)

# A "y" after a vowel is a consonant: marked "Y". Scanning left to right, a "y" already marked is no vowel, so
# after the other vowels are done, a run of "y"s is marked every second one: "yyy" → "yYy". Plain replacements
# spare the pattern's group template, which runs Python code for every match.
_Y_AFTER_VOWEL = tuple((vowel + "y", vowel + "Y") for vowel in "aeiouy")
# A word, with its regions R1 and R2 as NLTK keeps them, on its way through the steps. The steps are plain
# functions over this triple: a stemmer object per word cost more than the steps themselves.
_Stemming = tuple[str, str, str]


def stem(word: str) -> str:
    """Return the Porter2 stem of a word, as NLTK's English Snowball stemmer gives it."""
    word = word.lower()
    if len(word) <= 2:
        return word
    special = _SPECIAL.get(word)
    if special is not None:
        return special
    if word[-1] not in _TOUCHED_ENDINGS and word[0] != "'" and word.isascii():
        return word  # no step applies; only a leading apostrophe or a curly one would have changed it
    # The word with its apostrophes and consonant "y"s marked, and its regions R1 and R2, found here rather than by
    # a function of its own as every word that gets this far needs them.
    if not word.isascii():
        word = word.replace("\u2019", "'").replace("\u2018", "'").replace("\u201b", "'")
    if word[0] in "'y":
        if word[0] == "'":
            word = word[1:]
        if word[0] == "y":
            word = "Y" + word[1:]
    if "y" in word:
        for after_vowel, marked in _Y_AFTER_VOWEL:
            word = word.replace(after_vowel, marked)
    if word[0] in "gac" and word.startswith(("gener", "arsen", "commun")):
        r1 = word[6:] if word[0] == "c" else word[5:]  # R1 starts after these prefixes, whatever follows
        r2 = _after_first_consonant_after_vowel(r1)
    else:
        # One search finds both regions: R2 is to R1 what R1 is to the word.
        found = _REGIONS.search(word)
        if found is None:
            r1 = r2 = ""
        else:
            r1 = word[found.end(1) :]
            r2_start = found.end(2)  # -1 when the word has no R2
            r2 = word[r2_start:] if r2_start >= 0 else ""
    last = word[-1]
    if last == "s" and word[-2] not in "'su" and not word.endswith(("ies", "sses")):
        # Step 1a's commonest case, a plain plural ("officials"), taken without the step's call: no suffix of step 0
        # ends in this "s", and of step 1a only the bare "s" does, which goes when a vowel stands before its letter.
        if not _VOWELS.isdisjoint(word[:-2]):
            word, r1, r2 = word[:-1], r1[:-1], r2[:-1]
        last = word[-1]
    elif last in "'sd":  # every suffix of steps 0 and 1a ends in an apostrophe, "s" or "d"
        word, r1, r2 = _step0_and_1a(word, r1, r2)
        last = word[-1:]  # "" when step 0 took the whole word
    if last in _STEP1B_LAST_LETTERS:
        suffixes = _STEP1B_BY_LAST[last]
        if word.endswith(suffixes):
            word, r1, r2 = _step1b(word, r1, r2, suffixes)
            last = word[-1]
        if last in "yY" and len(word) > 2 and word[-2] not in _VOWELS:  # step 1c
            word = word[:-1] + "i"
            r1 = r1[:-1] + "i" if r1 else ""
            r2 = r2[:-1] + "i" if r2 else ""
            last = "i"
    # Most words have none of steps 2, 3 and 4's suffixes: one lookup by the word's last letter ("" when step 0
    # took the whole word) gives each step's suffixes with that letter, and one `endswith` each spares the step's
    # call. A step that changes the word changes its last letter, so the suffixes are looked up again. Steps 2 and 3
    # take a suffix only from R1 and step 4 only from R2, and every suffix has two letters or more: a region
    # shorter than that spares the steps' tests.
    later = _LATER_STEPS_BY_LAST.get(last)
    if later is not None:
        if len(r1) > 1:
            if word.endswith(later[0]):
                word, r1, r2 = _step2(word, r1, r2, later[0])
                later = _LATER_STEPS_BY_LAST.get(word[-1:], _NO_LATER_STEPS)
            if word.endswith(later[1]):
                word, r1, r2 = _step3(word, r1, r2, later[1])
                later = _LATER_STEPS_BY_LAST.get(word[-1:], _NO_LATER_STEPS)
        if len(r2) > 1 and word.endswith(later[2]):
            word, r1, r2 = _step4(word, r1, r2, later[2])
    # Step 5, here rather than in a function of its own as every word that gets this far takes it. R1 and R2 are
    # always tails of the word, so only a word ending in "e" or "l" can lose it. Last letters are compared as
    # one-letter slices: cheaper than `endswith`, and "" for an empty word or region.
    last = word[-1:]
    if last == "e":
        if r2[-1:] == "e" or (  # an "e" in R1 goes unless it ends a short syllable
            r1[-1:] == "e"
            and len(word) >= 4
            and not (
                word[-2] not in _VOWELS and word[-2] not in "wxY" and word[-3] in _VOWELS and word[-4] not in _VOWELS
            )
        ):
            word = word[:-1]
    elif last == "l" and r2[-1:] == "l" and word[-2] == "l":
        word = word[:-1]
    return word.replace("Y", "y")


def _after_first_consonant_after_vowel(text: str) -> str:
    found = _VOWEL_THEN_CONSONANT.search(text)
    return text[found.end() :] if found else ""


def _cut(word: str, r1: str, r2: str, count: int) -> _Stemming:
    return word[:-count], r1[:-count], r2[:-count]


def _replace(word: str, r1: str, r2: str, suffix: str, replacement: str, short_r2: str) -> _Stemming:
    """Replace the suffix in the word and in R1 and R2 (a region shorter than it becomes `short_r2` or "")."""
    keep = len(suffix)
    return (
        word[:-keep] + replacement,
        r1[:-keep] + replacement if len(r1) >= keep else "",
        r2[:-keep] + replacement if len(r2) >= keep else short_r2,
    )


def _step0_and_1a(word: str, r1: str, r2: str) -> _Stemming:
    # Step 0's suffixes, longest first: "'s'", "'s", "'"; only the last letter decides which can match.
    if word[-1] == "'":
        word, r1, r2 = _cut(word, r1, r2, 3 if word.endswith("'s'") else 1)
    elif word[-2:] == "'s":
        word, r1, r2 = _cut(word, r1, r2, 2)
    # Step 1a's suffixes, longest first: "sses", "ied" or "ies", "us" or "ss" (kept), then "s".
    last = word[-1:]
    if last == "d":
        return _cut(word, r1, r2, 2 if len(word) > 4 else 1) if word.endswith("ied") else (word, r1, r2)
    if last != "s":
        return word, r1, r2
    if word.endswith("sses"):
        return _cut(word, r1, r2, 2)
    if word.endswith("ies"):
        return _cut(word, r1, r2, 2 if len(word) > 4 else 1)
    if word[-2:-1] in ("u", "s") or _VOWELS.isdisjoint(word[:-2]):  # "us" or "ss"
        return word, r1, r2
    return _cut(word, r1, r2, 1)


def _step1b(word: str, r1: str, r2: str, suffixes: tuple[str, ...]) -> _Stemming:
    for suffix in suffixes:
        if not word.endswith(suffix):
            continue
        if suffix in ("eed", "eedly"):
            if r1.endswith(suffix):
                return _replace(word, r1, r2, suffix, "ee", "")
        elif not _VOWELS.isdisjoint(word[: -len(suffix)]):
            return _tidy_after_1b(*_cut(word, r1, r2, len(suffix)))
        break
    return word, r1, r2


def _tidy_after_1b(word: str, r1: str, r2: str) -> _Stemming:
    ending = word[-2:]
    if ending in _GROWS_E:
        grown = word + "e"
        r1 += "e"
        if len(grown) > 5 or len(r1) >= 3:
            r2 += "e"
        return grown, r1, r2
    if ending in _DOUBLE_ENDINGS:
        return _cut(word, r1, r2, 1)
    if r1 == "" and (
        (
            len(word) >= 3
            and word[-1] not in _VOWELS
            and word[-1] not in "wxY"
            and word[-2] in _VOWELS
            and word[-3] not in _VOWELS
        )
        or (len(word) == 2 and word[0] in _VOWELS and word[1] not in _VOWELS)
    ):
        return word + "e", r1, r2 + "e" if r2 else r2
    return word, r1, r2


def _step2(word: str, r1: str, r2: str, suffixes: tuple[str, ...]) -> _Stemming:
    for suffix in suffixes:
        if not word.endswith(suffix):
            continue
        if not r1.endswith(suffix):
            break
        replacement, short_r2 = _STEP2_RULES[suffix]
        if suffix in ("tional", "fulli", "lessli", "entli"):
            return _cut(word, r1, r2, 2)
        if suffix == "fulness":
            return _cut(word, r1, r2, 4)
        if suffix == "ogi":
            return _cut(word, r1, r2, 1) if word[-4] == "l" else (word, r1, r2)
        if suffix == "li":
            return _cut(word, r1, r2, 2) if word[-3] in _LI_ENDING else (word, r1, r2)
        if short_r2 == "last":  # enci, anci, abli: the final "i" becomes "e"
            return word[:-1] + "e", r1[:-1] + "e" if r1 else "", r2[:-1] + "e" if r2 else ""
        return _replace(word, r1, r2, suffix, replacement, short_r2 or "")
    return word, r1, r2


def _step3(word: str, r1: str, r2: str, suffixes: tuple[str, ...]) -> _Stemming:
    for suffix in suffixes:
        if not word.endswith(suffix):
            continue
        if not r1.endswith(suffix):
            break
        replacement, short_r2 = _STEP3_RULES[suffix]
        if suffix == "tional":
            return _cut(word, r1, r2, 2)
        if suffix == "alize":
            return _cut(word, r1, r2, 3)
        if suffix in ("ful", "ness"):
            return _cut(word, r1, r2, len(suffix))
        if suffix == "ative":
            return _cut(word, r1, r2, 5) if r2.endswith(suffix) else (word, r1, r2)
        return _replace(word, r1, r2, suffix, replacement, short_r2 or "")
    return word, r1, r2


def _step4(word: str, r1: str, r2: str, suffixes: tuple[str, ...]) -> _Stemming:
    for suffix in suffixes:
        if not word.endswith(suffix):
            continue
        if r2.endswith(suffix):
            if suffix != "ion":
                return _cut(word, r1, r2, len(suffix))
            if word[-4] in "st":
                return _cut(word, r1, r2, 3)
        break
    return word, r1, r2
