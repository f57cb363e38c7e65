"""Decide what to do with a direct message before the command layer sees it."""

from __future__ import annotations

from bot.text.normalize import normalize_text

# Discord's own limit for people without Nitro. Direct messages are looked up, and a lookup
# never needs more; longer ones are pasted articles, which /brief is for.
DM_TEXT_LIMIT = 2000
TOO_LONG = (
    "That message is too long for me to look up. Send me a link to the article, "
    "or paste its text with /brief."
)
ONLY_ATTACHMENTS = "I can't open attachments. Send me a link to the article, or paste its text with /brief."


def direct_message_text(content: str) -> str:
    """Return what a direct message says, or "" when it holds nothing visible."""
    # Zero-width characters survive str.strip(); a message of only those says nothing.
    return content.strip() if normalize_text(content) else ""


def direct_message_refusal(text: str, *, has_attachments: bool) -> str | None:
    """Return the polite answer for a direct message the bot will not pass on, or None to pass it on."""
    if len(text) > DM_TEXT_LIMIT:
        return TOO_LONG
    if not text and has_attachments:
        return ONLY_ATTACHMENTS
    return None
