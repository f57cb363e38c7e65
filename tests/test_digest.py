"""Digests: the same story merged, newest first, capped with a count of the rest."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.digest import build_digest
from bot.models import Briefing, Facts, Person, Stats


def briefing(title: str, summary: str, *, source: str, day: int, words: int = 400, people=(), places=()) -> Briefing:
    return Briefing(
        title=title,
        summary=(summary,),
        facts=Facts(people=tuple(Person(p) for p in people), places=tuple(places)),
        stats=Stats(words=words, summary_words=len(summary.split())),
        source=source,
        published=datetime(2026, 11, day, 9, tzinfo=UTC),
    )


FERRY_A = briefing(
    "Lakeside keeps its winter ferry after council vote",
    "Lakeside council voted to spend $1.2 million keeping the winter ferry running for commuters.",
    source="Lakeside Courier", day=20, words=600, people=["Dana Whitfield"], places=["Lakeside"],
)
FERRY_B = briefing(
    "Council saves winter ferry in Lakeside",
    "Commuters in Lakeside keep their winter ferry after the council approved a $1.2 million subsidy.",
    source="North Shore Post", day=21, words=350, people=["Dana Whitfield"], places=["Lakeside"],
)
ROCKET = briefing(
    "Launch of weather satellite delayed by high winds",
    "Engineers postponed the launch of a polar weather satellite because of high winds over the pad.",
    source="Space Desk", day=19, places=["Kourou"],
)
MARKET = briefing(
    "Shares in lift maker jump on record orders",
    "Shares in the elevator maker rose 9% after it reported record orders from Asian builders.",
    source="Market Wire", day=22,
)


def test_same_story_from_two_outlets_becomes_one_item():
    digest = build_digest([FERRY_A, ROCKET, FERRY_B])
    assert len(digest.items) == 2
    ferry = next(i for i in digest.items if "ferry" in i.briefing.title.lower())
    assert ferry.source_count == 2
    assert ferry.also_reported_by == ("North Shore Post",)


def test_the_fuller_article_leads_a_merged_story():
    digest = build_digest([FERRY_B, FERRY_A])
    assert digest.items[0].briefing is FERRY_A


def test_different_stories_stay_apart():
    digest = build_digest([ROCKET, MARKET, FERRY_A])
    assert len(digest.items) == 3


def test_items_are_newest_first():
    digest = build_digest([ROCKET, MARKET, FERRY_A])
    assert [i.briefing.title for i in digest.items] == [MARKET.title, FERRY_A.title, ROCKET.title]


def test_items_beyond_the_cap_are_counted():
    digest = build_digest([ROCKET, MARKET, FERRY_A], max_items=2)
    assert len(digest.items) == 2
    assert digest.more == 1


def test_an_empty_digest_has_no_items():
    digest = build_digest([])
    assert digest.items == () and digest.more == 0
