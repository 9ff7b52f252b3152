"""Feedback reports: whole lines under concurrency, broken lines reported, a complaint as a question."""

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from eval.feedback import feedback_questions
from eval.questions import Question
from qa.feedback import Feedback, FeedbackLog


def _session(path: str, session: int) -> None:
    log = FeedbackLog(path)
    for n in range(10):
        log.record(Feedback(f"question {session}-{n} " + "x" * 3000, (f"earlier {session}",), {"text": "r" * 5000},
                            "down", correction=f"answer {session}-{n}"))


def test_twenty_concurrent_sessions_lose_no_report_and_corrupt_no_line(tmp_path):
    """Sessions of the app are threads of one process; large lines make interleaving likely if unguarded."""
    path = tmp_path / "feedback.jsonl"
    with ThreadPoolExecutor(max_workers=20) as pool:
        list(pool.map(lambda s: _session(str(path), s), range(20)))
    read = FeedbackLog(path).read()
    assert read.problems == []
    assert sorted(r.correction for r in read.reports) == sorted(f"answer {s}-{n}" for s in range(20) for n in range(10))


def test_a_broken_line_is_reported_by_its_number_and_the_rest_is_read(tmp_path):
    log = FeedbackLog(tmp_path / "feedback.jsonl")
    log.record(Feedback("first?", (), {}, "up"))
    with open(log.path, "a") as f:
        f.write('{"question": "half a line\n')
    log.record(Feedback("third?", (), {}, "down", unanswerable=True))
    read = log.read()
    assert [r.question for r in read.reports] == ["first?", "third?"]
    assert len(read.problems) == 1 and read.problems[0].startswith("line 2:")


def test_a_bad_verdict_or_both_correction_and_unanswerable_is_refused():
    with pytest.raises(ValueError, match="verdict must be one of"):
        Feedback("q?", (), {}, "meh")
    with pytest.raises(ValueError, match="not both"):
        Feedback("q?", (), {}, "down", correction="x", unanswerable=True)


def test_reports_become_questions_in_the_committed_format():
    reports = [Feedback("who runs the port?", ("what happened?",), {}, "down", correction="Ana Ruiz"),
               Feedback("price of tea?", (), {}, "wrong-citation", unanswerable=True),
               Feedback("nice", (), {}, "up"), Feedback("meh", (), {}, "down")]
    records = feedback_questions(reports)
    assert [Question.from_record(r).question for r in records] == ["who runs the port?", "price of tea?"]
    assert records[0]["answers"] == ["Ana Ruiz"] and records[0]["history"] == ["what happened?"]
    assert records[1]["unanswerable"] is True
    assert json.loads(json.dumps(records)) == records
