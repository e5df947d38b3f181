"""geoparse_document: the typed hand-off of the geoparse stage (toponyms and the document's focus)."""
from __future__ import annotations

import dataclasses

import pytest

from mapsvc.geoparse import DocumentFocus, GeoparseResult, geoparse, geoparse_document

UKRAINE = ("Shelling hit Kharkiv, Sumy and Chernihiv overnight; residents of Mariupol and "
           "Zaporizhzhia fled west to Lviv.")
KENYA = "Floods displaced families in Kisumu and Garissa, and roads near Nakuru and Eldoret were cut."


def test_result_and_focus_are_frozen(gazetteer):
    result = geoparse_document(UKRAINE, gazetteer=gazetteer)
    assert isinstance(result, GeoparseResult) and isinstance(result.focus, DocumentFocus)
    assert isinstance(result.toponyms, tuple)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.toponyms = ()
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.focus.country = "RU"


@pytest.mark.parametrize("text, context", [
    (UKRAINE, None),
    (KENYA, None),
    ("Athens, Georgia, and Paris, Texas, both flooded; Morgan County, Ala. too.", None),
    ("In Lebanon, strikes hit Tyre.\nFighting went on near Kharkiv.", {"country": "UA"}),
    ("", None),
])
def test_toponyms_are_geoparse_s(gazetteer, text, context):
    result = geoparse_document(text, gazetteer=gazetteer, context=context)
    assert list(result.toponyms) == geoparse(text, gazetteer=gazetteer, context=context)


@pytest.mark.parametrize("text, country", [(UKRAINE, "UA"), (KENYA, "KE")])
def test_focus_country(gazetteer, text, country):
    focus = geoparse_document(text, gazetteer=gazetteer).focus
    assert focus.country == country
    assert 0.5 < focus.country_share <= 1.0


def test_focus_admin1_is_a_key_of_the_focus_country(gazetteer):
    focus = geoparse_document("Fighting in the Kharkiv region: Izium and Kupiansk were shelled.",
                              gazetteer=gazetteer).focus
    assert focus.admin1 == "UA:kharkiv" and 0.0 < focus.admin1_share <= 1.0


@pytest.mark.parametrize("text", ["", "   ", "nothing to see here", "Delegates met in Europe and Africa."])
def test_no_country_gives_an_empty_focus(gazetteer, text):
    focus = geoparse_document(text, gazetteer=gazetteer).focus
    assert focus.country == "" and focus.country_share == 0.0
