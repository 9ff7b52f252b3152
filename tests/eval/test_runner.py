"""The runner replays conversations through the assistant's API; the CLI gates on thresholds."""

import json

import pytest

from eval.cli import main
from eval.questions import Question
from eval.runner import Config, run
from index.settings import Settings
from qa import Assistant
from qa.passages import Passage
from qa.reply import Citation, Reply, Statement

FACT = Passage("Barbara Woodward is Britain's UN ambassador.", "b", "T", None, None, 0, 44, 1.0)


class RecordingAssistant:
    """Answers every question with FACT and remembers how it was asked."""

    settings = Settings()

    def __init__(self):
        self.calls = []

    def ask(self, question, history=(), k=None, answer_mode=None, retrieval=None):
        self.calls.append((question, [r.question for r in history], k, answer_mode, retrieval))
        return Reply(FACT.text + " [1]", [Citation(1, FACT, FACT.text, 0, 44)], True, question, [FACT],
                     [Statement(FACT.text, (1,))])

    replay = Assistant.replay  # the real conversation replay, over this ask


def test_history_is_replayed_as_one_conversation_before_the_question():
    assistant = RecordingAssistant()
    q = Question("f", "What did she say?", answers=("Woodward",), history=("Who is it?", "And then?"))
    result = run(assistant, [q], Config(k=3, retrieval="bm25"))
    assert assistant.calls == [("Who is it?", [], 3, None, "bm25"), ("And then?", ["Who is it?"], 3, None, "bm25"),
                               ("What did she say?", ["Who is it?", "And then?"], 3, None, "bm25")]
    assert result.results[0].verdict.supported and result.metrics["answer_accuracy"] == 1.0


@pytest.mark.slow
def test_run_writes_every_output_and_the_exit_status_follows_the_thresholds(tmp_path, monkeypatch):
    monkeypatch.setenv("QA_DATA_DIR", str(tmp_path / "data"))
    questions = tmp_path / "set.yaml"
    questions.write_text("- {id: a, question: Who is Britain's UN ambassador, answers: [Barbara Woodward],"
                         " sources: [001_1c6d0d9f51e251dc]}\n"
                         "- {id: b, question: Who won the 2022 World Cup, unanswerable: true}\n")
    out = tmp_path / "out"
    assert main(["run", str(questions), "--out", str(out), "--min-supported-accuracy", "1.0"]) == 0
    assert {p.name for p in out.iterdir()} == {"metrics.json", "results.jsonl", "metrics.png", "report.md"}
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["supported_accuracy"] == 1.0 and metrics["refusal_accuracy"] == 1.0
    rows = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert [r["id"] for r in rows] == ["a", "b"] and rows[0]["citations"][0]["article_id"] == "001_1c6d0d9f51e251dc"
    assert rows[0]["notes"] == []
    assert (out / "metrics.png").read_bytes()[:4] == b"\x89PNG"

    # A question it gets wrong: the gate fails, and the report lists the failure first.
    questions.write_text("- {id: a, question: Who is Britain's UN ambassador, answers: [Mickey Mouse]}\n")
    assert main(["run", str(questions), "--out", str(out), "--min-supported-accuracy", "0.5"]) == 1
    report = (out / "report.md").read_text()
    assert report.index("Failures (default): 1 of 1") < report.index("## Metrics")


@pytest.mark.slow
def test_compare_runs_each_configuration_on_the_same_index(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("QA_DATA_DIR", str(tmp_path / "data"))
    questions = tmp_path / "set.jsonl"
    questions.write_text(json.dumps({"id": "a", "question": "How much lethal aid will the US send to Ukraine?",
                                     "answers": ["$275mn"], "sources": ["002_68372f2c8ce85c96"]}) + "\n")
    out = tmp_path / "cmp"
    assert main(["compare", str(questions), "--vary", "retrieval=hybrid,bm25", "--out", str(out)]) == 0
    assert (out / "comparison.png").exists() and (out / "retrieval-bm25" / "metrics.json").exists()
    assert "retrieval=hybrid | retrieval=bm25" in capsys.readouterr().out


def test_unusable_input_exits_2_with_a_message(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- {id: a}\n")
    assert main(["run", str(bad)]) == 2
    assert "record 1 (id 'a'): field 'question'" in capsys.readouterr().err
    good = tmp_path / "good.yaml"
    good.write_text("- {id: a, question: Q, answers: [x]}\n")
    assert main(["compare", str(good), "--vary", "colour=red"]) == 2


def test_only_the_last_turns_of_a_long_history_are_replayed():
    assistant = RecordingAssistant()
    assistant.replay([f"question {i}?" for i in range(200)])
    assert [q for q, *_ in assistant.calls] == [f"question {i}?" for i in range(200 - Settings().max_history, 200)]
