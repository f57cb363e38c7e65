"""Daily fire times in local time, across the days clocks spring forward and fall back."""

from __future__ import annotations

import itertools
import pickle
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.errors import UserError
from bot.schedule.timing import (
    daily_trigger,
    describe_moment,
    fire_times_between,
    latest_fire_time,
    next_fire_time,
    parse_time,
    parse_timezone,
)

UTC = UTC
BERLIN = ZoneInfo("Europe/Berlin")


def utc(*parts) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    ("hhmm", "after", "expected_utc"),
    [
        # Spring forward, 29 March 2026: 02:00 CET jumps to 03:00 CEST.
        ("08:00", utc(2026, 3, 28, 12), utc(2026, 3, 29, 6, 0)),   # 08:00 CEST = 06:00 UTC
        ("08:00", utc(2026, 3, 27, 12), utc(2026, 3, 28, 7, 0)),   # the day before: 08:00 CET
        ("02:30", utc(2026, 3, 28, 12), utc(2026, 3, 29, 1, 30)),  # 02:30 never happens: fires at the jump
        ("02:30", utc(2026, 3, 29, 2), utc(2026, 3, 30, 0, 30)),   # next day 02:30 CEST
        # Fall back, 25 October 2026: 03:00 CEST returns to 02:00 CET.
        ("08:00", utc(2026, 10, 24, 12), utc(2026, 10, 25, 7, 0)),  # 08:00 CET = 07:00 UTC
        ("02:30", utc(2026, 10, 24, 12), utc(2026, 10, 25, 0, 30)),  # the first 02:30 (CEST)
        ("02:30", utc(2026, 10, 25, 0, 30), utc(2026, 10, 26, 1, 30)),  # not the repeated 02:30 CET
    ],
)
def test_next_fire_time_is_the_local_time_in_berlin_across_dst(hhmm, after, expected_utc):
    fire = next_fire_time(daily_trigger(hhmm, "Europe/Berlin"), after)
    assert fire.astimezone(UTC) == expected_utc
    if hhmm == "08:00":
        assert fire.astimezone(BERLIN).strftime("%H:%M") == "08:00"


@pytest.mark.parametrize("hhmm", ["02:30", "08:00"])
@pytest.mark.parametrize("day", [datetime(2026, 3, 29), datetime(2026, 10, 25)])
def test_each_dst_change_day_gets_exactly_one_digest(hhmm, day):
    start = datetime.combine(day.date(), datetime.min.time(), BERLIN)
    end = start + timedelta(days=1) - timedelta(microseconds=1)
    fires = fire_times_between(daily_trigger(hhmm, "Europe/Berlin"), start, end)
    assert len(fires) == 1
    assert fires[0].astimezone(BERLIN).date() == day.date()


def test_consecutive_fires_around_fall_back_are_a_day_apart_in_local_terms():
    trigger = daily_trigger("02:30", "Europe/Berlin")
    fires = fire_times_between(trigger, utc(2026, 10, 23), utc(2026, 10, 28))
    assert [f.astimezone(BERLIN).day for f in fires] == [23, 24, 25, 26, 27]
    instants = [f.astimezone(UTC) for f in fires]  # same-zone subtraction would count wall-clock time
    gaps = {b - a for a, b in itertools.pairwise(instants)}
    # One 25-hour night (the first 02:30 on the 25th to 02:30 CET on the 26th), the rest 24 hours.
    assert gaps == {timedelta(hours=24), timedelta(hours=25)}


def test_latest_fire_time_is_the_last_one_at_or_before_now():
    trigger = daily_trigger("08:00", "Europe/Berlin")
    assert latest_fire_time(trigger, utc(2026, 3, 29, 6, 0)) == utc(2026, 3, 29, 6, 0)
    assert latest_fire_time(trigger, utc(2026, 3, 29, 5, 59)) == utc(2026, 3, 28, 7, 0)


def test_the_trigger_survives_pickling_as_the_job_store_does():
    trigger = daily_trigger("02:30", "Europe/Berlin")
    copy = pickle.loads(pickle.dumps(trigger))
    after = utc(2026, 10, 25, 0, 30)
    assert next_fire_time(copy, after) == next_fire_time(trigger, after) == utc(2026, 10, 26, 1, 30)


def test_next_run_is_described_in_the_readers_local_time():
    zone = parse_timezone("Europe/Berlin")
    fire = next_fire_time(daily_trigger("08:00", "Europe/Berlin"), utc(2025, 11, 28, 12))
    assert describe_moment(fire, zone) == "Sat 29 Nov 08:00 CET"
    summer = next_fire_time(daily_trigger("08:00", "Europe/Berlin"), utc(2026, 6, 1, 12))
    assert describe_moment(summer, zone) == "Tue 2 Jun 08:00 CEST"


@pytest.mark.parametrize(("text", "expected"), [("08:00", (8, 0)), ("8:05", (8, 5)), ("23:59", (23, 59)), ("07.30", (7, 30))])
def test_times_are_read_in_24_hour_form(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["24:00", "08:60", "8", "noon", "", "08:00:00", "-1:00"])
def test_bad_times_are_refused_with_a_sentence(text):
    with pytest.raises(UserError, match="is not a time like 08:00"):
        parse_time(text)


def test_time_zones_are_iana_names_in_any_case_defaulting_to_utc():
    assert parse_timezone("europe/berlin").key == "Europe/Berlin"
    assert parse_timezone(None).key == "UTC"
    for bad in ("Mars/Olympus", "../etc/passwd", "CET+1"):
        with pytest.raises(UserError, match="not a time zone I know"):
            parse_timezone(bad)


@pytest.mark.parametrize(
    ("zone_name", "hhmm", "jump_day"),
    [
        ("Africa/Cairo", "00:30", datetime(2026, 4, 24)),  # clocks go from 00:00 to 01:00
        ("America/Santiago", "00:15", datetime(2026, 9, 6)),
        ("America/Havana", "00:30", datetime(2026, 3, 8)),
    ],
)
def test_a_spring_forward_at_midnight_does_not_skip_that_days_digest(zone_name, hhmm, jump_day):
    zone = ZoneInfo(zone_name)
    start = datetime.combine((jump_day - timedelta(days=2)).date(), datetime.min.time(), zone)
    fires = fire_times_between(daily_trigger(hhmm, zone_name), start, start + timedelta(days=5))
    local_days = [fire.astimezone(UTC).astimezone(zone).date() for fire in fires]
    assert local_days == [(start + timedelta(days=offset)).date() for offset in range(5)]


def test_a_missing_local_time_is_described_as_the_time_it_really_fires():
    new_york = parse_timezone("America/New_York")
    fire = next_fire_time(daily_trigger("02:30", "America/New_York"), utc(2027, 3, 13, 12))
    assert fire.astimezone(UTC) == utc(2027, 3, 14, 7, 30)
    assert describe_moment(fire, new_york) == "Sun 14 Mar 03:30 EDT"
