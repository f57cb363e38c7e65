"""Regressions in the Slack adapter's edges: calls before the ack, failing follow-ups, odd requests."""

from __future__ import annotations

import asyncio
import logging

import pytest

from adapters.slack_bot.adapter import SlackAdapter
from bot.commands.model import CommandRequest, Reply
from tests.adapters.slack_bot.test_slack_adapter import SECRET, events_url, running, slack_settings
from tests.fakes.recorder import Recorder
from tests.fakes.slack_server import (
    DM_CHANNEL,
    GENERAL_CHANNEL,
    direct_message,
    mention,
    post_event,
    post_signed,
    post_slash_command,
)

_WAIT = 10.0


class HeldService:
    """Answer only once `release` is set, saying when a request has arrived."""

    def __init__(self) -> None:
        self.arrived = asyncio.Event()
        self.release = asyncio.Event()

    async def handle(self, request: CommandRequest) -> Reply:
        self.arrived.set()
        await self.release.wait()
        return Reply(text="the held answer")


class LogSeen(logging.Handler):
    """Set an event once a logger emits a record containing `words`."""

    def __init__(self, words: str) -> None:
        super().__init__()
        self.words = words
        self.seen = asyncio.Event()

    def emit(self, record: logging.LogRecord) -> None:
        if self.words in record.getMessage():
            self.seen.set()


async def started_http_adapter(fake, service, **options) -> SlackAdapter:
    adapter = SlackAdapter(slack_settings(fake).slack, service, http_host="127.0.0.1", **options)
    await adapter.start()
    return adapter


async def test_the_first_slash_command_is_acked_without_calling_slack_first(fake_slack):
    service = Recorder(lambda request: Reply(text="fine"))
    async with running(slack_settings(fake_slack), service) as adapter:
        # Slack is slow or failing right now; the acknowledgement must not wait on it.
        fake_slack.fail_method("auth.test", "fatal_error")
        url = fake_slack.new_response_url()
        acknowledgement = await post_slash_command(events_url(adapter), SECRET, "/lookup", "ferry", response_url=url)
        [answer] = await fake_slack.wait_responses(url)
    assert acknowledgement == (200, "")
    assert answer["text"] == "fine"
    assert len(fake_slack.calls_to("auth.test")) == 1  # start's own check, and nothing since


@pytest.mark.parametrize(
    "body",
    [
        b'{"type": "event_callback", "event": "not an object"}',
        b'{"type": "event_callback", "event": null}',
        b'{"type": "block_actions", "actions": []}',
    ],
)
async def test_a_signed_request_with_parts_of_the_wrong_shape_gets_400(fake_slack, body):
    service = Recorder()
    async with running(slack_settings(fake_slack), service) as adapter:
        status, _ = await post_signed(events_url(adapter), body, secret=SECRET, content_type="application/json")
    assert status == 400
    assert service.requests == []



async def test_stopping_lets_an_answer_still_being_posted_finish(fake_slack, caplog):
    caplog.set_level(logging.INFO, logger="adapters.slack_bot._tasks")
    waiting = LogSeen("still being posted")
    logging.getLogger("adapters.slack_bot._tasks").addHandler(waiting)
    service = HeldService()
    adapter = await started_http_adapter(fake_slack, service)
    try:
        url = fake_slack.new_response_url()
        await post_slash_command(events_url(adapter), SECRET, "/brief", "ferry", response_url=url)
        await asyncio.wait_for(service.arrived.wait(), _WAIT)
        stopping = asyncio.create_task(adapter.stop())
        await asyncio.wait_for(waiting.seen.wait(), _WAIT)  # stop is now waiting on the listener
        service.release.set()
        await asyncio.wait_for(stopping, _WAIT)
    finally:
        logging.getLogger("adapters.slack_bot._tasks").removeHandler(waiting)
    assert [message["text"] for message in fake_slack.responses(url)] == ["the held answer"]


async def test_stopping_gives_up_on_an_answer_that_outlasts_the_bound(fake_slack, caplog):
    service = HeldService()  # never released
    adapter = await started_http_adapter(fake_slack, service, stop_timeout=0.05)
    url = fake_slack.new_response_url()
    await post_slash_command(events_url(adapter), SECRET, "/brief", "ferry", response_url=url)
    await asyncio.wait_for(service.arrived.wait(), _WAIT)
    await asyncio.wait_for(adapter.stop(), _WAIT)
    assert "1 Slack answer(s) unfinished" in caplog.text
    assert fake_slack.responses(url) == []  # cut off, and no apology for a shutdown


def without_channel(event: dict) -> dict:
    return {key: value for key, value in event.items() if key != "channel"}


@pytest.mark.parametrize(
    ("event", "answered_event", "answered_in"),
    [
        (mention("ferry", ts="1.1"), mention("harbour", ts="1.2"), GENERAL_CHANNEL),
        (direct_message("ferry", ts="1.1"), direct_message("harbour", ts="1.2"), DM_CHANNEL),
    ],
    ids=["mention", "direct message"],
)
async def test_an_event_without_a_channel_is_ignored_quietly(fake_slack, caplog, event, answered_event, answered_in):
    service = Recorder()
    async with running(slack_settings(fake_slack), service) as adapter:
        assert (await post_event(events_url(adapter), SECRET, without_channel(event)))[0] == 200
        await post_event(events_url(adapter), SECRET, answered_event)
        await fake_slack.wait_calls("chat.postMessage", channel=answered_in)
    assert [request.text for request in service.requests] == ["harbour"]
    assert [record for record in caplog.records if record.levelno >= logging.WARNING] == []
