"""Question sets: YAML, JSON or JSON Lines files of questions with what a good reply contains.

One question is a mapping::

    id: uk-ambassador              # unique within the set
    question: Who is Britain's UN ambassador?
    expect: [Barbara Woodward]     # every entry must appear in the reply (case-insensitive);
                                   # "a|b" accepts either alternative
    articles: [001_1c6d0d9f51e251dc]  # articles that carry the answer (retrieval metrics)
    answerable: true               # default; false: the right reply is "the articles do not say"
    follows: other-id              # a follow-up: asked after that question, in one conversation
    tags: [single, name]           # free labels, to break metrics down

A YAML/JSON file holds ``{"questions": [...]}`` or a bare list; a ``.jsonl`` file one question per line.

>>> q = Question.from_dict({"id": "a", "question": "Who?", "expect": ["X|Y"]})
>>> q.matches("It was y."), q.answerable
(True, True)
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml

SUFFIXES = (".yaml", ".yml", ".json", ".jsonl")


class QuestionSetError(ValueError):
    """A question file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    expect: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    answerable: bool = True
    follows: str | None = None
    tags: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, raw: dict) -> Question:
        unknown = set(raw) - {"id", "question", "expect", "articles", "answerable", "follows", "tags"}
        if unknown:
            raise ValueError(f"unknown field(s) {', '.join(sorted(unknown))}")
        if not isinstance(raw.get("question"), str) or not raw["question"].strip():
            raise ValueError("'question' must be a non-empty string")
        as_tuple = lambda key: tuple(str(v) for v in (raw.get(key) or ()))  # noqa: E731
        return cls(id=str(raw.get("id") or raw["question"]), question=raw["question"], expect=as_tuple("expect"),
                   articles=as_tuple("articles"), answerable=bool(raw.get("answerable", True)),
                   follows=raw.get("follows"), tags=as_tuple("tags"))

    def matches(self, reply_text: str) -> bool:
        """Every expected string (one of its ``|`` alternatives) is in ``reply_text``."""
        text = _fold(reply_text)
        return all(any(_fold(alt) in text for alt in want.split("|")) for want in self.expect)

    def found_in(self, quote: str) -> bool:
        """Some expected string is in ``quote`` (a cited passage)."""
        text = _fold(quote)
        return any(_fold(alt) in text for want in self.expect for alt in want.split("|"))


def load_questions(path: str | Path) -> list[Question]:
    """The questions of one file, checked: unique ids, follow-ups pointing at earlier questions."""
    path = Path(path)
    if path.suffix not in SUFFIXES:
        raise QuestionSetError(f"{path}: unsupported question file type {path.suffix!r} "
                               f"(use {', '.join(SUFFIXES)})")
    try:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".jsonl":
            raw = [json.loads(line) for line in text.splitlines() if line.strip()]
        elif path.suffix == ".json":
            raw = json.loads(text)
        else:
            raw = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, yaml.YAMLError) as err:
        raise QuestionSetError(f"{path}: cannot read questions: {err}") from err
    if isinstance(raw, dict):
        raw = raw.get("questions")
    if not isinstance(raw, list) or not raw:
        raise QuestionSetError(f"{path}: expected a non-empty list of questions")
    questions: list[Question] = []
    seen: set[str] = set()
    for n, item in enumerate(raw, 1):
        try:
            if not isinstance(item, dict):
                raise ValueError("a question must be a mapping with at least 'question'")
            q = Question.from_dict(item)
            if q.id in seen:
                raise ValueError(f"duplicate id {q.id!r}")
            if q.follows is not None and q.follows not in seen:
                raise ValueError(f"'follows: {q.follows}' does not name an earlier question")
        except ValueError as err:
            raise QuestionSetError(f"{path}: question {n}: {err}") from err
        seen.add(q.id)
        questions.append(q)
    return questions


def conversation(question: Question, by_id: dict[str, Question]) -> list[Question]:
    """The earlier questions of ``question``'s conversation, oldest first."""
    chain: list[Question] = []
    current = question
    while current.follows is not None:
        current = by_id[current.follows]
        chain.insert(0, current)
    return chain


def _fold(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").replace("\u2019", "'").split())
