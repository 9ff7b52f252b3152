"""Users' reports (`qa.feedback`) turned into a question set: a complaint becomes a regression test.

A report with a correction becomes a question whose ``answers`` is the correction; one saying
the articles do not answer becomes ``unanswerable: true``; the conversation's earlier questions
become ``history``. Thumbs up and reports without either are left out: they say nothing a
question set can check.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import yaml

from qa.feedback import Feedback


def feedback_questions(reports: Iterable[Feedback]) -> list[dict]:
    """Question-set records (the committed format of `eval.questions`) for the reports that say what is right."""
    records = []
    for report in reports:
        if report.verdict == "up" or not (report.correction or report.unanswerable):
            continue
        record: dict = {"id": f"feedback-{len(records) + 1:03d}", "question": report.question}
        if report.unanswerable:
            record["unanswerable"] = True
        else:
            record["answers"] = [report.correction]
        if report.history:
            record["history"] = list(report.history)
        record["tags"] = ["feedback", report.verdict]
        records.append(record)
    return records


def write_question_set(records: list[dict], out: Path) -> None:
    """Write ``records`` as a YAML question set (``questions:`` list)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    header = "# Questions from users' feedback (python -m eval from-feedback).\n"
    out.write_text(header + yaml.safe_dump({"questions": records}, allow_unicode=True, sort_keys=False),
                   encoding="utf-8")
