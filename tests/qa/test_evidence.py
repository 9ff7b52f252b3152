"""The sentence encoder's use of the vectors stored at index time."""

import numpy as np

from qa.evidence import SentenceEncoder
from tests.fakes import HashEmbedding


def test_a_text_several_articles_repeat_is_looked_up_once():
    """Syndicated copies repeat sentences word for word: one text has one vector, read once."""
    asked: list[list[tuple[str, str]]] = []

    def stored(pairs):
        asked.append(list(pairs))
        return {t: np.ones(4, dtype=np.float32) for _, t in pairs}

    encoder = SentenceEncoder(HashEmbedding(), stored=stored)
    texts = ["Ferries resume on Monday.", "Ferries resume on Monday.", "The port reopens.", "Ferries resume on Monday."]
    vectors = encoder.encode(texts, ["wire", "paper", "paper", "radio"])
    assert asked == [[("wire", "Ferries resume on Monday."), ("paper", "The port reopens.")]]
    assert vectors.shape == (4, 4) and np.allclose(vectors[0], vectors[3])
    encoder.encode(texts, ["radio", "wire", "wire", "paper"])
    assert len(asked) == 1  # all of them cached by now
