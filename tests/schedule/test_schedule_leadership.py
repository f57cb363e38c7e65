"""Leadership: the runner's scheduled work starts in the process that takes the lock and stops in one that loses it."""

from __future__ import annotations

from sqlalchemy import text

from bot.schedule.leadership import Leadership
from bot.storage.leadership import AdvisoryLeaderLock


class Process:
    """What one process's leadership did: its transitions, in order, and schedule changes heard."""

    def __init__(self, database) -> None:
        self.events: list[str] = []
        self.leadership = Leadership(
            AdvisoryLeaderLock(database), on_lead=self._lead, on_follow=self._follow,
            on_schedule_changed=lambda: self.events.append("replan"), interval=0.05,
        )

    async def _lead(self) -> None:
        self.events.append("lead")

    async def _follow(self) -> None:
        self.events.append("follow")


async def test_one_leads_the_other_follows_and_takes_over_when_the_leaders_session_dies(postgres_database):
    first, second = Process(postgres_database), Process(postgres_database)
    try:
        assert await first.leadership.check() is True
        assert await second.leadership.check() is False
        assert await first.leadership.check() is True  # no change, no second transition
        assert (first.events, second.events) == (["lead"], ["follow"])

        with postgres_database.engine.connect() as connection:  # as when the leader is killed
            connection.execute(text(
                "SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity "  # returns once it has exited
                "WHERE application_name = 'newsbrief leadership' AND pid <> pg_backend_pid()"
                " AND pid = (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted LIMIT 1)"
            ))
            connection.commit()
        assert await second.leadership.check() is True
        assert await first.leadership.check() is False
        assert (first.events, second.events) == (["lead", "follow"], ["follow", "lead"])
    finally:
        await first.leadership.stop()
        await second.leadership.stop()


async def test_a_followers_announcement_makes_the_leader_plan_again(postgres_database):
    leader, follower = Process(postgres_database), Process(postgres_database)
    try:
        await leader.leadership.check()
        await follower.leadership.check()
        await follower.leadership.announce()
        await leader.leadership.announce()  # the leader's own changes need no announcement
        await leader.leadership.check()
        assert leader.events == ["lead", "replan"]
        await leader.leadership.check()
        assert leader.events == ["lead", "replan"]
    finally:
        await leader.leadership.stop()
        await follower.leadership.stop()


async def test_stopping_lets_the_next_process_lead(postgres_database):
    first, second = Process(postgres_database), Process(postgres_database)
    try:
        assert await first.leadership.start() is True
        assert await second.leadership.start() is False
        await first.leadership.stop()
        assert await second.leadership.check() is True
    finally:
        await first.leadership.stop()
        await second.leadership.stop()
