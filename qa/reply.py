"""What the assistant returns: a reply whose every statement cites the passages that support it.

The reply text is a sequence of statements, each followed by its citation markers
(``[1][2]``). ``Citation.quote`` is the exact sentence of the cited passage that
supports the statement, and ``Citation.start``/``end`` locate it in the cleaned article,
so a reader can be shown the sentence highlighted in its article. A fact only an article's
metadata holds (a date from its front matter, an outlet from a copyright line cleaning
removed) is cited to that field instead (``Citation.field``).
"""

from __future__ import annotations

import calendar
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from qa.passages import Passage

NOT_ANSWERED = "The articles do not say."
RELATED = "The closest passages are listed as related reading, not as support."
DISAGREE = "The articles differ on this:"
YES = "Yes, according to the articles:"
NO = "No, according to the articles:"
UNDECIDED = "The articles do not say yes or no outright; what they report:"
NEVER_MENTIONED = "They never mention {words}."
"""Said after `NOT_ANSWERED` when a question names what no article mentions."""
"""Framing lines the product writes itself; every other line of a reply is quoted from an article."""


@dataclass(frozen=True)
class Citation:
    """One cited sentence: ``number`` as in the reply's ``[n]`` marker."""

    number: int
    passage: Passage
    """The retrieved passage (article id, title, outlet, date, span) that holds the quote."""
    quote: str
    """The sentence of ``passage`` that supports the statement citing it."""
    start: int
    end: int
    """Span of ``quote`` in the cleaned article text."""
    field: str | None = None
    """The metadata field (``date``, ``outlet``) cited instead of the text, when the text does not
    print it: ``quote`` (and the passage's text) is then "Date: 2023-05-02", the span empty."""

    @property
    def article_id(self) -> str:
        return self.passage.article_id


@dataclass(frozen=True)
class Statement:
    """One sentence of a reply and the numbers of the citations that support it."""

    text: str
    citations: tuple[int, ...]
    dates: tuple[tuple[str, str | None], ...] = ()
    """The sentence's date phrases and what each resolves to (None: its article has no date)."""

    @property
    def markers(self) -> str:
        """The citation markers as the reply writes them: ``[1][2]``."""
        return "".join(f"[{n}]" for n in self.citations)

    @property
    def glossed(self) -> str:
        """The sentence with each date phrase followed by its date, for reading.

        >>> Statement("Kirby spoke on Friday.", (1,), (("on Friday", "2022-12-09"),)).glossed
        'Kirby spoke on Friday (9 Dec 2022).'
        >>> Statement("He spoke last month.", (1,), (("last month", None),)).glossed
        'He spoke last month (the article gives no date to count from).'
        """
        text = self.text
        for phrase, resolved in self.dates:
            gloss = readable_date(resolved) if resolved else "the article gives no date to count from"
            text = text.replace(phrase, f"{phrase} ({gloss})", 1)
        return text


@dataclass(frozen=True)
class Reply:
    """The answer to one question. ``answered`` is False when the articles do not answer it."""

    text: str
    citations: list[Citation]
    answered: bool
    question: str
    """The self-contained question that was retrieved for (follow-ups resolved)."""
    passages: list[Passage]
    """The retrieved passages that were considered (related reading when not answered)."""
    statements: list[Statement] = field(default_factory=list)
    support: float = 0.0
    """How well the best evidence supports the reply (0..1); compared with ``Settings.min_support``."""
    notes: list[str] = field(default_factory=list)
    """What the product did besides answering: removed unsupported sentences, a fallback, ..."""
    intro: str | None = None
    """A framing line the reply starts with (`DISAGREE`), not quoted from any article."""
    retrieval_seconds: float = 0.0
    """How long finding the passages took (the rest of answering is composing the reply)."""
    heading: str | None = None
    """In a reply of several parts, the line naming this part ("On “who was sanctioned?”:")."""
    kind: str = "answer"
    """What kind of question it answered (`qa.kinds.KINDS`): a fact, an overview, a timeline, …"""
    parts: list[Reply] = field(default_factory=list)
    """For a question in several parts (`qa.parts`): the reply to each, numbered as in this one."""

    def cited(self, number: int) -> Citation:
        return next(c for c in self.citations if c.number == number)

    def to_dict(self) -> dict[str, Any]:
        """The reply as JSON-ready data: the one shape of ``--json``, ``/ask`` and ``results.jsonl``.

        ``citations`` carry their source (article id, title, outlet, date) beside the quote and its
        span, and the whole passage under ``passage``; ``statements`` give each line's citation
        numbers, so a client renders the reply from data, never by parsing ``text``.
        """
        return {
            "text": self.text, "answered": self.answered, "question": self.question, "kind": self.kind,
            "intro": self.intro,
            "statements": [_statement_dict(s) for s in self.statements],
            "citations": [_citation_dict(c) for c in self.citations],
            "passages": [_passage_dict(p) for p in self.passages],
            "support": self.support, "notes": list(self.notes),
            "retrieval_ms": round(self.retrieval_seconds * 1000, 2),
            "parts": [{"question": p.question, "heading": p.heading, "answered": p.answered, "text": p.text,
                       "intro": p.intro,
                       "statements": [_statement_dict(s) for s in p.statements]}
                      for p in self.parts],
        }


def _statement_dict(s: Statement) -> dict[str, Any]:
    return {"text": s.text, "citations": list(s.citations),
            "dates": [{"text": phrase, "resolved": resolved} for phrase, resolved in s.dates]}


def _citation_dict(c: Citation) -> dict[str, Any]:
    p = c.passage
    return {"number": c.number, "quote": c.quote, "start": c.start, "end": c.end, "field": c.field,
            "article_id": c.article_id, "title": p.title, "outlet": p.outlet, "date": p.date,
            "passage": _passage_dict(p)}


def _passage_dict(p: Passage) -> dict[str, Any]:
    fields = asdict(p)
    fields.pop("also_in")
    fields.pop("dates")
    fields["article_ids"] = list(p.article_ids)
    return fields


def readable_date(resolved: str) -> str:
    """``2022-12-09`` → ``9 Dec 2022``, ``2022-08`` → ``Aug 2022``, ``2023`` → ``2023``."""
    parts = [int(x) for x in resolved.split("-")]
    if len(parts) == 3:
        return f"{parts[2]} {calendar.month_abbr[parts[1]]} {parts[0]}"
    if len(parts) == 2:
        return f"{calendar.month_abbr[parts[1]]} {parts[0]}"
    return str(parts[0])


def cite(citations: list[Citation], passage: Passage, quote: str, start: int, end: int,
         field: str | None = None) -> int:
    """The number of the citation of ``quote`` (at ``start`` in ``passage``'s article, or of its
    metadata ``field``) in ``citations``, appended as the next number when it is not there yet."""
    found = next((c for c in citations if c.article_id == passage.article_id and c.start == start and c.field == field),
                 None)
    if found is None:
        found = Citation(len(citations) + 1, passage, quote, start, end, field)
        citations.append(found)
    return found.number


def cite_field(citations: list[Citation], passage: Passage, field: str, value: str) -> int:
    """`cite` for the metadata ``field`` of ``passage``'s article, whose value is ``value``: the
    quote, and the passage cited, are "Date: 2023-05-02"."""
    quote = f"{field.capitalize()}: {value}"
    return cite(citations, replace(passage, text=quote, start=0, end=0), quote, 0, 0, field)


def render(statements: list[Statement], intro: str | None = None) -> str:
    """Reply text: each statement with its markers, one per line (``intro`` first, when given)."""
    lines = [intro] if intro else []
    lines += [f"{s.text} {s.markers}".rstrip() for s in statements]
    return "\n".join(lines)


def refusal(question: str, passages: list[Passage], reason: str | None = None, support: float = 0.0,
            kind: str = "answer") -> Reply:
    """The honest "the articles do not say" reply, the closest passages kept as related reading."""
    text = reason or NOT_ANSWERED
    if passages and reason is None:
        text += " " + RELATED
    return Reply(text=text, citations=[], answered=False, question=question, passages=passages, support=support,
                 kind=kind)
