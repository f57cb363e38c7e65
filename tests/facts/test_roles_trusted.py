"""Roles a reader can trust: no role from a neighbouring clause, a verb, a scene or another person's tie."""

from __future__ import annotations

from tests.facts.helpers import people


def test_a_noun_ending_the_clause_before_a_name_is_not_its_role():
    found = people("Rowan Pike may want to be a coach, Dale Ambry said on Monday.")
    assert found["Dale Ambry"] is None


def test_a_participle_phrase_before_a_name_gives_no_role():
    assert people("Speaking to a journalist, Dale Ambry said the vote was rigged.") == {"Dale Ambry": None}


def test_a_role_set_off_on_both_sides_of_the_name_is_kept():
    assert people("Her stepfather, Rolf Ekberg, was not at home.") == {"Rolf Ekberg": "stepfather"}


def test_a_nickname_after_the_first_name_still_closes_the_appositive():
    found = people("Her eldest son, Carl 'Chip' Munday, spoke to reporters.")
    assert found["Carl Munday"] == "eldest son"


def test_a_verb_before_the_article_is_no_part_of_the_role():
    found = people("In the video she became the singer Anna Berg for a night.")
    assert found["Anna Berg"] == "singer"


def test_the_club_before_a_role_noun_is_kept_whole():
    found = people("Penn State quarterback Sean Clifford said he had been threatened.")
    assert found["Sean Clifford"] == "Penn State quarterback"


def test_a_lower_case_modifier_before_the_owner_stays_in_the_role():
    found = people("The former Green Party leader Ada Brill spoke first.")
    assert found["Ada Brill"] == "former Green Party leader"


def test_a_verb_before_the_owner_is_left_out():
    found = people("They beat Rovers striker Dean Holt in the air all afternoon.")
    assert found["Dean Holt"] == "Rovers striker"


def test_a_capital_role_word_after_and_keeps_both_roles():
    found = people("Acme CEO and co-founder Lena Farrow resigned on Friday.")
    assert found["Lena Farrow"] == "Acme CEO and co-founder"


def test_the_son_of_a_titled_person_is_not_that_persons_role():
    found = people("He is the eldest son of Attorney General Raciel Morales, the court heard.")
    assert found["Raciel Morales"] == "Attorney General"


def test_a_friend_set_off_before_the_name_is_that_persons_role():
    found = people("A close friend of the singer, Sam Hart, won the race.")
    assert found["Sam Hart"] == "close friend of the singer"


def test_the_owner_of_a_possessive_role_keeps_its_of_phrase():
    found = people("He rode with the Duchess of Rutland's close friend Sam Hart at the fair.")
    assert found["Sam Hart"] == "Duchess of Rutland's close friend"


def test_a_captions_scene_after_a_name_is_no_role():
    assert people("Tom Reyes, seen here with his wife, said he was delighted.") == {"Tom Reyes": None}


def test_an_office_named_with_of_inside_an_appositive_is_a_role():
    found = people("The plan did not appeal to Jo Marsh, Ohio Department of Health press officer.")
    assert found["Jo Marsh"] == "Ohio Department of Health press officer"


def test_who_led_a_piece_of_work_is_a_deed_not_a_role():
    found = people("Sam Hart, who led the research published in March, said the drug works.")
    assert found["Sam Hart"] is None


def test_who_heads_an_office_now_is_a_role():
    found = people("Sam Hart, who heads the research unit, said the drug works.")
    assert found["Sam Hart"] == "head of the research unit"


def test_the_role_where_a_person_is_introduced_wins_over_a_later_one():
    found = people(
        "The photos show the late actor Peter Holm on set.",
        "In them Holm, the star of the 1972 war film Desert Gate, can be seen laughing.",
    )
    assert found["Peter Holm"] == "late actor"


def test_a_title_before_the_name_wins_over_a_later_description():
    found = people("Governor Ana Ruiz visited the site.", "Ruiz, who heads the state party, said more.")
    assert found["Ana Ruiz"] == "Governor"


def test_an_affiliation_gives_way_to_a_later_stated_role():
    found = people(
        "Ian Morrow, of the Federation of Small Traders, was there.", "Later Morrow, a shopkeeper, said more."
    )
    assert found["Ian Morrow"] == "shopkeeper"


def test_two_ranks_before_a_name_are_one_title():
    found = people("Maj. Gen. Tom Reyes said the base was safe.")
    assert found == {"Tom Reyes": "Maj. Gen."}


def test_a_rank_that_may_modify_is_the_title_before_a_full_name():
    assert people("Lt. Tom Reyes said the base was safe.") == {"Tom Reyes": "Lt."}


def test_a_deputy_minister_keeps_the_whole_title():
    found = people("Deputy Foreign Minister Tom Reyes said the talks had failed.")
    assert found == {"Tom Reyes": "Deputy Foreign Minister"}


def test_a_brand_after_a_role_noun_is_a_channel_not_a_person():
    found = people("The clip on the striker's official Instagram account drew laughs.")
    assert "Instagram" not in found


def test_two_clubs_glued_by_a_caption_leave_the_second_as_the_owner():
    found = people("They lost at Leyton Rovers Dorset United captain Vince Kolar as he looked on.")
    assert found["Vince Kolar"] == "Dorset United captain"
