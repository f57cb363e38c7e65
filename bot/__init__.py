"""newsbrief's briefing engine: articles in, briefings and digests out."""

__version__ = "0.1.0"
