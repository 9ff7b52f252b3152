"""Runs a question set through `qa.Assistant` (the API a Python user calls) and judges each reply."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from tqdm import tqdm

from eval.metrics import Verdict, judge, summarise
from eval.questions import Question
from qa import Assistant, Reply


@dataclass(frozen=True)
class Config:
    """One setting of the assistant to evaluate; None keeps the assistant's own."""

    k: int | None = None
    answer_mode: str | None = None
    retrieval: str | None = None

    @property
    def label(self) -> str:
        parts = [f"{name}={value}" for name, value in vars(self).items() if value is not None]
        return ", ".join(parts) or "default"


@dataclass
class Result:
    question: Question
    reply: Reply
    verdict: Verdict
    retrieval_seconds: float
    answer_seconds: float


@dataclass
class Run:
    config: Config
    results: list[Result] = field(default_factory=list)

    @property
    def metrics(self) -> dict:
        return summarise([r.verdict for r in self.results], [r.retrieval_seconds for r in self.results],
                         [r.answer_seconds for r in self.results])


def run(assistant: Assistant, questions: Iterable[Question], config: Config = Config(),
        progress: bool = False) -> Run:
    """Ask every question (after its ``history``, replayed as one conversation) and judge it.

    Answer latency is the time of the question's own ``ask``; retrieval latency is the part of
    it the reply reports as retrieval. Hit@k and MRR are judged on the passages the reply was
    composed from.
    """
    questions = list(questions)
    result = Run(config)
    settings = {"k": config.k, "answer_mode": config.answer_mode, "retrieval": config.retrieval}
    for q in tqdm(questions, desc=config.label, disable=not progress, unit="q"):
        history = assistant.replay(q.history, **settings)
        started = time.perf_counter()
        reply = assistant.ask(q.question, history=history, **settings)
        answer_seconds = time.perf_counter() - started
        result.results.append(Result(q, reply, judge(q, reply, reply.passages), reply.retrieval_seconds,
                                     answer_seconds))
    return result
