"""A `newsbrief run` killed with SIGKILL in the middle of a 60-channel fan-out, then restarted: every
channel gets that day's digest, and none twice (both fakes de-duplicate as their platforms do)."""

from __future__ import annotations

import pytest

from tests.faults.harness import DiscordPlatform, SlackPlatform, crash_and_restart

CHANNELS = 60


@pytest.mark.parametrize("kill_after", [30])
async def test_discord_crash_mid_fan_out_loses_nothing_and_repeats_nothing(fake_discord, tmp_path, kill_after):
    result = await crash_and_restart(DiscordPlatform(fake_discord), tmp_path, channels=CHANNELS, kill_after=kill_after)
    assert 0 < result.before_crash < CHANNELS, result  # the kill really came mid-way
    assert (result.lost, result.duplicated) == (0, 0), result


async def test_slack_crash_mid_fan_out_loses_nothing_and_repeats_nothing(fake_slack, tmp_path):
    result = await crash_and_restart(SlackPlatform(fake_slack), tmp_path, channels=CHANNELS, kill_after=30)
    assert 0 < result.before_crash < CHANNELS, result
    assert (result.lost, result.duplicated) == (0, 0), result
