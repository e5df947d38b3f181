"""Where the shipped folders are: ``templates/``, ``geodata/`` and the demo reports.

Installed, they live inside the package (``setup.cfg`` maps them there); in a
source checkout they sit beside the package.
"""
from __future__ import annotations

from pathlib import Path

__all__ = ["templates_dir", "geodata_dir", "demo_dir"]

_PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    installed = _PACKAGE / name
    return installed if installed.is_dir() else _PACKAGE.parent / name


def templates_dir() -> Path:
    """The Jinja templates folder."""
    return _shipped("templates")


def geodata_dir() -> Path:
    """The curated geodata folder."""
    return _shipped("geodata")


def demo_dir() -> Path:
    """The bundled demo reports."""
    return _PACKAGE / "demo_reports"
