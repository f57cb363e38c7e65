"""Sample briefings, hypothesis strategies and limit checks shared by the renderer tests."""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, date, datetime

from hypothesis import strategies as st

from bot.models import (
    Briefing,
    DateMention,
    Digest,
    DigestItem,
    Facts,
    NumberMention,
    Person,
    Quote,
    Stats,
)

# ---------------------------------------------------------------- hand-written samples


def tram_briefing(**changes) -> Briefing:
    """Return a small, realistic briefing written for these tests."""
    facts = Facts(
        people=(Person("Ana Ruiz", "mayor of Lyon"), Person("Tom Li")),
        places=("Lyon", "Villeurbanne"),
        organizations=("Lyon City Council",),
        dates=(DateMention("next Tuesday", date(2024, 3, 12)),),
        numbers=(NumberMention("€4.2 million", "cost of the first tram section"),),
        quotes=(Quote("We will open the line before winter", "Ana Ruiz"),),
        sources=("the city press office",),
    )
    briefing = Briefing(
        title="Lyon council backs a new tram line to Villeurbanne",
        summary=(
            "The city council voted 31 to 12 for a tram line linking Lyon and Villeurbanne.",
            "Building work is due to start next Tuesday and cost €4.2 million in its first year.",
            "Opponents said the route ignores the northern districts.",
        ),
        facts=facts,
        stats=Stats(words=612, summary_words=88),
        source="Rhône Courier",
        url="https://news.example.org/lyon/tram-vote",
        published=datetime(2024, 3, 5, 9, 30, tzinfo=UTC),
        dateline="LYON",
    )
    return dataclasses.replace(briefing, **changes)


def harbour_briefing() -> Briefing:
    """Return a second briefing, without URL or date, for digests."""
    return Briefing(
        title="Harbour cranes idle as dock workers strike for a second day",
        summary=(
            "Dock workers in Port Alba stayed off the job for a second day.",
            "The port authority said 40 ships were waiting offshore.",
            "Talks are set to resume on Friday.",
        ),
        facts=Facts(organizations=("Port Alba Authority",), places=("Port Alba",)),
        stats=Stats(words=430, summary_words=61),
        source="Coastal Times",
    )


def sample_digest(more: int = 4) -> Digest:
    """Return a two-story digest, the first merged from three outlets."""
    return Digest(
        items=(
            DigestItem(tram_briefing(), also_reported_by=("Daily Saône", "Radio Fourvière")),
            DigestItem(harbour_briefing()),
        ),
        title="Morning digest",
        generated_at=datetime(2024, 3, 5, 7, 0, tzinfo=UTC),
        more=more,
    )


# ---------------------------------------------------------------- strategies

INJECTIONS = (
    "@everyone", "@here", "@channel", "<@123>", "<@!123>", "<@&123>", "<#123>", "<!channel>",
    "<!here>", "<!everyone>", "<@U123ABC>", "**bold**", "[link](https://evil.example/x)", "`code`",
    "||spoiler||", "~~gone~~", "__under__", "# heading", "> quote", "-# small", "&amp;", "&", "\\",
    "<https://evil.example|click>", "*", "_", "\n", "\t", "👍🏽", "e\u0301", "👨‍👩‍👧",
)
_letters = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn"))
_token = st.one_of(st.sampled_from(INJECTIONS), st.text(_letters, min_size=1, max_size=12))
_phrase = st.lists(_token, min_size=1, max_size=8)


def _repeated(max_repeats: int, joiner: str) -> st.SearchStrategy[str]:
    """Return text made by repeating a random phrase, so huge inputs stay cheap to generate."""
    return st.tuples(_phrase, st.integers(1, max_repeats)).map(lambda t: joiner.join(t[0] * t[1]))


short_text = _repeated(2, " ")
# Up to ~10,000 characters: past every per-piece limit, with and without spaces to split at.
long_text = st.one_of(short_text, _repeated(120, " "), _repeated(120, ""))
# Up to ~1,500 characters: past a Discord field value, for facts that come by the hundred.
medium_text = st.one_of(short_text, _repeated(16, " "), _repeated(16, ""))


def _many(element: st.SearchStrategy, most: int) -> st.SearchStrategy[tuple]:
    """Return up to `most` items cycled from a few drawn ones (hundreds of facts, generated fast)."""
    return st.tuples(st.lists(element, min_size=1, max_size=4), st.integers(0, most)).map(
        lambda t: tuple(t[0][i % len(t[0])] for i in range(t[1]))
    )


urls = st.one_of(
    st.none(),
    st.sampled_from(
        (
            "https://news.example.org/a/b?c=1&d=2",
            "http://example.com/@everyone/<!here>|x)",
            "https://example.com/wiki/Tram_(Lyon)",
            "javascript:alert(1)",
            "https://münchen.example/straße",
            "not a url",
            "https://" + "x" * 2000 + ".example/",
        )
    ),
    short_text,
)
moments = st.one_of(st.none(), st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)))


def facts_strategy(most: int) -> st.SearchStrategy[Facts]:
    """Return facts with up to `most` entries in each group."""
    return st.builds(
        Facts,
        people=_many(st.builds(Person, short_text, st.none() | short_text), most),
        places=_many(short_text, most),
        organizations=_many(short_text, most),
        dates=_many(st.builds(DateMention, short_text, st.none() | st.dates()), most),
        numbers=_many(st.builds(NumberMention, short_text, medium_text), most),
        quotes=_many(st.builds(Quote, medium_text, st.none() | short_text), most),
        sources=_many(short_text, most),
    )


def briefing_strategy(sentences: int = 30, facts: int = 300) -> st.SearchStrategy[Briefing]:
    """Return briefings with huge titles, many long sentences and many facts."""
    return st.builds(
        Briefing,
        title=long_text,
        summary=st.lists(long_text, max_size=sentences).map(tuple),
        facts=facts_strategy(facts),
        stats=st.builds(Stats, st.integers(0, 10**6), st.integers(0, 10**5)),
        source=st.none() | short_text,
        url=urls,
        published=moments,
        dateline=st.none() | long_text,
    )


_digest_items = st.builds(DigestItem, briefing_strategy(4, 20), st.lists(short_text, max_size=6).map(tuple))
digest_strategy = st.builds(
    Digest,
    items=st.one_of(st.lists(_digest_items, max_size=6).map(tuple), _many(_digest_items, 40)),
    title=long_text,
    generated_at=moments,
    more=st.integers(0, 500),
)

# ---------------------------------------------------------------- measuring and checking


def size(text: str) -> int:
    """Count UTF-16 code units, the strictest reading of a platform's 'characters'."""
    return len(text.encode("utf-16-le")) // 2


def squash(text: str) -> str:
    """Remove all whitespace, so text split across lines or pieces still compares equal."""
    return "".join(text.split())


def clean(text: str) -> str:
    """Collapse whitespace the way renderers do before showing article text."""
    return " ".join(text.split())


def shown_sentences(briefing: Briefing, limit: int | None = None) -> list[str]:
    """Return the summary sentences a renderer must show, cleaned."""
    sentences = [clean(s) for s in briefing.summary if clean(s)]
    return sentences if limit is None else sentences[:limit]


def embed_strings(embed: dict) -> list[str]:
    """Return the strings of an embed that count towards Discord's 6,000 total, in reading order."""
    strings = [embed.get("title", ""), embed.get("description", "")]
    for field in embed.get("fields", []):
        strings += [field["name"], field["value"]]
    return [*strings, embed.get("footer", {}).get("text", ""), embed.get("author", {}).get("name", "")]


def discord_stream(payloads: list[dict]) -> str:
    """Return all visible text of Discord payloads in reading order."""
    parts = []
    for payload in payloads:
        parts.append(payload["content"] or "")
        for embed in payload["embeds"]:
            parts += embed_strings(embed)
    return "\n".join(parts)


def _block_strings(block: dict) -> list[str]:
    """Return the visible strings of one Slack block."""
    if block["type"] in {"header", "section"}:
        texts = [block["text"]] if "text" in block else []
        return [t["text"] for t in texts + block.get("fields", [])]
    if block["type"] == "context":
        return [element["text"] for element in block["elements"]]
    return []


def slack_stream(messages: list[dict]) -> str:
    """Return all visible block text of Slack messages in reading order."""
    return "\n".join(s for m in messages for block in m["blocks"] for s in _block_strings(block))


def all_strings(value) -> list[str]:
    """Return every string anywhere inside a nested payload."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in all_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in all_strings(v)]
    return []


PINGS = (
    "@everyone", "@here", "@channel", "<@123>", "<@!123>", "<@&123>", "<#123>",
    "<!channel>", "<!here>", "<!everyone>", "<@U123ABC>",
)


def assert_discord_limits(payloads: list[dict], *, plain: bool = False) -> None:
    """Assert every Discord limit and the no-ping rules on every payload."""
    assert payloads
    for payload in payloads:
        assert set(payload) - {"components"} == {"content", "embeds", "allowed_mentions"}
        assert payload["allowed_mentions"] == {"parse": []}
        _assert_components(payload.get("components"))
        content = payload["content"]
        assert content is None or 0 < size(content) <= 2000
        assert content or payload["embeds"]
        assert not (plain and payload["embeds"])
        assert len(payload["embeds"]) <= 10
        assert sum(size(s) for e in payload["embeds"] for s in embed_strings(e)) <= 6000
        for embed in payload["embeds"]:
            _assert_embed_limits(embed)
        for text in all_strings(payload):
            assert not any(ping in text for ping in PINGS), text


def _assert_embed_limits(embed: dict) -> None:
    """Assert the per-embed limits."""
    assert any(embed_strings(embed)), "an embed must show something"
    assert size(embed.get("title", "")) <= 256
    assert size(embed.get("description", "")) <= 4096
    assert size(embed.get("footer", {}).get("text", "")) <= 2048
    assert size(embed.get("author", {}).get("name", "")) <= 256
    assert len(embed.get("fields", [])) <= 25
    for field in embed.get("fields", []):
        assert 0 < size(field["name"]) <= 256 and 0 < size(field["value"]) <= 1024
        assert isinstance(field["inline"], bool)
    if "url" in embed:
        assert re.fullmatch(r"https?://[^\s<>|@]+", embed["url"]), embed["url"]


def _assert_components(rows: list[dict] | None) -> None:
    """Assert Discord's component limits: 1–5 action rows of 1–5 buttons, ids of at most 100 characters."""
    if rows is None:
        return
    assert 0 < len(rows) <= 5
    for row in rows:
        assert row["type"] == 1 and 0 < len(row["components"]) <= 5
        for button in row["components"]:
            assert button["type"] == 2 and 0 < len(button["label"]) <= 80
            assert 0 < len(button["custom_id"]) <= 100


def first_message_words(payload: dict) -> int:
    """Count the words a reader sees in one Discord payload or Slack message (button labels included)."""
    if "blocks" in payload:
        texts = [s for block in payload["blocks"] for s in _block_strings(block)]
        texts += [e["text"]["text"] for block in payload["blocks"] for e in _buttons_of(block)]
    else:
        embeds = payload.get("embeds") or []
        texts = [payload.get("content") or ""] + [s for embed in embeds for s in embed_strings(embed)]
        texts += [button["label"] for row in payload.get("components") or [] for button in row["components"]]
    return sum(len(text.split()) for text in texts)


def _buttons_of(block: dict) -> list[dict]:
    """Return the Slack buttons in a block: an actions block's elements or a section's accessory."""
    if block["type"] == "actions":
        return block["elements"]
    return [block["accessory"]] if "accessory" in block else []


_OUR_LINK = re.compile(r"<https?://[^\s<>|]+\|[^<>]*>")


def assert_mrkdwn_safe(text: str) -> None:
    """Assert mrkdwn holds no "<" or ">" but our own links, and no bare @-pings."""
    rest = _OUR_LINK.sub("", text)
    assert "<" not in rest and ">" not in rest, text
    assert not any(ping in text for ping in ("@everyone", "@here", "@channel")), text


def assert_slack_limits(messages: list[dict]) -> None:
    """Assert every Slack limit and the escaping rules on every message."""
    assert messages
    for message in messages:
        assert set(message) == {"text", "blocks"}
        assert message["text"].strip() and size(message["text"]) < 4000
        assert_mrkdwn_safe(message["text"])
        blocks = message["blocks"]
        assert 0 < len(blocks) <= 40
        assert blocks[0]["type"] != "divider" and blocks[-1]["type"] != "divider"
        assert sum(size(s) for b in blocks for s in _block_strings(b)) <= 12_000
        for block in blocks:
            _assert_block(block)


def _assert_block(block: dict) -> None:
    """Assert the limits and escaping of one Slack block."""
    kind = block["type"]
    assert kind in {"header", "section", "context", "divider", "actions"}
    for button in _buttons_of(block):
        assert button["type"] == "button" and button["text"]["type"] == "plain_text"
        assert 0 < len(button["text"]["text"]) <= 75 and len(button["action_id"]) <= 255
        assert 0 < len(button["value"]) <= 2000
    if kind == "header":
        text = block["text"]
        assert text["type"] == "plain_text" and 0 < size(text["text"]) <= 150
        assert not any(ping in text["text"] for ping in PINGS), text
    elif kind == "section":
        assert block["text"]["type"] == "mrkdwn" and 0 < size(block["text"]["text"]) <= 3000
        assert_mrkdwn_safe(block["text"]["text"])
        assert len(block.get("fields", [])) <= 10
        assert all(size(f["text"]) <= 2000 for f in block.get("fields", []))
    elif kind == "context":
        assert 0 < len(block["elements"]) <= 10
        for element in block["elements"]:
            assert element["type"] == "mrkdwn" and 0 < size(element["text"]) <= 3000
            assert_mrkdwn_safe(element["text"])
