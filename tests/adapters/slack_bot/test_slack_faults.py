"""Slack under faults: digests carry their key in message metadata, and a digest re-sent after a crash
posts only the parts the channel does not show yet (real slack_sdk client, loopback Slack)."""

from __future__ import annotations

from dataclasses import replace

from adapters.slack_bot._send import DIGEST_EVENT_TYPE
from bot.models import Digest, DigestItem
from bot.values import ChannelRef
from tests.adapters.slack_bot.test_slack_acceptance import newsbrief_on_slack
from tests.fakes.slack_server import GENERAL_CHANNEL, TEAM_ID
from tests.render.fixtures import sample_digest, tram_briefing

GENERAL = ChannelRef("slack", TEAM_ID, GENERAL_CHANNEL)
KEY = f"{GENERAL}:2026-05-04"


def long_digest() -> Digest:
    """Return a digest too long for one Slack message."""
    items = tuple(DigestItem(tram_briefing(title=f"Tram story number {n}")) for n in range(25))
    return Digest(items=items, title="Daily news digest", key=KEY)


async def test_each_digest_message_carries_its_key_and_part_in_metadata(fake_slack, tmp_path):
    async with newsbrief_on_slack(fake_slack, tmp_path) as (adapter, _store, _url):
        await adapter.deliver(GENERAL, long_digest())
    posted = fake_slack.history(GENERAL_CHANNEL)
    assert len(posted) >= 2
    assert [m["metadata"]["event_type"] for m in posted] == [DIGEST_EVENT_TYPE] * len(posted)
    assert [m["metadata"]["event_payload"] for m in posted] == [
        {"digest_key": KEY, "part": part, "parts": len(posted)} for part in range(len(posted))
    ]
    assert fake_slack.calls_to("conversations.history") == []  # a first attempt does not look


async def test_a_digest_found_in_the_channel_is_not_posted_again(fake_slack, tmp_path):
    digest = replace(sample_digest(), key=KEY)
    async with newsbrief_on_slack(fake_slack, tmp_path) as (adapter, _store, _url):
        await adapter.deliver(GENERAL, digest)
        await adapter.deliver(GENERAL, replace(digest, attempt=2))  # after a crash before it was marked sent
    assert len(fake_slack.history(GENERAL_CHANNEL)) == 1
    [look] = fake_slack.calls_to("conversations.history")
    assert look.args["channel"] == GENERAL_CHANNEL and look.args["include_all_metadata"] in ("1", "true", True)


async def test_a_digest_cut_short_by_a_crash_gets_only_its_missing_parts(fake_slack, tmp_path):
    digest = long_digest()
    async with newsbrief_on_slack(fake_slack, tmp_path) as (adapter, _store, _url):
        await adapter.deliver(GENERAL, digest)
        complete = fake_slack.history(GENERAL_CHANNEL)
        fake_slack.keep_only(GENERAL_CHANNEL, 1)  # the crash came after the first part
        await adapter.deliver(GENERAL, replace(digest, attempt=2))
    again = fake_slack.history(GENERAL_CHANNEL)
    assert [m["metadata"]["event_payload"]["part"] for m in again] == list(range(len(complete)))
    assert [m["blocks"] for m in again] == [m["blocks"] for m in complete]


async def test_without_access_to_the_history_a_retried_digest_is_posted_again(fake_slack, tmp_path):
    digest = replace(sample_digest(), key=KEY)
    async with newsbrief_on_slack(fake_slack, tmp_path) as (adapter, _store, _url):
        await adapter.deliver(GENERAL, digest)
        fake_slack.fail_method("conversations.history", "missing_scope")
        await adapter.deliver(GENERAL, replace(digest, attempt=2))
    assert len(fake_slack.history(GENERAL_CHANNEL)) == 2  # a repeat beats a lost digest
