"""The ``itu-nb`` command line.

``itu-nb outline FILE [--json] [--view original|amended]`` prints the proposals in a
file and their clause trees.  Exit status: 0 success, 1 the file could not be
loaded (the message names the file and the problem), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import json
import sys

from itu_nb.errors import ItuNbError
from itu_nb.loaders import load
from itu_nb.model import Document, NodeKind, Proposal

_STATUS_MARK = {"inserted": "+", "deleted": "-", "modified": "~", "unchanged": " "}


def outline_json(doc: Document) -> dict:
    """The machine-readable outline: proposals with their clauses flat, in document order."""
    return {
        "source": doc.source,
        "format": doc.format,
        "metadata": doc.metadata,
        "proposals": [_proposal_json(p) for p in doc],
    }


def _proposal_json(p: Proposal) -> dict:
    target = p.target
    return {
        "id": p.id,
        "action": p.action,
        "target": None
        if target is None
        else {
            "kind": target.kind,
            "number": target.number,
            "revision": target.revision,
            "new_revision": target.new_revision,
        },
        "title": p.title,
        "reasons": p.reasons,
        "warnings": list(p.warnings),
        "clauses": [
            {
                "path": n.path,
                "kind": n.kind.value,
                "section": n.section,
                "label": n.label,
                "label_original": n.label_original,
                "status": n.status,
                "original": n.body("original").strip() if n.exists_in("original") else None,
                "amended": n.body("amended").strip() if n.exists_in("amended") else None,
            }
            for n in p.walk()
        ],
    }


def outline_text(doc: Document, view: str | None = None, width: int = 100) -> str:
    """A readable outline: one line per node, indented by depth, with change marks.

    ``+`` inserted, ``-`` deleted, ``~`` modified; ``c) → b)`` for a relabelled item.
    """
    out = [f"{doc.source} ({doc.format}): {len(doc)} proposal{'s' if len(doc) != 1 else ''}"]
    for p in doc:
        action = f"{p.action} " if p.action else ""
        out.append("")
        out.append(f"{action}{p.id}  {p.target or ''}")
        if p.title:
            out.append(f"  {p.title}")
        for node in p.walk():
            if node.kind in (NodeKind.HEADING, NodeKind.TITLE):
                continue
            if view and not node.exists_in(view):
                continue
            depth = node.path.count("/") + 1
            label = node.label_in(view) if view else _label(node)
            text = node.body(view or "amended").strip() or node.body("original").strip()
            if node.kind is NodeKind.SECTION:
                line = text
            else:
                line = f"{label + ' ' if label else ''}{text}"
            mark = " " if view else _STATUS_MARK[node.status]
            line = f"{mark} {'  ' * depth}{line}"
            out.append(line if len(line) <= width else line[: width - 1] + "…")
        for warning in p.warnings:
            out.append(f"  ! {warning}")
    return "\n".join(out)


def _label(node) -> str | None:
    lo, la = node.label_original, node.label
    if node.relabelled:
        return f"{lo} → {la}"
    return la if la is not None else lo


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="itu-nb", description="Read ITU conference proposals.")
    sub = parser.add_subparsers(dest="command", required=True)
    outline = sub.add_parser("outline", help="print the proposals of a file and their clause trees")
    outline.add_argument("file", help="a .txt, CriticMarkup .md, Akoma Ntoso .xml or .docx file")
    outline.add_argument("--json", action="store_true", help="machine-readable outline")
    outline.add_argument("--view", choices=["original", "amended"], help="show one view only")
    outline.add_argument("--format", help="force the input format (text, criticmarkup, akn, docx)")
    outline.add_argument("--width", type=int, default=100, help="cut lines at this width (text output)")
    args = parser.parse_args(argv)
    try:
        doc = load(args.file, format=args.format)
    except ItuNbError as exc:
        print(f"itu-nb: {exc}", file=sys.stderr)
        return 1
    if args.json:
        json.dump(outline_json(doc), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        print(outline_text(doc, args.view, args.width))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
