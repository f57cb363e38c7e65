"""newsbrief on Slack: slash commands, DMs, mentions and scheduled digests through slack-bolt.

Public surface: `plugin` here (what the `newsbrief.adapters` entry point names; it imports no
Slack library), and `adapters.slack_bot.adapter` (SlackAdapter, SlackStartError). The app's
manifest is `slack_manifest.yml` in this package. Modules starting with an underscore are private.
"""

from adapters.slack_bot._plugin import SlackPlugin, plugin

__all__ = ["SlackPlugin", "plugin"]
