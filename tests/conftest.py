from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from analysis import load_articles, raw_dir

SAMPLE_NAME = "asharq_al_awsat_2articles_iraq_lebanon.txt"
#: sha256 of the seed file exactly as the user gave it (../shared/seeds/000_fe828ffd15b647b4.txt).
SAMPLE_SHA256 = "e0d978891f670de49721a386aab8c741b4e4c0b5d80b8d98f091befaf5cc07ab"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return raw_dir() / SAMPLE_NAME


@pytest.fixture(scope="session")
def raw_snapshot() -> dict[str, str]:
    """Hashes of every file in data/raw before the tests run."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(raw_dir().iterdir())}


@pytest.fixture(scope="session")
def sample(sample_path, raw_snapshot):
    return load_articles(sample_path)


@pytest.fixture(scope="session")
def iraq(sample):
    return sample.iloc[0]


@pytest.fixture(scope="session")
def lebanon(sample):
    return sample.iloc[1]


@pytest.fixture(scope="session")
def dev_locations():
    """The places of the 401 real development articles in ../shared, found once for every test that reads them
    (skipped where ../shared is absent)."""
    from tests.places_text import shared_dev_locations

    return shared_dev_locations()
