"""Adding and removing single articles (what the app's corpus panel does)."""

import pytest

from index.articles import ArticleError
from index.build import Indexer
from tests.conftest import SEED_CORPUS, SEED_IDS
from tests.index.test_build import assert_consistent

VOLCANO = b"Volcano erupts in Iceland\n\nLava reached the town of Grindavik on Sunday, officials said."


@pytest.fixture
def indexer(settings, fake_model):
    indexer = Indexer.open(settings, embed_model=fake_model)
    indexer.build()
    return indexer


def test_an_upload_is_saved_and_indexed_at_once(indexer, corpus):
    article = indexer.add_file("volcano.txt", VOLCANO)
    assert article.id == "volcano" and (corpus / "volcano.txt").read_bytes() == VOLCANO
    assert_consistent(indexer, corpus)


def test_a_path_in_the_name_cannot_escape_the_corpus(indexer, corpus, tmp_path):
    article = indexer.add_file("../../outside/volcano.txt", VOLCANO)
    assert (corpus / "volcano.txt").exists() and not (tmp_path / "outside").exists()
    assert article.id == "volcano"


@pytest.mark.parametrize("name, data, reason", [
    ("notes.pdf", b"%PDF-1.4", "unsupported file type"),
    ("empty.txt", b"", "empty file"),
    ("big.txt", b"word " * 300_000, "over the limit"),
    ("copy.txt", (SEED_CORPUS / f"{SEED_IDS[0]}.txt").read_bytes(), "duplicate of"),
    (f"{SEED_IDS[1]}.txt", VOLCANO, "already exists"),
    ("...", VOLCANO, "no usable characters"),
])
def test_a_bad_upload_says_why_and_changes_nothing(indexer, corpus, name, data, reason):
    files = sorted(p.name for p in corpus.iterdir())
    chunks = sorted(indexer.store.chunk_ids())
    with pytest.raises(ArticleError, match=reason):
        indexer.add_file(name, data)
    assert sorted(p.name for p in corpus.iterdir()) == files
    assert sorted(indexer.store.chunk_ids()) == chunks


def test_removing_an_article_removes_its_file_and_chunks(indexer, corpus):
    indexer.remove(SEED_IDS[0])
    assert not (corpus / f"{SEED_IDS[0]}.txt").exists()
    assert_consistent(indexer, corpus)
    with pytest.raises(KeyError, match="no article"):
        indexer.remove(SEED_IDS[0])


def test_an_upload_is_marked_as_user_added_through_rebuilds_until_removed(indexer, corpus):
    article = indexer.add_file("harbour.txt", b"Harbour news\n\nThe ferry left the harbour at noon on Monday.")
    assert article.uploaded and indexer.store.article("harbour").uploaded
    assert all(n.metadata["uploaded"] for n in indexer.store.chunk_nodes() if n.metadata["article_id"] == "harbour")
    assert not indexer.store.article("000_488262e5be326c47").uploaded
    indexer.store.delete_article("harbour")  # a rebuild from the folder alone keeps the mark
    indexer.build()
    assert indexer.store.article("harbour").uploaded
    indexer.remove("harbour")
    assert "harbour.txt" not in (corpus / ".uploaded").read_text()
