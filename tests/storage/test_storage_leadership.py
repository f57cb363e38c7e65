"""The leader lock: one leader per PostgreSQL database, taken over when its session ends; one process per SQLite file."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from bot.errors import UserError
from bot.storage import open_database
from bot.storage.leadership import AdvisoryLeaderLock, SoleProcessLock, leader_lock


def test_one_session_leads_and_the_next_takes_over_when_it_lets_go(postgres_database):
    first, second = leader_lock(postgres_database), leader_lock(postgres_database)
    assert isinstance(first, AdvisoryLeaderLock)
    try:
        assert (first.try_lead(), second.try_lead()) == (True, False)
        assert (first.try_lead(), second.try_lead()) == (True, False)  # asking again changes nothing
        first.close()
        assert second.try_lead() is True
        assert first.try_lead() is False
    finally:
        first.close()
        second.close()


def test_a_leader_whose_session_ends_stops_leading_and_another_takes_over(postgres_database):
    first, second = AdvisoryLeaderLock(postgres_database), AdvisoryLeaderLock(postgres_database)
    try:
        assert first.try_lead() is True
        # What PostgreSQL does when the leading process is killed: its session ends, the lock with it.
        with postgres_database.engine.connect() as connection:
            ended = connection.execute(text(
                "SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity "  # returns once it has exited
                "WHERE application_name = 'newsbrief leadership' AND pid <> pg_backend_pid()"
            )).scalars().all()
            connection.commit()
        assert ended == [True]
        assert second.try_lead() is True
        assert first.try_lead() is False  # it notices, and competes again as a follower
    finally:
        first.close()
        second.close()


def test_a_follower_announcing_a_schedule_change_reaches_the_leader_once(postgres_database):
    leader, follower = AdvisoryLeaderLock(postgres_database), AdvisoryLeaderLock(postgres_database)
    try:
        assert leader.try_lead() and not follower.try_lead()
        assert leader.schedule_changed() is False
        follower.announce()
        leader.try_lead()  # the leader's periodic check receives the notification
        assert leader.schedule_changed() is True
        assert leader.schedule_changed() is False
    finally:
        leader.close()
        follower.close()


def test_a_second_process_on_one_sqlite_file_is_told_it_needs_postgresql(tmp_path):
    url = f"sqlite:///{tmp_path / 'newsbrief.sqlite3'}"
    with open_database(url) as database:
        first = leader_lock(database)
        assert isinstance(first, SoleProcessLock) and first.try_lead()
        with pytest.raises(UserError, match=r"several processes need PostgreSQL \(DATABASE_URL=postgresql://…\)"):
            leader_lock(database)
        first.close()
        again = leader_lock(database)  # the lock went with the process that held it
        again.close()


def test_an_in_memory_database_always_leads():
    with open_database("sqlite://") as database:
        lock = leader_lock(database)
        assert lock.try_lead() and not lock.schedule_changed()
        lock.close()
