"""Shared fixtures: the real PP-18 corpus copied into tests/fixtures (see CORPUS.md there)."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
FLATTENED = FIXTURES / "pp18-doc67-brazil.flattened.txt"
CRITIC = FIXTURES / "pp18-doc67-brazil.reconstructed.critic.md"
FINAL_ACTS = FIXTURES / "pp18-final-acts.akn.xml"


@pytest.fixture(scope="session")
def flattened():
    import itu_nb

    return itu_nb.load(FLATTENED)


@pytest.fixture(scope="session")
def critic():
    import itu_nb

    return itu_nb.load(CRITIC)
