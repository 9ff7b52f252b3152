"""The corpus as a news reader sees it: which outlets, which articles, every sentence with its
dates, and who says what.

Questions about the coverage itself (a digest, one outlet's story, what happened on a day, who
is quoted) need the whole corpus, not the five passages retrieval returns. `Coverage` is that
view, built once from the indexed chunks (their dates were resolved at index time, see
`index.dates`) and rebuilt when the corpus changes.

Sentences that are not news text are left out: headlines and captions without a full stop,
bylines, datelines on their own, and instructions addressed to an AI.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from index.articles import Article
from index.instructions import is_instruction
from index.text import person_names, sentence_spans, tokens
from qa.evidence import Sentence
from qa.passages import Passage

MIN_WORDS = 8
"""A sentence shorter than this (a headline, a caption, a byline) is not news text."""
_ENDS = re.compile(r"[.!?…][”\"’']?\s*$")
_QUOTE = re.compile(r"[“\"]([^”\"]{12,})[”\"]")
_SAID = re.compile(r"\b(said|says|told|tells|added|warned|stated|wrote|insisted|argued|according to)\b")
_PRONOUN = re.compile(r"\b(he|she)\s+(said|says|told|added|warned)\b", re.I)
_TITLE_BEFORE = re.compile(r"((?:[A-Z][\w’'.-]*\s+|(?:of|for|and|the)\s+)*(?:[a-z]+\s+)?"
                           r"(?:spokesman|spokeswoman|spokesperson|ambassador|secretary|minister|president|envoy"
                           r"|official|chief|director|adviser|general|commander|leader|[A-Z][a-z]+)"
                           r"(?:\s+[a-z]+)?)\s*,?\s*$", re.I)


@dataclass(frozen=True)
class Quote:
    """A quotation in an article, with who says it."""

    sentence: Sentence
    speaker: str | None
    """The person's name (for "he said", the person last named before it in the article)."""


class Coverage:
    """What the corpus holds, by article and outlet. Build it with `Coverage.of`."""

    def __init__(self, articles: list[Article], passages: list[Passage]):
        self.articles = {a.id: a for a in articles}
        self.passages = passages
        self._speakers: dict[tuple[str, int], str | None] = {}

    @classmethod
    def of(cls, articles: list[Article], passages: list[Passage]) -> Coverage:
        return cls(articles, passages)

    @cached_property
    def sentences(self) -> list[Sentence]:
        """Every news sentence of the corpus, in article and reading order."""
        found = []
        for rank, passage in enumerate(self.passages):
            for s, e in sentence_spans(passage.text):
                text = passage.text[s:e]
                if len(tokens(text)) >= MIN_WORDS and _ENDS.search(text) and not is_instruction(text):
                    found.append(Sentence(text, passage, passage.start + s, passage.start + e, rank))
        return found

    @cached_property
    def outlets(self) -> dict[str, list[str]]:
        """Outlet → the ids of its articles (articles that state no outlet are not listed)."""
        found: dict[str, list[str]] = {}
        for a in self.articles.values():
            if a.outlet:
                found.setdefault(a.outlet, []).append(a.id)
        return found

    def label(self, article_id: str) -> str:
        """How a reader names an article: its outlet, or its title when it states none."""
        a = self.articles[article_id]
        return a.outlet or f"“{a.title}” (no outlet stated)"

    def outlet_named(self, text: str) -> str | None:
        """The corpus outlet that ``text`` names, by its name or initials ("FT" for "The Financial Times")."""
        lowered = f" {' '.join(tokens(text))} "
        for outlet in self.outlets:
            words = [w for w in tokens(outlet) if w not in ("the",)]
            initials = "".join(w[0] for w in words)
            if f" {' '.join(words)} " in lowered or (len(initials) >= 2 and f" {initials} " in lowered):
                return outlet
        return None

    @cached_property
    def quotes(self) -> list[Quote]:
        """Every quotation in the corpus with its speaker, where the text says who."""
        found = []
        for sentence in self.sentences:
            if not _QUOTE.search(sentence.text):
                continue
            found.append(Quote(sentence, self._speaker(sentence)))
        return found

    @cached_property
    def people(self) -> list[str]:
        """Every person the articles name, in order of first mention."""
        return list(dict.fromkeys(n for a in self.articles.values() for n in person_names(a.text)))

    def speaker_of(self, sentence: Sentence) -> str | None:
        """Who speaks in ``sentence`` (one of the corpus's), as the articles describe them ("UK
        Foreign Secretary James Cleverly"); None when the text does not say who."""
        key = (sentence.passage.article_id, sentence.start)
        if key not in self._speakers:
            own = self._by_start.get(key)
            name = self._speaker(own) if own is not None else None
            self._speakers[key] = name and " ".join(filter(None, (self.role(name), name)))
        return self._speakers[key]

    @cached_property
    def _by_start(self) -> dict[tuple[str, int], Sentence]:
        return {(s.passage.article_id, s.start): s for s in self.sentences}

    def is_person(self, name: str) -> bool:
        """Whether ``name`` (or part of it: "Kirby") is a person the articles name."""
        wanted = set(tokens(name)) - {"the", "mr", "ms", "mrs", "dr"}
        return bool(wanted) and any(wanted <= set(tokens(p)) for p in self.people)

    def role(self, name: str) -> str | None:
        """How the articles describe ``name`` ("White House National Security Council spokesman")."""
        for a in self.articles.values():
            at = a.text.find(name)
            if at > 0:
                before = _TITLE_BEFORE.search(a.text[max(0, at - 80):at])
                if before and before[1].strip() and not before[1].strip()[0].islower():
                    return " ".join(before[1].split()).rstrip(",")
        return None

    def _speaker(self, sentence: Sentence) -> str | None:
        """Who says the quotation in ``sentence``: a full name beside the reporting verb, a
        surname the article has named in full ("Kirby said" → "John Kirby"), or, for "he
        said", the person the article last mentioned before it."""
        outside = _QUOTE.sub(" ", sentence.text)
        if not _SAID.search(outside):
            return None
        article = self.articles[sentence.passage.article_id].text
        known = person_names(article)
        names = person_names(outside)
        if names:
            return names[0]
        for word in re.findall(r"\b[A-Z][\w’'-]+\b", outside):
            full = next((n for n in known if n.split()[-1] == word), None)
            if full:
                return full
        if _PRONOUN.search(outside):
            before = article[:sentence.start]
            mentions = [(before.rfind(n.split()[-1]), n) for n in known]
            at, name = max(mentions, default=(-1, None))
            return name if at >= 0 else None
        return None
