"""``python -m itu_nb.cli``: the ``itu-nb`` command line."""

import sys

from itu_nb.cli import main

if __name__ == "__main__":  # pragma: no cover - imported by the docstring tests, which must not run it
    sys.exit(main())
