"""JSON objects shaped like Discord's, with just the fields discord.py 2.x reads."""

from __future__ import annotations

from datetime import UTC, datetime

APP_ID = 1_200_000_000_000_000_001
BOT_ID = APP_ID  # a bot user shares its application's id
GUILD_ID = 1_200_000_000_000_000_100
GENERAL_CHANNEL_ID = 1_200_000_000_000_000_201  # also the guild's system channel
LOCKED_CHANNEL_ID = 1_200_000_000_000_000_202  # cached, but posting there answers 403
GONE_CHANNEL_ID = 1_200_000_000_000_000_203  # deleted: posting there answers 404
DM_CHANNEL_ID = 1_200_000_000_000_000_301
CLOSED_DM_CHANNEL_ID = 1_200_000_000_000_000_302  # the DM channel of CLOSED_DMS_ID: posting there answers 403
MANAGER_ID = 1_200_000_000_000_000_401
MEMBER_ID = 1_200_000_000_000_000_402
OWNER_ID = 1_200_000_000_000_000_403
CLOSED_DMS_ID = 1_200_000_000_000_000_404  # a member who accepts no direct messages from bots

# Permission bits, spelled out so the fake does not lean on the library under test.
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
EMBED_LINKS = 1 << 14
READ_MESSAGE_HISTORY = 1 << 16
MANAGE_CHANNELS = 1 << 4
USE_APPLICATION_COMMANDS = 1 << 31

_OPTION_STRING = 3
_OPTION_SUBCOMMAND = 1
_ATTACHMENT_LIMIT = 10 * 1024 * 1024


def _now() -> str:
    return datetime.now(UTC).isoformat()


def everyone_permissions(*, embed_links: bool) -> int:
    """Return what @everyone (and so the bot) may do in the fake guild."""
    base = VIEW_CHANNEL | SEND_MESSAGES | READ_MESSAGE_HISTORY | USE_APPLICATION_COMMANDS
    return base | (EMBED_LINKS if embed_links else 0)


def user(user_id: int, *, bot: bool = False) -> dict:
    name = "newsbrief" if user_id == BOT_ID else f"reader{str(user_id)[-3:]}"
    return {
        "id": str(user_id),
        "username": name,
        "discriminator": "0",
        "global_name": name,
        "avatar": None,
        "bot": bot,
        "public_flags": 0,
        "flags": 0,
        "verified": True,
        "mfa_enabled": False,
    }


def application() -> dict:
    return {
        "id": str(APP_ID),
        "name": "newsbrief",
        "description": "",
        "icon": None,
        "bot_public": True,
        "bot_require_code_grant": False,
        "owner": user(OWNER_ID),
        "verify_key": "0" * 64,
        "flags": 0,
        "team": None,
        "interactions_endpoint_url": None,
    }


def ready(gateway_url: str, shard: list[int] | None = None, *, with_guild: bool = True) -> dict:
    return {
        "v": 10,
        "user": user(BOT_ID, bot=True),
        "guilds": [{"id": str(GUILD_ID), "unavailable": True}] if with_guild else [],
        "shard": shard or [0, 1],
        "session_id": "fake-session",
        "resume_gateway_url": gateway_url,
        "application": {"id": str(APP_ID), "flags": 0},
        "private_channels": [],
    }


def _text_channel(channel_id: int, name: str, position: int) -> dict:
    return {
        "id": str(channel_id),
        "type": 0,
        "guild_id": str(GUILD_ID),
        "name": name,
        "position": position,
        "permission_overwrites": [],
        "parent_id": None,
        "nsfw": False,
        "topic": None,
        "last_message_id": None,
        "rate_limit_per_user": 0,
        "flags": 0,
    }


def _member(user_id: int, *, bot: bool = False, permissions: int | None = None) -> dict:
    member = {
        "user": user(user_id, bot=bot),
        "roles": [],
        "joined_at": _now(),
        "deaf": False,
        "mute": False,
        "flags": 0,
        "pending": False,
        "nick": None,
        "avatar": None,
    }
    if permissions is not None:
        member["permissions"] = str(permissions)
    return member


def guild(*, embed_links: bool) -> dict:
    everyone = {
        "id": str(GUILD_ID),
        "name": "@everyone",
        "permissions": str(everyone_permissions(embed_links=embed_links)),
        "position": 0,
        "color": 0,
        "hoist": False,
        "managed": False,
        "mentionable": False,
        "flags": 0,
    }
    return {
        "id": str(GUILD_ID),
        "name": "Newsroom",
        "icon": None,
        "owner_id": str(OWNER_ID),
        "roles": [everyone],
        "channels": [
            _text_channel(GENERAL_CHANNEL_ID, "general", 0),
            _text_channel(LOCKED_CHANNEL_ID, "locked", 1),
        ],
        "members": [_member(BOT_ID, bot=True)],
        "member_count": 3,
        "large": False,
        "unavailable": False,
        "features": [],
        "emojis": [],
        "stickers": [],
        "threads": [],
        "voice_states": [],
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "system_channel_id": str(GENERAL_CHANNEL_ID),
        "system_channel_flags": 0,
        "preferred_locale": "en-US",
        "joined_at": _now(),
        "mfa_level": 0,
        "verification_level": 0,
        "explicit_content_filter": 0,
        "default_message_notifications": 0,
        "premium_tier": 0,
        "nsfw_level": 0,
        "afk_channel_id": None,
        "afk_timeout": 300,
    }


def registered_command(command: dict, command_id: int, guild_id: int | None) -> dict:
    stored = {**command, "id": str(command_id), "application_id": str(APP_ID), "version": str(command_id)}
    if guild_id is not None:
        stored["guild_id"] = str(guild_id)
    return stored


def command_data(command: dict, values: dict[str, str], subcommand: str | None, focused: str | None = None) -> dict:
    """Build an interaction's `data` for `command`, as a client would after the user filled it in."""
    options = [_string_option(name, value, focused == name) for name, value in values.items()]
    if subcommand is not None:
        options = [{"name": subcommand, "type": _OPTION_SUBCOMMAND, "options": options}]
    data = {"id": command["id"], "name": command["name"], "type": 1, "options": options}
    if "guild_id" in command:
        data["guild_id"] = command["guild_id"]
    return data


def _string_option(name: str, value: str, focused: bool) -> dict:
    option = {"name": name, "type": _OPTION_STRING, "value": value}
    if focused:
        option["focused"] = True
    return option


def interaction(
    interaction_id: int,
    token: str,
    kind: int,
    data: dict,
    *,
    user_id: int,
    manage_channels: bool,
    in_dm: bool,
    channel_id: int,
    embed_links: bool,
) -> dict:
    """Build an INTERACTION_CREATE payload in a guild channel or the bot's DM."""
    app_permissions = everyone_permissions(embed_links=embed_links)
    payload = {
        "id": str(interaction_id),
        "application_id": str(APP_ID),
        "type": kind,
        "data": data,
        "token": token,
        "version": 1,
        "locale": "en-US",
        "entitlements": [],
        "attachment_size_limit": _ATTACHMENT_LIMIT,
        "app_permissions": str(app_permissions),
    }
    if in_dm:
        channel = {"id": str(DM_CHANNEL_ID), "type": 1, "recipients": [user(user_id)], "last_message_id": None}
        return {**payload, "channel_id": str(DM_CHANNEL_ID), "channel": channel, "user": user(user_id), "context": 1}
    member_permissions = app_permissions | (MANAGE_CHANNELS if manage_channels else 0)
    return {
        **payload,
        "guild_id": str(GUILD_ID),
        "guild": {"id": str(GUILD_ID), "locale": "en-US", "features": []},
        "guild_locale": "en-US",
        "channel_id": str(channel_id),
        "channel": _text_channel(channel_id, "general" if channel_id == GENERAL_CHANNEL_ID else "other", 1),
        "member": _member(user_id, permissions=member_permissions),
        "context": 0,
    }


def component_data(custom_id: str) -> dict:
    """Build a button press's `data`, as Discord sends it."""
    return {"custom_id": custom_id, "component_type": 2}


def callback_response(interaction_id: str, body: dict) -> dict:
    """Answer `?with_response=true` the way Discord does: the interaction and, for messages, the resource."""
    data = body.get("data") or {}
    kind = int(body.get("type", 0))
    response = {
        "interaction": {
            "id": interaction_id,
            "type": 2,
            "response_message_loading": kind == 5,
            "response_message_ephemeral": bool(int(data.get("flags") or 0) & 64),
        },
    }
    if kind == 4:
        response["resource"] = {"type": kind, "message": message(int(interaction_id) + 1, GENERAL_CHANNEL_ID, data, webhook=True)}
    return response


def message(message_id: int, channel_id: int, body: dict, *, webhook: bool) -> dict:
    """Build the message Discord would return for a sent body."""
    sent = {
        "id": str(message_id),
        "channel_id": str(channel_id),
        "author": user(BOT_ID, bot=True),
        "content": body.get("content") or "",
        "timestamp": _now(),
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": body.get("embeds") or [],
        "components": body.get("components") or [],
        "pinned": False,
        "type": 0,
        "flags": int(body.get("flags") or 0),
    }
    if webhook:
        sent["webhook_id"] = str(APP_ID)
        sent["application_id"] = str(APP_ID)
    return sent


def attachment(attachment_id: int, filename: str) -> dict:
    """Return a file attached to a message, as Discord describes it."""
    url = f"https://cdn.discord.example/attachments/{DM_CHANNEL_ID}/{attachment_id}/{filename}"
    return {"id": str(attachment_id), "filename": filename, "size": 2048, "url": url, "proxy_url": url}


def dm_message(message_id: int, author: dict, content: str, attachments: tuple[dict, ...] = ()) -> dict:
    return {
        "id": str(message_id),
        "channel_id": str(DM_CHANNEL_ID),
        "author": author,
        "content": content,
        "timestamp": _now(),
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": list(attachments),
        "embeds": [],
        "components": [],
        "pinned": False,
        "type": 0,
        "flags": 0,
    }


def dm_channel(recipient_id: int) -> dict:
    channel_id = CLOSED_DM_CHANNEL_ID if recipient_id == CLOSED_DMS_ID else DM_CHANNEL_ID
    return {"id": str(channel_id), "type": 1, "recipients": [user(recipient_id)], "last_message_id": None}
