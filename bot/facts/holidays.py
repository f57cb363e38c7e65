"""Compute the day each named holiday falls on in a given year."""

from datetime import date, timedelta


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """Return the nth (1-based; -1 for last) given weekday of a month."""
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    following = date(year + (month == 12), month % 12 + 1, 1)
    last = following - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _easter(year: int) -> date:
    """Return Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l_) // 433
    month = (h + l_ - 7 * m + 90) // 25
    return date(year, month, (h + l_ - 7 * m + 33 * month + 19) % 32)


def holiday_date(name: str, year: int) -> date:
    """Return the day a named holiday (as the date patterns write it) falls on in `year`."""
    key = name.lower().replace("’", "'")
    thanksgiving = _nth_weekday(year, 11, 3, 4)
    fixed = {
        "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24), "boxing day": (12, 26),
        "halloween": (10, 31), "valentine's day": (2, 14), "new year's day": (1, 1), "new year's eve": (12, 31),
        "independence day": (7, 4), "fourth of july": (7, 4),
    }  # fmt: skip
    if key in fixed:
        return date(year, *fixed[key])
    if key.startswith("thanksgiving"):
        return thanksgiving
    if key == "black friday":
        return thanksgiving + timedelta(days=1)
    if key == "cyber monday":
        return thanksgiving + timedelta(days=4)
    if key == "memorial day":
        return _nth_weekday(year, 5, 0, -1)
    if key in ("labor day", "labour day"):
        return _nth_weekday(year, 9, 0, 1)
    return _easter(year) + timedelta(days=1 if key == "easter monday" else 0)
