"""A fingerprint of every loaded tree: path, kind, label and runs of every node, per proposal.

Parsing may be rewritten for speed (issue 19) but must give identical trees. The fingerprints of
the corpus and of generated documents are stored in ``tests/fixtures/fingerprints.json``;
``tests/test_fingerprints.py`` checks them. A change that is meant to change trees (a loader now
reads a Word construct it used to drop) updates the file, and its commit says why::

    python3 tests/fingerprint.py --update      # rewrite tests/fixtures/fingerprints.json
    python3 tests/fingerprint.py --show R7     # print the nodes behind one fingerprint
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
STORE = FIXTURES / "fingerprints.json"


def generated_text() -> str:
    """A generated proposal: 10,000 items in one list, labels that repeat, nested items, notes."""
    lines = [
        "MOD\tX/1/1",
        "",
        "RESOLUTION 1 (Rev. Dubai, 2018)",
        "",
        "Generated",
        "",
        "The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),",
        "",
        "considering",
    ]
    letters = "abcdefghijklmnopqrstuvwxyz"
    for i in range(10_000):
        lines.append(f"{letters[i % 26]})\titem {i} of the list, with some words to read")
        if i % 500 == 0:
            lines.append(f"i)\tnested {i}")
            lines.append(f"ii)\tnested {i} again")
    lines += ["", "resolves", "", "1\tto do one thing;", "2\tto do another.", "", "Reasons:\tGenerated."]
    return "\n".join(lines) + "\n"


def sources() -> dict[str, object]:
    """The documents fingerprinted: name → what ``itu_nb.load`` is given."""
    out: dict[str, object] = {
        p.name: p
        for p in sorted(FIXTURES.iterdir())
        if p.suffix in (".txt", ".md", ".xml", ".docx") and p.name != "CORPUS.md"
    }
    gen = generated_text()
    out["generated-10000.txt"] = gen
    return out


def node_record(clause) -> list:
    return [
        clause.path,
        clause.kind.value,
        clause.label_original,
        clause.label,
        [[int(r.op), r.text, r.author, r.date, r.inferred, r.move] for r in clause.runs],
        [[int(r.op), r.text] for r in clause.label_runs],
    ]


def fingerprint(source) -> dict[str, str]:
    """Proposal id → digest of its nodes (in walk order), for one document."""
    import itu_nb

    doc = itu_nb.load(source, format="text") if isinstance(source, str) else itu_nb.load(source)
    out: dict[str, str] = {}
    for i, p in enumerate(doc):
        records = [[p.action, p.id, str(p.target)]] + [node_record(c) for c in p.walk()]
        blob = json.dumps(records, ensure_ascii=False).encode()
        out[f"{i:03d} {p.id}"] = hashlib.blake2b(blob, digest_size=10).hexdigest()
    return out


def all_fingerprints() -> dict[str, dict[str, str]]:
    return {name: fingerprint(src) for name, src in sources().items()}


def main(argv: list[str]) -> int:
    if argv[:1] == ["--update"]:
        STORE.write_text(json.dumps(all_fingerprints(), indent=1, sort_keys=True) + "\n")
        print(f"wrote {STORE}")
        return 0
    if argv[:1] == ["--show"]:
        import itu_nb

        for name, src in sources().items():
            doc = itu_nb.load(src, format="text") if isinstance(src, str) else itu_nb.load(src)
            for p in doc:
                if argv[1] in (p.id, str(p.target)):
                    print(name, p.id)
                    for c in p.walk():
                        print(json.dumps(node_record(c), ensure_ascii=False))
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    raise SystemExit(main(sys.argv[1:]))
