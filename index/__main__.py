"""``python -m index build [CORPUS_DIR]``: see `index.cli`."""

import sys

from index.cli import main

sys.exit(main())
