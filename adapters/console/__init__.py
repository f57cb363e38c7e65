"""The console adapter: try every command in a terminal (or a pipe) without any token.

Public surface: `ConsoleAdapter`, and `plugin` (what the `newsbrief.adapters` entry point names).
"""

from adapters.console._adapter import ConsoleAdapter
from adapters.console._plugin import ConsolePlugin, plugin

__all__ = ["ConsoleAdapter", "ConsolePlugin", "plugin"]
