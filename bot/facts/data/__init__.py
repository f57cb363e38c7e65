"""Bundled data for the fact rules: the place list and the tool that rebuilds it."""
