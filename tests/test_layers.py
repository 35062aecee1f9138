"""The package's import rules, checked on the source: imports point one way, and the few model
conveniences that reach up (``p.to_docx()``, ``changes.to_frame()``…) are named here, nowhere else.

Layers, lowest first (README, "Where things are"); a module may import its own layer and those
below it.  Every import counts, including those inside functions.
"""

from __future__ import annotations

import ast
from pathlib import Path

import itu_nb

PACKAGE = Path(itu_nb.__file__).parent
LAYERS = ["errors", "model", "parsing", "loaders", "diff", "amendments", "export", "frames", "widgets", "cli"]

#: (importing module, imported module): lazy conveniences on the model and the public functions'
#: own homes that reach up, each inside a method, never at import time.
CONVENIENCES = {
    ("itu_nb.model.proposal", "itu_nb.export"),  # Proposal.to_docx / to_html / to_akn / to_criticmarkup
    ("itu_nb.model.proposal", "itu_nb.diff.twoway"),  # Proposal.redline
    ("itu_nb.model.change", "itu_nb.frames"),  # Changes.to_frame / _repr_html_
    ("itu_nb.model.comparison", "itu_nb.frames"),  # Comparison.clauses / stats as DataFrames
    ("itu_nb.model.comparison", "itu_nb.export.html_fragment"),  # Comparison.to_html / _repr_html_
    ("itu_nb.model.comparison", "itu_nb.export"),  # Comparison.to_docx
    ("itu_nb.diff.manyway", "itu_nb.export.html_fragment"),  # ManyComparison.to_html / _repr_html_
}


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _layer(module: str) -> int | None:
    parts = module.split(".")
    if parts[0] != "itu_nb" or len(parts) == 1:
        return None  # outside the package, or the package's own __init__ (the public names)
    return LAYERS.index(parts[1])


def _imports(path: Path) -> list[tuple[str, int, bool]]:
    """(imported module, line, at top level) for every ``itu_nb`` import in the file."""
    tree = ast.parse(path.read_text(), str(path))
    top = {id(n) for n in tree.body}
    here = _module(path)
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative import
                pkg = here.split(".")
                if path.name != "__init__.py":
                    pkg = pkg[:-1]
                base = ".".join(pkg[: len(pkg) - node.level + 1] + ([node.module] if node.module else []))
            names = [base] if base != "itu_nb" else [f"itu_nb.{a.name}" for a in node.names]
            out += [(n, node.lineno, id(node) in top) for n in names]
        elif isinstance(node, ast.Import):
            out += [(a.name, node.lineno, id(node) in top) for a in node.names]
    return [(m, line, t) for m, line, t in out if m.startswith("itu_nb")]


def _edges():
    for path in sorted(PACKAGE.rglob("*.py")):
        here = _module(path)
        for target, line, top in _imports(path):
            yield here, target, line, top


def test_every_module_is_in_a_layer():
    for path in PACKAGE.rglob("*.py"):
        module = _module(path)
        assert module == "itu_nb" or module.split(".")[1] in LAYERS, f"{module}: add its package to LAYERS"


def test_imports_point_one_way():
    upward = []
    for here, target, line, top in _edges():
        lo, hi = _layer(here), _layer(target)
        if lo is None or hi is None or hi <= lo:
            continue
        if not top and any(here == a and (target == b or target.startswith(b + ".")) for a, b in CONVENIENCES):
            continue
        upward.append(f"{here}:{line} imports {target}{'' if top else ' (inside a function)'}")
    assert not upward, "imports that point up the layers:\n" + "\n".join(upward)


def test_conveniences_are_still_needed():
    """An allow-list entry nobody uses any more is removed, so the list stays the truth."""
    used = {(a, b) for here, target, _, top in _edges() for a, b in CONVENIENCES
            if not top and here == a and (target == b or target.startswith(b + "."))}  # fmt: skip
    assert used == CONVENIENCES


def test_no_module_shadows_a_public_function():
    """``itu_nb.compare`` is the function: no module ``itu_nb/compare.py`` or package may hide behind it."""
    children = {p.stem for p in PACKAGE.glob("*.py")} | {p.name for p in PACKAGE.iterdir() if p.is_dir()}
    functions = {n for n in itu_nb.__all__ if n[0].islower()}
    assert not children & functions
    for name in functions:
        assert callable(getattr(itu_nb, name)), name
