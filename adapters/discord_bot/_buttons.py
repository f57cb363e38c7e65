"""The "More facts" button: sent as a discord.py view, and answered whenever anyone presses it.

The button's custom_id carries the briefing's ref (bot.render.buttons), so discord.py's dynamic
items route a press on any message the bot ever posted, also from before a restart, here.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import discord

from bot.render import DISCORD_FACTS_ID, MORE_FACTS
from bot.render.buttons import DISCORD_FACTS_PREFIX

log = logging.getLogger(__name__)

_BUTTON = 2
_STYLES = {1: discord.ButtonStyle.primary, 2: discord.ButtonStyle.secondary, 3: discord.ButtonStyle.success}


class FactsButton(discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]], template=DISCORD_FACTS_ID):
    """A "More facts" button; pressing it shows the asker, privately, the briefing's whole fact card."""

    def __init__(self, ref: str, label: str = MORE_FACTS, style: discord.ButtonStyle = discord.ButtonStyle.secondary):
        super().__init__(discord.ui.Button(style=style, label=label, custom_id=DISCORD_FACTS_PREFIX + ref))
        self.ref = ref

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> FactsButton:
        """Rebuild the pressed button from its custom_id (discord.py calls this for every press)."""
        label = item.label if isinstance(item, discord.ui.Button) and item.label else MORE_FACTS
        return cls(match["ref"], label)

    async def callback(self, interaction: discord.Interaction) -> None:
        """Hand the press to newsbrief's client, which answers it through the command layer."""
        # Looked up by name: the client (adapters.discord_bot._client) imports this module, and the
        # answer goes through the same sending code that builds these buttons.
        answer = getattr(interaction.client, "answer_facts_button", None)
        if answer is None:
            log.warning("a More facts button was pressed on a client that is not newsbrief's")
            return
        await answer(interaction, self.ref)


def components_view(rows: list[dict[str, Any]]) -> discord.ui.View:
    """Turn rendered action rows (Discord's JSON) into a view discord.py can send."""
    view = discord.ui.View(timeout=None)
    pattern = re.compile(DISCORD_FACTS_ID)
    for row_number, row in enumerate(rows):
        for component in row.get("components", []):
            if component.get("type") != _BUTTON:
                continue
            style = _STYLES.get(int(component.get("style", 2)), discord.ButtonStyle.secondary)
            match = pattern.fullmatch(str(component.get("custom_id", "")))
            if match is None:
                log.warning("left out a button newsbrief does not answer: %r", component.get("custom_id"))
                continue
            button = FactsButton(match["ref"], component.get("label") or MORE_FACTS, style)
            button.item.row = row_number
            view.add_item(button)
    return view
