"""Date phrases resolved against the publication date, and figures with their context."""

from __future__ import annotations

from datetime import date, datetime

from bot.facts.dates import find_dates
from bot.facts.numbers import MAX_NUMBERS, find_numbers

WEDNESDAY = date(2024, 3, 13)


def _resolved(sentences: list[str], published=WEDNESDAY) -> dict[str, date | None]:
    return {mention.text: mention.date for mention in find_dates(sentences, published)}


def test_weekday_in_a_report_is_the_latest_such_day_on_or_before_publication():
    found = _resolved(["The mayor said Monday that the bridge would close.", "Crews finished the work on Wednesday."])
    assert found == {"Monday": date(2024, 3, 11), "on Wednesday": date(2024, 3, 13)}


def test_weekday_after_a_future_cue_is_the_next_such_day():
    found = _resolved(
        [
            "A vote is possible as early as Thursday.",
            "Talks resume next Wednesday.",
            "The strike runs through Friday evening.",
            "The minister will visit Kyiv on Monday.",
        ]
    )
    assert found == {
        "as early as Thursday": date(2024, 3, 14),
        "next Wednesday": date(2024, 3, 20),
        "through Friday evening": date(2024, 3, 15),
        "on Monday": date(2024, 3, 18),
    }


def test_last_week_is_the_monday_of_the_previous_week_and_this_month_its_first_day():
    found = _resolved(["Officials met last week and again this month, as they did last year."])
    assert found == {"last week": date(2024, 3, 4), "this month": date(2024, 3, 1), "last year": date(2023, 1, 1)}


def test_month_and_year_is_the_first_of_that_month():
    assert _resolved(["Prices have doubled since the invasion in February 2022."]) == {
        "February 2022": date(2022, 2, 1)
    }


def test_month_without_a_year_is_the_latest_one_not_after_publication():
    found = _resolved(["The ship sailed in January and the survey ended in July."])
    assert found == {"in January": date(2024, 1, 1), "in July": date(2023, 7, 1)}


def test_full_dates_iso_dates_and_yesterday_today_tomorrow():
    found = _resolved(
        ["The treaty signed on April 25, 2019 expired on 2024-03-01; talks were yesterday, today and tomorrow."]
    )
    assert found == {
        "April 25, 2019": date(2019, 4, 25),
        "2024-03-01": date(2024, 3, 1),
        "yesterday": date(2024, 3, 12),
        "today": date(2024, 3, 13),
        "tomorrow": date(2024, 3, 14),
    }


def test_a_datetime_publication_works_like_its_date():
    assert _resolved(["Voting ended Sunday."], datetime(2024, 3, 13, 22, 5)) == {"Sunday": date(2024, 3, 10)}


def test_relative_dates_are_unresolved_without_a_publication_date_but_full_dates_resolve():
    found = _resolved(["Troops left on Sunday evening, last week, on March 3, 2021."], published=None)
    assert found == {"on Sunday evening": None, "last week": None, "March 3, 2021": date(2021, 3, 3)}


def test_may_the_verb_and_bare_numbers_are_not_dates():
    assert _resolved(["Officials may meet again, and 2,019 people signed the petition."]) == {}


def test_figure_keeps_its_unit_and_the_clause_around_it():
    numbers = find_numbers(
        ["Critics questioned the cost despite their steady supply of spare parts to the fleet over the past 14 months."]
    )
    assert [(n.value, n.context) for n in numbers] == [
        ("14 months", "steady supply of spare parts to the fleet over the past 14 months")
    ]


def test_money_percentages_and_rough_counts_are_figures():
    numbers = find_numbers(
        [
            "The fund lost $4.2 billion, or 12% of its value, while the city raised €30m.",
            "Farmers reported hundreds of thousands of dead fish along the coast.",
        ]
    )
    # Most important first: money, then shares, then counts.
    assert [n.value for n in numbers] == ["$4.2 billion", "€30m", "12%", "hundreds of thousands of dead fish"]


def test_years_days_of_month_and_ordinals_are_not_figures():
    sentences = ["The 3rd round began on May 12, 2022, and in 2019 the first team won twice."]
    from bot.facts.dates import find_date_spans

    assert find_numbers(sentences, find_date_spans(sentences, WEDNESDAY)) == ()


def test_repeated_figures_appear_once_and_the_list_is_capped_with_money_kept():
    sentences = [f"Inspectors counted {n} boats." for n in range(1, 16)] + [
        "Repairs cost $9 million.",
        "Inspectors counted 3 boats.",
    ]
    numbers = find_numbers(sentences)
    values = [n.value for n in numbers]
    assert len(values) == MAX_NUMBERS == len(set(values))
    assert "$9 million" in values
    assert values.count("3 boats") == 1


def _dates_of(sentence: str, published):
    from bot.facts import extract_facts
    from bot.models import Document

    return {d.text: d.date for d in extract_facts(Document(title=None, paragraphs=((sentence,),)), published).dates}


def test_a_weekday_in_a_sentence_about_the_future_is_the_coming_one():
    from datetime import date

    dates = _dates_of("The strike would run until 6 a.m. on Saturday unless talks produced an offer.", date(2026, 11, 24))
    assert dates["on Saturday"] == date(2026, 11, 28)


def test_a_weekday_after_a_past_tense_verb_stays_in_the_past():
    from datetime import date

    dates = _dates_of("The court ruled on Wednesday that the plan to send people abroad was unlawful.", date(2026, 11, 24))
    assert dates["on Wednesday"] == date(2026, 11, 18)


def _numbers_of(sentence: str):
    from bot.facts.numbers import find_numbers

    return [(n.value, n.context) for n in find_numbers([sentence])]


def test_a_range_of_figures_is_one_number():
    values = [value for value, _ in _numbers_of("Attendance rose from 1,200 to 1,500 people over the summer.")]
    assert values == ["1,200 to 1,500 people"]


def test_figures_joined_by_and_stay_apart_unless_between():
    assert [v for v, _ in _numbers_of("Shares fell 4% and 6,000 jobs were cut.")] == ["4%", "6,000 jobs"]
    assert [v for v, _ in _numbers_of("Prices rose between 4% and 6% in the quarter.")] == ["4% and 6%"]


def test_a_range_of_years_is_not_a_number():
    assert [v for v, _ in _numbers_of("Between 2019 and 2022 the fleet doubled to 40 ships.")] == ["40 ships"]


def test_number_context_keeps_brackets_tidy():
    contexts = [c for _, c in _numbers_of("The strike costs about 25 million euros ($26 million), the chamber said.")]
    assert contexts == ["strike costs about 25 million euros ($26 million)", "$26 million"]


def test_a_weekday_with_and_without_on_is_one_date():
    from datetime import date

    from bot.facts import extract_facts
    from bot.models import Document

    document = Document(
        title=None,
        paragraphs=(("The outage began on Wednesday.", "Service returned Wednesday, engineers said."),),
    )
    dates = extract_facts(document, date(2026, 11, 26)).dates
    assert [(d.text, d.date) for d in dates] == [("on Wednesday", date(2026, 11, 25))]


def test_until_a_weekday_in_a_story_about_the_past_stays_in_the_past():
    from datetime import date

    dates = _dates_of("The talks lasted until Friday, officials said.", date(2026, 11, 26))
    assert dates["until Friday"] == date(2026, 11, 20)


def test_until_a_weekday_in_a_story_about_the_future_looks_ahead():
    from datetime import date

    dates = _dates_of("The strike will run until Saturday.", date(2026, 11, 26))
    assert dates["until Saturday"] == date(2026, 11, 28)
