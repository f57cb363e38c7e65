"""The Slack adapter's plumbing, driven through the real bolt app over HTTP against a loopback Slack.

The service here is a small recorder, so these tests pin what the adapter itself does: signatures,
acknowledgement, privacy of errors, permission checks, DM and mention routing, digest delivery.
`test_slack_acceptance.py` drives the real command service; `test_slack_socket_mode.py` Socket Mode.
"""

from __future__ import annotations

import asyncio
import json
import time
from contextlib import asynccontextmanager
from datetime import UTC, datetime

import aiohttp
import pytest

from adapters.slack_bot.adapter import SlackAdapter, SlackStartError
from bot.chat import ChannelUnavailable
from bot.commands.model import Reply
from bot.models import Briefing, Digest, DigestItem
from bot.settings import load_settings
from bot.values import ChannelRef
from tests.fakes.recorder import Recorder
from tests.fakes.samples import sample_briefing
from tests.fakes.slack_server import (
    ADMIN_ID,
    BOT_ID,
    BOT_USER_ID,
    CREATOR_ID,
    DM_CHANNEL,
    GENERAL_CHANNEL,
    MEMBER_ID,
    OTHER_BOT_ID,
    TEAM_ID,
    FakeSlack,
    direct_message,
    mention,
    post_event,
    post_signed,
    post_slash_command,
    signed_headers,
    slash_command_form,
)

SECRET = "harbour-signing-secret"
FORM = "application/x-www-form-urlencoded"


def slack_settings(fake: FakeSlack, **extra):
    return load_settings(
        SLACK_BOT_TOKEN=fake.bot_token,
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_HTTP_PORT=0,
        SLACK_API_URL=fake.api_url,
        **extra,
    )


@asynccontextmanager
async def running(settings, service):
    adapter = SlackAdapter(settings.slack, service, http_host="127.0.0.1")
    await adapter.start()
    try:
        yield adapter
    finally:
        await adapter.stop()


def events_url(adapter: SlackAdapter) -> str:
    return f"http://127.0.0.1:{adapter.http_port}/slack/events"


async def post_tampered(url: str, signed_body: bytes, sent_body: bytes) -> int:
    """Send `sent_body` under the signature of `signed_body`; return the status."""
    headers = signed_headers(SECRET, signed_body, content_type=FORM)
    async with aiohttp.ClientSession() as session, session.post(url, data=sent_body, headers=headers) as response:
        return response.status


def digest_of(*briefings: Briefing) -> Digest:
    return Digest(items=tuple(DigestItem(b) for b in briefings), generated_at=datetime.now(UTC))


def block_text(message: dict) -> str:
    """Return every string the blocks of a message show."""
    parts = []
    for block in message.get("blocks") or []:
        if "text" in block:
            parts.append(block["text"]["text"])
        texts = [element.get("text", "") for element in block.get("elements", [])]
        parts += [text if isinstance(text, str) else text.get("text", "") for text in texts]  # a button's text is an object
    return "\n".join(parts)


async def test_a_slash_command_is_acked_before_the_answer_which_follows_at_the_response_url(fake_slack):
    release = asyncio.Event()

    class SlowService(Recorder):
        async def handle(self, request):
            await release.wait()  # the answer cannot exist before the acknowledgement went out
            return await super().handle(request)

    service = SlowService(lambda request: Reply(briefings=(sample_briefing(),)))
    response_url = fake_slack.new_response_url()
    async with running(slack_settings(fake_slack), service) as adapter:
        status, body = await post_slash_command(
            events_url(adapter), SECRET, "/brief", "The harbour council met on Tuesday.", response_url=response_url
        )
        assert (status, body) == (200, "") and fake_slack.responses(response_url) == []
        release.set()
        [message] = await fake_slack.wait_responses(response_url)
    request = service.requests[0]
    assert (request.channel, request.user) == (ChannelRef("slack", TEAM_ID, GENERAL_CHANNEL), MEMBER_ID)
    assert (request.command, request.text, request.is_dm, request.can_manage) == (
        "brief", "The harbour council met on Tuesday.", False, False
    )
    assert message["response_type"] == "in_channel"
    assert message["blocks"][0] == {
        "type": "header", "text": {"type": "plain_text", "text": "Harbour council backs night ferry", "emoji": False}
    }
    assert "night ferry from June" in block_text(message) and "Mara Quill" in block_text(message)
    assert "night ferry from June" in message["text"]  # the notification fallback carries the summary too


async def test_bad_and_stale_signatures_get_401_and_reach_nobody(fake_slack):
    service = Recorder()
    response_url = fake_slack.new_response_url()
    body = slash_command_form("/lookup", "ferry", response_url=response_url)
    six_minutes_ago = int(time.time()) - 360
    async with running(slack_settings(fake_slack), service) as adapter:
        url = events_url(adapter)
        wrong = await post_signed(url, body, secret="someone-elses-secret", content_type=FORM)
        stale = await post_signed(url, body, secret=SECRET, content_type=FORM, timestamp=six_minutes_ago)
        tampered = await post_tampered(url, body, body.replace(b"ferry", b"other"))
        assert [wrong[0], stale[0], tampered] == [401, 401, 401]
        assert service.requests == []
        assert (await post_signed(url, body, secret=SECRET, content_type=FORM))[0] == 200
        await fake_slack.wait_responses(response_url)
    assert [r.text for r in service.requests] == ["ferry"]


async def test_malformed_requests_are_refused_cleanly_and_setup_checks_are_answered(fake_slack):
    service = Recorder()
    async with running(slack_settings(fake_slack), service) as adapter:
        url = events_url(adapter)
        unsigned_garbage = await post_tampered(url, b"", b"\xff\xfe{not json")
        signed_garbage = [
            (await post_signed(url, body, secret=SECRET, content_type="application/json"))[0]
            for body in (b"{not json", b"[1, 2]", b"null")
        ]
        signed_bad_payload = await post_signed(url, b"payload=%7Bbroken", secret=SECRET, content_type=FORM)
        challenge = json.dumps({"type": "url_verification", "challenge": "ferry-42", "token": "t"}).encode()
        verification = await post_signed(url, challenge, secret=SECRET, content_type="application/json")
        still_up = fake_slack.new_response_url()
        await post_slash_command(url, SECRET, "/lookup", "ferry", response_url=still_up)
        await fake_slack.wait_responses(still_up)
    assert unsigned_garbage == 401
    assert [*signed_garbage, signed_bad_payload[0]] == [400, 400, 400, 400]
    assert verification == (200, '{"challenge": "ferry-42"}')
    assert [r.text for r in service.requests] == ["ferry"]


async def test_links_mentions_and_entities_arrive_as_typed(fake_slack):
    service = Recorder()
    async with running(slack_settings(fake_slack), service) as adapter:
        url = fake_slack.new_response_url()
        await post_slash_command(
            events_url(adapter), SECRET, "/brief", "<https://news.example/a?x=1&amp;y=2|news.example/a> Tom &amp; Jerry",
            response_url=url,
        )
        await fake_slack.wait_responses(url)
    assert service.requests[0].text == "https://news.example/a?x=1&y=2 Tom & Jerry"


async def test_reply_text_is_escaped_and_pings_nobody(fake_slack):
    service = Recorder(lambda request: Reply(text="<!channel> look at <@U0ADMIN> & <https://evil.example|this>"))
    async with running(slack_settings(fake_slack), service) as adapter:
        url = fake_slack.new_response_url()
        await post_slash_command(events_url(adapter), SECRET, "/lookup", "ferry", response_url=url)
        [message] = await fake_slack.wait_responses(url)
    assert "<!channel>" not in message["text"] and "<@" not in message["text"] and "<https" not in message["text"]
    assert "&amp;" in message["text"] and "&lt;" in message["text"]


async def test_errors_and_help_are_ephemeral(fake_slack):
    def answer(request):
        if request.command == "help":
            return Reply(text="Here is what I can do.")
        return Reply(text="That does not look like an article.", is_error=True)

    async with running(slack_settings(fake_slack), Recorder(answer)) as adapter:
        help_url, error_url = fake_slack.new_response_url(), fake_slack.new_response_url()
        await post_slash_command(events_url(adapter), SECRET, "/help", "", response_url=help_url)
        await post_slash_command(events_url(adapter), SECRET, "/brief", "%%%", response_url=error_url)
        [help_message] = await fake_slack.wait_responses(help_url)
        [error_message] = await fake_slack.wait_responses(error_url)
    assert help_message["response_type"] == "ephemeral"
    assert error_message == {
        "text": "That does not look like an article.", "response_type": "ephemeral",
        "unfurl_links": False, "unfurl_media": False,
    }


async def test_a_service_that_raises_gets_an_apology_and_the_app_answers_the_next_one(fake_slack):
    def answer(request):
        if request.text == "boom":
            raise RuntimeError("the engine fell over")
        return Reply(text="fine")

    async with running(slack_settings(fake_slack), Recorder(answer)) as adapter:
        first, second = fake_slack.new_response_url(), fake_slack.new_response_url()
        assert (await post_slash_command(events_url(adapter), SECRET, "/lookup", "boom", response_url=first))[0] == 200
        [apology] = await fake_slack.wait_responses(first)
        assert (await post_slash_command(events_url(adapter), SECRET, "/lookup", "harbour", response_url=second))[0] == 200
        [answer_] = await fake_slack.wait_responses(second)
    assert apology["response_type"] == "ephemeral" and apology["text"].startswith("Sorry, something went wrong (ref ")
    assert "fell over" not in apology["text"]
    assert answer_["text"] == "fine"


@pytest.mark.parametrize(
    ("user", "text", "expected"),
    [
        (MEMBER_ID, "08:00 Europe/Paris", False),
        (ADMIN_ID, "08:00 Europe/Paris", True),
        (CREATOR_ID, "08:00", True),
    ],
)
async def test_subscribing_needs_a_workspace_admin_or_the_channels_creator(fake_slack, user, text, expected):
    service = Recorder(lambda r: Reply(text="ok") if r.can_manage else Reply(text="Only admins may.", is_error=True))
    async with running(slack_settings(fake_slack), service) as adapter:
        url = fake_slack.new_response_url()
        await post_slash_command(events_url(adapter), SECRET, "/subscribe", text, response_url=url, user=user)
        [message] = await fake_slack.wait_responses(url)
    request = service.requests[0]
    assert (request.command, request.text, request.can_manage) == ("subscribe", text, expected)
    assert message["response_type"] == ("in_channel" if expected else "ephemeral")
    assert fake_slack.calls_to("users.info", user=user)


async def test_a_failed_permission_lookup_counts_as_not_allowed(fake_slack):
    fake_slack.fail_method("users.info", "missing_scope")
    service = Recorder(lambda r: Reply(text="Only admins may.", is_error=True))
    async with running(slack_settings(fake_slack), service) as adapter:
        url = fake_slack.new_response_url()
        await post_slash_command(events_url(adapter), SECRET, "/feeds", "add https://news.example/rss", response_url=url, user=ADMIN_ID)
        [message] = await fake_slack.wait_responses(url)
    assert (service.requests[0].command, service.requests[0].text) == ("feeds", "add https://news.example/rss")
    assert service.requests[0].can_manage is False and message["response_type"] == "ephemeral"


async def test_anyone_may_subscribe_when_the_setting_says_so_and_reading_needs_no_check(fake_slack):
    service = Recorder()
    settings = slack_settings(fake_slack, SLACK_ANYONE_CAN_SUBSCRIBE="true")
    async with running(settings, service) as adapter:
        first, second = fake_slack.new_response_url(), fake_slack.new_response_url()
        await post_slash_command(events_url(adapter), SECRET, "/unsubscribe", "", response_url=first)
        await post_slash_command(events_url(adapter), SECRET, "/feeds", "list", response_url=second)
        await fake_slack.wait_responses(first)
        await fake_slack.wait_responses(second)
    assert [(r.command, r.can_manage) for r in service.requests] == [("unsubscribe", True), ("feeds", False)]
    assert not fake_slack.calls_to("users.info") and not fake_slack.calls_to("conversations.info")


async def test_a_slash_command_in_a_dm_may_manage_that_dm(fake_slack):
    service = Recorder()
    async with running(slack_settings(fake_slack), service) as adapter:
        url = fake_slack.new_response_url()
        await post_slash_command(events_url(adapter), SECRET, "/subscribe", "07:30", response_url=url, channel=DM_CHANNEL)
        await fake_slack.wait_responses(url)
    assert (service.requests[0].is_dm, service.requests[0].can_manage) == (True, True)


async def test_more_messages_than_a_response_url_takes_go_through_the_web_api(fake_slack):
    titles = [f"Story number {n} about the ferry" for n in range(7)]
    service = Recorder(lambda r: Reply(briefings=tuple(sample_briefing(t) for t in titles)))
    async with running(slack_settings(fake_slack), service) as adapter:
        url = fake_slack.new_response_url()
        await post_slash_command(events_url(adapter), SECRET, "/lookup", "ferry", response_url=url)
        posted = await fake_slack.wait_calls("chat.postMessage", count=2, channel=GENERAL_CHANNEL)
    answered = fake_slack.responses(url)
    assert len(answered) == 5
    shown = [m["blocks"][0]["text"]["text"] for m in answered] + [c.args["blocks"][0]["text"]["text"] for c in posted]
    assert shown == titles


async def test_direct_messages_from_people_are_answered_and_bots_are_ignored(fake_slack):
    service = Recorder(lambda request: Reply(briefings=(sample_briefing(),)))
    async with running(slack_settings(fake_slack), service) as adapter:
        url = events_url(adapter)
        ignored = [
            direct_message("from another bot", bot_id=OTHER_BOT_ID, ts="1.1"),
            direct_message("my own post", user=BOT_USER_ID, bot_id=BOT_ID, ts="1.2"),
            direct_message("edited", subtype="message_changed", ts="1.3"),
            {**direct_message("in a channel", ts="1.4"), "channel_type": "channel", "channel": GENERAL_CHANNEL},
        ]
        for event in ignored:
            assert (await post_event(url, SECRET, event))[0] == 200
        assert (await post_event(url, SECRET, direct_message("what about the <https://gazette.example|ferry>?")))[0] == 200
        [reply] = await fake_slack.wait_calls("chat.postMessage", channel=DM_CHANNEL)
    assert [(r.command, r.text, r.is_dm, r.can_manage) for r in service.requests] == [
        ("", "what about the https://gazette.example?", True, True)
    ]
    assert "night ferry" in reply.args["text"] and reply.args["blocks"][0]["type"] == "header"


async def test_a_mention_is_briefed_in_a_thread_and_its_errors_stay_private(fake_slack):
    def answer(request):
        if "gazette" in request.text:
            return Reply(briefings=(sample_briefing(),))
        return Reply(text="Give me a link or the article's text.", is_error=True)

    service = Recorder(answer)
    async with running(slack_settings(fake_slack), service) as adapter:
        url = events_url(adapter)
        await post_event(url, SECRET, mention("<https://gazette.example/night-ferry>", ts="1700000100.000001"))
        [post] = await fake_slack.wait_calls("chat.postMessage", channel=GENERAL_CHANNEL)
        await post_event(url, SECRET, {**mention("hm", ts="1700000200.000001"), "thread_ts": "1700000150.000001"})
        [private] = await fake_slack.wait_calls("chat.postEphemeral", channel=GENERAL_CHANNEL)
    assert [(r.command, r.text) for r in service.requests] == [("brief", "https://gazette.example/night-ferry"), ("brief", "hm")]
    assert post.args["thread_ts"] == "1700000100.000001" and post.args["blocks"][0]["type"] == "header"
    assert post.args["text"]
    assert private.args["user"] == MEMBER_ID and private.args["thread_ts"] == "1700000150.000001"
    assert private.args["text"] == "Give me a link or the article's text."


async def test_a_bare_mention_asks_for_help(fake_slack):
    service = Recorder()
    async with running(slack_settings(fake_slack), service) as adapter:
        await post_event(events_url(adapter), SECRET, mention(""))
        await fake_slack.wait_calls("chat.postMessage", channel=GENERAL_CHANNEL)
    assert [(r.command, r.text) for r in service.requests] == [("help", "")]


async def test_a_digest_is_posted_with_a_fallback_on_every_message_and_a_rate_limit_is_waited_out(fake_slack):
    titles = [f"Ferry story {n}" for n in range(45)]
    digest = digest_of(*(sample_briefing(t) for t in titles))
    fake_slack.rate_limit_once(GENERAL_CHANNEL)
    async with running(slack_settings(fake_slack), Recorder()) as adapter:
        await adapter.deliver(ChannelRef("slack", TEAM_ID, GENERAL_CHANNEL), digest)
    posts = fake_slack.calls_to("chat.postMessage", channel=GENERAL_CHANNEL)
    delivered = posts[1:]  # the first attempt got 429 and was sent again
    assert len(delivered) >= 2 and posts[0].args == posts[1].args
    assert all(p.args["text"].strip() and len(p.args["blocks"]) <= 50 for p in delivered)
    shown = "\n".join(block_text(p.args) for p in delivered)
    assert all(f"Ferry story {n}" in shown for n in range(45))


@pytest.mark.parametrize("error", ["is_archived", "not_in_channel", "channel_not_found"])
async def test_a_channel_that_cannot_take_messages_raises_channel_unavailable(fake_slack, error):
    fake_slack.fail_channel("C0CLOSED", error)
    async with running(slack_settings(fake_slack), Recorder()) as adapter:
        with pytest.raises(ChannelUnavailable) as raised:
            await adapter.deliver(ChannelRef("slack", TEAM_ID, "C0CLOSED"), digest_of(sample_briefing()))
        await adapter.deliver(ChannelRef("slack", TEAM_ID, GENERAL_CHANNEL), digest_of(sample_briefing()))
    assert error in raised.value.reason and "C0CLOSED" in raised.value.reason
    assert fake_slack.calls_to("chat.postMessage", channel=GENERAL_CHANNEL)


async def test_other_slack_errors_propagate_so_the_scheduler_retries(fake_slack):
    fake_slack.fail_channel(GENERAL_CHANNEL, "internal_error")
    async with running(slack_settings(fake_slack), Recorder()) as adapter:
        with pytest.raises(Exception, match="internal_error") as raised:
            await adapter.deliver(ChannelRef("slack", TEAM_ID, GENERAL_CHANNEL), digest_of(sample_briefing()))
    assert not isinstance(raised.value, ChannelUnavailable)


async def test_a_wrong_token_or_missing_secret_fails_start_with_a_plain_sentence(fake_slack):
    wrong = load_settings(SLACK_BOT_TOKEN="xoxb-wrong", SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=fake_slack.api_url)
    with pytest.raises(SlackStartError, match="SLACK_BOT_TOKEN"):
        await SlackAdapter(wrong.slack, Recorder()).start()
    neither = load_settings(SLACK_BOT_TOKEN=fake_slack.bot_token, SLACK_API_URL=fake_slack.api_url)
    with pytest.raises(SlackStartError, match="SLACK_SIGNING_SECRET"):
        await SlackAdapter(neither.slack, Recorder()).start()


async def test_a_busy_port_fails_start_with_a_plain_sentence(fake_slack):
    async with running(slack_settings(fake_slack), Recorder()) as first:
        taken = load_settings(
            SLACK_BOT_TOKEN=fake_slack.bot_token, SLACK_SIGNING_SECRET=SECRET,
            SLACK_API_URL=fake_slack.api_url, SLACK_HTTP_PORT=first.http_port,
        )
        with pytest.raises(SlackStartError, match="SLACK_HTTP_PORT"):
            await SlackAdapter(taken.slack, Recorder(), http_host="127.0.0.1").start()
