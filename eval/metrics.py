"""Verdicts on one reply, and the metrics of a run. Pure functions of replies and questions.

Per question:

- ``correct``: an acceptable answer appears in the reply (answerable questions);
- ``supported``: correct, and the cited passages contain an acceptable answer (of every part,
  for a question in several parts: each part may be cited to its own passage);
- ``citation_precision``: share of the reply's citations whose passage contains an acceptable
  answer or supports the statement citing it (holds most of its content words; a cited metadata
  field, whose passage is the field itself, when the statement states its value);
- ``hit`` / ``reciprocal_rank``: whether / how early a retrieved passage comes from one of the
  question's ``sources`` (questions with sources);
- ``refusal_correct``: an unanswerable question was refused, an answerable one was not.

Overall: the mean of each over the questions it applies to, plus latency percentiles.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from eval.questions import Question
from index.text import content_terms, overlap
from qa.passages import Passage
from qa.reply import Reply

SUPPORTS = 0.7
"""Share of a statement's content words its cited passage must hold to support it."""


@dataclass(frozen=True)
class Verdict:
    correct: bool | None
    """None for unanswerable questions (see ``refusal_correct``)."""
    supported: bool | None
    citation_precision: float | None
    """None when the reply cites nothing."""
    hit: bool | None
    """None when the question names no sources."""
    reciprocal_rank: float | None
    refusal_correct: bool


def judge(question: Question, reply: Reply, retrieved: list[Passage]) -> Verdict:
    """The verdict on one reply; ``retrieved`` are the passages retrieval returned, best first."""
    correct = supported = None
    if question.answerable:
        correct = reply.answered and question.matches(reply.text)
        supported = correct and question.matched_across(c.passage.text for c in reply.citations)
    precision = None
    if reply.citations:
        good = sum(_citation_ok(question, reply, c.number) for c in reply.citations)
        precision = good / len(reply.citations)
    hit = rr = None
    if question.sources:
        ranks = [i for i, p in enumerate(retrieved, 1) if set(p.article_ids) & set(question.sources)]
        hit, rr = bool(ranks), (1 / ranks[0] if ranks else 0.0)
    return Verdict(correct, supported, precision, hit, rr, refusal_correct=reply.answered == question.answerable)


def _citation_ok(question: Question, reply: Reply, number: int) -> bool:
    citation = reply.cited(number)
    passage = citation.passage
    if question.answerable and question.matches(passage.text):
        return True
    if citation.field:  # a metadata field ("Date: 2024-03-05") supports a statement that states its value
        value = passage.text.split(":", 1)[-1].strip()
        return any(value and value in s.text for s in reply.statements if number in s.citations)
    have = set(content_terms(passage.text))
    return any(overlap(set(content_terms(s.text)), have) >= SUPPORTS for s in reply.statements if number in s.citations)


def summarise(verdicts: list[Verdict], retrieval_seconds: list[float],
              answer_seconds: list[float]) -> dict[str, float | int | None]:
    """Overall metrics of a run (means over the questions each applies to; latencies in ms)."""
    def mean(values):
        values = [float(v) for v in values if v is not None]
        return round(sum(values) / len(values), 4) if values else None

    def pct(values, q):
        return round(float(np.percentile(np.asarray(values) * 1000, q)), 1) if values else None

    return {
        "questions": len(verdicts),
        "answer_accuracy": mean(v.correct for v in verdicts),
        "supported_accuracy": mean(v.supported for v in verdicts),
        "citation_precision": mean(v.citation_precision for v in verdicts),
        "hit_at_k": mean(v.hit for v in verdicts),
        "mrr": mean(v.reciprocal_rank for v in verdicts),
        "refusal_accuracy": mean(v.refusal_correct for v in verdicts),
        "retrieval_p50_ms": pct(retrieval_seconds, 50),
        "retrieval_p95_ms": pct(retrieval_seconds, 95),
        "answer_p50_ms": pct(answer_seconds, 50),
        "answer_p95_ms": pct(answer_seconds, 95),
    }


QUALITY = ("answer_accuracy", "supported_accuracy", "citation_precision", "hit_at_k", "mrr", "refusal_accuracy")
"""The metrics in 0..1 (charted and gated on); the rest are counts and latencies."""


def threshold_sweep(supports: list[tuple[float, bool]], thresholds: list[float]) -> list[tuple[float, float]]:
    """Refusal accuracy had the answerer refused below each threshold, from (support, answerable) pairs.

    This is how ``Settings.min_support`` is calibrated: run a question set with answerable and
    unanswerable questions, then pick a threshold in the best range.

    >>> threshold_sweep([(0.8, True), (0.5, True), (0.3, False)], [0.4, 0.6])
    [(0.4, 1.0), (0.6, 0.6667)]
    """
    if not supports:
        return []
    return [(t, round(sum((s >= t) == answerable for s, answerable in supports) / len(supports), 4))
            for t in thresholds]
