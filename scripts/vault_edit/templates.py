"""Obsidian core Templates placeholders: ``{{title}}``, ``{{date}}``, ``{{time}}``, and
``{{date:FORMAT}}`` / ``{{time:FORMAT}}`` with a moment.js format (``YYYY-MM-DD``)."""

from __future__ import annotations

import datetime
import re

DEFAULT_DATE_FORMAT = "YYYY-MM-DD"  # Obsidian's defaults (Settings > Templates)
DEFAULT_TIME_FORMAT = "HH:mm"

PLACEHOLDER = re.compile(
    r"""
    \{\{\s*
    (?P<name>title|date|time)      # the three variables of core Templates
    (?:\s*:(?P<format>[^}]*))?     # an optional moment.js format after a colon
    \s*\}\}
    """,
    re.VERBOSE | re.IGNORECASE,
)

MOMENT_TOKEN = re.compile(
    r"""
      \[(?P<literal>[^\]]*)\]        # [text] is copied as is
    | (?P<token>
        YYYY|YY|MMMM|MMM|MM|M|Do|DD|D|dddd|ddd|HH|H|hh|h|mm|m|ss|s|A|a
      )
    """,
    re.VERBOSE,
)


def _token(token: str, when: datetime.datetime) -> str:
    hour12 = when.hour % 12 or 12
    values = {
        "YYYY": f"{when.year:04d}", "YY": f"{when.year % 100:02d}",
        "MMMM": when.strftime("%B"), "MMM": when.strftime("%b"),
        "MM": f"{when.month:02d}", "M": str(when.month),
        "Do": _ordinal(when.day), "DD": f"{when.day:02d}", "D": str(when.day),
        "dddd": when.strftime("%A"), "ddd": when.strftime("%a"),
        "HH": f"{when.hour:02d}", "H": str(when.hour), "hh": f"{hour12:02d}", "h": str(hour12),
        "mm": f"{when.minute:02d}", "m": str(when.minute), "ss": f"{when.second:02d}", "s": str(when.second),
        "A": "AM" if when.hour < 12 else "PM", "a": "am" if when.hour < 12 else "pm",
    }
    return values[token]


def _ordinal(day: int) -> str:
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def format_moment(pattern: str, when: datetime.datetime) -> str:
    """A date in a moment.js format (English names; the tokens above, other text as is)."""
    return MOMENT_TOKEN.sub(lambda m: m["literal"] if m["literal"] is not None else _token(m["token"], when), pattern)


def fill(template: str, title: str, when: datetime.datetime,
         date_format: str = DEFAULT_DATE_FORMAT, time_format: str = DEFAULT_TIME_FORMAT) -> str:
    """The template with its placeholders replaced, as Obsidian inserts it into a new note."""
    def value(m: re.Match) -> str:
        name = m["name"].lower()
        if name == "title":
            return title
        pattern = m["format"].strip() if m["format"] and m["format"].strip() else (date_format if name == "date" else time_format)
        return format_moment(pattern, when)

    return PLACEHOLDER.sub(value, template)
