"""Kept for imports written before the geoparser became the package :mod:`analysis.places`."""
from .places import LOCATION_COLUMNS, Geoparser, extract_locations, location_counts, mention_sentences

__all__ = ["extract_locations", "location_counts", "mention_sentences", "LOCATION_COLUMNS", "Geoparser"]
