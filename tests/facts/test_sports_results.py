"""Results rows of individual sports: competitors and their countries are people and places, not teams."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.facts.sports import _SCORE_RE, _has_score
from tests.facts.helpers import facts

_RESULTS = (
    "Athletics: Ana Petrova took the 800m title in Doha with a late burst past Joan Ferrer.",
    "1. Ana Petrova (Bulgaria) 1:58.31 2. Joan Ferrer (Spain) 1:58.90 3. Lukas Brandt (Austria) 1:59.12 "
    "4. Mirela Dobos (Romania) 1:59.40",
)


def test_a_name_with_its_country_in_brackets_is_a_competitor():
    found = facts(*_RESULTS)
    names = {person.name for person in found.people}
    assert {"Ana Petrova", "Joan Ferrer", "Lukas Brandt", "Mirela Dobos"} <= names
    assert not {"Joan Ferrer", "Lukas Brandt", "Mirela Dobos"} & set(found.organizations)


def test_the_country_in_brackets_is_where_the_competitor_is_from():
    found = facts(*_RESULTS)
    assert {"Bulgaria", "Spain", "Austria", "Romania"} <= set(found.places)
    assert not {"Bulgaria", "Spain", "Austria", "Romania"} & set(found.organizations)


def test_a_club_with_its_country_in_brackets_stays_a_team():
    found = facts(
        "Basketball: Red Star (Serbia) beat Olimpija (Slovenia) 88-80 on Thursday.",
        "Red Star 88 Olimpija 80",
    )
    assert "Red Star" in found.organizations
    assert "Red Star" not in {person.name for person in found.people}


@given(st.text(alphabet="1a -2x_٣", max_size=16))
def test_the_score_test_finds_what_the_score_pattern_does(sentence):
    assert _has_score(sentence) == (_SCORE_RE.search(sentence) is not None)
