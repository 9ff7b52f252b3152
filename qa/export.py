"""A conversation exported with its citations: Markdown with footnotes, or JSON of the reply records.

Every footnote quotes the exact cited sentence (``Citation.quote``, the article's text at the
cited span) with its outlet, date and article title, so an exported conversation can be checked
against the articles without the app.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import PurePath

from qa.reply import Reply


def to_markdown(replies: Sequence[Reply]) -> str:
    """The conversation as Markdown: each question, its reply with ``[^T-N]`` markers, then footnotes."""
    blocks = ["# Conversation about the articles"]
    for turn, reply in enumerate(replies, 1):
        blocks.append(f"## {turn}. {reply.question}")
        text = reply.text
        for c in reply.citations:
            text = text.replace(f"[{c.number}]", f"[^{turn}-{c.number}]")
        blocks.append(text)
        notes = [footnote(turn, c.number, c.passage.outlet, c.passage.date, c.passage.title, c.quote)
                 for c in reply.citations]
        if notes:
            blocks.append("\n".join(notes))
    return "\n\n".join(blocks) + "\n"


def footnote(turn: int, number: int, outlet: str | None, date: str | None, title: str, quote: str) -> str:
    source = ", ".join(x for x in (outlet or "no outlet stated", date or "undated") if x)
    return f"[^{turn}-{number}]: {source}, “{title}”: “{quote}”"


def to_json(replies: Sequence[Reply]) -> str:
    """The conversation as a JSON list of reply records (`Reply.to_dict`)."""
    return json.dumps([r.to_dict() for r in replies], ensure_ascii=False, indent=2)


def as_text(replies: Sequence[Reply], filename: str) -> str:
    """The conversation in the format ``filename``'s suffix names: ``.md`` Markdown, ``.json`` JSON.

    >>> as_text([], "talk.txt")
    Traceback (most recent call last):
    ...
    ValueError: export to a .md (Markdown with footnotes) or .json (reply records) file, not “talk.txt”
    """
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".md":
        return to_markdown(replies)
    if suffix == ".json":
        return to_json(replies)
    raise ValueError(f"export to a .md (Markdown with footnotes) or .json (reply records) file, not “{filename}”")
