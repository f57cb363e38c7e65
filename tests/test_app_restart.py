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
    schedule = json.loads(second.stdout)
    expected = next_fire_time(daily_trigger("08:00", "Europe/Berlin"), before)
    assert datetime.fromisoformat(schedule["next_wakeup"]) == expected
    assert schedule["subscription"] == ["console:local:terminal", "08:00", "Europe/Berlin"]


async def _print_schedule(data_dir: Path) -> None:
    """Start the app as `newsbrief run` would (without a console) and print when it will wake up, and for whom."""
    from bot.app import build_app

    app = build_app(settings_for(data_dir), platforms=(), fire_jobs=False)
    await app.start()
    try:
        [schedule] = app.store.subscriptions.daily_schedules()
        wakeup = app.runner.next_wakeup()
        shown = {
            "next_wakeup": wakeup.isoformat() if wakeup else None,
            "subscription": [str(schedule.channel), schedule.time, schedule.timezone],
        }
    finally:
        await app.stop()
    print(json.dumps(shown))


if __name__ == "__main__":
    asyncio.run(_print_schedule(Path(sys.argv[1])))
