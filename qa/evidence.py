"""How well each sentence of the retrieved passages answers a question.

A sentence's *support* blends two kinds of evidence, each in 0..1:

- meaning: cosine similarity of the question and the sentence under the embedding model;
- words: the share of the question's content words (names and numbers count double) that the
  sentence states, with half credit for words found only elsewhere in its passage
  ("he said" sentences lean on their paragraph).

A question that asks for a kind of answer (an amount of money, a count, a time, a person) is
only well supported by a sentence that has one: otherwise the support is halved. When no
retrieved passage has a name the question mentions, all support is weakened. Thresholds on the
support are calibrated on a question set (``eval``), never on single questions.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding

from index.text import MONTHS, WEEKDAYS, content_terms, is_instruction, name_terms, numbers, person_name, sentence_spans
from qa.passages import Passage

WORD_WEIGHT = 0.5
"""Share of the words evidence in the support (the rest is meaning)."""
NAME_MISSING = 0.6
"""Support factor when no retrieved passage has a name or number the question mentions."""

_TIME_WORDS = "|".join(("today|yesterday|tomorrow|year|month|week|day|summer|winter|spring|autumn|since|ago",
                        *WEEKDAYS, *MONTHS, r"\d{4}"))
_QUANTITY = (r"\d[\d,.]*\w*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?"
             r"|thousands?|millions?|billions?|several|many|few")
_ANSWER_KINDS = {
    "money": re.compile(r"\b(price|cost|costs|costing|worth|spend|spent|paid|pay|budget)\b", re.I),
    "number": re.compile(r"^(how (many|much)|what (is|was|were|are) the (\w+ )?(number|amount|total|count|toll))\b|\bhow (old|long|far)\b", re.I),
    "time": re.compile(r"^((on|in|by|since|until) )?(when|what (year|date|day|month|time))\b", re.I),
    "person": re.compile(r"^whom?\b", re.I),  # not "whose": "whose risk" may be a region's
}
_ANSWERS = {
    "money": re.compile(r"[$£€¥]\s?\d|\b\d[\d,.]*\s?(mn|bn|m|million|billion|dollars?|euros?|pounds?|rubles?|rials?)\b", re.I),
    "time": re.compile(rf"\b({_TIME_WORDS})\b", re.I),
    "person": re.compile(r"\b(he|she|officials?|spokesm[ae]n|spokesperson|minister|secretary|ambassador)\b", re.I),
}
_ASKING = re.compile(r"\b(who|whom|whose|what|which|when|where|why|how( (many|much|long|old|far))?)\b", re.I)
"""Question words: they say what kind of answer is wanted, not what it is about."""
_COUNTED = re.compile(r"^how (many|much)\s+(.*)$", re.I)


@dataclass(frozen=True)
class Query:
    """A question as the evidence scores measure sentences against it: its terms, names, the kind
    of answer it asks for and its embedding."""

    text: str
    terms: dict[str, float]
    """Content terms and their weights (names and numbers weigh 2)."""
    names: frozenset[str]
    """Terms of the names (capitalised words) and numbers in the question."""
    kind: str | None
    """``money``, ``number``, ``time``, ``person`` or None: the kind of answer asked for."""
    counted: tuple[str, ...]
    """For "how many X": the terms of X, which a number in the answer must count."""
    vector: np.ndarray

    @classmethod
    def of(cls, text: str, encoder: SentenceEncoder) -> Query:
        text = text.strip()
        names = frozenset(name_terms(text) | set(numbers(text)))
        terms = {t: (2.0 if t in names else 1.0) for t in content_terms(_ASKING.sub("", text))}
        kind = next((k for k, asks in _ANSWER_KINDS.items() if asks.search(text)), None)
        counted = _COUNTED.match(text)
        return cls(text, terms, names, kind, tuple(content_terms(counted[2])[:2]) if counted else (),
                   encoder.query(text))

    def fits(self, sentence: str) -> bool:
        """Whether ``sentence`` has the kind of answer the question asks for (True when any will do)."""
        if self.kind == "number":
            return _counts(sentence, self.counted, exclude=set(numbers(self.text)))
        if self.kind == "person" and person_name(sentence):
            return True
        return self.kind is None or bool(_ANSWERS[self.kind].search(sentence))


@dataclass(frozen=True)
class Sentence:
    """One sentence of one copy of a retrieved passage, at ``start:end`` in its article."""

    text: str
    passage: Passage
    start: int
    end: int
    rank: int
    """Rank of the passage it comes from (0 = best)."""


@dataclass(frozen=True)
class Scored:
    sentence: Sentence
    meaning: float
    words: float
    fits: bool
    support: float


def sentences_of(passages: Sequence[Passage]) -> list[Sentence]:
    """Every sentence of every copy of ``passages``, in rank order, except instructions to an AI."""
    found = []
    for rank, passage in enumerate(passages):
        for copy in passage.copies:
            for s, e in sentence_spans(copy.text):
                if not is_instruction(copy.text[s:e]):
                    found.append(Sentence(copy.text[s:e], copy, copy.start + s, copy.start + e, rank))
    return found


def score(question: Query, sentences: Sequence[Sentence], encoder: SentenceEncoder) -> list[Scored]:
    """Each sentence's support for ``question``, best first."""
    if not sentences:
        return []
    vectors = encoder.encode([s.text for s in sentences])
    meanings = np.clip(vectors @ question.vector, 0.0, 1.0)
    total = sum(question.terms.values()) or 1.0
    passage_terms: dict[int, set[str]] = {}
    sentence_terms = [set(content_terms(s.text)) for s in sentences]
    evidence_terms = set().union(*sentence_terms) | {n for s in sentences for n in numbers(s.text)}
    # A name counts as present when a word starts like it: "British" is there where "Britain" is.
    prefixes = {t[:4] for t in evidence_terms}
    names_missing = any(n not in evidence_terms and n[:4] not in prefixes for n in question.names)
    scored = []
    for sentence, own, meaning in zip(sentences, sentence_terms, meanings):
        context = passage_terms.setdefault(id(sentence.passage), set(content_terms(sentence.passage.text)))
        words = sum(w if t in own else w / 2 if t in context else 0.0 for t, w in question.terms.items()) / total
        fits = question.fits(sentence.text)
        support = ((1 - WORD_WEIGHT) * float(meaning) + WORD_WEIGHT * words) * (1.0 if fits else 0.5)
        support *= NAME_MISSING if names_missing else 1.0
        scored.append(Scored(sentence, float(meaning), words, fits, support))
    return sorted(scored, key=lambda s: (-s.support, s.sentence.rank))


class SentenceEncoder:
    """Normalised embeddings of sentences and questions, with an LRU cache of sentence vectors.

    The same passages come back for related questions (and for every follow-up), so most
    sentences are embedded once.
    """

    def __init__(self, embed_model: BaseEmbedding, cache_size: int = 20_000):
        self.embed_model = embed_model
        self.cache_size = cache_size
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def query(self, text: str) -> np.ndarray:
        return _unit(np.asarray(self.embed_model.get_query_embedding(text), dtype=np.float32))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            fresh = self.embed_model.get_text_embedding_batch(missing)
            with self._lock:
                for text, vector in zip(missing, fresh):
                    self._cache[text] = _unit(np.asarray(vector, dtype=np.float32))
                while len(self._cache) > self.cache_size:
                    self._cache.popitem(last=False)
        with self._lock:
            for t in texts:
                self._cache.move_to_end(t)
            return np.stack([self._cache[t] for t in texts])


def _counts(sentence: str, counted: Sequence[str], exclude: set[str]) -> bool:
    """A quantity in ``sentence`` that is not one of the question's own numbers, within a few
    words before one of the ``counted`` terms (anywhere, when nothing in particular is counted)."""
    words = re.findall(r"[$£€]?[\w’']+", sentence)  # "nine-month" is "nine" before "month"
    terms = [content_terms(w) for w in words]
    for i, word in enumerate(words):
        if re.fullmatch(rf"[$£€]?({_QUANTITY})", word, re.I) and not set(numbers(word)) & exclude:
            if not counted or any(t in counted for ts in terms[i + 1:i + 5] for t in ts):
                return True
    return False


def _unit(v: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(v))
    return v / norm if norm else v
