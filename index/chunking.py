"""Sentence-aware chunking with exact character spans.

A chunk is one paragraph (news paragraphs are one idea each), with very short paragraphs
(subheads, kickers) merged into the next one. A paragraph too long for the embedding model
is split between sentences, consecutive pieces sharing one sentence of overlap. A chunk is
never split inside a sentence, except a single sentence longer than the model's limit,
which is split at a clause (or word) boundary with a warning rather than truncated silently.

Every chunk knows its span in the cleaned article text: ``article.text[c.start:c.end] == c.text``.
Because paragraphs are chunked alone, a paragraph that two outlets print alike becomes two
near-identical chunks, which retrieval then recognises as one passage carried by both.

>>> chunks = chunk_text("a1", "One two. Three four.\\n\\nFive six seven.", count_tokens=lambda s: len(s.split()),
...                     max_tokens=3, min_tokens=1)
>>> [(c.text, c.start, c.end) for c in chunks]
[('One two.', 0, 8), ('Three four.', 9, 20), ('Five six seven.', 22, 37)]
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from index.text import Span, paragraph_spans, sentence_spans

log = logging.getLogger(__name__)

TokenCounter = Callable[[str], int]

_CLAUSE_BREAK = re.compile(r"[,;:—–]\s+|\s+(?=and |but |while |which |as )")


@dataclass(frozen=True)
class Chunk:
    """A piece of one article, small enough to embed whole."""

    article_id: str
    index: int
    text: str
    start: int
    end: int


def chunk_text(
    article_id: str, text: str, count_tokens: TokenCounter, max_tokens: int, min_tokens: int
) -> list[Chunk]:
    """The chunks of one cleaned article text, in reading order."""
    spans: list[Span] = []
    pending: Span | None = None  # short paragraphs waiting to join the next one
    for para in paragraph_spans(text):
        if pending is not None:
            merged = (pending[0], para[1])
            if count_tokens(text[merged[0]:merged[1]]) <= max_tokens:
                para = merged
            else:
                spans.append(pending)
            pending = None
        size = count_tokens(text[para[0]:para[1]])
        if size < min_tokens:
            pending = para
        elif size <= max_tokens:
            spans.append(para)
        else:
            spans.extend(_split_paragraph(text, para, count_tokens, max_tokens, article_id))
    if pending is not None:
        spans.append(pending)
    return [Chunk(article_id, i, text[s:e], s, e) for i, (s, e) in enumerate(spans)]




def _split_paragraph(
    text: str, para: Span, count_tokens: TokenCounter, max_tokens: int, article_id: str
) -> Iterator[Span]:
    """Pieces of a long paragraph, whole sentences each, one sentence of overlap between pieces."""
    sentences: list[Span] = []
    for s in sentence_spans(text, para):
        if count_tokens(text[s[0]:s[1]]) <= max_tokens:
            sentences.append(s)
        else:
            log.warning("%s: a sentence of more than %d tokens was split at clause boundaries "
                        "(chars %d-%d)", article_id, max_tokens, *s)
            sentences.extend(_split_sentence(text, s, count_tokens, max_tokens))
    first = 0
    while first < len(sentences):
        last = first
        while last + 1 < len(sentences) and count_tokens(
                text[sentences[first][0]:sentences[last + 1][1]]) <= max_tokens:
            last += 1
        yield sentences[first][0], sentences[last][1]
        if last + 1 >= len(sentences):
            break
        # Start the next piece on this piece's last sentence, unless that would not advance.
        first = last if last > first else last + 1


def _split_sentence(text: str, span: Span, count_tokens: TokenCounter, max_tokens: int) -> list[Span]:
    """An over-long sentence cut at clause boundaries, or at spaces where a clause is still too long."""
    start, end = span
    boundaries = [m.end() for m in _CLAUSE_BREAK.finditer(text, start, end)] + [end]
    pieces: list[Span] = []
    piece_start = fits_until = start
    for boundary in boundaries:
        if count_tokens(text[piece_start:boundary]) <= max_tokens:
            fits_until = boundary
            continue
        if fits_until > piece_start:
            pieces.append((piece_start, fits_until))
            piece_start = fits_until
        if count_tokens(text[piece_start:boundary]) <= max_tokens:
            fits_until = boundary
        else:
            pieces.extend(_split_words(text, (piece_start, boundary), count_tokens, max_tokens))
            piece_start = fits_until = boundary
    if piece_start < end:
        pieces.append((piece_start, end))
    return [_strip(text, p) for p in pieces]


def _split_words(text: str, span: Span, count_tokens: TokenCounter, max_tokens: int) -> list[Span]:
    start, end = span
    pieces: list[Span] = []
    piece_start = fits_until = start
    for word in re.finditer(r"\S+", text[start:end]):
        word_end = start + word.end()
        if count_tokens(text[piece_start:word_end]) > max_tokens and fits_until > piece_start:
            pieces.append((piece_start, fits_until))
            piece_start = start + word.start()
        fits_until = word_end
    pieces.append((piece_start, end))
    return [_strip(text, p) for p in pieces]


def _strip(text: str, span: Span) -> Span:
    start, end = span
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end
