"""Turn neutral replies into Slack messages and send them back where the request came from."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack_bot._client import slack_error
from bot.commands.model import Reply
from bot.models import Digest
from bot.render import Payload, render_slack, slack_escape, slack_mrkdwn, split_text

log = logging.getLogger(__name__)

TEXT_LIMIT = 3000  # keep plain replies within one section's worth, like rendered ones
# Each digest message carries its digest's key in Slack message metadata under this event type.
DIGEST_EVENT_TYPE = "newsbrief_digest"
# A re-sent digest first looks this far back in the channel for the parts already posted.
HISTORY_PAGE = 200
HISTORY_PAGES = 5
RESPONSE_URL_USES = 5  # Slack accepts at most five messages per response_url
_NOTHING = "Nothing to show."

Respond = Callable[..., Awaitable[object]]


def reply_messages(reply: Reply) -> list[Payload]:
    """Return a reply's Slack messages ({"text": …} plus blocks): its text, then briefings, matches or the digest.

    Briefings come in their chat form with a "More facts" button, or whole when the reply is a fact card.
    """
    messages: list[Payload] = [{"text": piece} for piece in split_text(slack_mrkdwn(reply.text or ""), TEXT_LIMIT)]
    for shown in reply.shown:
        messages += render_slack(shown, compact=not reply.fact_card)
    return messages or [{"text": _NOTHING}]


async def answer_command(
    respond: Respond,
    client: AsyncWebClient,
    reply: Reply,
    *,
    private: bool,
    channel: str,
    user: str,
    replace_original: bool | None = None,
) -> None:
    """Answer a slash command or button through its response_url, then the Web API once that is used up.

    For a button, `replace_original=False` keeps the message it sits under and posts the answer beside it.
    """
    response_type = "ephemeral" if private else "in_channel"
    extra = {} if replace_original is None else {"replace_original": replace_original}
    # Files cannot be shown to one person alone, so a private answer shows the file as text.
    if not private and await _uploaded_with_text(client, channel, reply):
        return
    messages = reply_messages(reply) + _inline_file(reply)
    for message in messages[:RESPONSE_URL_USES]:
        result = await respond(
            **message, response_type=response_type, unfurl_links=False, unfurl_media=False, **extra
        )
        status = getattr(result, "status_code", 200)
        if status != 200:
            log.warning("Slack refused a slash-command response (%s: %s)", status, getattr(result, "body", ""))
    for message in messages[RESPONSE_URL_USES:]:
        await _post_quietly(client, channel, message, ephemeral_to=user if private else None)


async def post_reply(
    client: AsyncWebClient, channel: str, reply: Reply, *, thread_ts: str | None = None, asker: str | None = None
) -> None:
    """Post a reply as messages in a channel or DM; with an `asker`, errors are shown to them alone."""
    private_to = asker if asker and reply.is_private else None
    if private_to is None and await _uploaded_with_text(client, channel, reply, thread_ts=thread_ts):
        return
    for message in reply_messages(reply) + _inline_file(reply):
        await _post_quietly(client, channel, message, ephemeral_to=private_to, thread_ts=thread_ts)


async def send_direct_message(client: AsyncWebClient, user: str, reply: Reply) -> None:
    """Open the bot's conversation with a person and post the reply there; Slack errors propagate."""
    opened = await client.conversations_open(users=user)
    channel = str((opened.get("channel") or {}).get("id", ""))
    for message in reply_messages(reply):
        await client.chat_postMessage(channel=channel, **message, unfurl_links=False, unfurl_media=False)


async def post_digest(client: AsyncWebClient, channel: str, digest: Digest, *, bot_id: str | None = None) -> None:
    """Post a digest as one or more messages, each tagged with its key; Slack errors propagate to the caller.

    Slack has no idempotency key for chat.postMessage, so a digest tried before (a crash, a failed
    post) first reads the channel's recent history for its own messages with that key and posts
    only the parts that are not there yet.
    """
    messages = render_slack(digest)
    posted: set[int] = set()
    if digest.key is not None and digest.attempt > 1:
        posted = await parts_already_posted(client, channel, digest.key, bot_id=bot_id)
        if posted:
            log.info("digest %s: %d of %d part(s) found in the channel already", digest.key, len(posted), len(messages))
    for part, message in enumerate(messages):
        if part in posted:
            continue
        metadata = None if digest.key is None else {
            "event_type": DIGEST_EVENT_TYPE,
            "event_payload": {"digest_key": digest.key, "part": part, "parts": len(messages)},
        }
        # Links in a digest are what it is about; previews would bury the stories under pictures.
        await client.chat_postMessage(
            channel=channel, **message, unfurl_links=False, unfurl_media=False, metadata=metadata
        )


async def parts_already_posted(
    client: AsyncWebClient, channel: str, digest_key: str, *, bot_id: str | None
) -> set[int]:
    """Return which parts of the digest the bot's own recent messages in the channel already hold."""
    found: set[int] = set()
    cursor: str | None = None
    try:
        for _ in range(HISTORY_PAGES):
            page = await client.conversations_history(
                channel=channel, limit=HISTORY_PAGE, include_all_metadata=True, cursor=cursor
            )
            for message in page.get("messages") or []:
                part = _digest_part(message, digest_key, bot_id)
                if part is not None:
                    found.add(part)
            cursor = ((page.get("response_metadata") or {}).get("next_cursor")) or None
            if cursor is None:
                break
    except SlackApiError as error:
        # Without the history (no channels:history scope, not a member) the digest is posted again.
        log.warning("could not read %s's history to avoid a repeat (%s); posting digest %s again",
                    channel, slack_error(error), digest_key)
    return found


def _digest_part(message: Payload, digest_key: str, bot_id: str | None) -> int | None:
    metadata = message.get("metadata") or {}
    payload = metadata.get("event_payload") or {}
    if metadata.get("event_type") != DIGEST_EVENT_TYPE or payload.get("digest_key") != digest_key:
        return None
    if bot_id is not None and message.get("bot_id") not in (None, bot_id):
        return None  # another app copying our metadata is not our post
    part = payload.get("part")
    return part if isinstance(part, int) else None


async def _uploaded_with_text(
    client: AsyncWebClient, channel: str, reply: Reply, *, thread_ts: str | None = None
) -> bool:
    """Upload a text-only reply's file with its text as the comment; tell whether that answered the reply.

    Uses files.getUploadURLExternal, the upload URL, then files.completeUploadExternal. A channel
    the bot is not in refuses files; the caller then shows the file's text instead.
    """
    attachment = reply.attachment
    if attachment is None or reply.shown:
        return False
    try:
        await client.files_upload_v2(
            channel=channel, content=attachment.data, filename=attachment.filename, title=attachment.filename,
            initial_comment=slack_mrkdwn(reply.text or ""), thread_ts=thread_ts,
        )
    except SlackApiError as error:
        log.info("Slack refused the file %s for channel %s (%s); shown as text instead.",
                 attachment.filename, channel, slack_error(error))
        return False
    return True


def _inline_file(reply: Reply) -> list[Payload]:
    """Return a reply's file as text in code blocks (where no file can go), or nothing without a file."""
    if reply.attachment is None:
        return []
    name = reply.attachment.filename
    # Escaped: in Slack's text, "<" opens a link or a mention.
    pieces = split_text(slack_escape(reply.attachment.text), TEXT_LIMIT - 40)
    return [{"text": f"{name}:\n```{piece}```" if n == 0 else f"```{piece}```"} for n, piece in enumerate(pieces)]


async def _post_quietly(
    client: AsyncWebClient, channel: str, message: Payload, *, ephemeral_to: str | None, thread_ts: str | None = None
) -> None:
    """Post one message, logging rather than raising when Slack refuses it."""
    try:
        if ephemeral_to:
            await client.chat_postEphemeral(channel=channel, user=ephemeral_to, thread_ts=thread_ts, **message)
        else:
            await client.chat_postMessage(
                channel=channel, thread_ts=thread_ts, unfurl_links=False, unfurl_media=False, **message
            )
    except SlackApiError as error:
        log.warning("Slack refused a message for channel %s: %s", channel, slack_error(error))
