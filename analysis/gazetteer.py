"""Kept for imports written before the gazetteer moved to :mod:`analysis.places.gazetteer`."""
from .places.gazetteer import Gazetteer, haversine_km
from .places.store import gazetteer_cache_path, load_gazetteer
from .places.keys import name_key, skeleton_key, translit_key

__all__ = ["Gazetteer", "load_gazetteer", "gazetteer_cache_path", "haversine_km", "name_key", "skeleton_key",
           "translit_key"]
