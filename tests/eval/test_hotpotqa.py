"""Turning a HotpotQA distractor file into a corpus and a question set (made-up examples)."""

import json

from eval.cli import main
from eval.hotpotqa import article_id
from eval.questions import load_question_set
from index.articles import scan_corpus

EXAMPLES = [
    {"_id": "q1", "question": "Which river flows past the town where the Vellmar glass works stood?",
     "answer": "Fulda", "type": "bridge", "level": "hard",
     "supporting_facts": [["Vellmar glass works", 0], ["Vellmar", 1]],
     "context": [["Vellmar glass works", ["The Vellmar glass works stood in Vellmar.", " It closed in 1931."]],
                 ["Vellmar", ["Vellmar is a town in Hesse.", " The Fulda flows past Vellmar."]],
                 ["Kassel", ["Kassel is a city in Hesse."]]]},
    {"_id": "q2", "question": "Are Vellmar and Kassel both in Hesse?", "answer": "yes", "type": "comparison",
     "level": "easy", "supporting_facts": [["Vellmar", 0], ["Kassel", 0]],
     "context": [["Vellmar", ["Vellmar is a town in Hesse.", " The Fulda flows past Vellmar."]],
                 ["Kassel", ["Kassel is a city in Hesse."]]]},
]


def test_each_paragraph_becomes_one_article_and_each_question_a_record(tmp_path, capsys):
    source = tmp_path / "hotpot.json"
    source.write_text(json.dumps(EXAMPLES))
    assert main(["import-hotpotqa", str(source), "--out", str(tmp_path / "out")]) == 0
    assert "2 questions, 3 articles" in capsys.readouterr().out
    questions, corpus = load_question_set(tmp_path / "out" / "questions.yaml")
    assert corpus == (tmp_path / "out" / "corpus").resolve()
    assert [q.answers for q in questions] == [("Fulda",), ("yes",)]
    assert questions[0].sources == (article_id("Vellmar"), article_id("Vellmar glass works"))
    scan = scan_corpus(corpus, 10**6)
    assert not scan.problems
    vellmar = next(a for a in scan.articles if a.id == article_id("Vellmar"))
    assert vellmar.title == "Vellmar" and vellmar.outlet == "Wikipedia"
    assert vellmar.text.endswith("Vellmar is a town in Hesse. The Fulda flows past Vellmar.")


def test_a_file_not_in_hotpotqa_format_is_named(tmp_path, capsys):
    source = tmp_path / "bad.json"
    source.write_text(json.dumps([{"question": "Where?"}]))
    assert main(["import-hotpotqa", str(source), "--out", str(tmp_path / "out")]) == 2
    assert "example 1: not in HotpotQA's format" in capsys.readouterr().err
