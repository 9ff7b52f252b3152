"""Shared fixtures: settings in a temporary folder, the seed corpus, fakes and the real model."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from _pytest.doctest import DoctestItem

from index.settings import PROJECT_ROOT, Settings
from tests.fakes import HashEmbedding
from tests.helpers import BARE_WORDS

SEED_CORPUS = PROJECT_ROOT / "corpus"
SEED_IDS = sorted(p.stem for p in SEED_CORPUS.glob("*.txt"))


def pytest_collection_modifyitems(items):
    """Doctests that open the real index load the real model: they are slow end-to-end tests."""
    for item in items:
        if isinstance(item, DoctestItem) and "Retriever.load" in "".join(e.source for e in item.dtest.examples):
            item.add_marker(pytest.mark.slow)
        if isinstance(item, DoctestItem) and "Assistant.load" in "".join(e.source for e in item.dtest.examples):
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A private copy of the seed corpus that a test may change."""
    folder = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, folder)
    return folder


@pytest.fixture
def settings(tmp_path: Path, corpus: Path) -> Settings:
    return Settings(corpus_dir=corpus, data_dir=tmp_path / "data", word_prompt=BARE_WORDS)


@pytest.fixture
def fake_model() -> HashEmbedding:
    return HashEmbedding()


@pytest.fixture(scope="session")
def real_model():
    from index.embedding import load_embed_model

    return load_embed_model(Settings())

