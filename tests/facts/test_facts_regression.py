"""Hand-annotated regression paragraphs and the reference article, checked against extract_facts."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from bench.facts_regression import document_from_case, published_of, score_case
from bot.facts import extract_facts

CASES = json.loads((Path(__file__).parent.parent / "data" / "facts_regression.json").read_text(encoding="utf-8"))
SEED = Path("/work/shared/seeds/000_608d563d537b08e0.txt")


def _share(counts: Counter, field: str) -> float:
    return counts[(field, "hit")] / counts[(field, "total")]


def test_regression_set_scores_stay_above_their_floors():
    counts: Counter = Counter()
    entity_hits = entity_gold = entity_predicted = 0
    for case in CASES:
        result = score_case(case, extract_facts(document_from_case(case), published_of(case)))
        counts.update(result.field_counts)
        for kind in ("PER", "LOC", "ORG"):
            gold = {n.casefold() for n in result.gold_entities[kind]}
            predicted = {n.casefold() for n in result.predicted_entities[kind]}
            entity_hits += len(gold & predicted)
            entity_gold += len(gold)
            entity_predicted += len(predicted)
    assert entity_hits / entity_predicted >= 0.9
    assert entity_hits / entity_gold >= 0.85
    assert _share(counts, "roles") >= 0.85
    assert _share(counts, "dates") >= 0.9
    assert _share(counts, "numbers") >= 0.8
    assert _share(counts, "quotes") >= 0.85
    assert _share(counts, "sources") >= 0.8


@pytest.fixture(scope="module")
def seed_facts():
    if not SEED.exists():
        pytest.skip("reference article not available on this machine")
    from bot.text.clean import clean_text

    return extract_facts(clean_text(SEED.read_text(encoding="utf-8")), date(2023, 9, 11))


def test_reference_article_people_and_roles(seed_facts):
    people = {person.name: person.role for person in seed_facts.people}
    assert set(people) == {"Kim Jong Un", "Putin", "Biden", "Sergei Shoigu", "Jon Finer"}
    assert people["Sergei Shoigu"] == "Russia’s defense minister"
    assert people["Jon Finer"] == "President Biden’s chief deputy national security adviser"
    assert "leader" in people["Kim Jong Un"]
    assert people["Putin"].startswith("President")
    assert people["Biden"] == "President"


def test_reference_article_places_organisations_and_sources(seed_facts):
    assert {"Vladivostok", "Pyongyang", "Seoul", "Russia", "North Korea", "Ukraine"} <= set(seed_facts.places)
    assert {
        "Yonhap",
        "Kyodo",
        "TASS",
        "Chosun Ilbo",
        "Defense Ministry",
        "National Intelligence Service",
        "UN Security Council",
        "Wagner",
    } <= set(seed_facts.organizations)
    assert not {"Privacy Policy", "Terms of Use", "ICBMs"} & set(seed_facts.organizations)
    sources = " | ".join(seed_facts.sources).lower()
    for wanted in (
        "south korean government sources",
        "tass news agency",
        "american officials",
        "kyodo news agency",
        "russian officials",
        "analysts",
        "south korean press",
    ):
        assert wanted in sources


def test_reference_article_dates_numbers_and_quotes(seed_facts):
    dates = {mention.text: mention.date for mention in seed_facts.dates}
    assert dates["as early as Tuesday"] == date(2023, 9, 12)
    assert dates["Monday"] == date(2023, 9, 11)
    assert dates["on Sunday evening"] == date(2023, 9, 10)
    assert dates["last week"] == date(2023, 9, 4)
    assert dates["February 2022"] == date(2022, 2, 1)
    assert dates["in July"] == date(2023, 7, 1)
    numbers = {n.value: n.context for n in seed_facts.numbers}
    assert numbers["17 months"] == "huge shipments of advanced weaponry to Ukraine over the past 17 months"
    assert "tens of millions of artillery shells" in numbers
    assert not any(value.isdigit() for value in numbers)
    quotes = {q.text: q.speaker for q in seed_facts.quotes}
    assert quotes["may be the best and may be the only option"] == "Jon Finer"
    long_quote = [text for text in quotes if text.startswith("We have serious concerns")]
    assert long_quote
    assert quotes[long_quote[0]] == "Jon Finer"
    assert "lands on North Korea" in long_quote[0]
    assert "hegemonic policy" not in quotes
