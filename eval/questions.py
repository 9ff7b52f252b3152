"""Question sets: YAML, JSON or JSON Lines files, one record per question.

Fields of a record::

    id: uk-ambassador                 # unique within the set
    question: Who is Britain's UN ambassador?
    answers: [Barbara Woodward]       # any one must appear in the reply (case, punctuation,
                                      # whitespace and quote style ignored)
    sources: [001_1c6d0d9f51e251dc]   # optional: articles that support the answer (hit@k, MRR)
    unanswerable: true                # optional: the corpus does not answer it (then no answers)
    parts:                            # optional, for questions in several parts: each list must be
    - [Barbara Woodward]              # matched too (any one string of it), so every part is answered
    - [Vassily Nebenzia]
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
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

SUFFIXES = (".yaml", ".yml", ".json", ".jsonl")
FIELDS = ("id", "question", "answers", "parts", "sources", "unanswerable", "history", "tags")


class QuestionSetError(ValueError):
    """A question file that cannot be used; the message names the file, the record and the field."""


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    answers: tuple[str, ...] = ()
    parts: tuple[tuple[str, ...], ...] = ()
    """For a question in several parts: the acceptable answers of each part, all of which must appear."""
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
        parts = _parts(record)
        if unanswerable and parts:
            raise ValueError("field 'parts': an unanswerable question has no parts")
        return cls(id=str(record["id"]), question=str(record["question"]), unanswerable=unanswerable,
                   parts=parts, **lists)

    def matches(self, text: str) -> bool:
        """Whether an acceptable answer, and one of every part, appears in ``text``."""
        return self.matched_across([text])

    def matched_across(self, texts: Iterable[str]) -> bool:
        """Whether an acceptable answer, and one of every part, each appears in one of ``texts``
        (the parts of a question in several parts may come from different passages)."""
        folded = [normalise(t) for t in texts]
        return all(any(normalise(a) in f for a in accepted for f in folded) for accepted in (self.answers, *self.parts))


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
    raw = _read(path)
    corpus = None
    if isinstance(raw, dict):
        corpus = (path.parent / raw["corpus"]).resolve() if raw.get("corpus") else None
        raw = raw.get("questions")
    if not isinstance(raw, list) or not raw:
        raise QuestionSetError(f"{path}: expected a non-empty list of question records")
    return _checked(path, raw), corpus


def _read(path: Path) -> object:
    """The parsed content of a question file, by its suffix."""
    if path.suffix not in SUFFIXES:
        raise QuestionSetError(f"{path}: unsupported file type {path.suffix!r} (use {', '.join(SUFFIXES)})")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise QuestionSetError(f"{path}: cannot read: {err}") from err
    try:
        if path.suffix == ".jsonl":
            return [_json_line(path, n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
        if path.suffix == ".json":
            return json.loads(text)
        return yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as err:
        raise QuestionSetError(f"{path}: not valid {path.suffix[1:].upper()}: {err}") from err


def _json_line(path: Path, number: int, line: str) -> object:
    try:
        return json.loads(line)
    except json.JSONDecodeError as err:
        raise QuestionSetError(f"{path}: line {number}: not JSON: {err}") from err


def _checked(path: Path, records: list) -> list[Question]:
    """Each record as a `Question`; the first bad one raises, naming its number, id and field."""
    questions: list[Question] = []
    for n, record in enumerate(records, 1):
        name = f"record {n}" + (f" (id {record['id']!r})" if isinstance(record, dict) and "id" in record else "")
        try:
            q = Question.from_record(record)
        except ValueError as err:
            raise QuestionSetError(f"{path}: {name}: {err}") from err
        if any(q.id == other.id for other in questions):
            raise QuestionSetError(f"{path}: {name}: field 'id': duplicate id {q.id!r}")
        questions.append(q)
    return questions


def _strings(record: dict, name: str) -> tuple[str, ...]:
    value = record.get(name)
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        raise ValueError(f"field {name!r}: must be a list of strings")
    return tuple(str(v) for v in value)


def _parts(record: dict) -> tuple[tuple[str, ...], ...]:
    value = record.get("parts")
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(p, list) and p for p in value):
        raise ValueError("field 'parts': must be a list of non-empty lists of strings")
    return tuple(_strings({"part": p}, "part") for p in value)
