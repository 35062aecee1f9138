"""The PP-18 Final Acts shipped with the package, to compare proposals with ("pp18-final-acts").

The wheel carries ``examples/data/pp18-final-acts.akn.xml`` as ``itu_nb/data/`` (hatch
``force-include`` in pyproject.toml: no third copy in git); running from a checkout, the
source tree's ``examples/data`` holds it.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["FINAL_ACTS", "final_acts_path"]

#: The name a client gives instead of a path to compare with the bundled Final Acts.
FINAL_ACTS = "pp18-final-acts"
_FILE = "pp18-final-acts.akn.xml"
_PACKAGE = Path(__file__).resolve().parents[1]


def final_acts_path(package: Path = _PACKAGE) -> Path:
    """Where the bundled Final Acts are: inside the installed package, else in the checkout.

    Parameters
    ----------
    package : Path
        The ``itu_nb`` package folder (a parameter so that tests can point at a built wheel's).

    Returns
    -------
    Path

    Raises
    ------
    FileNotFoundError
        Neither place holds the file (a broken install); the message names both.
    """
    candidates = (package / "data" / _FILE, package.parent / "examples" / "data" / _FILE)
    for path in candidates:
        if path.is_file():
            return path
    raise FileNotFoundError(f"the PP-18 Final Acts are not bundled: none of {', '.join(map(str, candidates))}")
