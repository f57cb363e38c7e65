"""The "More facts" button, as Discord message components and Slack Block Kit elements.

The button carries the briefing's `ref` (bot.refs: its article's body fingerprint and, once stored,
its id), so it works on any message the bot ever posted, also after a restart; the adapters read it
back with DISCORD_FACTS_ID and SLACK_FACTS_ACTION.
"""

from __future__ import annotations

from bot.refs import REF_PATTERN
from bot.render._common import Payload

MORE_FACTS = "More facts"
# Discord: custom_id of at most 100 characters; "newsbrief:facts:" and the longest reference make 96.
DISCORD_FACTS_PREFIX = "newsbrief:facts:"
DISCORD_FACTS_ID = DISCORD_FACTS_PREFIX + f"(?P<ref>{REF_PATTERN})"
SLACK_FACTS_ACTION = "newsbrief_more_facts"
_DISCORD_ACTION_ROW, _DISCORD_BUTTON, _DISCORD_SECONDARY = 1, 2, 2
_DISCORD_BUTTONS_PER_ROW = 5
_DISCORD_ROWS = 5


def facts_label(number: int | None = None) -> str:
    """Return the button's label, numbered when it belongs to one story of several."""
    return MORE_FACTS if number is None else f"{MORE_FACTS} · {number}"


def discord_button(ref: str, number: int | None = None) -> Payload:
    """Return a Discord button that asks for the whole briefing `ref` names."""
    return {
        "type": _DISCORD_BUTTON,
        "style": _DISCORD_SECONDARY,
        "label": facts_label(number),
        "custom_id": DISCORD_FACTS_PREFIX + ref,
    }


def discord_rows(buttons: list[Payload]) -> list[Payload]:
    """Lay buttons out in action rows of five (Discord allows five rows, so 25 buttons, per message)."""
    buttons = buttons[: _DISCORD_BUTTONS_PER_ROW * _DISCORD_ROWS]
    return [
        {"type": _DISCORD_ACTION_ROW, "components": buttons[start : start + _DISCORD_BUTTONS_PER_ROW]}
        for start in range(0, len(buttons), _DISCORD_BUTTONS_PER_ROW)
    ]


def slack_button(ref: str, number: int | None = None) -> Payload:
    """Return a Slack button element that asks for the whole briefing `ref` names."""
    return {
        "type": "button",
        "action_id": SLACK_FACTS_ACTION,
        "text": {"type": "plain_text", "text": facts_label(number), "emoji": False},
        "value": ref,
    }
