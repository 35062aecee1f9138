"""``itu-nb outline`` and ``itu-nb export``: one document read, shown as an outline or written in another format."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from itu_nb.cli.common import _cover_options, _load_options, _source, _Stdin, cover_lacks, cover_note, write
from itu_nb.loaders import load
from itu_nb.model import Document, NodeKind, Proposal

_STATUS_MARK = {"inserted": "+", "deleted": "-", "modified": "~", "unchanged": " "}
#: The last line of a text outline that shows changes: what its marks mean.
LEGEND = "marks: + inserted  - deleted  ~ modified  c) → b) relabelled  ! warning"


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

    ``+`` inserted, ``-`` deleted, ``~`` modified; ``c) → b)`` for a relabelled item;
    ``!`` a warning.  Without ``view`` the last line is :data:`LEGEND`, which says so.
    Control characters are shown, not sent to the terminal (:data:`VISIBLE`).
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
            line = text if node.kind is NodeKind.SECTION else f"{label + ' ' if label else ''}{text}"
            mark = " " if view else _STATUS_MARK[node.status]
            line = f"{mark} {'  ' * depth}{line}"
            out.append(line if len(line) <= width else line[: width - 1] + "…")
        for warning in p.warnings:
            out.append(f"  ! {warning}")
    if not view:
        out += ["", LEGEND]
    return "\n".join(line.translate(VISIBLE) for line in out)


#: How :func:`outline_text` shows control characters of the text (document text is data, and a
#: terminal would act on them: ESC starts a sequence that can rewrite the screen, BEL rings, a
#: line break breaks the one line per node): C0 characters but TAB and DEL as their Unicode
#: control pictures (U+0007 → ␇, U+001B → ␛), C1 characters as ``<U+0085>``.
VISIBLE: dict[int, int | str] = {c: 0x2400 + c for c in range(0x20) if c != 0x09}
VISIBLE |= {0x7F: 0x2421} | {c: f"<U+{c:04X}>" for c in range(0x80, 0xA0)}


def _label(node) -> str | None:
    lo, la = node.label_original, node.label
    if node.relabelled:
        return f"{lo} → {la}"
    return la if la is not None else lo


def _cmd_outline(args) -> int:
    doc = load(_source(args.file), **_load_options(args))
    if args.to == "json":
        json.dump(outline_json(doc), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        print(outline_text(doc, args.view, args.width))
    return 0


def _cmd_export(args) -> int:
    opts = _load_options(args)
    source = _source(args.file)
    if args.source_format:
        critic = args.source_format == "criticmarkup"
    elif isinstance(source, _Stdin):
        from itu_nb.loaders.registry import detect_format

        critic = detect_format(source.getvalue()) == "criticmarkup"
    else:
        critic = Path(args.file).suffix.lower() == ".md"
    if critic and args.author:  # CriticMarkup has no author field: the loader gives every change this one
        opts.update(author=args.author, date=args.date)
    doc = load(source, **opts)
    x = doc[args.proposal] if args.proposal else doc
    cover = _cover_options(args)
    write(x, args.to, args.output, author=args.author, date=args.date, **cover)
    lacks = cover_lacks(x, cover)
    if lacks:  # --meta given, and yet no cover page: say what one needs
        print(f"itu-nb: {args.output}: written without a cover page: {cover_note(lacks)}", file=sys.stderr)
    return 0
