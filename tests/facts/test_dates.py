"""Dates at the precision the text gives, read forwards or backwards by tense, written as people write them."""

from __future__ import annotations

from datetime import date

from bot.facts import extract_facts
from bot.facts.dates import distinct_dates, find_date_spans, find_dates
from bot.models import DAY, MONTH, WEEK, WEEKEND, YEAR, DateMention, Document, Facts
from bot.serialize import facts_from_dict, facts_to_dict
from bot.text.tokenize import split_sentences

TUESDAY = date(2019, 11, 19)


def _found(sentence: str, published: date | None = TUESDAY) -> dict[str, tuple[str | None, str]]:
    return {m.text: (m.iso, m.label) for m in find_dates([sentence], published)}


def test_a_bare_year_is_a_year_not_the_first_of_january() -> None:
    assert _found("The couple married in 2013 and moved to Leeds.") == {"2013": ("2013", "2013")}


def test_a_month_and_year_is_a_month() -> None:
    assert _found("The contract runs until November 2028.") == {"November 2028": ("2028-11", "November 2028")}


def test_a_year_used_as_an_adjective_or_with_a_possessive_is_still_a_year() -> None:
    found = _found("Since the 1967 war and 2016's vote, fiscal 2019 has been the hardest.")
    assert {iso for iso, _ in found.values()} == {"1967", "2016", "2019"}


def test_a_four_digit_count_is_not_a_year() -> None:
    assert _found("About 2000 people marched, and flight 1999 landed late.") == {}


def test_a_weekday_with_its_day_takes_the_year_that_matches() -> None:
    assert _found("Tickets go on sale Friday, Dec. 6 at 10 a.m.") == {"Friday, Dec. 6": ("2019-12-06", "Fri 6 Dec")}


def test_a_future_clause_looks_ahead_even_in_a_past_tense_sentence() -> None:
    found = _found("Staff were told the meeting will be moved from Tuesday to Friday.")
    assert found == {"from Tuesday": ("2019-11-19", "Tue 19 Nov"), "to Friday": ("2019-11-22", "Fri 22 Nov")}


def test_a_month_alone_in_the_future_is_next_years() -> None:
    assert _found("The scheme will enter its third year in January.") == {"in January": ("2020-01", "January 2020")}


def test_a_month_alone_in_the_past_is_this_years() -> None:
    assert _found("Sales slumped in March.") == {"in March": ("2019-03", "March 2019")}


def test_a_tour_schedule_after_publication_lies_ahead() -> None:
    found = _found("The band plays Cork on June 3, Belfast on June 5 and Glasgow on June 8.")
    assert {iso for iso, _ in found.values()} == {"2020-06-03", "2020-06-05", "2020-06-08"}


def test_a_day_without_a_year_in_the_past_stays_in_this_year() -> None:
    assert _found("The bridge closed on June 3.") == {"June 3": ("2019-06-03", "Mon 3 Jun")}


def test_holidays_are_days() -> None:
    found = _found("Retailers expect record crowds on Black Friday and Cyber Monday.")
    assert found == {"Black Friday": ("2019-11-29", "Fri 29 Nov"), "Cyber Monday": ("2019-12-02", "Mon 2 Dec")}


def test_a_past_holiday_is_last_years_computed_for_that_year() -> None:
    assert _found("Shoppers queued for hours on Black Friday.")["Black Friday"] == ("2018-11-23", "Fri 23 Nov 2018")


def test_weeks_weekends_months_and_years_named_relatively() -> None:
    found = {
        m.text: (m.precision, m.iso)
        for m in find_dates(
            ["They met last week, talked over the weekend, agreed earlier this month and will sign next year."], TUESDAY
        )
    }
    assert found == {
        "last week": (WEEK, "2019-11"),
        "over the weekend": (WEEKEND, "2019-11"),
        "earlier this month": (MONTH, "2019-11"),
        "next year": (YEAR, "2020"),
    }


def test_without_a_publication_date_only_absolute_dates_resolve() -> None:
    found = _found("On Tuesday the firm, founded in 2004, said it would close by June 9.", published=None)
    assert found == {"On Tuesday": (None, ""), "2004": ("2004", "2004"), "June 9": (None, "")}


def test_relative_dates_inside_a_quotation_are_the_speakers_not_the_articles() -> None:
    paragraph = tuple(split_sentences("'I will see them all on Friday,' the coach said on Tuesday."))
    dates = extract_facts(Document(title=None, paragraphs=(paragraph,)), TUESDAY).dates
    assert {d.text: d.date for d in dates} == {"on Friday": None, "on Tuesday": TUESDAY}


def test_relative_dates_in_an_embedded_post_stay_unresolved() -> None:
    assert _found("Back home today, thanks for all the love pic.twitter.com/x1y2z3") == {"today": (None, "")}


def test_json_dates_keep_their_precision_and_round_trip() -> None:
    facts = Facts(
        dates=(
            DateMention("2013", date(2013, 1, 1), YEAR, "2013"),
            DateMention("in November", date(2028, 11, 1), MONTH, "November 2028"),
            DateMention("last week", date(2019, 11, 11), WEEK, "week of 11 Nov"),
            DateMention("Friday, Dec. 6", date(2019, 12, 6), DAY, "Fri 6 Dec"),
        )
    )
    data = facts_to_dict(facts)
    assert [(d["date"], d["precision"], d["display"]) for d in data["dates"]] == [
        ("2013", YEAR, "2013"),
        ("2028-11", MONTH, "November 2028"),
        ("2019-11", WEEK, "week of 11 Nov"),
        ("2019-12-06", DAY, "Fri 6 Dec"),
    ]
    assert data["dates"][2]["week"] == "2019-W46"
    assert facts_from_dict(data) == facts


def test_an_older_stored_date_without_precision_reads_as_a_day() -> None:
    facts = facts_from_dict({"dates": [{"text": "Tuesday", "date": "2024-03-12"}]})
    assert facts.dates == (DateMention("Tuesday", date(2024, 3, 12), DAY),)


def test_the_leads_dates_come_first_and_unresolved_ones_last() -> None:
    sentences = ["Talks collapsed on Tuesday.", "They had begun in March.", "Since 2004 the port has grown."]
    spans = find_date_spans(sentences, TUESDAY)
    texts = [m.text for m in distinct_dates(spans)]
    assert texts == ["on Tuesday", "in March", "2004"]
    undated = find_date_spans(["The port opened in 2004.", "A strike began on Friday."], None)
    assert [m.text for m in distinct_dates(undated)] == ["2004", "on Friday"]



def _dated(*sentences: str, published: date) -> dict[str, date | None]:
    return {m.text: m.date for m in find_dates(list(sentences), published)}


def test_a_weekday_in_a_past_clause_is_past_whatever_the_sentence_says_later():
    found = _dated(
        "Owners were gathered in a hall on Tuesday night when they were told the candidate would be stopping by.",
        published=date(2019, 11, 20),
    )
    assert found["on Tuesday night"] == date(2019, 11, 19)


def test_would_alone_takes_the_nearest_month_and_day():
    found = _dated("He vowed that the country would leave the union on Oct. 31.", published=date(2019, 11, 20))
    assert found["Oct. 31"] == date(2019, 10, 31)


def test_the_next_year_counts_from_the_year_the_story_just_gave():
    found = _dated(
        "They were taken in August 2016.",
        "The next year, their captors released two videos.",
        published=date(2019, 11, 20),
    )
    assert found["next year"] == date(2017, 1, 1)


def test_the_next_year_without_a_year_before_it_stays_unresolved():
    found = _dated("The next year was harder for the club.", published=date(2019, 11, 20))
    assert found["next year"] is None


def test_the_last_year_is_a_stretch_of_time_not_a_calendar_year():
    found = _dated("They met in 2015.", "The last year has been the hardest.", published=date(2019, 11, 20))
    assert found["last year"] is None


def test_a_timetable_in_the_present_tense_takes_the_nearest_weekday():
    # Published on a Tuesday: Thursday is two days ahead and five days back.
    found = _dated("The city council votes on the harbour budget Thursday.", published=TUESDAY)
    assert found["Thursday"] == date(2019, 11, 21)
    found = _dated("Visitors: Play the Rangers on Friday.", published=TUESDAY)
    assert found["on Friday"] == date(2019, 11, 22)


def test_an_untensed_weekday_further_ahead_than_back_stays_in_the_past():
    found = _dated("The city council votes on the harbour budget Sunday.", published=TUESDAY)
    assert found["Sunday"] == date(2019, 11, 17)


def test_a_past_or_reported_weekday_stays_in_the_past():
    found = _dated("The city council voted on the harbour budget Thursday.", published=TUESDAY)
    assert found["Thursday"] == date(2019, 11, 14)
    found = _dated("Officials say Thursday's storm cut power to 4,000 homes.", published=TUESDAY)
    assert found["Thursday"] == date(2019, 11, 14)
