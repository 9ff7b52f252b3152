"""A corpus and a question set from HotpotQA's distractor setting, a public QA benchmark.

HotpotQA (CC BY-SA 4.0) asks questions over Wikipedia paragraphs; in its distractor setting
each question comes with ten paragraphs, two that hold the answer and eight retrieved to
look relevant. Nobody here wrote them, so they test the answerer on text and questions it
was never shaped by. The data is not in this repository: download
``hotpot_dev_distractor_v1.json`` from the HotpotQA site, then::

    python -m eval import-hotpotqa hotpot_dev_distractor_v1.json --out eval/runs/hotpotqa --questions 200
    python -m eval run eval/runs/hotpotqa/questions.yaml

Each distinct paragraph becomes one article (a markdown file whose front matter gives its
Wikipedia title and "Wikipedia" as the outlet); each question becomes a record whose
``answers`` is HotpotQA's answer and whose ``sources`` are the articles of its supporting
facts. Yes/no questions keep their answer ("yes"/"no") and are tagged ``comparison``.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Imported:
    corpus: Path
    questions: Path
    articles: int
    records: int


def article_id(title: str) -> str:
    """A stable file stem for a Wikipedia title.

    >>> article_id("Scott Derrickson")
    'scott-derrickson-197f8b11'
    """
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "article"
    return f"{slug}-{hashlib.sha1(title.encode()).hexdigest()[:8]}"


def import_hotpotqa(source: Path, out: Path, limit: int | None = None) -> Imported:
    """Write ``out/corpus/*.md`` and ``out/questions.yaml`` from a HotpotQA JSON file.

    Raises ValueError naming the record and field that is not in HotpotQA's format.
    """
    try:
        examples = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ValueError(f"{source}: cannot read a HotpotQA JSON file: {err}") from err
    if not isinstance(examples, list):
        raise ValueError(f"{source}: expected a JSON list of HotpotQA examples")
    corpus = out / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    paragraphs: dict[str, str] = {}
    records = []
    for n, example in enumerate(examples[:limit], 1):
        try:
            context = {title: "".join(sentences).strip() for title, sentences in example["context"]}
            support = sorted({title for title, _ in example["supporting_facts"]})
            question, answer = str(example["question"]), str(example["answer"])
        except (KeyError, TypeError, ValueError) as err:
            raise ValueError(f"{source}: example {n}: not in HotpotQA's format ({err!r})") from err
        for title, text in context.items():
            paragraphs.setdefault(title, text)
        records.append({
            "id": str(example.get("_id", n)), "question": question, "answers": [answer],
            "sources": [article_id(t) for t in support],
            "tags": [str(example.get("type", "")), str(example.get("level", ""))],
        })
    for title, text in paragraphs.items():
        front = yaml.safe_dump({"title": title, "outlet": "Wikipedia"}, allow_unicode=True, sort_keys=False)
        (corpus / f"{article_id(title)}.md").write_text(f"---\n{front}---\n\n{text}\n", encoding="utf-8")
    questions = out / "questions.yaml"
    questions.write_text(yaml.safe_dump({"corpus": "corpus", "questions": records}, allow_unicode=True,
                                        sort_keys=False), encoding="utf-8")
    return Imported(corpus, questions, len(paragraphs), len(records))
