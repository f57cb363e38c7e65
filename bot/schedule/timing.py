"""When a daily digest fires: parse "HH:MM" and a time zone, and compute fire times across DST."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from apscheduler.triggers.cron import CronTrigger

from bot.errors import UserError

_TIME = re.compile(r"^\s*(\d{1,2})[:.h](\d{2})\s*$", re.IGNORECASE)
_ONE_MICROSECOND = timedelta(microseconds=1)
# Far enough back to hold at least one fire time of any daily trigger, even on a 25-hour day.
_LOOKBACK = timedelta(hours=26)


class DailyTrigger(CronTrigger):  # type: ignore[misc]  # APScheduler 3 ships no type information
    """A cron trigger for one local time a day that fires exactly once on every calendar day.

    APScheduler's CronTrigger fires twice when the wall-clock time happens twice (02:30 on a
    fall-back night), and skips the whole day when a spring-forward jump at midnight removes the
    time (00:30 in Cairo, Santiago or Havana); a daily digest must do neither. A missing time
    fires as far past the jump as it was meant to be past the hour before it (02:30 → 03:30).
    """

    __slots__ = ()

    def get_next_fire_time(self, previous_fire_time: datetime | None, now: datetime) -> datetime:
        earliest = _aware(now).astimezone(UTC)
        if previous_fire_time is not None:  # as CronTrigger: the earlier of now and just after the last fire
            earliest = min(earliest, _just_after(previous_fire_time))
        wall_time = self._wall_time()
        day = earliest.astimezone(self.timezone).date() - timedelta(days=1)
        while True:
            # fold=0: a repeated time means its first occurrence; a missing one resolves past the jump.
            instant = datetime.combine(day, wall_time, tzinfo=self.timezone).astimezone(UTC)
            if instant >= earliest:
                return instant.astimezone(self.timezone)
            day += timedelta(days=1)

    def _wall_time(self) -> time:
        fields = {field.name: str(field) for field in self.fields}
        return time(int(fields["hour"]), int(fields["minute"]))


@lru_cache(maxsize=4096)  # many channels share a time and zone; a trigger is immutable, so one serves them all
def daily_trigger(hhmm: str, zone_name: str) -> DailyTrigger:
    """Return the trigger for a digest at `hhmm` every day in the IANA zone `zone_name`."""
    hour, minute = parse_time(hhmm)
    return DailyTrigger(hour=hour, minute=minute, timezone=parse_timezone(zone_name))


def parse_time(text: str) -> tuple[int, int]:
    """Return (hour, minute) from "08:00", "8:00" or "08.00", raising UserError otherwise."""
    match = _TIME.match(text or "")
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise UserError(f"{(text or '').strip() or 'That'!s} is not a time like 08:00 (24-hour clock, HH:MM).")
    return int(match.group(1)), int(match.group(2))


def format_time(hour: int, minute: int) -> str:
    """Return the canonical "HH:MM" form."""
    return f"{hour:02d}:{minute:02d}"


def parse_timezone(name: str | None) -> ZoneInfo:
    """Return the IANA zone called `name` (any letter case; default UTC), raising UserError if unknown."""
    wanted = (name or "UTC").strip()
    key = _zone_keys().get(wanted.lower())
    if key is None:
        raise UserError(f"{wanted!r} is not a time zone I know; use an IANA name such as Europe/Berlin or UTC.")
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError):
        raise UserError(
            f"{wanted!r} is not a time zone I know; use an IANA name such as Europe/Berlin or UTC."
        ) from None


@lru_cache(maxsize=1)
def _zone_keys() -> dict[str, str]:
    keys = {key.lower(): key for key in available_timezones()}
    keys.setdefault("utc", "UTC")
    return keys


def next_fire_time(trigger: DailyTrigger, now: datetime) -> datetime:
    """Return the first fire time strictly after `now`."""
    return trigger.get_next_fire_time(None, _just_after(now))


def latest_fire_time(trigger: DailyTrigger, now: datetime) -> datetime:
    """Return the last fire time at or before `now`."""
    now = _aware(now).astimezone(UTC)
    fire = trigger.get_next_fire_time(None, now - _LOOKBACK)
    latest = fire
    while fire is not None and fire <= now:
        latest = fire
        fire = trigger.get_next_fire_time(fire, _just_after(fire))
    return latest


def fire_times_between(trigger: DailyTrigger, start: datetime, end: datetime) -> list[datetime]:
    """Return every fire time in [start, end]."""
    times = []
    fire = trigger.get_next_fire_time(None, _aware(start).astimezone(UTC))
    while fire is not None and fire <= _aware(end):
        times.append(fire)
        fire = trigger.get_next_fire_time(fire, _just_after(fire))
    return times


def describe_moment(moment: datetime, zone: ZoneInfo) -> str:
    """Return a moment as its reader's local time, e.g. "Sat 29 Nov 08:00 CET"."""
    # Through UTC: a moment already in `zone` may hold a wall time that does not exist there.
    local = _aware(moment).astimezone(UTC).astimezone(zone)
    return f"{local:%a} {local.day} {local:%b %H:%M} {local.tzname()}"


def local_date(moment: datetime, zone: ZoneInfo) -> date:
    """Return the calendar date of `moment` in `zone`."""
    return moment.astimezone(zone).date()


def _just_after(moment: datetime) -> datetime:
    # Added in UTC: local wall-clock arithmetic drops `fold` and would jump back an hour at fall-back.
    return _aware(moment).astimezone(UTC) + _ONE_MICROSECOND


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
