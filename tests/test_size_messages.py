"""Every size bound a user reads is named in the unit it is defined in.

The loaders' bound is ``MAX_BYTES = 50 * 1024 * 1024`` (``itu_nb/parsing/normalise.py``): 52,428,800
bytes, 50 MiB.  Messages used to divide by 10**6 and said "52 MB", a figure found nowhere in the
documentation (which says 50).  The .docx reader's bounds are ``64 * 1024 * 1024`` per part,
``256 * 1024 * 1024`` in all and a floor of ``16 * 1024 * 1024`` (``loaders/docx_package.py``), named
"64 MB", "256 MB" and "16,384 kB" (binary units under decimal names).
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CRITIC

import itu_nb
from itu_nb.parsing.normalise import MAX_BYTES, size_text
from itu_nb.server.paths import Refused, inside

ROOT = Path(__file__).resolve().parents[1]


def test_size_text_names_a_bound_in_its_own_unit():
    assert MAX_BYTES == 52_428_800
    assert size_text(MAX_BYTES) == "50 MiB"
    assert size_text(64 * 2**20) == "64 MiB" and size_text(16 * 2**20) == "16 MiB" and size_text(2**30) == "1 GiB"
    assert size_text(10_000_000) == "10 MB" and size_text(1000) == "1 kB"  # a caller's max_bytes in decimal
    assert size_text(MAX_BYTES + 1) == "50.0 MiB" and size_text(1536) == "1.5 KiB"  # not whole: to a tenth
    assert size_text(10) == "10 B" and size_text(0) == "0 B"


def test_a_file_over_the_bound_names_50_mib_and_its_own_size(tmp_path):
    path = tmp_path / "big.txt"
    with open(path, "wb") as fh:  # sparse: no disk is used
        fh.truncate(MAX_BYTES + 1)
    with pytest.raises(itu_nb.LoadError) as err:
        itu_nb.load(path)
    assert str(err.value).startswith(
        f"{path}: file is 50.0 MiB (52428801 bytes), over the 50 MiB limit for one document; split it"
    )


def test_a_stream_over_a_bound_names_it_and_where_reading_stopped():
    stream = io.BytesIO(CRITIC.read_bytes())  # 51,512 bytes, over a bound of 40 KiB
    with pytest.raises(itu_nb.LoadError, match=r"over the 40 KiB limit for one document \(stopped reading after 40960"):
        itu_nb.load(stream, max_bytes=40 * 1024)


def test_the_cli_names_the_bound_of_a_file_as_50_mib(tmp_path):
    path = tmp_path / "big.md"
    with open(path, "wb") as fh:
        fh.truncate(200 * 2**20)
    res = subprocess.run(
        [sys.executable, "-m", "itu_nb.cli", "outline", str(path)], capture_output=True, text=True, timeout=120
    )
    assert res.returncode == 1
    assert res.stderr == (
        f"itu-nb: {path}: file is 200 MiB (209715200 bytes), over the 50 MiB limit for one document; split it, "
        "or pass max_bytes= to load() if it really is one document\n"
    )


def test_the_server_names_the_bound_as_50_mib(tmp_path):
    with open(tmp_path / "huge.txt", "wb") as fh:
        fh.truncate(MAX_BYTES + 1)
    with pytest.raises(Refused) as err:
        inside(tmp_path, "huge.txt")
    assert err.value.status == 413
    assert err.value.message == "huge.txt: file is 50.0 MiB (52428801 bytes), over the 50 MiB limit for one document"
