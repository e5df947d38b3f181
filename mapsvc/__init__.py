"""mapsvc: geographic incident maps from news reports, offline."""

__all__ = ["__version__"]

__version__ = "0.1.0"
