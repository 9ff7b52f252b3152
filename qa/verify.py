"""Does a passage say what a sentence citing it says? The check applied to generated replies.

A sentence (a claim) is supported by a passage when, all three:

- every number in the sentence is in the passage ("$100 million" cannot come from "$275mn");
- most of its content words are in the passage, and every name (capitalised word) is;
- one sentence of the passage is close to it in meaning (embedding cosine).

The check is deliberately strict: a true sentence in words the passage does not use is
removed, which costs a little recall; a false one kept would cost the reader's trust.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from index.instructions import is_instruction
from index.text import content_terms, name_terms, numbers, overlap, sentence_spans
from qa.evidence import SentenceEncoder
from qa.passages import Passage

MIN_WORDS = 0.7
"""Share of the sentence's content words the passage must contain."""
MIN_MEANING = 0.55
"""Cosine similarity to the closest passage sentence."""


@dataclass(frozen=True)
class Evidence:
    """The sentence of ``passage`` (at ``start:end`` in its article) that supports a claim."""

    passage: Passage
    quote: str
    start: int
    end: int


def find_evidence(claim: str, passages: Sequence[Passage], encoder: SentenceEncoder) -> list[Evidence]:
    """For each of ``passages`` that supports ``claim``, the sentence that does, in order."""
    claim_numbers, terms, names = set(numbers(claim)), content_terms(claim), name_terms(claim)
    if not terms:
        return []
    claim_vector = None
    found = []
    for passage in passages:
        text = passage.text
        have = set(content_terms(text))
        if not claim_numbers <= set(numbers(text)) or not names <= have \
                or overlap(terms, have) < MIN_WORDS:
            continue
        spans = [(s, e) for s, e in sentence_spans(text) if not is_instruction(text[s:e])]
        if not spans:
            continue
        if claim_vector is None:
            claim_vector = encoder.query(claim)
        similarity = encoder.encode([text[s:e] for s, e in spans], [passage.article_id] * len(spans)) @ claim_vector
        best = int(np.argmax(similarity))
        if similarity[best] >= MIN_MEANING:
            s, e = spans[best]
            found.append(Evidence(passage, text[s:e], passage.start + s, passage.start + e))
    return found
