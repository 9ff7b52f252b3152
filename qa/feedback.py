"""Users' verdicts on replies, kept as JSON Lines so that a complaint can become a regression test.

Each report is one line of ``feedback.jsonl`` in the data folder: the question, the earlier
questions of its conversation, the reply's data (`Reply.to_dict`), the verdict, the user's
correction and the time. Lines are appended whole under a file lock and flushed to disk, so
concurrent sessions never interleave or lose one; a broken line is reported by its number and
the others are still read. ``python -m eval from-feedback`` turns reports into a question set.

>>> import tempfile; log = FeedbackLog(Path(tempfile.mkdtemp()) / "feedback.jsonl")
>>> log.record(Feedback("Who is the harbour master?", (), {"text": "..."}, "down", correction="Ana Ruiz"))
>>> [f.correction for f in log.read().reports]
['Ana Ruiz']
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from filelock import FileLock

VERDICTS = ("up", "down", "wrong-citation")
"""Thumbs up, thumbs down, and "a citation is wrong or missing"."""


@dataclass(frozen=True)
class Feedback:
    """One user's verdict on one reply."""

    question: str
    history: tuple[str, ...]
    """The earlier questions of the conversation, oldest first."""
    reply: dict[str, Any]
    """The reply as `Reply.to_dict` gave it."""
    verdict: str
    correction: str | None = None
    """The right answer, in the user's words (a phrase the reply should contain)."""
    unanswerable: bool = False
    """The user says the articles do not answer the question."""
    time: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))

    def __post_init__(self) -> None:
        if self.verdict not in VERDICTS:
            raise ValueError(f"verdict must be one of {', '.join(VERDICTS)}, not {self.verdict!r}")
        if self.correction is not None and self.unanswerable:
            raise ValueError("give a correction or say the articles do not answer, not both")

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Feedback:
        return cls(question=str(record["question"]), history=tuple(record.get("history") or ()),
                   reply=dict(record.get("reply") or {}), verdict=record["verdict"],
                   correction=record.get("correction") or None, unanswerable=bool(record.get("unanswerable")),
                   time=str(record.get("time", "")))


@dataclass(frozen=True)
class FeedbackRead:
    reports: list[Feedback]
    problems: list[str]
    """``line N: reason`` for each line that could not be read."""


class FeedbackLog:
    """The feedback file of one data folder."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = FileLock(self.path.with_name(self.path.name + ".lock"))

    def record(self, feedback: Feedback) -> None:
        """Append one report as one whole line, on disk before this returns."""
        line = json.dumps(asdict(feedback), ensure_ascii=False) + "\n"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                os.write(fd, line.encode("utf-8"))
                os.fsync(fd)
            finally:
                os.close(fd)

    def read(self) -> FeedbackRead:
        """Every report that reads, and a problem for every line that does not."""
        if not self.path.exists():
            return FeedbackRead([], [])
        reports, problems = [], []
        for number, line in enumerate(self.path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if not line.strip():
                continue
            try:
                reports.append(Feedback.from_record(json.loads(line)))
            except (ValueError, KeyError, TypeError) as error:
                problems.append(f"line {number}: {type(error).__name__}: {error}")
        return FeedbackRead(reports, problems)
