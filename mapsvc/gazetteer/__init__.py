"""Stage 2, the gazetteer: build and open the offline index; geopy geocoders over it."""
from .index import Gazetteer, place_to_dict

__all__ = ["Gazetteer", "place_to_dict"]
