"""Acceptance 2: a subscription made in one `newsbrief run` is still scheduled after restarting it."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from bot.schedule.timing import daily_trigger, next_fire_time
from tests.kit import REPO, settings_for, subprocess_env


def test_a_subscription_is_still_scheduled_after_a_restart(tmp_path):
    first = subprocess.run(
        [sys.executable, "-m", "bot.cli.main", "run"], input="/subscribe 08:00 Europe/Berlin\n",
        capture_output=True, text=True, cwd=REPO, env=subprocess_env(tmp_path), timeout=120,
    )
    assert first.returncode == 0, first.stderr
    assert "Subscribed: daily digest at 08:00 Europe/Berlin" in first.stdout

    before = datetime.now(UTC)
    second = subprocess.run(
        [sys.executable, "-m", "tests.test_app_restart", str(tmp_path)],
        capture_output=True, text=True, cwd=REPO, env=subprocess_env(tmp_path), timeout=120,
    )
    assert second.returncode == 0, second.stderr
    jobs = json.loads(second.stdout)
    [job] = [j for j in jobs if j["id"] == "digest:console:local:terminal"]
    expected = next_fire_time(daily_trigger("08:00", "Europe/Berlin"), before)
    assert datetime.fromisoformat(job["next_run_time"]) == expected
    assert job["name"] == "daily digest at 08:00 Europe/Berlin"


async def _print_jobs(data_dir: Path) -> None:
    """Start the app as `newsbrief run` would (without a console) and print its scheduled jobs."""
    from bot.app import build_app

    app = build_app(settings_for(data_dir), platforms=(), fire_jobs=False)
    await app.start()
    try:
        jobs = [
            {"id": job.id, "name": job.name, "next_run_time": job.next_run_time.isoformat()}
            for job in app.scheduler.digest_jobs()
        ]
    finally:
        await app.stop()
    print(json.dumps(jobs))


if __name__ == "__main__":
    asyncio.run(_print_jobs(Path(sys.argv[1])))
