"""Resolution 130 with unlabelled paragraphs and bullets among the items of its lists, for the property tests of
runs on such lists (:mod:`itu_nb.amendments.mixed`).

The text is the fixture's (tests/fixtures/pp18-final-acts.akn.xml) as :meth:`Proposal.text` writes it, loaded
back as text with lines added: ``- a bullet under it;`` after considering a), d), g), j), m), p) and after
instructs the Secretary-General 1, and ``that is a paragraph among the items.`` after resolves 1, 4, 7, 10.
"""

from __future__ import annotations

from pathlib import Path

import itu_nb

RES130 = itu_nb.load(Path(__file__).parent / "fixtures" / "pp18-final-acts.akn.xml")["Resolution 130"]


def _mixed(text: str) -> str:
    """``text`` (Resolution 130 as text) with a bullet after considering a), d), g), j), m), p), an unlabelled
    paragraph after resolves 1, 4, 7, 10, and a bullet after instructs the Secretary-General 1 (of 1, 2, led by a
    paragraph)."""
    out, section = [], ""
    for line in text.split("\n"):
        out.append(line)
        label, tab, _ = line.partition("\t")
        if not tab and not line.endswith(":"):  # a heading (or a paragraph): the lines after it belong to it
            section = line.strip()
        elif section == "considering" and label in ("a)", "d)", "g)", "j)", "m)", "p)"):
            out.append("- a bullet under it;")
        elif section == "resolves" and label in ("1", "4", "7", "10"):
            out.append("that is a paragraph among the items.")
        elif section == "instructs the Secretary-General" and label == "1":
            out.append("- a bullet under it;")
    return "\n".join(out)


#: Resolution 130 as text with paragraphs and bullets among the items of three lists (``_mixed``)
MIXED = itu_nb.load(_mixed(RES130.text("original")) + "\n", format="text")[0]
