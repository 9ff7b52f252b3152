"""Thread settings for bulk encoding."""

import os
import subprocess
import sys

from index.settings import PROJECT_ROOT


def test_bulk_encoding_does_not_load_torch_for_a_model_that_does_not_use_it():
    code = ("import sys\nfrom index.embedding import encode_threads, torch_threads\n"
            "with torch_threads(0):\n    inside = encode_threads(1)\n"
            "print(inside, encode_threads(1), 'torch' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.split() == [str(os.cpu_count()), "1", "False"]
