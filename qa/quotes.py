"""Who is quoted, and what they said.

A quotation is a news sentence with text in quotation marks; its speaker is the person named
beside the reporting verb ("…,” Kirby said"), or, for "he said"/"she said", the person the
article last named before it (`qa.coverage`). A speaker's role is how the articles introduce
them ("White House National Security Council spokesman John Kirby"). The same quotation
carried by several outlets is one statement cited to each.

- `quoted`: everyone quoted, each under their name and role, with their first quotation.
- `said_by`: what one person said (matched by any part of their name).
- `people`: the people the articles name, with their roles.
"""

from __future__ import annotations

from dataclasses import replace

from index.text import person_names, tokens
from qa.coverage import Coverage, Quote
from qa.evidence import Scored
from qa.extractive import compose, group_facts
from qa.parts import join_parts
from qa.passages import Passage
from qa.reply import Reply, refusal

SPEAKER = "{question}:"
"""The line above each speaker's quotation: their name and role."""
SAID_BY = "Quotations of {speaker}:"
PEOPLE = "People the articles name:"
MAX_QUOTES = 6


def quoted(question: str, coverage: Coverage, passages: list[Passage]) -> Reply:
    """One quotation of each quoted person, in order of first appearance."""
    first: dict[str, Quote] = {}
    for q in coverage.quotes:
        if q.speaker and q.speaker not in first:
            first[q.speaker] = q
    if not first:
        return refusal(question, passages, kind="quotes", reason="The articles quote no one by name.")
    roles = {speaker: coverage.role(speaker) for speaker in first}
    # Each quotation under its speaker's name: a "she said" quotation does not name her itself.
    by_speaker = [_compose(_who(speaker, roles[speaker]), [q], passages, None) for speaker, q in first.items()]
    reply = replace(join_parts(question, by_speaker, heading=SPEAKER), kind="quotes")
    reply.notes.extend(f"{speaker}: {role or 'role not given'}" for speaker, role in roles.items())
    return reply


def _who(speaker: str, role: str | None) -> str:
    return f"{speaker}, {role}" if role else speaker


def said_by(question: str, speaker: str, coverage: Coverage, passages: list[Passage]) -> Reply:
    """What ``speaker`` said, every quotation of theirs (up to `MAX_QUOTES`)."""
    wanted = set(tokens(speaker)) - {"the", "mr", "ms", "mrs", "dr"}
    quotes = [q for q in coverage.quotes if q.speaker and wanted and wanted <= set(tokens(q.speaker))]
    if not quotes:
        return refusal(question, passages, kind="quotes",
                       reason=f"The articles quote no one named {speaker}.")
    name = quotes[0].speaker
    role = coverage.role(name)
    return _compose(question, quotes[:MAX_QUOTES], passages, SAID_BY.format(speaker=_who(name, role)))


def people(question: str, coverage: Coverage, passages: list[Passage]) -> Reply:
    """The people named in the articles, each cited where first named, with their role."""
    seen: dict[str, Scored] = {}
    for s in coverage.sentences:
        for name in person_names(s.text):
            if name not in seen and not any(name in other or other in name for other in seen):
                seen[name] = Scored(s, 0.0, 0.0, True, 1.0)
    if not seen:
        return refusal(question, passages, kind="people", reason="The articles name no people.")
    facts = group_facts(seen.values())
    reply = compose(question, passages, facts, PEOPLE, 1.0, kind="people")
    reply.notes.extend(f"{name}: {coverage.role(name) or 'role not given'}" for name in seen)
    return reply


def _compose(question: str, quotes: list[Quote], passages: list[Passage], intro: str) -> Reply:
    facts = group_facts(Scored(q.sentence, 0.0, 0.0, True, 1.0) for q in quotes)
    return compose(question, passages, facts, intro, 1.0, kind="quotes")
