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
# the Jupyter Server extension (server) sits at the top, beside widgets and cli: it serves their payloads
LAYERS = ["errors", "model", "parsing", "loaders", "diff", "amendments", "export", "frames", "widgets", "cli", "server"]

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
    ("itu_nb.model.comparison", "itu_nb.diff.twoway"),  # Comparison.three_way
    ("itu_nb.diff.documents", "itu_nb.frames"),  # DocumentComparison.table
    ("itu_nb.diff.documents", "itu_nb.export.html_fragment"),  # DocumentComparison.to_html / _repr_html_
    ("itu_nb.amendments.lineage", "itu_nb.frames"),  # lineage / check_base tables as frames.Table
    ("itu_nb.amendments.drafting", "itu_nb.frames"),  # Draft.conflicts as a frames.Table
    ("itu_nb.amendments.review_state", "itu_nb.frames"),  # Review.to_frame as a frames.Table
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
    """(imported module, line, at top level) for every ``itu_nb`` import in the file that runs
    (imports under ``if TYPE_CHECKING:`` only name types for the checker)."""
    tree = ast.parse(path.read_text(), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING"):
            node.body = []
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
            # "from package import module" imports that module (a name re-exported by the package: the package)
            names = [f"{base}.{a.name}" if _is_module(f"{base}.{a.name}") else base for a in node.names]
            out += [(n, node.lineno, id(node) in top) for n in names]
        elif isinstance(node, ast.Import):
            out += [(a.name, node.lineno, id(node) in top) for a in node.names]
    return [(m, line, t) for m, line, t in out if m.startswith("itu_nb")]


def _is_module(name: str) -> bool:
    parts = name.split(".")[1:]
    where = PACKAGE.joinpath(*parts) if parts else PACKAGE
    return where.with_suffix(".py").is_file() or (where / "__init__.py").is_file()


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


def test_no_import_cycles():
    """The import graph (every import that runs, lazy ones too) has no cycle once the named
    conveniences are set aside: each module can be understood from the ones below it."""
    graph: dict[str, set[str]] = {}
    for here, target, _, top in _edges():
        if target == here or (not top and any(here == a and target.startswith(b) for a, b in CONVENIENCES)):
            continue
        while not _is_module(target):  # a name imported from a module: the module
            target = target.rsplit(".", 1)[0]
        graph.setdefault(here, set()).add(target)
    cycles, state = [], {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                cycles.append(trail[trail.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = "done"

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    assert not cycles, "import cycles:\n" + "\n".join(" → ".join(c) for c in cycles)
