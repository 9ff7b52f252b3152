"""Helpers shared by tests of several packages."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
from pathlib import Path


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
