"""Question sets: YAML, JSON or JSON Lines files, one record per question.

Fields of a record::

    id: uk-ambassador                 # unique within the set
    question: Who is Britain's UN ambassador?
    answers: [Barbara Woodward]       # any one must appear in the reply (case, punctuation,
                                      # whitespace and quote style ignored)
    sources: [001_1c6d0d9f51e251dc]   # optional: articles that support the answer (hit@k, MRR)
    unanswerable: true                # optional: the corpus does not answer it (then no answers)
    history: [Who is ...?]            # optional: earlier user questions of the conversation, in order
    tags: [single, name]              # optional: free labels, to break the metrics down

A YAML or JSON file holds a list of records, or a mapping with ``questions`` (the list) and
optionally ``corpus`` (a folder to index first, relative to the file). A ``.jsonl`` file
holds one record per line.

>>> q = Question.from_record({"id": "a", "question": "Who?", "answers": ["“Desperate alliance”"]})
>>> q.matches("He called it a 'desperate  alliance.'")
True
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

SUFFIXES = (".yaml", ".yml", ".json", ".jsonl")
FIELDS = ("id", "question", "answers", "sources", "unanswerable", "history", "tags")


class QuestionSetError(ValueError):
    """A question file that cannot be used; the message names the file, the record and the field."""


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    answers: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    unanswerable: bool = False
    history: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    @property
    def answerable(self) -> bool:
        return not self.unanswerable

    @classmethod
    def from_record(cls, record: object) -> Question:
        """One checked record; raises ValueError naming the field that is wrong."""
        if not isinstance(record, dict):
            raise ValueError(f"a record must be a mapping of fields, not {type(record).__name__}")
        unknown = sorted(set(record) - set(FIELDS))
        if unknown:
            raise ValueError(f"field {unknown[0]!r}: unknown field (known: {', '.join(FIELDS)})")
        for name in ("id", "question"):
            if not isinstance(record.get(name), (str, int)) or not str(record[name]).strip():
                raise ValueError(f"field {name!r}: required, a non-empty string")
        lists = {name: _strings(record, name) for name in ("answers", "sources", "history", "tags")}
        unanswerable = record.get("unanswerable", False)
        if not isinstance(unanswerable, bool):
            raise ValueError("field 'unanswerable': must be true or false")
        if unanswerable and lists["answers"]:
            raise ValueError("field 'answers': an unanswerable question has no answers")
        if not unanswerable and not lists["answers"]:
            raise ValueError("field 'answers': required (or 'unanswerable: true')")
        return cls(id=str(record["id"]), question=str(record["question"]), unanswerable=unanswerable, **lists)

    def matches(self, text: str) -> bool:
        """Whether an acceptable answer appears in ``text``."""
        folded = normalise(text)
        return any(normalise(a) in folded for a in self.answers)


def normalise(text: str) -> str:
    """Lower case, quotes and dashes unified, punctuation dropped, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[‘’`´]", "'", text).replace("“", '"').replace("”", '"')
    text = re.sub(r"[^\w\s$£€%]", " ", text.replace("'s ", "s ").replace("-", " "))
    return " ".join(text.split())


def load_questions(path: str | Path) -> list[Question]:
    """The questions of one file, checked; raises `QuestionSetError` saying where and what."""
    return load_question_set(path)[0]


def load_question_set(path: str | Path) -> tuple[list[Question], Path | None]:
    """The questions of one file and the corpus folder it names (None: the default corpus)."""
    path = Path(path)
    if path.suffix not in SUFFIXES:
        raise QuestionSetError(f"{path}: unsupported file type {path.suffix!r} (use {', '.join(SUFFIXES)})")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise QuestionSetError(f"{path}: cannot read: {err}") from err
    try:
        if path.suffix == ".jsonl":
            raw = []
            for n, line in enumerate(text.splitlines(), 1):
                if line.strip():
                    try:
                        raw.append(json.loads(line))
                    except json.JSONDecodeError as err:
                        raise QuestionSetError(f"{path}: line {n}: not JSON: {err}") from err
        elif path.suffix == ".json":
            raw = json.loads(text)
        else:
            raw = yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as err:
        raise QuestionSetError(f"{path}: not valid {path.suffix[1:].upper()}: {err}") from err
    corpus = None
    if isinstance(raw, dict):
        corpus = (path.parent / raw["corpus"]).resolve() if raw.get("corpus") else None
        raw = raw.get("questions")
    if not isinstance(raw, list) or not raw:
        raise QuestionSetError(f"{path}: expected a non-empty list of question records")
    questions: list[Question] = []
    for n, record in enumerate(raw, 1):
        name = f"record {n}" + (f" (id {record['id']!r})" if isinstance(record, dict) and "id" in record else "")
        try:
            q = Question.from_record(record)
        except ValueError as err:
            raise QuestionSetError(f"{path}: {name}: {err}") from err
        if any(q.id == other.id for other in questions):
            raise QuestionSetError(f"{path}: {name}: field 'id': duplicate id {q.id!r}")
        questions.append(q)
    return questions, corpus


def _strings(record: dict, name: str) -> tuple[str, ...]:
    value = record.get(name)
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        raise ValueError(f"field {name!r}: must be a list of strings")
    return tuple(str(v) for v in value)
