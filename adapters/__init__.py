"""Chat platform adapters, one package per platform: console, discord_bot, slack_bot.

Each package registers an AdapterPlugin (bot.chat) under the `newsbrief.adapters` entry point
group; the engine finds them there and never imports this package. Adapters only translate:
platform events into CommandRequests, neutral Replies and digests into platform messages.
"""
