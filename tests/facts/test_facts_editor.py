"""Mistakes an editor found in the facts of the sample briefs, each pinned by one behaviour."""

from __future__ import annotations

from datetime import date

from bot.facts import extract_facts
from bot.facts.numbers import find_numbers
from bot.models import Document
from bot.text.tokenize import split_sentences

PUBLISHED = date(2025, 6, 4)


def _document(*paragraphs: str) -> Document:
    return Document(title=None, paragraphs=tuple(tuple(split_sentences(p)) for p in paragraphs), dateline=None)


def _facts(*paragraphs: str):
    return extract_facts(_document(*paragraphs), PUBLISHED)


def _people(facts) -> dict[str, str | None]:
    return {person.name: person.role for person in facts.people}


def _speakers(facts) -> dict[str, str | None]:
    return {quote.text: quote.speaker for quote in facts.quotes}


def _values(sentence: str) -> list[str]:
    return [number.value for number in find_numbers([sentence])]


def test_a_name_set_off_after_a_role_is_a_person_even_when_no_name_list_knows_it():
    facts = _facts("Tonga's fisheries minister, Sione Havili, who led the talks, said the quota would hold.")
    assert _people(facts) == {"Sione Havili": "Tonga's fisheries minister"}


def test_a_title_with_the_given_name_alone_joins_the_full_name():
    facts = _facts(
        "Brunei's trade minister, Azlan Yusri, opened the forum on Monday.",
        "Mr. Azlan told delegates the tariff cuts would start in January.",
    )
    assert [person.name for person in facts.people] == ["Azlan Yusri"]


def test_an_organisation_keeps_and_between_words_when_a_subject_noun_ends_it():
    facts = _facts("A fellow at the Centre for Coastal and Maritime Studies in Perth disagreed with the plan.")
    assert "Centre for Coastal and Maritime Studies" in facts.organizations


def test_a_ministry_of_two_portfolios_is_one_organisation():
    facts = _facts("The Ministry of Labour and Welfare published the new rules on Tuesday.")
    assert facts.organizations == ("Ministry of Labour and Welfare",)


def test_two_bodies_joined_by_and_stay_two():
    facts = _facts("The Bank of England and Lloyds Banking Group both declined to comment.")
    assert "Bank of England" in facts.organizations
    assert not any(" and " in name for name in facts.organizations)


def test_a_quote_is_never_credited_to_an_organisation():
    facts = _facts(
        'Dr. Wiremu Kereama, a senior fellow at the Institute of Pacific and Polar Affairs in Wellington, '
        'said the pledge "does little for the boats already out on the water."'
    )
    assert _speakers(facts) == {"does little for the boats already out on the water.": "Wiremu Kereama"}


def test_a_quote_by_a_named_body_is_credited_to_the_body():
    facts = _facts('The Harbour Studies Group said the rules were "far too loose for a busy port".')
    assert _speakers(facts) == {"far too loose for a busy port": "Harbour Studies Group"}


def test_clock_times_are_not_figures():
    values = _values("The vote came at 11:30 p.m., after a session that began at 6 p.m. and ran past 9 pm.")
    assert values == []


def test_a_figure_next_to_a_clock_time_is_still_found():
    values = _values("By 7 a.m. about 300 passengers were stranded at the terminal.")
    assert values == ["300 passengers"]


def test_a_role_may_end_in_a_phrase_after_its_noun():
    facts = _facts("The city's cabinet member for housing, Cllr. Moana Reti, said the homes would be built.")
    assert _people(facts) == {"Moana Reti": "cabinet member for housing"}


def test_an_age_is_skipped_and_an_occupation_read_as_the_role():
    facts = _facts("Tevita Lolo, a 41-year-old welder, built the tank himself.")
    assert _people(facts) == {"Tevita Lolo": "welder"}


def test_a_role_appositive_may_end_where_a_relative_clause_begins():
    facts = _facts("Dr. Anahera Pohatu, a sociologist who studies household budgets, disagreed.")
    assert _people(facts) == {"Anahera Pohatu": "sociologist"}


def test_a_new_clause_after_a_comma_is_not_a_role():
    facts = _facts("The ball fell to Georgia Maxwell, and defender Lena Ortiz headed it clear.")
    assert _people(facts)["Georgia Maxwell"] is None


def test_a_second_quote_in_the_same_paragraph_keeps_the_first_speaker():
    facts = _facts(
        '"We trained for this all winter," Hemi Walker said after the race. "Next year we want the cup as well."'
    )
    assert _speakers(facts)["Next year we want the cup as well."] == "Hemi Walker"


def test_a_pronoun_before_a_speech_verb_points_to_the_last_person_named():
    facts = _facts(
        "The finance minister, Lupe Faleolo, met bankers on Friday. "
        'She said the reserve would not be "spent on anything but emergencies" this year.'
    )
    assert _speakers(facts) == {"spent on anything but emergencies": "Lupe Faleolo"}


def test_the_maker_of_a_cited_document_is_the_source():
    facts = _facts("Delays doubled last year, according to figures compiled by the rail regulator.")
    assert facts.sources == ("rail regulator",)


def test_a_reason_given_with_citing_is_not_a_source():
    facts = _facts("The airline cut its forecast, citing weak demand over the summer.")
    assert facts.sources == ()


def test_a_source_cut_inside_an_organisation_name_is_widened_to_the_whole_name():
    facts = _facts("Ice cover hit a low in March, according to the Arctic Snow and Ice Research Center.")
    assert facts.sources == ("Arctic Snow and Ice Research Center",)
