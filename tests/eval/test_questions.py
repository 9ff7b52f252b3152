"""The question-set format: YAML, JSON and JSONL; clear messages for invalid files."""

import json

import pytest

from eval.questions import QuestionSetError, load_question_set, load_questions
from index.settings import PROJECT_ROOT

RECORDS = [
    {"id": "a", "question": "Who is Britain's UN ambassador?", "answers": ["Barbara Woodward"],
     "sources": ["001"], "tags": ["name"]},
    {"id": "b", "question": "What did she say?", "answers": ["concerned"], "history": ["Who is Britain's UN ambassador?"]},
    {"id": "c", "question": "Who won the World Cup?", "unanswerable": True},
]


@pytest.mark.parametrize("suffix", [".yaml", ".json", ".jsonl"])
def test_the_three_formats_load_the_same_questions(tmp_path, suffix):
    path = tmp_path / f"set{suffix}"
    if suffix == ".jsonl":
        path.write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n")
    else:
        path.write_text(json.dumps(RECORDS))  # JSON is YAML too
    questions = load_questions(path)
    assert [q.id for q in questions] == ["a", "b", "c"]
    assert questions[1].history == ("Who is Britain's UN ambassador?",) and questions[2].unanswerable
    assert questions[0].sources == ("001",) and questions[0].tags == ("name",)


def test_a_set_can_name_its_corpus(tmp_path):
    path = tmp_path / "set.yaml"
    path.write_text("corpus: articles\nquestions:\n- {id: a, question: Who, answers: [X]}\n")
    assert load_question_set(path)[1] == (tmp_path / "articles").resolve()


@pytest.mark.parametrize("content, message", [
    ("- {id: a, question: Who}", "record 1 (id 'a'): field 'answers': required"),
    ("- {id: a, question: '', answers: [x]}", "record 1 (id 'a'): field 'question': required"),
    ("- {id: a, question: Who, answers: x}", "field 'answers': must be a list of strings"),
    ("- {id: a, question: Who, answers: [x], unanswerable: true}", "an unanswerable question has no answers"),
    ("- {id: a, question: Who, answer: [x]}", "field 'answer': unknown field"),
    ("- {id: a, question: Who, unanswerable: 'yes'}", "field 'unanswerable': must be true or false"),
    ("- {id: a, question: Who, answers: [x]}\n- {id: a, question: Why, answers: [y]}",
     "record 2 (id 'a'): field 'id': duplicate"),
    ("- just a string", "record 1: a record must be a mapping"),
    ("questions: [", "not valid YAML"),
    ("[]", "expected a non-empty list"),
])
def test_invalid_files_name_the_record_and_the_field(tmp_path, content, message):
    path = tmp_path / "bad.yaml"
    path.write_text(content)
    with pytest.raises(QuestionSetError) as err:
        load_questions(path)
    assert str(err.value).startswith(str(path)) and message in str(err.value)


def test_bad_jsonl_line_and_file_type(tmp_path):
    (tmp_path / "bad.jsonl").write_text('{"id": "a", "question": "Q", "answers": ["x"]}\n{oops\n')
    with pytest.raises(QuestionSetError, match="line 2: not JSON"):
        load_questions(tmp_path / "bad.jsonl")
    (tmp_path / "set.csv").write_text("id,question")
    with pytest.raises(QuestionSetError, match=r"unsupported file type '\.csv'"):
        load_questions(tmp_path / "set.csv")


@pytest.mark.parametrize("reply, ok", [
    ("He called it a “desperate alliance.”", True), ("a DESPERATE   alliance", True),
    ("a 'desperate-alliance'", True), ("a desperate coalition", False),
])
def test_matching_ignores_case_punctuation_whitespace_and_quote_style(reply, ok):
    from eval.questions import Question

    assert Question("x", "?", answers=('"Desperate alliance"', "never said")).matches(reply) is ok


def test_the_seed_set_is_what_the_issue_asks_for():
    questions = load_questions(PROJECT_ROOT / "eval" / "questions" / "seed.yaml")
    assert len(questions) >= 40
    assert sum(q.unanswerable for q in questions) >= 8 and sum(bool(q.history) for q in questions) >= 5
    seed_ids = {p.stem for p in (PROJECT_ROOT / "corpus").glob("*.txt")}
    assert {s for q in questions for s in q.sources} == seed_ids


def test_a_question_in_parts_matches_only_when_every_part_is_answered(tmp_path):
    path = tmp_path / "parts.yaml"
    path.write_text(json.dumps([{"id": "p", "question": "Who spoke for the UK and Russia?",
                                 "answers": ["Woodward", "Nebenzia"],
                                 "parts": [["Barbara Woodward", "Woodward"], ["Nebenzia"]]}]))
    q = load_questions(path)[0]
    assert q.parts == (("Barbara Woodward", "Woodward"), ("Nebenzia",))
    assert q.matches("Woodward spoke. Then Vassily Nebenzia denied it.")
    assert not q.matches("Barbara Woodward spoke.")


@pytest.mark.parametrize("parts", [["Woodward"], [[]], "Woodward"])
def test_bad_parts_are_named(tmp_path, parts):
    path = tmp_path / "bad.yaml"
    path.write_text(json.dumps([{"id": "p", "question": "Who?", "answers": ["x"], "parts": parts}]))
    with pytest.raises(QuestionSetError, match="record 1 \\(id 'p'\\): field 'parts': must be a list of non-empty lists"):
        load_questions(path)
