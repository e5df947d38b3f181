"""One home per rule: the place-kind table, the coordinate check, the ISO date parser, the bbox."""
from __future__ import annotations

import importlib
from datetime import date, datetime

import pytest

from mapsvc.errors import InputError, InvalidParameter
from mapsvc.model import PLACE_KINDS, check_coordinate, check_point
from mapsvc.store.filters import BBox, parse_bbox, validate_bbox
from mapsvc.text.reports import parse_date


def test_place_kinds_from_largest_to_smallest():
    ranks = [kind.rank for kind in PLACE_KINDS.values()]
    assert ranks == sorted(ranks)
    for name, kind in PLACE_KINDS.items():
        assert kind.name == name and kind.accepts[0] == name
        assert set(kind.accepts) <= set(PLACE_KINDS)
        assert kind.geo_precision in (1, 3) and kind.radius_km > 0 and kind.population > 0


def test_gazetteer_kind_groups_come_from_the_table():
    from mapsvc.gazetteer.index import KIND_GROUPS

    assert KIND_GROUPS["city"] == ("city", "town", "village")
    assert KIND_GROUPS["district"] == ("district", "neighbourhood", "admin2")
    assert KIND_GROUPS["region"] == ("region", "admin1")


# Tables elsewhere that are to be derived from PLACE_KINDS (their modules are being
# rewritten); until then they must agree with it. A table that is gone is skipped.
_ELSEWHERE = [
    ("mapsvc.geoparse.spatial", "_KIND_RADIUS", lambda kind: kind.radius_km),
    ("mapsvc.extract.places", "KIND_RANK", lambda kind: kind.rank),
]


@pytest.mark.parametrize("module, name, value", _ELSEWHERE)
def test_other_kind_tables_agree_with_the_table(module, name, value):
    table = getattr(importlib.import_module(module), name, None)
    if table is None:
        pytest.skip(f"{module}.{name} is gone")
    assert table == {kind.name: value(kind) for kind in PLACE_KINDS.values()}


def test_wide_kinds_are_the_region_precision_kinds():
    spatial = importlib.import_module("mapsvc.geoparse.spatial")
    wide = getattr(spatial, "_WIDE_KINDS", None)
    if wide is None:
        pytest.skip("mapsvc.geoparse.spatial._WIDE_KINDS is gone")
    assert set(wide) == {name for name, kind in PLACE_KINDS.items() if kind.geo_precision == 3}


@pytest.mark.parametrize("axis, value", [("lon", 180.5), ("lon", -181), ("lat", 90.01), ("lat", "nan"),
                                         ("lat", float("inf")), ("lon", "east"), ("lon", None), ("lat", 10**400)])
def test_bad_coordinates(axis, value):
    with pytest.raises(InvalidParameter, match=axis):
        check_coordinate(axis, value)


def test_coordinates_at_the_edges_and_the_error_class():
    assert check_point(-180, 90) == (-180.0, 90.0)
    assert check_point("180", "-90") == (180.0, -90.0)
    with pytest.raises(InputError, match="Point: lat"):
        check_point(0, 91, what="Point", error=InputError)


@pytest.mark.parametrize("value, expected", [
    ("2022-03-16", date(2022, 3, 16)), (" 2022-03-16 ", date(2022, 3, 16)),
    ("2022-03-16T23:59:00+02:00", date(2022, 3, 16)), (date(2022, 3, 16), date(2022, 3, 16)),
    (datetime(2022, 3, 16, 12), date(2022, 3, 16)), (None, None),
])
def test_the_one_date_parser(value, expected):
    result = parse_date(value)
    assert result == expected and type(result) is type(expected)


@pytest.mark.parametrize("value", ["", "16/03/2022", "2022-02-30", "yesterday", "0000-01-01"])
def test_the_one_date_parser_refuses(value):
    with pytest.raises(InvalidParameter, match="published"):
        parse_date(value, what="published")
    with pytest.raises(InputError):
        parse_date(value, error=InputError)


@pytest.mark.parametrize("bbox", ["1,2,3", "a,b,c,d", "0,10,1,5", "0,0,1,nan", "0,-91,1,1", "181,0,182,1", ",,,"])
def test_bbox_text_refused(bbox):
    with pytest.raises(InvalidParameter, match="bbox"):
        parse_bbox(bbox)


def test_a_bbox_is_checked_once():
    box = parse_bbox("170,-10,0,-170,10,5")  # 3D: the heights are dropped
    assert box == BBox(170, -10, -170, 10)
    assert validate_bbox(box) is box
    assert validate_bbox((170, -10, -170, 10)) == box and validate_bbox(None) is None
