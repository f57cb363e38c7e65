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
_STEP0 = ("'s'", "'s", "'")
_STEP1A = ("sses", "ied", "ies", "us", "ss", "s")
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
_STEP2_ENDINGS = tuple(suffix for suffix, _, _ in _STEP2)
_STEP3_ENDINGS = tuple(suffix for suffix, _, _ in _STEP3)
_STEP4 = (
    "ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti", "ous", "ive", "ize",
    "ion", "al", "er", "ic",
)


def stem(word: str) -> str:
    """Return the Porter2 stem of a word, as NLTK's English Snowball stemmer gives it."""
    word = word.lower()
    if len(word) <= 2:
        return word
    special = _SPECIAL.get(word)
    if special is not None:
        return special
    return _Stemming(word).run()


def _regions(word: str) -> tuple[str, str]:
    r1 = _after_first_consonant_after_vowel(word)
    return r1, _after_first_consonant_after_vowel(r1)


def _after_first_consonant_after_vowel(text: str) -> str:
    found = _VOWEL_THEN_CONSONANT.search(text)
    return text[found.end() :] if found else ""


class _Stemming:
    """One word on its way through the steps, with its regions R1 and R2 kept as NLTK keeps them."""

    __slots__ = ("r1", "r2", "word")

    def __init__(self, word: str) -> None:
        word = word.replace("\u2019", "'").replace("\u2018", "'").replace("\u201b", "'")
        if word.startswith("'"):
            word = word[1:]
        if word.startswith("y"):
            word = "Y" + word[1:]
        if "y" in word:
            chars = list(word)
            for index in range(1, len(chars)):
                if chars[index] == "y" and chars[index - 1] in _VOWELS:
                    chars[index] = "Y"
            word = "".join(chars)
        self.word = word
        if word.startswith(("gener", "arsen")):
            self.r1 = word[5:]
            self.r2 = _after_first_consonant_after_vowel(self.r1)
        elif word.startswith("commun"):
            self.r1 = word[6:]
            self.r2 = _after_first_consonant_after_vowel(self.r1)
        else:
            self.r1, self.r2 = _regions(word)

    def run(self) -> str:
        # Most words have none of a step's suffixes: one `endswith` on all of them spares the step's call.
        self._step0_and_1a()
        if self.word.endswith(_STEP1B):
            self._step1b()
        self._step1c()
        if self.word.endswith(_STEP2_ENDINGS):
            self._step2()
        if self.word.endswith(_STEP3_ENDINGS):
            self._step3()
        if self.word.endswith(_STEP4):
            self._step4()
        self._step5()
        return self.word.replace("Y", "y")

    def _cut(self, count: int) -> None:
        self.word = self.word[:-count]
        self.r1 = self.r1[:-count]
        self.r2 = self.r2[:-count]

    def _replace(self, suffix: str, replacement: str, short_r2: str) -> None:
        """Replace the suffix in the word and in R1 and R2 (a region shorter than it becomes `short_r2` or "")."""
        keep = len(suffix)
        self.word = self.word[:-keep] + replacement
        self.r1 = self.r1[:-keep] + replacement if len(self.r1) >= keep else ""
        self.r2 = self.r2[:-keep] + replacement if len(self.r2) >= keep else short_r2

    def _step0_and_1a(self) -> None:
        if self.word.endswith(_STEP0):  # one test before the loop: few words match
            for suffix in _STEP0:
                if self.word.endswith(suffix):
                    self._cut(len(suffix))
                    break
        word = self.word
        if word[-1:] not in ("s", "d"):
            return  # every step 1a suffix ends in "s" or "d"
        for suffix in _STEP1A:
            if word.endswith(suffix):
                if suffix == "sses":
                    self._cut(2)
                elif suffix in ("ied", "ies"):
                    self._cut(2 if len(word) - len(suffix) > 1 else 1)
                elif suffix == "s" and any(letter in _VOWELS for letter in word[:-2]):
                    self._cut(1)
                break

    def _step1b(self) -> None:
        word = self.word
        for suffix in _STEP1B:
            if not word.endswith(suffix):
                continue
            if suffix in ("eed", "eedly"):
                if self.r1.endswith(suffix):
                    self._replace(suffix, "ee", "")
            elif any(letter in _VOWELS for letter in word[: -len(suffix)]):
                self._cut(len(suffix))
                self._tidy_after_1b()
            return

    def _tidy_after_1b(self) -> None:
        word = self.word
        if word.endswith(("at", "bl", "iz")):
            self.word += "e"
            self.r1 += "e"
            if len(self.word) > 5 or len(self.r1) >= 3:
                self.r2 += "e"
        elif word.endswith(_DOUBLES):
            self._cut(1)
        elif self.r1 == "" and (
            (
                len(word) >= 3
                and word[-1] not in _VOWELS
                and word[-1] not in "wxY"
                and word[-2] in _VOWELS
                and word[-3] not in _VOWELS
            )
            or (len(word) == 2 and word[0] in _VOWELS and word[1] not in _VOWELS)
        ):
            self.word += "e"
            if self.r1:
                self.r1 += "e"
            if self.r2:
                self.r2 += "e"

    def _step1c(self) -> None:
        word = self.word
        if len(word) > 2 and word[-1] in "yY" and word[-2] not in _VOWELS:
            self.word = word[:-1] + "i"
            self.r1 = self.r1[:-1] + "i" if self.r1 else ""
            self.r2 = self.r2[:-1] + "i" if self.r2 else ""

    def _step2(self) -> None:
        word = self.word
        for suffix, replacement, short_r2 in _STEP2:
            if not word.endswith(suffix):
                continue
            if not self.r1.endswith(suffix):
                return
            if suffix in ("tional", "fulli", "lessli", "entli"):
                self._cut(2)
            elif suffix == "fulness":
                self._cut(4)
            elif suffix == "ogi":
                if word[-4] == "l":
                    self._cut(1)
            elif suffix == "li":
                if word[-3] in _LI_ENDING:
                    self._cut(2)
            elif short_r2 == "last":  # enci, anci, abli: the final "i" becomes "e"
                self.word = word[:-1] + "e"
                self.r1 = self.r1[:-1] + "e" if self.r1 else ""
                self.r2 = self.r2[:-1] + "e" if self.r2 else ""
            else:
                self._replace(suffix, replacement, short_r2 or "")
            return

    def _step3(self) -> None:
        word = self.word
        for suffix, replacement, short_r2 in _STEP3:
            if not word.endswith(suffix):
                continue
            if not self.r1.endswith(suffix):
                return
            if suffix == "tional":
                self._cut(2)
            elif suffix == "alize":
                self._cut(3)
            elif suffix in ("ful", "ness"):
                self._cut(len(suffix))
            elif suffix == "ative":
                if self.r2.endswith(suffix):
                    self._cut(5)
            else:
                self._replace(suffix, replacement, short_r2 or "")
            return

    def _step4(self) -> None:
        word = self.word
        for suffix in _STEP4:
            if not word.endswith(suffix):
                continue
            if self.r2.endswith(suffix):
                if suffix != "ion":
                    self._cut(len(suffix))
                elif word[-4] in "st":
                    self._cut(3)
            return

    def _step5(self) -> None:
        word, r1, r2 = self.word, self.r1, self.r2
        short_syllable_e = r1.endswith("e") and len(word) >= 4 and not (
            word[-2] not in _VOWELS and word[-2] not in "wxY" and word[-3] in _VOWELS and word[-4] not in _VOWELS
        )
        if (r2.endswith("l") and word[-2] == "l") or r2.endswith("e") or short_syllable_e:
            self.word = word[:-1]
