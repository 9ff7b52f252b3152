"""One writer at a time: file locks in the data folder, shared by threads and processes.

- `write_lock` is held for each change of the index and its caches (a build, an upload, a
  removal, a cache rebuild); other writers wait for it, in this process or another.
- `claim_owner` is held for its whole life by a process that serves the index (the app):
  a second serving process, or a command-line build while the app runs, is refused with a
  message saying what to do, instead of changing the index under a running app.

Locks are `filelock.FileLock` (the lock huggingface and llama-index already use): released
by the operating system when a process dies, so a killed build never leaves one behind.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as folder, claim_owner(Path(folder), "the app"):
...     try:
...         claim_owner(Path(folder), "python -m index build").acquire()
...     except IndexBusy:
...         print("refused")
refused
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from filelock import FileLock, Timeout

WAIT_SECONDS = 600.0
"""How long a writer waits for another one (a long build) before giving up with a message."""


class IndexBusy(RuntimeError):
    """Another process serves or changes this data folder."""


_SHARED: dict[Path, FileLock] = {}
_SHARED_GUARD = threading.Lock()


class _Lock:
    """A file lock whose failure to acquire says who holds it and what to do."""

    def __init__(self, lock: FileLock, who: str, timeout: float, advice: str):
        self._lock = lock
        self._holder = Path(lock.lock_file).with_suffix(".holder")
        self._who, self._timeout, self._advice = who, timeout, advice

    def acquire(self) -> _Lock:
        try:
            self._lock.acquire(timeout=self._timeout)
        except Timeout:
            holder = self._holder.read_text().strip() if self._holder.exists() else "another process"
            raise IndexBusy(f"{self._lock.lock_file} is held by {holder}: {self._advice}") from None
        if self._lock.lock_counter == 1:
            self._holder.write_text(f"{self._who} (pid {os.getpid()})\n")
        return self

    def release(self) -> None:
        self._lock.release()

    def __enter__(self) -> _Lock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def write_lock(data_dir: Path, who: str = "an index writer", timeout: float = WAIT_SECONDS) -> _Lock:
    """The lock every change of the index in ``data_dir`` holds: re-entrant in one thread, exclusive
    between threads (one `FileLock` per folder, each thread with its own descriptor) and processes."""
    path = Path(data_dir).resolve() / "write.lock"
    with _SHARED_GUARD:
        if path not in _SHARED:
            path.parent.mkdir(parents=True, exist_ok=True)
            _SHARED[path] = FileLock(path)
    return _Lock(_SHARED[path], who, timeout,
                 f"it did not finish within {timeout:.0f} s; try again when it has")


def claim_owner(data_dir: Path, who: str) -> _Lock:
    """The lock a serving process holds for its life; acquiring fails at once if taken."""
    path = Path(data_dir) / "owner.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    return _Lock(FileLock(path), who, 0,
                 "it serves this data folder; add or remove articles through it, or stop it first "
                 "(or give this command another --data-dir)")
