"""The README's Python code runs as written, from the folder it says, and gives what its comments say.

Every ```python block of README.md is executed statement by statement; a block preceded by "in
`examples/`" runs where the first command opens JupyterLab (a folder whose ``data/`` is
``examples/data``), any other from the repository's root.  A statement followed by a comment
that starts with a Python value (``[p.id for p in doc]  # ['B/67/1', …]``) must give that value:
the values were read off the bundled data (examples/data, the PP-18 corpus) and are checked here.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BLOCK = re.compile(r"```python\n(.*?)```", re.S)


def blocks() -> list[tuple[str, str, str]]:
    """(name, folder, code) of every python block; the folder is stated in the text before it."""
    text = README.read_text(encoding="utf-8")
    out = []
    for n, m in enumerate(BLOCK.finditer(text), start=1):
        before = text[: m.start()].rsplit("```", 1)[-1]  # the prose since the previous block
        folder = "examples" if "in `examples/`" in before else "root"
        line = text.count("\n", 0, m.start()) + 2
        out.append((f"block{n}-line{line}", folder, m.group(1)))
    return out


def stated_value(comment: str):
    """The Python value a comment starts with (``('c)', 'b)')   relettering…`` → a tuple), else None."""
    comment = comment.lstrip("#").strip()
    for end in range(len(comment), 0, -1):
        try:
            return (ast.literal_eval(comment[:end]),)
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            continue
    return None


def comments(code: str) -> dict[int, str]:
    return {
        tok.start[0]: tok.string
        for tok in tokenize.generate_tokens(io.StringIO(code).readline)
        if tok.type == tokenize.COMMENT
    }


def test_readme_has_python_blocks_that_say_where_they_run():
    found = blocks()
    assert found, "README.md has no ```python block"
    assert all(folder == "examples" for _, folder, _ in found)  # the snippets use data/… as the notebooks do


@pytest.mark.parametrize("name, folder, code", blocks(), ids=[b[0] for b in blocks()])
def test_readme_block_runs_as_written(name, folder, code, tmp_path, monkeypatch):
    # a scratch folder that looks like the stated one, so the exports the snippet writes land there
    if folder == "examples":
        (tmp_path / "data").symlink_to(ROOT / "examples" / "data")
    else:
        (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    tree = ast.parse(code)
    notes = comments(code)
    namespace: dict = {"__name__": "__readme__"}
    checked = 0
    for stmt in tree.body:
        expected = stated_value(notes.get(stmt.lineno, ""))
        if isinstance(stmt, ast.Expr) and expected is not None:
            value = eval(compile(ast.Expression(stmt.value), f"README {name}", "eval"), namespace)
            assert value == expected[0], (
                f"README line {ast.unparse(stmt)!r}: got {value!r}, README says {expected[0]!r}"
            )
            checked += 1
        else:
            exec(compile(ast.Module([stmt], []), f"README {name}", "exec"), namespace)
    if "B-67-4.docx" in code:  # the "What it does" block
        assert checked == 5  # the values it states: ids, action and target, labels, relettering, conflicts
        assert (tmp_path / "B-67-4.docx").stat().st_size > 0 and (tmp_path / "B-67-4.html").stat().st_size > 0


def test_stated_values_are_read_from_comments():
    assert stated_value("# ('c)', 'b)')   relettering is a label change") == (("c)", "b)"),)
    assert stated_value("# ['c1']   conflicts as data") == (["c1"],)
    assert stated_value("# or doc['Resolution 130']") is None
    assert stated_value("# a new Proposal; nothing is changed in place") is None
