"""Roles stated next to a name: before it, after it, as a title, or as a verb in a relative clause."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.facts import roles
from bot.facts.classify import PER
from bot.facts.entities import Mention
from bot.facts.tokens import tokenize
from tests.facts.helpers import people


def test_an_occupation_before_the_name_is_the_role():
    assert people("The band was led by orchestra leader Billy May in 1957.") == {"Billy May": "orchestra leader"}


def test_a_family_tie_set_off_before_the_name_is_the_role():
    assert people("His wife, Ann Kellerman, was also hurt.") == {"Ann Kellerman": "wife"}


def test_a_judges_title_is_the_role():
    assert people("District Judge Mara Quill dismissed the case.") == {"Mara Quill": "District Judge"}


def test_an_award_before_an_occupation_stays_in_the_role():
    found = people("Oscar-winning actress Lena Farrow joined the cast.")
    assert found["Lena Farrow"] is not None
    assert "actress" in found["Lena Farrow"]


def test_the_clubs_manager_is_a_role():
    assert people("The club's manager, Pete Dorran, was sacked.") == {"Pete Dorran": "club's manager"}


def test_who_heads_reads_as_the_head_of():
    found = people("Jan Novak, who heads the port authority, said the strike would end.")
    assert found == {"Jan Novak": "head of the port authority"}


def test_who_is_reads_the_role_after_it():
    assert people("Ana Ruiz, who is the club's captain, scored twice.") == {"Ana Ruiz": "club's captain"}


def test_a_list_of_names_after_a_comma_is_not_a_role():
    found = people("Raul Perez, Juan Ortiz and midfielder Leo Sanz all started the game.")
    assert found["Raul Perez"] is None
    assert found["Leo Sanz"] == "midfielder"


def test_a_scene_after_a_comma_is_not_a_role():
    found = people("Director Sam Ebi, accompanied in court by captain Jo Lee, left early.")
    assert found["Sam Ebi"] == "Director"


def test_a_capitalised_title_set_off_after_a_name_is_the_role():
    found = people("Lena Ortiz, the U.S. Attorney for the Northern District of Ohio, said the case was closed.")
    assert found == {"Lena Ortiz": "U.S. Attorney for the Northern District of Ohio"}


def test_the_body_a_person_is_with_is_the_role_when_nothing_else_is():
    found = people("Ian Morrow, of the Federation of Small Traders, said the rules were unfair.")
    assert found == {"Ian Morrow": "of the Federation of Small Traders"}


def test_two_roles_joined_by_and_are_one_role():
    found = people("The firm's founder and former CEO, Adam Kessler, resigned.")
    assert found == {"Adam Kessler": "firm's founder and former CEO"}


def test_post_nominal_letters_state_an_office():
    assert people("Fergal Bannon MP opened the new ward.") == {"Fergal Bannon": "MP"}


_ROLE_WORDS = ["the", "club's", "former", "defense", "minister", "spokesman", "for", "of", "at", "Acme", "FIFA", ","]
_ROLE_WORDS += ["CEO", "and", "wife", "Lee", "Ann", "said", "coach", "manager", "Penn", "State", "quarterback", "who"]


def _phrases_before_with_and_without_the_precheck(sentence: str) -> tuple[list[str | None], list[str | None]]:
    tokens = tokenize(sentence)
    mentions = [Mention("Ann Lee", PER, 0, t.start, t.end) for t in tokens if t.text == "Lee"]
    fast = [roles._phrase_before(tokens, end, sentence, mentions) for end in range(len(tokens) + 1)]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(roles, "LOWER_OF", lambda token: "minister")  # every window seems to hold a role noun
        general = [roles._phrase_before(tokens, end, sentence, mentions) for end in range(len(tokens) + 1)]
    return fast, general


@given(st.lists(st.sampled_from(_ROLE_WORDS), min_size=1, max_size=12))
def test_a_role_before_a_name_reads_the_same_without_the_role_noun_precheck(words: list[str]) -> None:
    fast, general = _phrases_before_with_and_without_the_precheck(" ".join(words))
    assert fast == general


@pytest.mark.parametrize(
    "sentence",
    [
        "Malaysia spokesman for its foreign ministry office, Ann Lee, said.",  # the role noun at the window's edge
        "Malaysia spokesman for its big foreign ministry office, Ann Lee, said.",  # one word past it
    ],
)
def test_a_role_noun_at_the_edge_of_the_look_back_reads_the_same_without_the_precheck(sentence: str) -> None:
    fast, general = _phrases_before_with_and_without_the_precheck(sentence)
    assert fast == general
