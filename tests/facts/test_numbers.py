"""Key figures: ages, scores, measures and ranks, the lead's first, each written once."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from bot.facts.numbers import (
    _LETTER_AHEAD,
    _NUMBER_RE,
    _SPACE_AFTER_OPENER_RE,
    _SPACE_BEFORE_CLOSER_RE,
    _SPACED_POSSESSIVE_RE,
    _close_up,
    _has_am_or_pm,
    find_numbers,
)
from bot.models import Facts, NumberMention
from bot.render._common import fact_groups


def _values(*sentences: str) -> list[str]:
    return [n.value for n in find_numbers(list(sentences))]


def test_an_age_after_a_name_is_a_figure_with_the_name_as_context() -> None:
    numbers = find_numbers(["Dock worker Ana Pereira, 44, was rescued from the hold."])
    assert [(n.value, n.context) for n in numbers] == [("44", "Ana Pereira, 44")]


def test_hyphenated_ages_and_durations_are_figures() -> None:
    assert _values("The three-year-old was found after a 12-hour search and faces no 5-year ban.") == [
        "three-year-old",
        "12-hour search",
        "5-year ban",
    ]


def test_a_score_is_a_figure_only_in_a_sports_sentence() -> None:
    assert _values("Leeds won 3-1 at home.") == ["3-1"]
    assert _values("The shop is open 9-5 on weekdays.") == []


def test_units_written_onto_the_number() -> None:
    assert _values("The wave reached 40ft and he lost 3st, worth £2m, over 51million views.") == [
        "£2m",
        "51million",
        "40ft",
        "3st",
    ]


def test_a_range_in_a_single_unit_is_one_figure() -> None:
    assert _values("Investors were promised $40-50 billion.", "The fall was 10 to 12ft.") == [
        "$40-50 billion",
        "10 to 12ft",
    ]


def test_an_ordinal_counts_in_the_lead_but_not_deep_in_the_story() -> None:
    lead = "The striker was banned after a fourth red card."
    filler = "The club said nothing."
    assert _values(lead) == ["fourth red"] or _values(lead) == ["fourth red card"]
    assert _values(filler, filler, filler, filler, "He was sent off for a fourth time.") == []


def test_the_lead_figures_come_first() -> None:
    sentences = ["A fire destroyed 40 homes.", "Nobody was hurt.", "Repairs could cost 30 days.", "Damage reached $2m."]
    assert _values(*sentences)[0] == "40 homes"


def test_a_team_name_with_an_age_group_is_not_a_figure() -> None:
    assert _values("He played for the Under 21 side last year.") == []


def test_a_repeated_figure_with_a_shorter_unit_is_listed_once() -> None:
    assert _values("It hired 1,000 maintenance workers.", "The 1,000 maintenance staff were told.") == [
        "1,000 maintenance workers"
    ]


def test_a_figure_inside_its_context_is_written_once() -> None:
    facts = Facts(numbers=(NumberMention("$21 million", "a loss of $21 million"), NumberMention("40", "homes")))
    groups = {g.label: g.entries for g in fact_groups(facts)}
    assert groups["Numbers"] == ("a loss of $21 million", "40 — homes")


_DIGIT_BEFORE_M_RE = re.compile(r"\d\s?[ap]\.?\s?m", re.IGNORECASE)  # the rule, searched from every digit


@given(st.text(alphabet="1٣ aAPpm.M\tx\u00a0", max_size=14))
def test_the_am_pm_test_finds_what_its_pattern_does(sentence):
    assert _has_am_or_pm(sentence) == (_DIGIT_BEFORE_M_RE.search(sentence) is not None)


def _close_up_by_patterns(text: str) -> str:
    text = _SPACE_AFTER_OPENER_RE.sub("", _SPACE_BEFORE_CLOSER_RE.sub("", text))
    return _SPACED_POSSESSIVE_RE.sub("", text)


@given(st.text(alphabet="a s'’()[]“”‘.,;:!? \t\u00a0", max_size=16))
def test_closing_up_spaces_drops_what_the_patterns_do(text):
    assert _close_up(text) == _close_up_by_patterns(text)


# The figure pattern as plainly written: no letter looked for first, no number read atomically.
assert _LETTER_AHEAD in _NUMBER_RE.pattern and "(?>" in _NUMBER_RE.pattern  # else the oracle is the pattern itself
_PLAIN_NUMBER_RE = re.compile(_NUMBER_RE.pattern.replace(_LETTER_AHEAD, "").replace("(?>", "(?:"))
_FIGURE_PIECES = st.sampled_from(
    ["2", "14", "1999", "3.5", "1,200", "-", "–", " ", "$", "US", "A", "year", "old", "-year-old", "five", "FIVE",
     "ſix", "\u212aM", "a hundred", "tens of thousands", "third", "21st", "-page", "m", "kg", "%", "percent", "_",
     "٣", "million", "of", ",", ".", "1,2345", ",000", "per cent", "x"]
)  # fmt: skip


@given(st.lists(_FIGURE_PIECES, min_size=1, max_size=8).map("".join))
def test_the_figure_pattern_finds_what_it_would_as_plainly_written(sentence):
    for position in range(len(sentence)):
        fast, plain = _NUMBER_RE.match(sentence, position), _PLAIN_NUMBER_RE.match(sentence, position)
        assert (fast and (fast.span(), fast.lastgroup)) == (plain and (plain.span(), plain.lastgroup))


def test_closing_up_spaces_around_marks() -> None:
    assert _close_up("the ( new ) plant 's output , up") == "the (new) plant's output, up"
    assert _close_up("plain words stay") == "plain words stay"
