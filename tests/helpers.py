"""Helpers shared by tests of several packages."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

BARE_WORDS = "{}"
"""``Settings.word_prompt`` for the fake hash embedding: it hashes each word, so a frame of words
around every word would make any two words alike."""


def wait_until_serving(server: subprocess.Popen, probe: Callable[[], object], seconds: float, name: str,
                       log: Path | None = None) -> None:
    """Return once ``probe()`` stops raising; fail if ``server`` exits first or ``seconds`` pass."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            probe()
            return
        except Exception:
            assert server.poll() is None, f"{name} exited" + (f":\n{log.read_text()}" if log else "")
            assert time.monotonic() < deadline, f"{name} did not come up in {seconds:.0f} s"
            time.sleep(0.3)


def upload_at_once(add: Callable[[str, bytes], T], n: int = 20) -> list[T]:
    """Call ``add(filename, data)`` from ``n`` threads at once, each with its own small article
    ``upload_NN.txt`` about the ferry ``VellmarNN``; what each call returned, in order."""

    def upload(i: int) -> T:
        text = f"Harbour report {i}\n\nThe ferry Vellmar{i} sailed from the quay at dawn with {i + 7} passengers aboard."
        return add(f"upload_{i:02d}.txt", text.encode())

    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(upload, range(n)))


def assistant_over(folder: Path, files: dict[str, str], embed_model, word_prompt: str = BARE_WORDS):
    """An `Assistant` over a new corpus in ``folder``/corpus holding ``files`` (name → text),
    indexed into ``folder``/data with ``embed_model``; words are compared bare (a fake model has
    no frame), or in ``word_prompt``'s frame (the real model: `index.settings.Settings.word_prompt`)."""
    from index.settings import Settings
    from qa import Assistant

    corpus = folder / "corpus"
    corpus.mkdir()
    for name, text in files.items():
        (corpus / name).write_text(text)
    settings = Settings(corpus_dir=corpus, data_dir=folder / "data", word_prompt=word_prompt)
    return Assistant.load(settings=settings, embed_model=embed_model)
