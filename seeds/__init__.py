"""Sample articles bundled with newsbrief, written by the project team."""
