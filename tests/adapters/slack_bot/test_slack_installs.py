"""Many Slack workspaces: the OAuth v2 install flow against the loopback Slack, a token per workspace, uninstalls."""

from __future__ import annotations

import asyncio
import re
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from html import unescape as html_unescape
from urllib.parse import parse_qs, urlsplit

import aiohttp
import pytest
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import MetaData, text

from adapters.slack_bot.adapter import SlackAdapter, SlackStartError
from bot.chat import ChannelUnavailable
from bot.commands.model import Reply
from bot.models import Digest
from bot.settings import load_settings
from bot.storage import open_store
from bot.values import ChannelRef
from tests.fakes.recorder import Recorder
from tests.fakes.slack_server import (
    ADMIN_ID,
    CLIENT_ID,
    CLIENT_SECRET,
    FakeSlack,
    direct_message,
    post_event,
    post_slash_command,
)

SIGNING_SECRET = "signing-secret-for-tests"
STATE_SECRET = "state-secret-for-tests-0123456789"
LIGHTHOUSE = "T0LIGHTHOUSE"
DIGEST = Digest(items=(), generated_at=datetime(2026, 5, 4, 8, 0, tzinfo=UTC))


def oauth_settings(fake: FakeSlack, **extra):
    values = {
        "SLACK_CLIENT_ID": CLIENT_ID, "SLACK_CLIENT_SECRET": CLIENT_SECRET, "SLACK_STATE_SECRET": STATE_SECRET,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET, "SLACK_HTTP_PORT": "0", "SLACK_API_URL": fake.api_url,
        "SLACK_OAUTH_AUTHORIZE_URL": fake.authorize_url, "SLACK_BOT_TOKEN": None, "SLACK_APP_TOKEN": None,
    }
    return load_settings(env_file=None, **(values | extra)).slack


@pytest.fixture
def store(database_url):
    opened = open_store(database_url)
    yield opened
    opened.close()


class Forgotten(list):
    """The workspaces the adapter asked newsbrief to forget; `wait()` until there is one."""

    def __init__(self) -> None:
        super().__init__()
        self.changed = asyncio.Event()

    async def forget(self, platform: str, workspace: str) -> int:
        self.append(f"{platform}:{workspace}")
        self.changed.set()
        return 0

    async def wait(self) -> None:
        await asyncio.wait_for(self.changed.wait(), 15)


@asynccontextmanager
async def running(fake: FakeSlack, store, service, forgotten: Forgotten | None = None):
    forget = (forgotten if forgotten is not None else Forgotten()).forget

    adapter = SlackAdapter(
        oauth_settings(fake), service, http_host="127.0.0.1", database=store.database, forget_workspace=forget
    )
    await adapter.start()
    fake.app_redirect_url = f"http://127.0.0.1:{adapter.http_port}/slack/oauth_redirect"
    try:
        yield adapter
    finally:
        await adapter.stop()


async def install(adapter: SlackAdapter, *, state_from=None) -> tuple[int, str]:
    """Do what a person's browser does: open /slack/install, click "Add to Slack", allow, come back."""
    base = f"http://127.0.0.1:{adapter.http_port}"
    async with aiohttp.ClientSession() as browser:
        async with browser.get(f"{base}/slack/install") as page:
            assert page.status == 200
            html = await page.text()
            # The state cookie is Secure (bolt sets it so), which a browser keeps for the https site;
            # this test's plain-HTTP loopback carries it by hand.
            cookie = page.cookies["slack-app-oauth-state"].value
        link = html_unescape(re.search(r'<a href="([^"]+)"', html).group(1))
        async with browser.get(link, allow_redirects=False) as consent:
            assert consent.status == 302, await consent.text()
            back = consent.headers["Location"]
        if state_from is not None:
            back = state_from(back)
        async with browser.get(back, headers={"Cookie": f"slack-app-oauth-state={cookie}"}) as done:
            return done.status, await done.text()


def stored_bots(store) -> list[tuple[str, str]]:
    with store.database.read() as session:
        return [tuple(row) for row in session.execute(text("SELECT team_id, bot_token FROM slack_bots ORDER BY id"))]


async def test_an_oauth_install_stores_the_workspace_and_its_command_is_answered_with_its_token(fake_slack, store):
    workspace = fake_slack.approve_next_install(LIGHTHOUSE, "Lighthouse")
    service = Recorder(lambda request: Reply(text="Subscribed."))
    async with running(fake_slack, store, service) as adapter:
        status, page = await install(adapter)
        assert status == 200, page
        assert stored_bots(store) == [(LIGHTHOUSE, workspace.bot_token)]
        [exchange] = fake_slack.calls_to("oauth.v2.access")
        assert exchange.args["code"].startswith("code-")

        response_url = fake_slack.new_response_url()
        events_url = f"http://127.0.0.1:{adapter.http_port}/slack/events"
        status, _ = await post_slash_command(
            events_url, SIGNING_SECRET, "/subscribe", "08:00", response_url=response_url, user=ADMIN_ID, team=LIGHTHOUSE
        )
        assert status == 200
        [answer] = await fake_slack.wait_responses(response_url)
    assert answer["text"] == "Subscribed."
    request = service.requests[0]
    assert request.channel.workspace == LIGHTHOUSE and request.can_manage  # the admin check asked Slack...
    assert [c.token for c in fake_slack.calls_to("users.info", user=ADMIN_ID)] == [workspace.bot_token]  # ...as Lighthouse


async def test_direct_messages_and_digests_use_each_workspace_s_own_token(fake_slack, store):
    lighthouse = fake_slack.approve_next_install(LIGHTHOUSE, "Lighthouse")
    async with running(fake_slack, store, Recorder()) as adapter:
        assert (await install(adapter))[0] == 200
        dunes = fake_slack.approve_next_install("T0DUNES", "Dunes")
        assert (await install(adapter))[0] == 200
        assert {team for team, _ in stored_bots(store)} == {LIGHTHOUSE, "T0DUNES"}

        events_url = f"http://127.0.0.1:{adapter.http_port}/slack/events"
        await post_event(events_url, SIGNING_SECRET, direct_message("ferry"), team="T0DUNES")
        [reply] = await fake_slack.wait_calls("chat.postMessage")
        await adapter.deliver(ChannelRef("slack", LIGHTHOUSE, "C0LAMP"), DIGEST)
        await adapter.deliver(ChannelRef("slack", "T0DUNES", "C0SAND"), DIGEST)
        with pytest.raises(ChannelUnavailable, match="not installed"):
            await adapter.deliver(ChannelRef("slack", "T0NOWHERE", "C0X"), DIGEST)
    assert reply.token == dunes.bot_token
    assert [c.token for c in fake_slack.calls_to("chat.postMessage", channel="C0LAMP")] == [lighthouse.bot_token]
    assert [c.token for c in fake_slack.calls_to("chat.postMessage", channel="C0SAND")] == [dunes.bot_token]


async def test_uninstalling_forgets_the_workspace_s_tokens_and_data(fake_slack, store):
    fake_slack.approve_next_install(LIGHTHOUSE, "Lighthouse")
    forgotten = Forgotten()
    service = Recorder()
    async with running(fake_slack, store, service, forgotten) as adapter:
        assert (await install(adapter))[0] == 200
        events_url = f"http://127.0.0.1:{adapter.http_port}/slack/events"
        status, _ = await post_event(events_url, SIGNING_SECRET, {"type": "app_uninstalled"}, team=LIGHTHOUSE)
        assert status == 200
        await forgotten.wait()
        fake_slack.revoke(LIGHTHOUSE)
        assert stored_bots(store) == []
        with pytest.raises(ChannelUnavailable):
            await adapter.deliver(ChannelRef("slack", LIGHTHOUSE, "C0LAMP"), DIGEST)
        response_url = fake_slack.new_response_url()
        await post_slash_command(events_url, SIGNING_SECRET, "/help", "", response_url=response_url, team=LIGHTHOUSE)
    assert forgotten == [f"slack:{LIGHTHOUSE}"]
    assert service.requests == []  # nothing from an uninstalled workspace reaches newsbrief


async def test_a_revoked_user_token_keeps_the_workspace_but_a_revoked_bot_token_removes_it(fake_slack, store):
    fake_slack.approve_next_install(LIGHTHOUSE, "Lighthouse")
    forgotten = Forgotten()
    async with running(fake_slack, store, Recorder(), forgotten) as adapter:
        assert (await install(adapter))[0] == 200
        events_url = f"http://127.0.0.1:{adapter.http_port}/slack/events"
        user_only = {"type": "tokens_revoked", "tokens": {"oauth": [ADMIN_ID], "bot": []}}
        assert (await post_event(events_url, SIGNING_SECRET, user_only, team=LIGHTHOUSE))[0] == 200
        bot = {"type": "tokens_revoked", "tokens": {"oauth": [], "bot": ["U0BOTT0LIGHTHOUSE"]}}
        assert (await post_event(events_url, SIGNING_SECRET, bot, team=LIGHTHOUSE))[0] == 200
        await forgotten.wait()
    assert forgotten == [f"slack:{LIGHTHOUSE}"]
    assert stored_bots(store) == []


def _forged_state(url: str) -> str:
    parts = urlsplit(url)
    code = parse_qs(parts.query)["code"][0]
    return parts._replace(query=f"code={code}&state=0000-not-ours.deadbeef").geturl()


async def test_a_forged_state_installs_nothing(fake_slack, store):
    fake_slack.approve_next_install(LIGHTHOUSE, "Lighthouse")
    async with running(fake_slack, store, Recorder()) as adapter:
        status, _ = await install(adapter, state_from=_forged_state)
    assert status >= 400
    assert stored_bots(store) == []
    assert fake_slack.calls_to("oauth.v2.access") == []


@pytest.mark.parametrize(("extra", "message"), [
    ({"SLACK_APP_TOKEN": "xapp-1"}, "HTTP mode"),
    ({"SLACK_SIGNING_SECRET": None}, "SLACK_SIGNING_SECRET"),
])
async def test_oauth_mode_refuses_settings_it_cannot_serve(fake_slack, store, extra, message):
    adapter = SlackAdapter(oauth_settings(fake_slack, **extra), Recorder(), database=store.database)
    with pytest.raises(SlackStartError, match=message):
        await adapter.start()


def test_the_migrated_tables_are_the_ones_slack_sdk_reads_and_writes(store):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    expected = MetaData()
    SQLAlchemyInstallationStore.build_installations_table(expected, "slack_installations")
    SQLAlchemyInstallationStore.build_bots_table(expected, "slack_bots")
    SQLAlchemyOAuthStateStore.build_oauth_states_table(expected, "slack_oauth_states")
    with store.database.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_name": lambda name, type_, parents: type_ != "table" or name in expected.tables}
        )
        differences = compare_metadata(context, expected)
    assert differences == []


def test_the_oauth_settings_alone_start_the_slack_adapter_with_the_app_s_database(fake_slack, tmp_path):
    from adapters.slack_bot import plugin
    from bot.app import build_app
    from tests.kit import settings_for

    settings = settings_for(
        tmp_path, SLACK_CLIENT_ID=CLIENT_ID, SLACK_CLIENT_SECRET=CLIENT_SECRET, SLACK_STATE_SECRET=STATE_SECRET,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
    )
    assert plugin.configured(settings) and settings.chat_platforms() == ["slack"]
    app = build_app(settings, platforms=("slack",))
    try:
        [adapter] = app.adapters
        assert adapter._database is app.store.database
    finally:
        app.store.close()
