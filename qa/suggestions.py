"""Next questions to suggest: about what the cited passages say that the conversation has not
covered yet, and each one answered before it is shown.

Candidates come from the passages a reply cites and retrieved (or, on an empty chat, from the whole corpus,
so they change with the articles): the people they name ("Who is X?", "What did X say?" when X
is quoted), the days their dates resolve to ("What happened on 9 December 2022?"), and the
coverage questions the corpus can answer (who is quoted, a timeline); the corpus's own
candidates follow a reply's when those run out. A candidate is dropped
when the conversation already asked about it; the rest are asked, in the conversation, and
only those answered with citations are kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence

from index.text import tokens
from qa.coverage import Coverage
from qa.followup import Turn, question_of
from qa.passages import Passage
from qa.reply import Reply

SUGGESTIONS = 3
MAX_TRIED = 8
"""Candidates asked at most per reply (each is a full answer: this bounds the time it takes)."""


def suggest(coverage: Coverage, history: Sequence[Turn], ask: Callable[[str], Reply],
            n: int = SUGGESTIONS) -> list[str]:
    """Up to ``n`` next questions that ``ask`` answers with citations, none already asked about."""
    last = history[-1] if history and isinstance(history[-1], Reply) else None
    passages = [*(c.passage for c in last.citations), *last.passages] if last is not None else []
    asked = [question_of(t) for t in history]
    chosen: list[str] = []
    pool = [*candidates(coverage, passages), *candidates(coverage, [])] if passages else candidates(coverage, [])
    for tried, question in enumerate(_fresh(pool, asked)):
        if len(chosen) == n or tried == MAX_TRIED:
            break
        reply = ask(question)
        if reply.answered and reply.citations:
            chosen.append(question)
    return chosen


def candidates(coverage: Coverage, passages: Sequence[Passage]) -> list[str]:
    """Questions about ``passages`` (the whole corpus when there are none), most specific first."""
    texts = [p.text for p in passages] or [a.text for a in coverage.articles.values()]
    people = [p for p in coverage.people if any(p in t for t in texts)]
    speakers = {q.speaker for q in coverage.quotes if q.speaker}
    found = [f"What did {p} say?" for p in people if p in speakers]
    found += [f"Who is {p}?" for p in people if p not in speakers]
    days = sorted({d.resolved for p in (passages or coverage.passages) for d in p.dates
                   if d.resolved and len(d.resolved) == 10})
    found += [f"What happened on {_day(d)}?" for d in days]
    if not passages:
        found.insert(0, "What is this story about?")
        found += ["Who is quoted?"] if coverage.quotes else []
        found += ["Timeline of events"] if days else []
    return found


def _fresh(questions: Iterable[str], asked: Sequence[str]) -> Iterable[str]:
    """The questions whose subject no earlier question of the conversation named."""
    seen = [set(tokens(q)) for q in asked]
    for question in dict.fromkeys(questions):
        subject = set(tokens(question)) - _FRAME
        if not any(subject and subject <= s for s in seen) and question not in asked:
            yield question


_FRAME = frozenset(tokens("what did say who is happened on this story about quoted timeline of events"))


def _day(iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {day.strftime('%B')} {day.year}"
