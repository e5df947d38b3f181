"""Reading reports: headers, encodings and the inputs that must be refused."""
from __future__ import annotations

from datetime import date

import pytest

from mapsvc.errors import InputError, InvalidParameter
from mapsvc.model import Report
from mapsvc.text.reports import parse_report_text, read_report_file


def test_header_block_is_metadata():
    report = parse_report_text("Published: 2023-09-12\nTitle: Floods\nURL: https://example.org/a\n\nDerna flooded.")
    assert (report.published, report.title, report.url, report.text) == (
        date(2023, 9, 12), "Floods", "https://example.org/a", "Derna flooded.")


def test_arguments_win_over_the_header():
    report = parse_report_text("Published: 2023-09-12\n\nDerna flooded.", published="2023-09-13", title="T")
    assert report.published == date(2023, 9, 13) and report.title == "T"


def test_text_without_header_keeps_its_first_line():
    report = parse_report_text("Kharkiv: shelling went on.\n\nMore text.")
    assert report.text.startswith("Kharkiv: shelling") and report.published is None


@pytest.mark.parametrize("raw", [b"\xef\xbb\xbfKyiv was shelled.", "Kyiv was shelled.".encode("utf-16"),
                                 b"Kyiv was shelled.\r\n"])
def test_encodings_are_read(raw):
    assert parse_report_text(raw).text.strip() == "Kyiv was shelled."


@pytest.mark.parametrize("raw", ["", "   \n\n ", b"", b"\x00\x01\x02\x03", b"caf\xe9 in Lviv", "Lviv \ud800 text",
                                 "Published: 2023-01-01\n\n"])
def test_bad_text_is_refused(raw):
    with pytest.raises(InputError):
        parse_report_text(raw, origin="r.txt")


def test_malformed_header_date_is_a_clear_error():
    with pytest.raises(InvalidParameter, match="Published header"):
        parse_report_text("Published: 12 March\n\nText.")


def test_read_report_file_errors_name_the_path(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_report_file(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_report_file(tmp_path)


def test_report_id_is_stable_and_survives_surrogates():
    assert Report(text="a").id == Report(text="a").id != Report(text="b").id
    assert Report(text="x\udc80").id.startswith("rep-")
