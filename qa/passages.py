"""Passages: what retrieval returns, and how near-duplicates across articles become one hit.

Outlets reprint the same wire copy and the same quotes. A passage that another article
carries too (nearly word for word) is one hit, not two: the hit lists every article that
carries it in ``article_ids``, and the other articles' copies, with their own spans, in
``also_in``. That corroboration is part of the result.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from index.dates import DateMention
from index.text import word_pairs

NEAR_DUPLICATE = 0.7
"""Share of word pairs two passages must have in common (of the smaller one) to be one hit."""


UPLOADED_MARK = "uploaded by a user"
"""How a citation of an uploaded article is marked wherever it is shown."""


@dataclass(frozen=True)
class Passage:
    """A retrieved piece of an article. ``article.text[start:end] == text``."""

    text: str
    article_id: str
    title: str
    outlet: str | None
    date: str | None
    """ISO date (``2022-12-10``) where the article states one."""
    start: int
    end: int
    score: float
    article_ids: tuple[str, ...] = ()
    """Every article that carries this passage or a near-duplicate of it; the first is ``article_id``."""
    also_in: tuple[Passage, ...] = field(default=(), repr=False)
    """The near-duplicate copies in the other articles of ``article_ids``, in that order."""
    dates: tuple[DateMention, ...] = field(default=(), repr=False)
    uploaded: bool = False
    """From an article a user uploaded (not vetted): shown beside its citations."""
    """The date phrases of the passage (spans in the article), resolved at index time (`index.dates`)."""

    def dates_within(self, start: int, end: int) -> tuple[DateMention, ...]:
        """The date phrases between ``start`` and ``end`` of the article (a quoted sentence)."""
        return tuple(d for d in self.dates if start <= d.start and d.end <= end)

    def __post_init__(self) -> None:
        if not self.article_ids:
            object.__setattr__(self, "article_ids", (self.article_id, *(p.article_id for p in self.also_in)))

    @property
    def copies(self) -> tuple[Passage, ...]:
        """This passage and its near-duplicates: one per article that carries it."""
        return (self, *self.also_in)


def collapse_duplicates(ranked: Iterable[Passage], k: int) -> list[Passage]:
    """The best ``k`` distinct passages of ``ranked``, each with its copies from other articles.

    All of ``ranked`` is read, so a copy ranked below the cut still counts for a hit above it.
    """
    hits: list[tuple[Passage, list[Passage], set[tuple[str, str]]]] = []
    for passage in ranked:
        pairs = word_pairs(passage.text)
        for hit, copies, hit_pairs in hits:
            if passage.article_id not in {c.article_id for c in (hit, *copies)} and _similar(pairs, hit_pairs):
                copies.append(passage)
                break
        else:
            if len(hits) < k:
                hits.append((passage, [], pairs))
    return [replace(hit, also_in=tuple(copies), article_ids=()) for hit, copies, _ in hits]


def _similar(a: set, b: set) -> bool:
    if not a or not b:
        return False
    return len(a & b) / min(len(a), len(b)) >= NEAR_DUPLICATE and min(len(a), len(b)) / max(len(a), len(b)) >= 0.5
