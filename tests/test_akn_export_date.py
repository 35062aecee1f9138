"""The Akoma Ntoso export's date (``FRBRdate name="export"``): the document's own date when it has one, else the
day in UTC, whatever the machine's time zone (it was the local day: the same file written at the same moment in
Kiribati and in Baker Island said two different days).
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from conftest import FLATTENED
from lxml import etree

import itu_nb

AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
ROOT = Path(__file__).resolve().parents[1]
#: Write Doc 67 as AKN and print every FRBRdate of the output, in a process of its own (TZ is read at start).
SCRIPT = f"""
import itu_nb
from lxml import etree
xml = itu_nb.load({str(FLATTENED)!r}).to_akn()
root = etree.fromstring(xml.encode("utf-8"))
print(" ".join(sorted({{e.get("date") for e in root.iter("{AKN}FRBRdate")}})))
"""


def _dates_in(tz: str) -> str:
    env = {**os.environ, "TZ": tz, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_the_export_day_is_utc_in_any_time_zone():
    # POSIX zones (no tz database needed): "AAA-14" is UTC+14, "BBB+12" is UTC-12; 26 hours apart, their local
    # days always differ, so a writer using the local day cannot give the same date in both
    before = datetime.now(timezone.utc).date()
    east, west = _dates_in("AAA-14"), _dates_in("BBB+12")
    after = datetime.now(timezone.utc).date()
    local_east = (datetime.now(timezone.utc) + timedelta(hours=14)).date()
    assert local_east != (datetime.now(timezone.utc) - timedelta(hours=12)).date()
    assert east == west, (east, west)
    assert east in (before.isoformat(), after.isoformat())  # (the test may run across midnight UTC)


def test_a_document_with_a_date_is_exported_with_it():
    doc = itu_nb.load(FLATTENED)
    dated = dataclasses.replace(doc, metadata={**doc.metadata, "date": "2018-09-10"})
    root = etree.fromstring(dated.to_akn().encode("utf-8"))
    assert {e.get("date") for e in root.iter(f"{AKN}FRBRdate")} == {"2018-09-10"}
