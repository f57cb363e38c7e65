"""`newsbrief run`: the bot itself, on Discord and Slack when their tokens are set, else in a console."""

from __future__ import annotations


def register(subparsers) -> None:
    """Add the `run` sub-command."""
    parser = subparsers.add_parser(
        "run", help="run the bot (Discord/Slack when tokens are set, else a console)",
        description="Start the bot with daily digests. Settings come from the environment and .env: with "
        "DISCORD_TOKEN and/or SLACK_BOT_TOKEN set, those platforms are served; with neither, a console "
        "reads commands such as /brief, /lookup, /subscribe from standard input (a pipe works too). "
        "Stop with Ctrl-C (or end of input in the console).",
    )
    parser.set_defaults(handler=run)


def run(args) -> int:
    """Run until SIGINT/SIGTERM (or end of console input) and return the exit status."""
    import asyncio

    from bot.app import run_app
    from bot.settings import load_settings

    return asyncio.run(run_app(load_settings()))
