"""Pure renderers from briefings and digests to terminal text, Markdown, Discord and Slack payloads."""

from bot.render._common import (
    Payload,
    clean_inline,
    escape_markdown,
    fact_groups,
    facts_line,
    neutralize_mentions,
    safe_url,
    slack_escape,
    stats_line,
)
from bot.render._split import split_text, text_size, truncate
from bot.render.buttons import DISCORD_FACTS_ID, MORE_FACTS, SLACK_FACTS_ACTION
from bot.render.chat import CHAT_LIMITS, ChatForm, FactLimits, chat_form, word_count
from bot.render.discord_embeds import discord_markdown, render_discord
from bot.render.discord_plain import render_discord_plain
from bot.render.markdown import render_markdown
from bot.render.slack_blocks import render_slack, slack_mrkdwn
from bot.render.text import print_rich, render_text

__all__ = [
    "CHAT_LIMITS",
    "DISCORD_FACTS_ID",
    "MORE_FACTS",
    "SLACK_FACTS_ACTION",
    "ChatForm",
    "FactLimits",
    "Payload",
    "chat_form",
    "clean_inline",
    "discord_markdown",
    "escape_markdown",
    "fact_groups",
    "facts_line",
    "neutralize_mentions",
    "print_rich",
    "render_discord",
    "render_discord_plain",
    "render_markdown",
    "render_slack",
    "render_text",
    "safe_url",
    "slack_escape",
    "slack_mrkdwn",
    "split_text",
    "stats_line",
    "text_size",
    "truncate",
    "word_count",
]
