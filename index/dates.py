"""Dates in article text, relative ones resolved against the article's own date.

News writes "on Friday", "last month", "next year". Read on its own such a phrase means
nothing; read against the article's date it names a day, a month or a year. Each mention is
found by its form and resolved with python-dateutil's ``relativedelta``:

===============================================  ===========================================
phrase                                           resolves to (article dated Sat 10 Dec 2022)
===============================================  ===========================================
(on) Friday                                      the latest Friday up to the article's date:
                                                 2022-12-09 (the next one after "will")
yesterday / today / tomorrow                     2022-12-09 / 2022-12-10 / 2022-12-11
last / this / next week|month|year               2022-11 / 2022-12 / 2023 (weeks as their Monday)
within the year, later this year                 2022
(in|since|by|until) August, last August          the latest August up to the article: 2022-08
over the summer, this summer                     2022 summer → 2022-06 (its first month)
9 December 2022, December 9, 2022, 2022-12-09    the date itself (needs no article date)
December 9, 9th of December                      that day in the article's year: 2022-12-09
in 2021                                          2021
the past several months, in the coming weeks     never resolved: no one day, month or year
===============================================  ===========================================

An article without a date leaves its relative mentions unresolved (``resolved`` is None):
nothing is guessed. ``resolved`` is an ISO date, year-month or year, as precise as the phrase.

>>> [(m.text, m.resolved) for m in date_mentions("Kirby on Friday said jets could come next year.", "2022-12-10")]
[('on Friday', '2022-12-09'), ('next year', '2023')]
>>> [(m.text, m.resolved) for m in date_mentions("Last month, Tehran admitted it.", None)]
[('Last month', None)]
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from dateutil import parser as date_parser
from dateutil.relativedelta import relativedelta

from index.text import MONTHS, WEEKDAYS

_MONTH = "|".join(m.capitalize() for m in MONTHS) + "|Sept\\.?|" + "|".join(m[:3].capitalize() + r"\.?(?![\w])" for m in MONTHS)
_WEEKDAY = "|".join(d.capitalize() for d in WEEKDAYS)
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_FUTURE = re.compile(r"\b(will|would|shall|going to|is due|are due|plans? to|expected to)\b", re.I)
_PATTERNS = [
    ("absolute", re.compile(rf"\b\d{{1,2}}\s+(?:{_MONTH})\s+\d{{4}}\b|\b(?:{_MONTH})\s+\d{{1,2}},?\s+\d{{4}}\b"
                            r"|\b\d{4}-\d{2}-\d{2}\b")),
    ("monthday", re.compile(rf"\b(?:({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?"
                            rf"|(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH}))\b"
                            r"(?!,?\s*\d{4})")),
    ("day", re.compile(r"\b(yesterday|today|tomorrow)\b", re.I)),
    ("weekday", re.compile(rf"\b(?:(?i:on|last|this|next)\s+)?({_WEEKDAY})\b")),
    ("period", re.compile(r"\b(last|this|next|past|coming)\s+(week|month|year)\b|\bwithin the (year|month|week)\b"
                          r"|\b(later|earlier) this (year|month|week)\b", re.I)),
    ("season", re.compile(r"\b(?:over|during|in|this|last|next|since)\s+(?:the\s+)?(spring|summer|autumn|fall|winter)\b",
                          re.I)),
    ("vague", re.compile(r"\b(?:the\s+)?(?:past|coming|next|last|recent)\s+(?:few|several|two|three|\d+)?\s*"
                         r"(?:days|weeks|months|years)\b|\bin recent (?:days|weeks|months|years)\b", re.I)),
    ("month", re.compile(rf"\b(?:(?i:in|since|by|until|from|last|this|next|early|late|mid-?)\s+)?({_MONTH})"
                         r"(?:\s+(\d{4}))?\b(?!\s+\d{1,2}\b)")),
    ("year", re.compile(r"\b(?:in|since|by|until|from|during|of)\s+((?:19|20)\d{2})\b")),
]


@dataclass(frozen=True)
class DateMention:
    """A phrase of an article that names a time, at ``start:end`` in its text."""

    text: str
    start: int
    end: int
    resolved: str | None
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; None when it needs an article date there is not."""


def date_mentions(text: str, published: str | None) -> list[DateMention]:
    """Every date phrase of ``text`` in order, resolved against ``published`` (ISO date or None)."""
    base = dt.date.fromisoformat(published) if published else None
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            future = bool(_FUTURE.search(text[max(0, m.start() - 60):m.start()]))
            resolved = _resolve(kind, m, base, future)
            if resolved is None and kind in ("absolute", "year"):
                continue
            taken.append((m.start(), m.end()))
            found.append(DateMention(m[0], m.start(), m.end(), resolved))
    return sorted(found, key=lambda d: d.start)


def question_dates(question: str, newest: str | None) -> list[DateMention]:
    """The date phrases of a question as people type it ("what happened on dec 9?", "since
    august"): month names and their abbreviations in any case, read like `date_mentions`
    against ``newest`` (the newest article's date). "may" and "march" count as months only
    next to a day number or after "in", "since", "until", "by", "of" or "early"/"late".

    >>> [(m.text, m.resolved) for m in question_dates("what happened on may 9 2023?", None)]
    [('May 9 2023', '2023-05-09')]
    >>> [m.resolved for m in question_dates("anything since august", "2022-12-10")], question_dates("may the ferry sail?", None)
    (['2022-08'], [])

    A date in digits is read day first or month first, whichever is nearer ``newest``
    (`_numeric_day`):

    >>> [m.resolved for m in question_dates("anything on 3/4/23", "2023-04-05")]
    ['2023-04-03']
    >>> [m.resolved for m in question_dates("anything on 3/4/23", "2023-03-02")]
    ['2023-03-04']
    """
    def capitalised(m: re.Match) -> str:
        word = m[0]
        if word.lower() in ("may", "march", "mar"):
            before, after = question[max(0, m.start() - 8):m.start()].lower(), question[m.end():m.end() + 4]
            if not (re.search(r"\d", after) or re.search(r"\d\s*$", before)
                    or re.search(r"\b(in|since|until|by|of|early|late|mid)\s+$", before)):
                return word
        return word.capitalize()

    months = "|".join((*MONTHS, *(m[:3] for m in MONTHS), "sept"))
    text = re.sub(rf"\b(?:{months})\b", capitalised, question, flags=re.I)
    text = re.sub(r"\b(" + "|".join(WEEKDAYS) + r")\b", lambda m: m[0].capitalize(), text, flags=re.I)
    numeric = [DateMention(m[0], m.start(), m.end(), day) for m in _NUMERIC.finditer(text)
               if (day := _numeric_day(m, newest))]
    for d in numeric:  # blanked, so that "3/4" is not also read as something else
        text = text[:d.start] + " " * (d.end - d.start) + text[d.end:]
    return sorted(date_mentions(text, newest) + numeric, key=lambda d: d.start)


_NUMERIC = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b")
"""A date typed in digits: "3/4/2023", "4.3.23"."""


def _numeric_day(m: re.Match, newest: str | None) -> str | None:
    """The day a date typed in digits names: day first or month first, whichever the numbers
    allow; when both do ("3/4/2023"), the reading nearer ``newest`` (the newest article's
    date), else day first, as most of the world writes it."""
    a, b, year = int(m[1]), int(m[2]), int(m[3]) + (2000 if len(m[3]) == 2 else 0)
    readings = []
    for day, month in ((a, b), (b, a)):
        try:
            readings.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not readings:
        return None
    if newest and len(readings) == 2:
        near = dt.date.fromisoformat(newest)
        readings.sort(key=lambda d: abs((d - near).days))
    return readings[0].isoformat()


def without_dates(text: str, mentions: Sequence[DateMention]) -> str:
    """``text`` with the date phrases ``mentions`` (found in it) blanked out: what a question
    asks about that date.

    >>> without_dates("any news on may 9?", question_dates("any news on may 9?", None))
    'any news on  ?'
    """
    for d in sorted(mentions, key=lambda d: d.start, reverse=True):
        text = text[:d.start] + " " + text[d.end:]
    return text


def _resolve(kind: str, m: re.Match, base: dt.date | None, future: bool) -> str | None:
    if kind == "absolute":
        try:
            return date_parser.parse(m[0].replace(".", "")).date().isoformat()
        except (ValueError, OverflowError):
            return None
    if kind == "year":
        return m[1]
    if kind == "monthday":
        if base is None:
            return None
        month, day = _month_number(m[1] or m[4]), int(m[2] or m[3])
        try:
            return dt.date(base.year, month, day).isoformat()
        except ValueError:
            return None
    if kind == "vague":
        return None
    if base is None:
        if kind == "month" and m[2]:
            return f"{m[2]}-{_month_number(m[1]):02d}"
        return None
    if kind == "day":
        return (base + dt.timedelta(days={"yesterday": -1, "today": 0, "tomorrow": 1}[m[1].lower()])).isoformat()
    if kind == "weekday":
        target = WEEKDAYS.index(m[1].lower())
        words = m[0].lower().split()
        if future or words[0] == "next":
            days = (target - base.weekday()) % 7 or 7
        else:
            days = -((base.weekday() - target) % 7)
            if words[0] == "last" and days == 0:
                days = -7
        return (base + dt.timedelta(days=days)).isoformat()
    if kind == "period":
        return _period(m[0].lower(), base)
    if kind == "season":
        words = m[0].lower().split()
        year = base.year + (1 if words[0] == "next" else -1 if words[0] == "last" else 0)
        month = _SEASONS[m[1].lower()]
        if words[0] not in ("next", "last") and dt.date(year, month, 1) > base and not future:
            year -= 1
        return f"{year}-{month:02d}"
    number = _month_number(m[1])
    if m[2]:
        return f"{m[2]}-{number:02d}"
    year = base.year
    if m[0].lower().startswith("next") or (future and number < base.month):
        year += 1 if number <= base.month else 0
    elif number > base.month:
        year -= 1
    return f"{year}-{number:02d}"


def _period(phrase: str, base: dt.date) -> str:
    unit = next(u for u in ("week", "month", "year") if u in phrase)
    step = 1 if phrase.startswith(("next", "coming")) else -1 if phrase.startswith(("last", "past")) else 0
    if unit == "year":
        return str(base.year + step)
    if unit == "month":
        day = base + relativedelta(months=step)
        return f"{day.year}-{day.month:02d}"
    monday = base - dt.timedelta(days=base.weekday()) + dt.timedelta(weeks=step)
    return monday.isoformat()


def _month_number(name: str) -> int:
    return next(i for i, m in enumerate(MONTHS, 1) if m.startswith(name.lower().rstrip(".")[:3]))
