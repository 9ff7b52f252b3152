"""A digest of the coverage: the few most central statements, each cited to every outlet.

"What's the gist?", "tl;dr", "summarize what the UK said". The statements are sentences of
the articles, chosen so:

1. candidates are the corpus's news sentences (`qa.coverage`), or, with a topic, the
   sentences of the passages retrieved for it, ranked by closeness to the topic (step 3);
2. each sentence is grouped with the same statement in other articles (`qa.extractive`), so
   a fact is one candidate carried by one or more outlets;
3. a candidate's centrality is its mean embedding similarity to all candidates (what the
   coverage keeps coming back to), raised by how many articles carry it, by coming early in
   its article and most for being its lede, its first news sentence (news puts the main point
   first);
4. the digest takes the most central candidates in turn, skipping any too close in meaning
   to one already taken (`SAME_POINT`), between `MIN_POINTS` and `MAX_POINTS` of them, in
   order of centrality.
"""

from __future__ import annotations

import numpy as np

from qa.evidence import Sentence, SentenceEncoder
from qa.extractive import compose, facts_of
from qa.passages import Passage
from qa.reply import Reply, refusal

MIN_POINTS, MAX_POINTS = 3, 6
SAME_POINT = 0.75
"""Embedding similarity above which two statements make the same point."""
CARRIED = 0.05
"""Centrality added for each further article that carries a statement."""
EARLY = 0.05
"""Centrality added to a sentence in the first fifth of its article (falling to none after it)."""
LEDE = 0.1
"""Centrality added to an article's first news sentence: its lede, where news says what happened."""
OVERVIEW = "The main points of the coverage:"


def overview(question: str, sentences: list[Sentence], encoder: SentenceEncoder, passages: list[Passage],
             lengths: dict[str, int], topic: str = "") -> Reply:
    """The digest of ``sentences`` (see the module docstring); ``lengths`` are the articles'
    lengths; with a ``topic``, centrality is closeness to it and ledes weigh no more."""
    if not sentences:
        return refusal(question, passages, reason="There are no articles to summarise.", kind="overview")
    facts = facts_of(sentences)
    vectors = encoder.encode_sentences([f.lead.sentence for f in facts])
    centrality = vectors @ (encoder.query(topic) if topic else vectors.mean(axis=0))
    lede_weight = 0.0 if topic else LEDE
    first: dict[str, int] = {}
    for s in sentences:
        first[s.passage.article_id] = min(first.get(s.passage.article_id, s.start), s.start)
    for i, fact in enumerate(facts):
        s = fact.lead.sentence
        position = s.start / max(lengths.get(s.passage.article_id, 1), 1)
        lede = any(m.sentence.start == first[m.sentence.passage.article_id] for m in fact.members)
        centrality[i] += CARRIED * (len(fact.articles) - 1) + EARLY * max(0.0, 1 - 5 * position) + lede_weight * lede
    chosen: list[int] = []
    for i in np.argsort(-centrality):
        if len(chosen) == MAX_POINTS:
            break
        if all(float(vectors[i] @ vectors[j]) < SAME_POINT for j in chosen):
            chosen.append(int(i))
    if len(chosen) < MIN_POINTS:
        chosen += [int(i) for i in np.argsort(-centrality) if int(i) not in chosen][:MIN_POINTS - len(chosen)]
    return compose(question, passages, [facts[i] for i in chosen], OVERVIEW, float(centrality[chosen[0]]),
                   kind="overview")
