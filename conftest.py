"""Every test, doctests included, keeps its index out of the repository's own ``.data/``."""

import os

import pytest


@pytest.fixture(autouse=True, scope="session")
def _private_data_dir(tmp_path_factory):
    """Point ``QA_DATA_DIR`` at a temporary folder for the whole run (tests may set their own)."""
    before = os.environ.get("QA_DATA_DIR")
    os.environ["QA_DATA_DIR"] = str(tmp_path_factory.mktemp("qa-data"))
    yield
    if before is None:
        os.environ.pop("QA_DATA_DIR", None)
    else:
        os.environ["QA_DATA_DIR"] = before
