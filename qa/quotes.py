"""Who is quoted, and what they said.

A quotation is a news sentence with text in quotation marks; its speaker is the person named
beside the reporting verb ("…,” Kirby said"), or, for "he said"/"she said", the person the
article last named before it (`qa.coverage`). A speaker's role is how the articles introduce
them ("White House National Security Council spokesman John Kirby"). The same quotation
carried by several outlets is one statement cited to each.

- `quoted`: everyone quoted, each under their name and role, with their first quotation (on a
  topic: their quotation most about it, and only those quoted on it).
- `said_by`: what one person said, quoted or reported ("Otieno said the union would …"), matched by
  any part of their name; on a topic ("what did Otieno say about the wages?"), only what is about
  it, and a refusal naming the person when nothing they said is.
- `people`: the people the articles name, with their roles.

What is "about" a topic is decided by the caller (`About`): the `Assistant` scores sentences
against the topic as it scores them against a question, so a quotation is on the topic when it
would support an answer about it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from index.text import content_terms, person_names, tokens
from qa.coverage import TITLES, Coverage, Quote
from qa.evidence import Scored, Sentence
from qa.extractive import compose, facts_of, group_facts
from qa.parts import join_parts
from qa.passages import Passage
from qa.reply import Reply, refusal

SPEAKER = "{question}:"
"""The line above each speaker's quotation: their name and role."""
SAID_BY = "Quotations of {speaker}:"
PEOPLE = "People the articles name:"
MAX_QUOTES = 6
NOT_ON_TOPIC = "The articles quote {speaker}, but not on {topic}."

About = Callable[[Sequence[Sentence]], list[Sentence]]
"""The sentences of those given that are about a topic, most about it first."""


def quoted(question: str, coverage: Coverage, passages: list[Passage], about: About | None = None,
           one_speaker: bool = False) -> Reply:
    """One quotation of each quoted person, in order of first appearance (with ``about``: the
    quotation most about the topic of each person quoted on it, most about it first; with
    ``one_speaker`` too, only the person whose quotation is most about it: "who said …?")."""
    quotes = [q for q in (coverage.quotes if about is None else coverage.statements) if q.speaker]
    if about is not None:
        quotes = _about_first(quotes, about)
        quotes = [q for q in quotes if q.speaker == quotes[0].speaker] if one_speaker and quotes else quotes
    first: dict[str, Quote] = {}
    for q in quotes:
        first.setdefault(q.speaker, q)
    if not first:
        reason = "The articles quote no one on that." if about is not None else "The articles quote no one by name."
        return refusal(question, passages, kind="quotes", reason=reason)
    roles = {speaker: coverage.role(speaker) for speaker in first}
    # Each quotation under its speaker's name: a "she said" quotation does not name her itself,
    # so the sentence of her article that last named her before it is cited too.
    by_speaker = [_compose(_who(speaker, roles[speaker]), [q], passages, None, naming=_naming(coverage, q))
                  for speaker, q in first.items()]
    reply = replace(join_parts(question, by_speaker, heading=SPEAKER), kind="quotes")
    reply.notes.extend(f"{speaker}: {role or 'role not given'}" for speaker, role in roles.items())
    return reply


def _who(speaker: str, role: str | None) -> str:
    return f"{speaker}, {role}" if role else speaker


def said_by(question: str, speaker: str, coverage: Coverage, passages: list[Passage],
            about: About | None = None, topic: str = "") -> Reply:
    """What ``speaker`` said, quoted or reported (up to `MAX_QUOTES` sentences); with ``about``,
    only what is about ``topic``, most about it first."""
    said = coverage.statements_of(set(tokens(speaker)) - TITLES)
    if not said:
        return refusal(question, passages, kind="quotes",
                       reason=f"The articles quote no one named or described as “{speaker}”.")
    name = said[0].speaker
    role = coverage.role(name)
    if about is not None:
        on_topic = _about_first(said, about)
        if not on_topic:
            related = list({id(q.sentence.passage): q.sentence.passage for q in said}.values())  # not hashed: thousands at scale
            return refusal(question, related, kind="quotes",
                           reason=NOT_ON_TOPIC.format(speaker=name, topic=topic or "that"))
        said = on_topic
    return _compose(question, said[:MAX_QUOTES], passages, SAID_BY.format(speaker=_who(name, role)))


def people(question: str, coverage: Coverage, passages: list[Passage], of: frozenset[str] = frozenset(),
           quoted_only: bool = False) -> Reply:
    """The people named in the articles, each cited where first named, with their role; with
    ``of`` (the terms of a country's names: "north korean officials"), only those whose role or
    sentence names it; with ``quoted_only``, only those the articles quote."""
    seen: dict[str, Scored] = {}
    for s in coverage.sentences:
        for name in person_names(s.text):
            if name not in seen and not any(name in other or other in name for other in seen):
                seen[name] = Scored(s, 0.0, 0.0, True, 1.0)
    if of:
        seen = {n: s for n, s in seen.items()
                if {t[:4] for t in content_terms(f"{coverage.role(n) or ''} {s.sentence.text}")} & {t[:4] for t in of}}
    if quoted_only:
        speakers = {q.speaker for q in coverage.statements}
        seen = {n: s for n, s in seen.items() if any(n in speaker for speaker in speakers)}
    if not seen:
        return refusal(question, passages, kind="people",
                       reason="The articles name no such people." if of or quoted_only else "The articles name no people.")
    facts = group_facts(seen.values())
    reply = compose(question, passages, facts, PEOPLE, 1.0, kind="people")
    reply.notes.extend(f"{name}: {coverage.role(name) or 'role not given'}" for name in seen)
    return reply


def _about_first(quotes: list[Quote], about: About) -> list[Quote]:
    """The ``quotes`` that are about the topic, most about it first."""
    order = {id(s): i for i, s in enumerate(about([q.sentence for q in quotes]))}
    return sorted((q for q in quotes if id(q.sentence) in order), key=lambda q: order[id(q.sentence)])


def _compose(question: str, quotes: list[Quote], passages: list[Passage], intro: str | None,
             naming: Sentence | None = None) -> Reply:
    sentences = ([naming] if naming is not None else []) + [q.sentence for q in quotes]
    return compose(question, passages, facts_of(sentences), intro, 1.0, kind="quotes")


def _naming(coverage: Coverage, quote: Quote) -> Sentence | None:
    """For a quotation that does not name its speaker ("…,” he said), the sentence of its article
    that last named them before it; None when it names them itself."""
    names = set(tokens(quote.speaker or "")) - TITLES
    said = quote.sentence
    if not names or names & set(tokens(said.text)):
        return None
    before = [s for s in coverage.sentences if s.passage.article_id == said.passage.article_id
              and s.start < said.start and names & set(tokens(s.text))]
    return before[-1] if before else None
