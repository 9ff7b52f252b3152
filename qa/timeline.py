"""Events in date order, and what happened on a day or in a period.

Dates come from the article text, resolved at index time against each article's date
(`index.dates`): "on Friday" in an article dated 10 December 2022 is 9 December 2022. An event
is a news sentence with a resolved date; the same event in several articles is said once,
cited to each. Sentences whose dates could not be resolved (their article has no date) are
left out of timelines, and a reply says how many were; when no sentence has a resolved date,
the timeline lists them in the order their article tells them, saying their times cannot be
placed on a calendar.

- `timeline`: every dated event (or every one about a topic), oldest first, each under its date.
- `on_date`: the events whose date falls on or within the date a question names ("on
  December 9", "last Friday", "in August", "since August"); a question's relative date is
  read against the newest article's date; a month asked without a year ("in march?") also
  finds that month named in an undated article, the reply saying it gives no year.
"""

from __future__ import annotations

import re

from index.dates import DateMention, question_dates
from index.text import MONTHS
from qa.evidence import Sentence
from qa.extractive import Fact, compose, facts_of
from qa.passages import Passage
from qa.reply import Reply, readable_date, refusal

TIMELINE = "Events in date order (dates as the articles give them, resolved against each article's date):"
ON_DATE = "Reported for {date}:"
ON_SINCE = "Reported for dates since {date}:"
NO_CALENDAR = ("These articles state no date of their own, so their times cannot be placed on a calendar;"
           " in the order each article tells them:")
NO_YEAR = " (articles that state no date of their own name {month} without a year)"
NO_DATE = "articles that state no date of their own say “{said}”, which cannot be placed on a calendar:"
MAX_EVENTS = 12


def dated(sentences: list[Sentence]) -> list[tuple[str, Sentence]]:
    """The sentences that name a resolved date, each with its (first) date."""
    found = []
    for s in sentences:
        dates = [d.resolved for d in s.passage.dates_within(s.start, s.end) if d.resolved]
        if dates:
            found.append((dates[0], s))
    return found


def undated_count(sentences: list[Sentence]) -> int:
    return sum(1 for s in sentences if s.passage.dates_within(s.start, s.end)
               and not any(d.resolved for d in s.passage.dates_within(s.start, s.end)))


def timeline(question: str, sentences: list[Sentence], passages: list[Passage]) -> Reply:
    """The dated events among ``sentences``, oldest first."""
    events = dated(sentences)
    if not events:
        told = [s for s in sentences if s.passage.dates_within(s.start, s.end)]
        if not told:
            return refusal(question, passages, kind="timeline", reason=_none_dated(sentences))
        facts = facts_of(told)
        facts.sort(key=lambda f: (f.lead.sentence.passage.article_id, f.lead.sentence.start))
        return compose(question, passages, facts[:MAX_EVENTS], NO_CALENDAR, 1.0, kind="timeline")
    facts = _facts(events)[:MAX_EVENTS]
    reply = compose(question, passages, facts, TIMELINE, 1.0, kind="timeline")
    return _noted(reply, sentences)


def on_date(question: str, sentences: list[Sentence], passages: list[Passage], newest: str | None) -> Reply:
    """The events dated within the date ``question`` names (relative to ``newest``, the newest article's date)."""
    mentions = question_dates(question, newest)
    asked = next((d for d in mentions if d.resolved), None)
    month = _month_only(asked or next(iter(mentions), None))
    if not mentions:
        return refusal(question, passages, kind="date",
                       reason="I could not tell which date the question means; name a day, month or year.")
    since = question.lower().find("since") >= 0
    events = [(d, s) for d, s in dated(sentences)
              if asked and (d.startswith(asked.resolved) or (since and d >= asked.resolved))]
    said = {_bare(m.text) for m in mentions}
    yearless = [s for s in sentences if any(d.resolved is None and ((month and month in d.text.lower()) or _bare(d.text) in said)
                                            for d in s.passage.dates_within(s.start, s.end))]
    when = readable_date(asked.resolved) if asked else month.capitalize() if month else f"“{mentions[0].text}”"
    if not events and not yearless:
        return refusal(question, passages, kind="date", reason=f"The articles report nothing dated {when}.")
    intro = (ON_SINCE if since else ON_DATE).format(date=when)
    if yearless:
        if month:
            intro = intro[:-1] + NO_YEAR.format(month=month.capitalize()) + ":"
        else:
            intro = (intro[:-1] + "; " if events else f"Nothing is dated {when}; ") + NO_DATE.format(said=mentions[0].text)
    facts = _facts(events) + facts_of(yearless)
    reply = compose(question, passages, facts[:MAX_EVENTS], intro, 1.0, kind="date")
    return _noted(reply, [s for s in sentences if s not in yearless])


def _bare(said: str) -> str:
    """A date expression without its preposition, lower case: "On Friday" → "friday"."""
    return re.sub(r"^(?:(?:on|in|at|by|during|within|over|the)\s+)+", "", said.lower()).strip()


def _month_only(asked: DateMention | None) -> str | None:
    """The month a question's date names when it gives no day and no year ("in august"), lower case."""
    if asked is None or re.search(r"\d", asked.text):
        return None
    return next((m for m in MONTHS if re.search(rf"\b{m[:3]}", asked.text.lower())), None)


def _facts(events: list[tuple[str, Sentence]]) -> list[Fact]:
    order = {id(s): d for d, s in events}
    facts = facts_of(s for _, s in events)
    # A year or a month sorts after the days within it ("within the year" after "on 9 December").
    return sorted(facts, key=lambda f: (order[id(f.lead.sentence)].ljust(10, "~"),
                                        f.lead.sentence.passage.article_id, f.lead.sentence.start))


def _none_dated(sentences: list[Sentence]) -> str:
    missing = undated_count(sentences)
    text = "The articles give no dates that can be placed on a calendar."
    if missing:
        text += f" {missing} sentences name a time relative to an article that states no date of its own."
    return text


def _noted(reply: Reply, sentences: list[Sentence]) -> Reply:
    missing = undated_count(sentences)
    if missing:
        reply.notes.append(f"{missing} sentences with relative dates were left out: their articles state no date.")
    return reply
