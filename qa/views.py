"""The whole-corpus views every question needs (`Coverage`, `Vocabulary`), kept on disk between processes.

Both are built from every indexed article and chunk: about 20 s of regular expressions and
sentence splitting for 11,000 chunks, which the first question of every process paid. They
depend only on the store's chunks and on the code that builds them, so they are pickled once
per chunk fingerprint (`index.lexical.fingerprint`) and `code_version` into
``<data dir>/views/<store>/`` and read back by the next process (a fraction of a second at that
size). A cache that does not load is rebuilt; it is written whole (a temporary file renamed
into place), and the files of other fingerprints are removed. Like the BM25 cache, it is the
app's own file in its own data folder.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import pickle
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path

import numpy as np

from qa.coverage import Coverage
from qa.wording import Vocabulary

log = logging.getLogger(__name__)

_PACKAGES = ("index", "qa")
"""The packages whose code builds the views: any change to their sources makes a new cache."""


@dataclass
class CorpusViews:
    """The corpus as questions see it: its coverage (outlets, sentences, speakers), its words, and
    the stored vectors of what its speakers say."""

    coverage: Coverage
    vocabulary: Vocabulary
    said: TextVectors = field(default_factory=lambda: TextVectors.of({}))
    """The vectors stored at index time of the `Coverage.statements` sentences: a question about
    what someone said ranks every statement of theirs by meaning (thousands for one speaker of the
    generated 100k-chunk bench corpus),
    and reading those from the store took longer than the rest of the answer."""


@dataclass
class TextVectors:
    """Vectors by text, in one matrix (kept and read back in one piece)."""

    rows: dict[str, int]
    matrix: np.ndarray

    @classmethod
    def of(cls, vectors: dict[str, np.ndarray]) -> TextVectors:
        matrix = np.stack(list(vectors.values())) if vectors else np.zeros((0, 0), np.float32)
        return cls({text: i for i, text in enumerate(vectors)}, matrix)

    def get(self, text: str) -> np.ndarray | None:
        row = self.rows.get(text)
        return None if row is None else self.matrix[row]


@functools.cache
def code_version() -> str:
    """A hash of the sources of `_PACKAGES`, so a cache never outlives the code that wrote it.

    Taken when this module is imported (below), with the rest of the code: a process that runs
    on while its sources are replaced (an update) must not keep its views under the new code's name."""
    digest = hashlib.sha256()
    root = Path(__file__).resolve().parents[1]
    for package in _PACKAGES:
        for path in sorted((root / package).glob("*.py")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


code_version()  # now, as the code is imported (see its docstring)


def cached_views(folder: Path, fingerprint: str, build: Callable[[], CorpusViews],
                 current: Callable[[], str] | None = None) -> CorpusViews:
    """The views of the chunks with ``fingerprint``: read from ``folder`` if they were kept there,
    else ``build()``-t, prepared (every lazy part computed) and kept, unless ``current()`` (the
    store's fingerprint now) says the chunks changed while they were built (an upload beside it)."""
    path = Path(folder) / f"{fingerprint}-{code_version()}.pickle"
    if path.is_file():
        try:
            with open(path, "rb") as f:
                views = pickle.load(f)
            missing = [f.name for f in fields(CorpusViews) if f.name not in vars(views)] \
                if isinstance(views, CorpusViews) else None
            if missing == []:
                return views
            problem = f"it holds a {type(views).__name__}" if missing is None else f"it lacks {', '.join(missing)}"
        except Exception as error:  # any damage: truncated or garbled
            problem = f"{type(error).__name__}: {error}"
        log.warning("corpus views cache %s is damaged (%s); rebuilding it", path, problem)
    views = build()
    views.coverage.prepare()
    if current is None or current() == fingerprint:
        _keep(path, views)
    return views


def _keep(path: Path, views: CorpusViews) -> None:
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".staging-", suffix=".pickle")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(views, f, protocol=pickle.HIGHEST_PROTOCOL)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)  # mkstemp made it private; like the other files of the data folder
        os.replace(tmp, path)
    except OSError as error:  # a full or read-only disk: answer anyway, from the views in memory
        log.warning("could not keep the corpus views in %s: %s", path.parent, error)
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        return
    for old in path.parent.glob("*.pickle"):
        if old != path:
            old.unlink(missing_ok=True)
