"""Property tests: for any briefing or digest, every platform limit holds and no summary text is lost."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from rich.cells import cell_len

from bot.models import Briefing, Digest
from bot.render import (
    discord_markdown,
    escape_markdown,
    fact_groups,
    neutralize_mentions,
    render_discord,
    render_discord_plain,
    render_markdown,
    render_slack,
    render_text,
    slack_mrkdwn,
)
from tests.render.fixtures import (
    assert_discord_limits,
    assert_slack_limits,
    briefing_strategy,
    clean,
    digest_strategy,
    discord_stream,
    shown_sentences,
    slack_stream,
    squash,
)

FAST = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
big_briefings = briefing_strategy()
# Rich wraps every line of terminal output, so text checks use smaller (still limit-breaking) inputs.
text_briefings = briefing_strategy(sentences=8, facts=20)


def _assert_shown(expected: list[str], stream: str) -> None:
    """Assert every expected piece appears, whitespace aside, in the rendered stream."""
    squashed = squash(stream)
    for piece in expected:
        assert squash(piece) in squashed, piece[:200]


def _expected_sentences(obj: Briefing | Digest) -> list[str]:
    """Return the cleaned sentences the renderers must show: all of a briefing, two per story."""
    if isinstance(obj, Briefing):
        return shown_sentences(obj)
    return [s for item in obj.items for s in shown_sentences(item.briefing, 2)]


def _fact_words(briefing: Briefing, inert) -> list[str]:
    """Return every word of every key fact as a renderer would show it (long words may be cut)."""
    entries = {entry for group in fact_groups(briefing.facts) for entry in group.entries}
    return list({w for entry in entries for w in inert(entry).split() if len(w) <= 100})


@FAST
@given(big_briefings)
def test_discord_briefing_keeps_limits_and_text(briefing):
    payloads = render_discord(briefing, compact=False)
    assert_discord_limits(payloads)
    stream = discord_stream(payloads)
    _assert_shown([discord_markdown(s) for s in _expected_sentences(briefing)], stream)
    _assert_shown([discord_markdown(clean(briefing.title))], stream)
    _assert_shown(_fact_words(briefing, discord_markdown), stream)


@FAST
@given(digest_strategy)
def test_discord_digest_keeps_limits_and_text(digest):
    payloads = render_discord(digest)
    assert_discord_limits(payloads)
    stream = discord_stream(payloads)
    _assert_shown([discord_markdown(s) for s in _expected_sentences(digest)], stream)
    titles = [discord_markdown(clean(item.briefing.title)) for item in digest.items]
    _assert_shown(titles, stream)
    if digest.more:
        assert f"…and {digest.more} more" in stream


@FAST
@given(big_briefings | digest_strategy)
def test_discord_plain_keeps_limits_and_text(obj):
    payloads = render_discord_plain(obj, compact=False)
    assert_discord_limits(payloads, plain=True)
    stream = discord_stream(payloads)
    _assert_shown([discord_markdown(s) for s in _expected_sentences(obj)], stream)
    if isinstance(obj, Briefing):
        _assert_shown(_fact_words(obj, discord_markdown), stream)


@FAST
@given(big_briefings)
def test_slack_briefing_keeps_limits_and_text(briefing):
    messages = render_slack(briefing, compact=False)
    assert_slack_limits(messages)
    stream = slack_stream(messages)
    _assert_shown([slack_mrkdwn(s) for s in _expected_sentences(briefing)], stream)
    # The header is plain_text (mentions broken, nothing escaped); a cut title is repeated in mrkdwn.
    title = clean(briefing.title)
    squashed = squash(stream)
    assert squash(neutralize_mentions(title)) in squashed or squash(slack_mrkdwn(title)) in squashed
    _assert_shown(_fact_words(briefing, slack_mrkdwn), stream)


@FAST
@given(digest_strategy)
def test_slack_digest_keeps_limits_and_text(digest):
    messages = render_slack(digest)
    assert_slack_limits(messages)
    stream = slack_stream(messages)
    _assert_shown([slack_mrkdwn(s) for s in _expected_sentences(digest)], stream)
    _assert_shown([slack_mrkdwn(clean(item.briefing.title)) for item in digest.items], stream)
    for item in digest.items:
        if item.source_count > 1:
            assert f"Reported by {item.source_count} sources" in stream


def _markdown_inert(text: str) -> str:
    """Transform article text as the Markdown renderer does."""
    return escape_markdown(neutralize_mentions(text))


@FAST
@given(big_briefings | digest_strategy)
def test_markdown_shows_every_sentence_inertly(obj):
    output = render_markdown(obj)
    _assert_shown([_markdown_inert(s) for s in _expected_sentences(obj)], output)
    for ping in ("@everyone", "@here", "<@123>", "<!channel>", "[link](https://evil.example/x)"):
        assert ping not in output


@FAST
@given(text_briefings | digest_strategy)
def test_text_shows_every_sentence(obj):
    output = render_text(obj, width=60)
    _assert_shown(_expected_sentences(obj), output)
    assert all(cell_len(line) <= 60 for line in output.splitlines() if not line.strip().startswith("http"))
