"""From `feeds add` to a digest: a real feed on a loopback site, polled by the app's polling job."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.app import build_app
from bot.commands.model import CommandRequest
from bot.values import ChannelRef
from tests.fakes import content
from tests.kit import FakeClock, RecordingSink, settings_for

# The loopback feed's items are dated 1-5 June 2025.
NOW = datetime(2025, 6, 6, 7, 0, tzinfo=UTC)


def ask(command: str, text: str = "") -> CommandRequest:
    return CommandRequest(ChannelRef("console", "local", "terminal"), "tester", command, text, can_manage=True)


async def test_a_followed_feed_is_polled_and_its_stories_make_the_channels_digests(tmp_path, loopback_site):
    clock, sink = FakeClock(NOW), RecordingSink()
    settings = settings_for(tmp_path, NEWSBRIEF_ALLOW_PRIVATE_URLS="true", NEWSBRIEF_DIGEST_MAX_ITEMS="2")
    app = build_app(settings, clock=clock, extra_sinks=[sink], platforms=(), fire_jobs=False)
    await app.start()
    try:
        feed_url = loopback_site.url("/feeds/rss20.xml")
        assert (await app.service.handle(ask("feeds", f"add {feed_url}"))).text.startswith("Added feed")
        assert (await app.service.handle(ask("subscribe", "08:00 UTC"))).text.startswith("Subscribed")

        await app.runner.poll_feeds()  # what the interval job runs
        status = await app.service.handle(ask("status"))
        assert f"{feed_url} — ok, polled just now" in status.text

        clock.set(NOW + timedelta(hours=1, seconds=1))
        await app.runner.sweep()  # what the 08:00 wake-up runs
        [(target, digest)] = sink.delivered
        assert target.channel == "terminal"
        stories = len(content.STORIES)
        assert len(digest.items) == 2 and digest.more == stories - 2
        assert {item.briefing.title for item in digest.items} <= {title for title, _ in content.STORIES.values()}

        later = await app.service.handle(ask("digest"))
        assert later.text == "Nothing new since the last digest."
    finally:
        await app.stop()
