"""The examples in the public docstrings run, and check what they show.

Every name in ``itu_nb.__all__`` must carry an ``Examples`` section. Its examples, and every
other example in the package's modules (methods such as ``Proposal.accept`` included), run with :mod:`doctest` against the data bundled in ``examples/data/``, from a
temporary folder where ``examples/data`` resolves as it does from the repository's root (so the
paths read as in the README, and files the examples write land in the temporary folder).
"""

from __future__ import annotations

import doctest
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import itu_nb

ROOT = Path(__file__).resolve().parent.parent

# Long outputs are elided with "..." and wrapped for reading; both are the doctest defaults here,
# so that the examples read like a notebook session.
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def _public():
    return {name: getattr(itu_nb, name) for name in itu_nb.__all__}


def _modules() -> list:
    """Every module of the package: those that define the public names, and the rest, whose
    examples would otherwise go stale unseen."""
    names = {"itu_nb"} | {m.name for m in pkgutil.walk_packages(itu_nb.__path__, "itu_nb.")}
    return [importlib.import_module(n) for n in sorted(names)]


def _doctests() -> tuple[list[doctest.DocTest], list[str]]:
    """The examples of every module, and the docstrings doctest cannot parse (as messages)."""
    finder = doctest.DocTestFinder(exclude_empty=True)
    found: dict[str, doctest.DocTest] = {}
    broken = []
    for module in _modules():
        try:
            tests = finder.find(module)
        except ValueError as exc:  # a malformed example: reported by a test, not a collection error
            broken.append(f"{module.__name__}: {exc}")
            continue
        for test in tests:
            if test.examples:
                found.setdefault(test.name, test)
    return sorted(found.values(), key=lambda t: t.name), broken


DOCTESTS, BROKEN = _doctests()


@pytest.mark.parametrize("name", itu_nb.__all__)
def test_every_public_name_has_an_example(name):
    doc = inspect.getdoc(getattr(itu_nb, name)) or ""
    assert "\nExamples\n--------\n" in doc, f"itu_nb.{name}: no Examples section"
    assert ">>> " in doc.split("\nExamples\n--------\n", 1)[1], f"itu_nb.{name}: the Examples section has no example"


def test_the_examples_are_found():
    """Every docstring parses, and there is at least one example per public name (a finder that
    silently found nothing would let every other test here pass)."""
    assert BROKEN == []
    assert len(DOCTESTS) >= len(itu_nb.__all__)


@pytest.mark.parametrize("test", DOCTESTS, ids=lambda t: t.name)
def test_docstring_examples_run(test, tmp_path, monkeypatch):
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "data").symlink_to(ROOT / "examples" / "data", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    test.globs = {**test.globs, "itu_nb": itu_nb}
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    out: list[str] = []
    runner.run(test, out=out.append, clear_globs=True)
    assert runner.failures == 0, "".join(out)
