"""Regressions in the Slack adapter's edges: calls before the ack, failing follow-ups, odd requests."""

from __future__ import annotations

import pytest

from bot.commands.model import Reply
from tests.fakes.slack_server import fake_slack, post_signed, post_slash_command  # noqa: F401  (fixture)
from tests.test_slack_adapter import SECRET, Recorder, events_url, running, slack_settings


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

