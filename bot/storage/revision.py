"""The schema revision this newsbrief writes: the newest Alembic revision in migrations/versions.

Kept apart from the engine code so that a read-only lookup can check a database is current
without importing SQLAlchemy or Alembic (a test keeps it in step with the migrations).
"""

from __future__ import annotations

SCHEMA_HEAD = "0005"
