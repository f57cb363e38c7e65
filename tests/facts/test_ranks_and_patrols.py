"""Ranks of police and soldiers before a name are titles; a state or border patrol is a body."""

from __future__ import annotations

from tests.facts.helpers import facts, people


def test_a_trooper_before_a_name_is_a_person_with_that_title():
    found = people("Drivers were caught out by black ice, said Trooper Dana Kowal of the state police.")
    assert found.get("Dana Kowal") == "Trooper"


def test_a_corporal_before_a_name_is_a_person_with_that_title():
    found = people("Cpl. Mattias Brand was wounded in the attack, the army said.")
    assert "Mattias Brand" in found


def test_a_highway_patrol_is_an_organization():
    found = facts("The crash closed two lanes, a spokesman for the Montana Highway Patrol said on Monday.")
    assert "Montana Highway Patrol" in found.organizations
    assert "Montana Highway Patrol" not in found.places


def test_a_river_glued_before_a_title_is_not_the_office_s_owner():
    found = people("The reservoir sits below a shrinking Snake River Gov. Ada Brill ordered cuts on Tuesday.")
    assert found.get("Ada Brill") != "Snake River Gov."


def test_a_state_before_a_title_still_owns_the_office():
    found = people("Oregon Gov. Ada Brill ordered cuts on Tuesday.")
    assert found.get("Ada Brill") == "Oregon Gov."
