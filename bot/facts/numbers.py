"""Find the figures a story rests on (money, percentages, counts with units) with a few words around them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from bot.facts.cues import NUMBER_STARTERS, NUMBER_WORDS, WORD_NUMBERS, cue_indexes
from bot.facts.dates import DateSpan
from bot.facts.lexicon import GRAMMAR_WORDS
from bot.facts.tokens import tokenize
from bot.models import NumberMention
from bot.text.wordlist import word_set

MAX_NUMBERS = 10
_CONTEXT_BEFORE = 12  # words; enough for "huge shipments of advanced weaponry to Ukraine over the past"
_CONTEXT_AFTER = 8

_SCALE = r"(?:million|billion|trillion|bn|mn|m|k)"
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# Where a number is followed by what cannot follow a digit, "," or "." (a "-", a unit, a space), it is read
# whole, atomically "(?>...)": giving back its last digits could only fail again, one retry per digit.
# Case-blind words are tried letter by letter, and at a digit in vain: a letter must open them (as it must
# every character that matches one of their letters case-blind, "K" and "ſ" too), so this is looked for first.
_LETTER_AHEAD = r"(?=[^\W\d_])"
_WORD_NUMBER_SMALL = _LETTER_AHEAD + (
    r"(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred)"
)
_CURRENCY_WORDS = r"(?i:dollars|euros?|pounds|yen|yuan|rubles|roubles|rupees|francs|pesos)|won"
_GLUED_UNIT = r"ft|st|lb|lbs|kg|km|cm|mm|mph|kph|km/h|oz|in|m|million|billion|bn|mn|k"
_COMPOUND_UNIT = (
    r"year|month|week|day|hour|minute|second|mile|metre|meter|foot|feet|inch|storey|story|point|man|game|"
    r"match|round|seat|bed|acre|stone|pound|kilometre|km|lane|member|page|part|stage|time"
)
_ORDINAL = (
    r"third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"\d{1,3}(?:st|nd|rd|th)"
)


_NUMBER_RE = re.compile(
    rf"(?P<age>(?<![\w-])(?:\d{{1,3}}|{_WORD_NUMBER_SMALL})-(?:year|month|week)-old\b)"
    rf"|(?P<score>(?<![\w.,$€£-])\d{{1,2}}[-–]\d{{1,2}}(?![\w%.,-]|\.\d))"
    rf"|(?P<compound>(?<![\w-])(?:(?>\d+(?:\.\d+)?)|{_WORD_NUMBER_SMALL}|{_ORDINAL})-(?:{_COMPOUND_UNIT})s?\b(?!-old))"
    rf"|(?P<measure>(?<![\w.,$€£-])(?>\d+(?:\.\d+)?)(?:{_GLUED_UNIT})\b)"
    rf"|(?P<ordinal>(?<![\w-])(?:{_ORDINAL})\b(?!-))"
    rf"|(?P<money>(?:US|A|C|HK)?[$€£¥]\s?(?:{_NUMBER})(?:\s?{_SCALE}\b|\s(?:million|billion|trillion))?)"
    rf"|(?P<percent>(?<![\w.-])(?>{_NUMBER})\s?(?:%|percent\b|per cent\b|percentage points?\b))"
    rf"|(?P<count>(?<![\w.,$€£¥-])(?>{_NUMBER})(?:\s(?:million|billion|trillion))?(?![\w%]|\.\d|,\d|-\d))"
    rf"|(?P<words>\b{_LETTER_AHEAD}(?i:{WORD_NUMBERS})(?:\s(?:of\s)?(?:thousands|millions|billions))?\b)",
)
# Clock times ("9 p.m.", "11:30 pm", "six o'clock") are times of day, not figures.
_CLOCK_TIME_RE = re.compile(
    rf"\b(?:\d{{1,2}}(?:[:.]\d{{2}})?\s?(?:[ap]\.\s?m\.?|[ap]m\b)|(?:\d{{1,2}}|{WORD_NUMBERS})\s(?:o['’]clock)\b)",
    re.IGNORECASE,
)
_CURRENCY_AFTER_RE = re.compile(rf"\s(?:{_CURRENCY_WORDS})\b")
_UNIT_WORD_RE = re.compile(r"\s+(?:of\s+)?([A-Za-z][\w'’-]*)")
_CLAUSE_BREAK = frozenset(',;:()[]—–"“”')
_SENTENCE_OR_CLAUSE_END = _CLAUSE_BREAK | frozenset(".!?")
_CLAUSE_OPENERS = word_set(
        "despite because while although though that which who whom whose where when but if so whether "
        "said says told according"
    )
# Words that leave a context dangling when it ends on them.
_DANGLING = word_set("the a an of to in on at for from by with and or but as that which who its their his her")
# Plural nouns without a final "s" that close a unit just the same.
_IRREGULAR_PLURALS = word_set("people men women children staff personnel cattle troops")
_LEADING_JUNK = word_set("the a an their its his her our my your this that these those")
_RANK = {
    "money": 5, "score": 5, "percent": 4, "scaled": 4, "age": 3, "count": 3, "measure": 3, "compound": 3,
    "words": 2, "ordinal": 2,
}  # fmt: skip
# Where a figure sits counts as much as its kind: the lead's figures are the story's.
_LEAD_SENTENCES, _LEAD_BONUS, _EARLY_SENTENCES, _EARLY_BONUS = 2, 4.0, 5, 1.5
_SPORTS_WORDS_RE = re.compile(
    r"\b(?:win|won|wins|victory|defeat|defeated|beat|beaten|lost|loss|lose|draw|drew|drawn|lead|led|trail|"
    r"score|scored|scoreline|penalties|aggregate|thrashing|thrashed|final|match|game|goals?|half-time|leg)\b",
    re.IGNORECASE,
)
# "Chris Copeland, 31, was stabbed": a number set off by commas after a name is an age.
_AGE_AFTER_NAME_RE = re.compile(r"[A-Z][\w'’-]+,\s(\d{1,3}),")
_NAME_BEFORE_RE = re.compile(r"(?:[A-Z][\w'’.-]*\s){0,3}[A-Z][\w'’-]*,\s$")
_BARE_SCALED_RE = re.compile(rf"(?:{_NUMBER})\s?(?:million|billion|trillion|bn|m)\b")
_ORDINAL_IDIOMS = word_set("century half time quarter day week place leg round")
_AGE_WORDS_RE = re.compile(r"\b(?:aged|age of|died at|dies at)\s+(\d{1,3})\b")
_OF_TOTAL_RE = re.compile(r"\s+of\s+(?:the\s+)?\d[\d,]*(?![\w.,]\d)")
_YEAR_RE = re.compile(r"^(?:1[89]|20)\d\d$")
# "20 million to 25 million euros", "between $21 million and $26 million": one figure, a range.
_RANGE_JOIN_RE = re.compile(r"\s*(?:to|and|–|-)\s*")
# Spaces to drop: before a closing mark, after an opening one, before a possessive "'s". The patterns match
# only the spaces, so the substitution is a plain deletion (a group template costs a Python call each time).
_SPACE_BEFORE_CLOSER_RE = re.compile(r"\s+(?=[)\].,;:!?”’])")
_SPACE_AFTER_OPENER_RE = re.compile(r"(?<=[(\[“‘])\s+")


class _Found(NamedTuple):
    """A figure kept so far: its value and rank now, its context only if it makes the list (see mention)."""

    value: str
    rank: float
    order: tuple[int, int]
    sentence: str
    start: int  # the figure as written: [start, end) of the sentence
    end: int
    age: bool = False  # an age, read with the name before it: "Chris Copeland, 31"

    def mention(self) -> NumberMention:
        """Return the figure with the words around it: read for the few figures listed, not every one found."""
        if self.age:
            named = _NAME_BEFORE_RE.search(self.sentence, 0, self.start)
            if named:
                return NumberMention(self.value, self.sentence[named.start() : self.end])
        return NumberMention(self.value, _context(self.sentence, self.start, self.end))


def _unit(sentence: str, end: int, limit: int = 3) -> tuple[str, int]:
    """Read the noun after a number ("months", "artillery shells"); return it and where it ends."""
    words: list[str] = []
    position = end
    while len(words) < limit:
        match = _UNIT_WORD_RE.match(sentence, position)
        if match is None:
            break
        word = match.group(1)
        lowered = word.lower()
        plural_name = (
            word.endswith("s") and len(word) > 4 and not word.isupper() and "'" not in word and "’" not in word
        )
        if not words and word[:1].isupper() and plural_name:
            words.append(word)  # "600,000 Israelis", "3,000 Londoners"
            position = match.end()
            break
        if lowered in GRAMMAR_WORDS or (word[:1].isupper() and "-" not in word):
            break
        after_compound = bool(words) and "-" in words[-1]  # "140 on-street parking spaces"
        if "-" not in word and (lowered.endswith(("ly", "ed", "ing")) and words and not after_compound):
            break
        words.append(word)
        position = match.end()
        if lowered in _IRREGULAR_PLURALS or (
            lowered.endswith("s") and not lowered.endswith(("ss", "ous")) and "-" not in word
        ):
            break  # a plural noun closes the unit: "17 months", "artillery shells"
    return " ".join(words), position


_SPACED_POSSESSIVE_RE = re.compile(r"\s+(?=['’]s\b)")
# What the three patterns need where every space is a plain one: a space before a closing mark or an
# apostrophe, or one after an opening mark. These two find it fast, from a literal space or a set of marks.
_SPACE_BEFORE_MARK_RE = re.compile(r" [)\].,;:!?”’']")
_OPENER_BEFORE_SPACE_RE = re.compile(r"[(\[“‘] ")


def _close_up(text: str) -> str:
    """Drop the spaces before closing marks and a possessive "'s" and after opening marks."""
    # Each pattern scans every character in the regex engine, and hardly a context has such a space: a
    # printable text has no whitespace but plain spaces, so two searches that find none spare all three.
    if text.isprintable() and not _SPACE_BEFORE_MARK_RE.search(text) and not _OPENER_BEFORE_SPACE_RE.search(text):
        return text
    text = _SPACE_AFTER_OPENER_RE.sub("", _SPACE_BEFORE_CLOSER_RE.sub("", text))
    return _SPACED_POSSESSIVE_RE.sub("", text)


def _context(sentence: str, start: int, end: int) -> str:
    """Return the clause words around [start, end), trimmed of articles and dangling function words."""
    # The words, as runs of non-spaces (str.split reads the same spaces as \s); only the last few can be kept.
    before = sentence[:start].rsplit(None, _CONTEXT_BEFORE)[-_CONTEXT_BEFORE:]
    kept: list[str] = []  # read backwards from the figure, then turned round
    for word in reversed(before):
        if word[-1] in _CLAUSE_BREAK or word.strip("\"“”'’").lower() in _CLAUSE_OPENERS:
            break
        kept.append(word)
    while kept and kept[-1].lower() in _LEADING_JUNK:
        kept.pop()
    kept.reverse()
    after: list[str] = []
    for word in sentence[end:].split(None, _CONTEXT_AFTER)[:_CONTEXT_AFTER]:
        if word.lower() in _CLAUSE_OPENERS:
            break
        after.append(word)
        if word[-1] in _SENTENCE_OR_CLAUSE_END:
            break
    after = [word for word in after if word.strip(",.;:!?—–")]
    while after and after[-1].lower().strip(",.;:!?") in _DANGLING:
        after.pop()
    text = _close_up(" ".join([*kept, sentence[start:end].strip(), *after]))
    text = text.strip(" ,;:—–").rstrip(".").rstrip()
    if text.endswith(")") and text.count(")") > text.count("("):
        text = text[:-1].rstrip(" ,;:")  # the context began inside a bracket it left behind
    return text


def _range_end(match: re.Match[str], sentence: str) -> tuple[int, str] | None:
    """Return where a range that starts with this figure ends, and its kind, if a like figure follows."""
    joiner = _RANGE_JOIN_RE.match(sentence, match.end())
    if joiner is None or _YEAR_RE.match(match.group()):
        return None
    if joiner.group().strip() == "and" and not sentence[: match.start()].rstrip().lower().endswith("between"):
        return None  # "4% and 6,000 jobs" are two figures; "between 4% and 6%" is one
    second = _NUMBER_RE.match(sentence, joiner.end())
    if second is None and match.lastgroup == "money":
        scaled = _BARE_SCALED_RE.match(sentence, joiner.end())  # "$40-50 billion"
        return (scaled.end(), "money") if scaled else None
    if second is None:
        return None
    mixed = (match.lastgroup, second.lastgroup) in (("count", "measure"), ("money", "count"))
    if second.lastgroup != match.lastgroup and not mixed:
        return None  # "10 to 12ft" is one range; "4% and 6,000 jobs" are two figures
    valued = _value(second.lastgroup or "count", second, sentence)
    if valued is None and match.lastgroup == "words":
        return None  # "between five and eight" with no unit is an hour or a vague span, not a figure
    return (valued[1], valued[2]) if valued else (second.end(), second.lastgroup or "count")


_GLUED_SCALE_RE = re.compile(r"million|billion|bn|mn")
_SCALE_WORD_RE = re.compile(r"million|billion|trillion|thousands|millions|billions")


def _value(kind: str, match: re.Match[str], sentence: str) -> tuple[str, int, str] | None:
    """Return (value, end offset, rank kind), or None for figures that say nothing alone."""
    text, end = match.group(), match.end()
    if kind in ("money", "percent", "age"):
        return text, end, kind
    if kind == "score":
        around = sentence[max(0, match.start() - 40) : end + 40]
        return (text, end, kind) if _SPORTS_WORDS_RE.search(around) else None
    if kind == "measure":
        return text, end, "scaled" if _GLUED_SCALE_RE.search(text) else kind
    if kind == "words" and text.isupper() and len(text) > 1:
        return None  # "SIX Swiss Exchange": a name in capitals
    if kind in ("compound", "ordinal"):
        unit, unit_end = _unit(sentence, end, limit=1)  # one noun: "a five-minute video", not "video includes"
        if kind == "ordinal" and unit.lower() in _ORDINAL_IDIOMS:
            return None  # "the second half", "the 21st century"
        if kind == "ordinal" and not unit:
            return None
        return sentence[match.start() : unit_end] if unit else text, unit_end if unit else end, kind
    currency = _CURRENCY_AFTER_RE.match(sentence, end)
    if kind == "count" and currency:
        return sentence[match.start() : currency.end()], currency.end(), "money"
    if kind == "count" and _YEAR_RE.match(text):
        return None  # a bare year is a date, not a figure
    share = _OF_TOTAL_RE.match(sentence, end)
    if kind == "count" and share:
        end = share.end()  # "240 of the 543 seats" reads as one figure
    unit, unit_end = _unit(sentence, end)
    scaled = bool(_SCALE_WORD_RE.search(text))
    if not unit and not scaled:
        return None
    value = sentence[match.start() : unit_end] if unit else text
    return value, unit_end if unit else end, "scaled" if scaled else kind


def _clock_times(sentence: str) -> list[re.Match[str]]:
    """Return the clock times in a sentence ("9 p.m.", "six o'clock"), looking only where one can be."""
    if "clock" not in sentence and not _has_am_or_pm(sentence):
        return []
    return list(_CLOCK_TIME_RE.finditer(sentence))


# "9pm", "11 a.m.": a digit, a space or none, "a" or "p", a full stop or none, a space or none, then "m", in
# any case. Each pattern opens with its "m", which the regex engine finds by its fast scan for one letter,
# and reads back from there over each fixed-width shape; a search from every digit, or from every "m" by
# str.find in Python, cost many times more.
_BEFORE_M_OF_AM_PM = (
    r"(?:(?<=\d[aApP].)|(?<=\d\s[aApP].|\d[aApP]\..|\d[aApP]\s.)"
    r"|(?<=\d\s[aApP]\..|\d\s[aApP]\s.|\d[aApP]\.\s.)|(?<=\d\s[aApP]\.\s.))"
)
_LOWER_M_OF_AM_PM_RE = re.compile("m" + _BEFORE_M_OF_AM_PM)
_UPPER_M_OF_AM_PM_RE = re.compile("M" + _BEFORE_M_OF_AM_PM)


def _has_am_or_pm(sentence: str) -> bool:
    """Tell whether a sentence writes "9pm", "11 a.m." or the like, the only clock times in figures."""
    return _LOWER_M_OF_AM_PM_RE.search(sentence) is not None or _UPPER_M_OF_AM_PM_RE.search(sentence) is not None


@lru_cache(maxsize=4096)
def figure_candidates(sentence: str) -> tuple[re.Match[str], ...]:
    """Return the figures of a sentence, trying the figure pattern only where a token can start one.

    Matching at number tokens (and the currency sign before one) instead of scanning every character
    keeps the many-branched pattern cheap; the figures depend on the sentence alone, so they are found
    once per sentence.
    """
    found: list[re.Match[str]] = []
    reach = 0
    for token in map(tokenize(sentence).__getitem__, cue_indexes(sentence)):
        kind = token.kind
        if kind == "num":
            start = token.start
            if start < reach:
                continue
            starts = [start]
            if _CURRENCY_SIGN_RE.search(sentence, max(0, start - 2), start):  # "$5", "US$ 5", "A$5"
                starts[:0] = [
                    start - back
                    for back in (3, 2, 1)
                    if start - back >= 0 and _CURRENCY_START_RE.match(sentence, start - back, start)
                ]
        elif kind == "word":
            lower = token.lower
            if lower in _NUMBER_TOKEN_WORDS:
                if lower == "a" and not _A_FIGURE_RE.match(sentence, token.start):
                    continue  # "a" opens a figure only as "a dozen", "a hundred", "A$50"
            elif "-" not in lower or lower.split("-")[0] not in NUMBER_WORDS:
                continue
            if token.start < reach:
                continue
            starts = [token.start]
        else:
            continue
        for start in starts:
            match = _NUMBER_RE.match(sentence, start)
            if match is not None:
                found.append(match)
                reach = match.end()
                break
    return tuple(found)


_CURRENCY_START_RE = re.compile(r"(?:US|A|C|HK)?[$€£¥]\s?$")
_NUMBER_TOKEN_WORDS = NUMBER_WORDS | NUMBER_STARTERS
# A currency sign reaches a number at most two characters back ("$5", "$ 5"): only then is a start before it tried.
_CURRENCY_SIGN_RE = re.compile(r"[$€£¥]")
# What the figure pattern can read from "a": the only figures it starts are these (a pre-check, not the rule).
_A_FIGURE_RE = re.compile(r"(?i:a (?:hundred|thousand|dozen))|A[$€£¥]")


def _ages(sentence: str) -> list[re.Match[str]]:
    """Return ages given as "Name, 31," or "aged 31"."""
    # Each pattern is tried only where what it cannot do without is there: most sentences give no age.
    after_name = _AGE_AFTER_NAME_RE.finditer(sentence) if _COMMA_NUMBER_COMMA_RE.search(sentence) else ()
    # What _AGE_WORDS_RE needs written out, so "page" and "manage" spare the sentence its scan.
    named_age = "aged" in sentence or "age of" in sentence or "died at" in sentence or "dies at" in sentence
    age_words = _AGE_WORDS_RE.finditer(sentence) if named_age else ()
    return [*after_name, *age_words]


_COMMA_NUMBER_COMMA_RE = re.compile(r",\s\d{1,3},")


def _ordinal_counts(index: int, sentence: str, match: re.Match[str]) -> bool:
    """Keep an ordinal only where it is news: in the lead, or as a rank ("27th out of 133", "ranked fourth")."""
    if index < _LEAD_SENTENCES + 1:
        return True
    after = sentence[match.end() : match.end() + 12].lower()
    before = sentence[max(0, match.start() - 12) : match.start()].lower()
    return "out of" in after or any(word in before for word in ("ranked", "ranks", "placed", "finished"))


def find_numbers(sentences: Sequence[str], date_spans: Sequence[DateSpan] = ()) -> tuple[NumberMention, ...]:
    """Return up to MAX_NUMBERS distinct figures, most important first: the lead's, then by kind."""
    found: list[_Found] = []
    seen: set[str] = set()
    dates_in: dict[int, list[tuple[int, int]]] = {}  # each sentence's dates, so a figure checks only its own
    for span in date_spans:
        dates_in.setdefault(span.sentence, []).append((span.start, span.end))
    for index, sentence in enumerate(sentences):
        candidates = figure_candidates(sentence)
        if not candidates:
            continue
        dates = dates_in.get(index, ())
        covered = 0
        clock_times = [(m.start(), m.end()) for m in _clock_times(sentence)]
        bonus = _LEAD_BONUS if index < _LEAD_SENTENCES else _EARLY_BONUS if index < _EARLY_SENTENCES else 0.0
        for age in _ages(sentence):
            value = age.group(1)
            key = f"age {value} {index}"
            if key not in seen:
                seen.add(key)
                rank = _RANK["age"] + bonus
                found.append(_Found(value, rank, (index, age.start(1)), sentence, age.start(1), age.end(1), age=True))
        for match in candidates:
            kind = match.lastgroup or "count"
            begin = match.start()
            if begin < covered or (dates and any(start < match.end() and begin < end for start, end in dates)):
                continue
            if clock_times and any(start <= begin < end for start, end in clock_times):
                continue
            if sentence[max(0, begin - 6) : begin].lower() in ("under ", "under-"):
                continue  # "Spain's Under 20 side": a team's name, not a figure
            if kind == "ordinal" and not _ordinal_counts(index, sentence, match):
                continue
            ranged = _range_end(match, sentence) if kind not in ("score", "age", "ordinal") else None
            if ranged is not None:
                end, rank_kind = ranged
                value = sentence[begin:end]
            else:
                valued = _value(kind, match, sentence)
                if valued is None:
                    continue
                value, end, rank_kind = valued
            covered = end
            key = " ".join(value.lower().split()[:2])  # "1,000 maintenance workers" and "1,000 maintenance"
            if key in seen:
                continue
            seen.add(key)
            found.append(_Found(value, _RANK[rank_kind] + bonus, (index, begin), sentence, begin, end))
    return tuple(f.mention() for f in sorted(found, key=lambda f: (-f.rank, f.order))[:MAX_NUMBERS])
