"""Find the figures a story rests on (money, percentages, counts with units) with a few words around them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.facts.dates import DateSpan
from bot.facts.lexicon import GRAMMAR_WORDS
from bot.facts.tokens import tokenize
from bot.models import NumberMention

MAX_NUMBERS = 10
_CONTEXT_BEFORE = 12  # words; enough for "huge shipments of advanced weaponry to Ukraine over the past"
_CONTEXT_AFTER = 8

_SCALE = r"(?:million|billion|trillion|bn|mn|m|k)"
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORD_NUMBER = (
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred|a hundred|a thousand|a dozen|dozens|hundreds|thousands|"
    r"millions|billions|tens of thousands|tens of millions|hundreds of thousands|hundreds of millions"
)
_CURRENCY_WORDS = r"dollars|euros|pounds|yen|yuan|rubles|roubles|won|rupees|francs|pesos"
_NUMBER_RE = re.compile(
    rf"(?P<money>(?:US|A|C|HK)?[$€£¥]\s?(?:{_NUMBER})(?:\s?{_SCALE}\b|\s(?:million|billion|trillion))?)"
    rf"|(?P<percent>(?<![\w.-])(?:{_NUMBER})\s?(?:%|percent\b|per cent\b|percentage points?\b))"
    rf"|(?P<count>(?<![\w.,$€£¥-])(?:{_NUMBER})(?:\s(?:million|billion|trillion))?(?![\w%]|\.\d|,\d|-\d))"
    rf"|(?P<words>\b(?i:{_WORD_NUMBER})(?:\s(?:of\s)?(?:thousands|millions|billions))?\b)",
)
# Clock times ("9 p.m.", "11:30 pm", "six o'clock") are times of day, not figures.
_CLOCK_TIME_RE = re.compile(
    rf"\b(?:\d{{1,2}}(?:[:.]\d{{2}})?\s?(?:[ap]\.\s?m\.?|[ap]m\b)|(?:\d{{1,2}}|{_WORD_NUMBER})\s(?:o['’]clock)\b)",
    re.IGNORECASE,
)
_CURRENCY_AFTER_RE = re.compile(rf"\s(?:{_CURRENCY_WORDS})\b")
_UNIT_WORD_RE = re.compile(r"\s+(?:of\s+)?([A-Za-z][\w'’-]*)")
_CLAUSE_BREAK = frozenset(',;:()[]—–"“”')
_CLAUSE_OPENERS = frozenset(
    "despite because while although though that which who whom whose where when but if so "
    "whether said says told according".split()
)
# Words that leave a context dangling when it ends on them.
_DANGLING = frozenset("the a an of to in on at for from by with and or but as that which who its their his her".split())
# Plural nouns without a final "s" that close a unit just the same.
_IRREGULAR_PLURALS = frozenset("people men women children police staff personnel cattle troops".split())
_LEADING_JUNK = frozenset("the a an their its his her our my your this that these those".split())
_RANK = {"money": 5, "percent": 4, "scaled": 4, "count": 3, "words": 2}
_OF_TOTAL_RE = re.compile(r"\s+of\s+(?:the\s+)?\d[\d,]*(?![\w.,]\d)")
_YEAR_RE = re.compile(r"^(?:1[89]|20)\d\d$")
# "20 million to 25 million euros", "between $21 million and $26 million": one figure, a range.
_RANGE_JOIN_RE = re.compile(r"\s*(?:to|and|–|-)\s*")
_SPACE_BEFORE_CLOSER_RE = re.compile(r"\s+([)\].,;:!?”’])")
_SPACE_AFTER_OPENER_RE = re.compile(r"([(\[“‘])\s+")


@dataclass(frozen=True, slots=True)
class _Found:
    mention: NumberMention
    rank: int
    order: tuple[int, int]


def _unit(sentence: str, end: int) -> tuple[str, int]:
    """Read the noun after a number ("months", "artillery shells"); return it and where it ends."""
    words: list[str] = []
    position = end
    while len(words) < 3:
        match = _UNIT_WORD_RE.match(sentence, position)
        if match is None:
            break
        word = match.group(1)
        lowered = word.lower()
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


def _context(sentence: str, start: int, end: int) -> str:
    """Return the clause words around [start, end), trimmed of articles and dangling function words."""
    before = re.findall(r"\S+", sentence[:start])
    kept: list[str] = []
    for word in reversed(before):
        bare = word.strip("\"“”'’")
        if len(kept) >= _CONTEXT_BEFORE or bare.lower() in _CLAUSE_OPENERS or word[-1] in _CLAUSE_BREAK:
            break
        kept.insert(0, word)
    while kept and kept[0].lower() in _LEADING_JUNK:
        kept.pop(0)
    after: list[str] = []
    for word in re.findall(r"\S+", sentence[end:]):
        if len(after) >= _CONTEXT_AFTER or word.lower() in _CLAUSE_OPENERS:
            break
        after.append(word)
        if word[-1] in _CLAUSE_BREAK or word[-1] in ".!?":
            break
    after = [word for word in after if word.strip(",.;:!?—–")]
    while after and after[-1].lower().strip(",.;:!?") in _DANGLING:
        after.pop()
    text = " ".join([*kept, sentence[start:end].strip(), *after])
    text = _SPACE_AFTER_OPENER_RE.sub(r"\1", _SPACE_BEFORE_CLOSER_RE.sub(r"\1", text))
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
    if second is None or second.lastgroup != match.lastgroup:
        return None
    valued = _value(second.lastgroup or "count", second, sentence)
    if valued is None and match.lastgroup == "words":
        return None  # "between five and eight" with no unit is an hour or a vague span, not a figure
    return (valued[1], valued[2]) if valued else (second.end(), second.lastgroup or "count")


def _value(kind: str, match: re.Match[str], sentence: str) -> tuple[str, int, str] | None:
    """Return (value, end offset, rank kind), or None for figures that say nothing alone."""
    text, end = match.group(), match.end()
    if kind in ("money", "percent"):
        return text, end, kind
    currency = _CURRENCY_AFTER_RE.match(sentence, end)
    if kind == "count" and currency:
        return sentence[match.start() : currency.end()], currency.end(), "money"
    if kind == "count" and _YEAR_RE.match(text):
        return None  # a bare year is a date, not a figure
    share = _OF_TOTAL_RE.match(sentence, end)
    if kind == "count" and share:
        end = share.end()  # "240 of the 543 seats" reads as one figure
    unit, unit_end = _unit(sentence, end)
    scaled = bool(re.search(r"million|billion|trillion|thousands|millions|billions", text))
    if not unit and not scaled:
        return None
    value = sentence[match.start() : unit_end] if unit else text
    return value, unit_end if unit else end, "scaled" if scaled else kind


def _may_hold_number(sentence: str) -> bool:
    """Cheaply rule out sentences without digits or number words."""
    return any(t.kind == "num" or t.lower in _NUMBER_WORDS for t in tokenize(sentence))


_NUMBER_WORDS = frozenset(w for w in re.split(r"\W+", _WORD_NUMBER) if w not in ("a", "of"))


def _masked(spans: Sequence[DateSpan], sentence_index: int, start: int, end: int) -> bool:
    return any(s.sentence == sentence_index and s.start < end and start < s.end for s in spans)


def find_numbers(sentences: Sequence[str], date_spans: Sequence[DateSpan] = ()) -> tuple[NumberMention, ...]:
    """Return up to MAX_NUMBERS distinct figures, the most informative kinds kept, in reading order."""
    found: list[_Found] = []
    seen: set[str] = set()
    for index, sentence in enumerate(sentences):
        if not _may_hold_number(sentence):
            continue
        covered = 0
        clock_times = [(m.start(), m.end()) for m in _CLOCK_TIME_RE.finditer(sentence)]
        for match in _NUMBER_RE.finditer(sentence):
            kind = match.lastgroup or "count"
            if match.start() < covered or _masked(date_spans, index, match.start(), match.end()):
                continue
            if any(start <= match.start() < end for start, end in clock_times):
                continue
            ranged = _range_end(match, sentence)
            if ranged is not None:
                end, rank_kind = ranged
                value = sentence[match.start() : end]
            else:
                valued = _value(kind, match, sentence)
                if valued is None:
                    continue
                value, end, rank_kind = valued
            covered = end
            if value.lower() in seen:
                continue
            seen.add(value.lower())
            mention = NumberMention(value, _context(sentence, match.start(), end))
            found.append(_Found(mention, _RANK[rank_kind], (index, match.start())))
    best = sorted(found, key=lambda f: (-f.rank, f.order))[:MAX_NUMBERS]
    return tuple(f.mention for f in sorted(best, key=lambda f: f.order))
