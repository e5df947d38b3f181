"""The mapsvc command: help for every subcommand, clear one-line errors, extract end to end."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from mapsvc.cli import build_parser, main

SUBCOMMANDS = ["serve", "ingest", "watch", "extract", "geoparse", "export", "correct", "reextract", "gazetteer", "eval"]


def run_cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "mapsvc.cli", *args], capture_output=True, text=True, cwd=cwd)


def test_top_level_help_lists_every_subcommand():
    result = run_cli("--help")
    assert result.returncode == 0
    for name in SUBCOMMANDS:
        assert name in result.stdout


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_subcommand_help(name, capsys):
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args([name, "--help"])
    assert exit_info.value.code == 0
    assert "usage: mapsvc " + name in capsys.readouterr().out


REPORT = """Published: 2023-04-02

Floodwater swept through Benghazi on Saturday night, and at least 12 people were killed, the city council said.
"""


def _one_line_error(result):
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("mapsvc: error:"), result.stderr
    return lines[0]


def test_extract_missing_file_is_one_line(instance, tmp_path):
    line = _one_line_error(run_cli("extract", str(tmp_path / "nope.txt"), "--published", "2023-01-01"))
    assert "no such file" in line


def test_extract_directory_is_one_line(instance, tmp_path):
    assert "directory" in _one_line_error(run_cli("extract", str(tmp_path), "--published", "2023-01-01"))


def test_extract_unreadable_file_is_one_line(instance, tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(REPORT)
    path.chmod(0)
    try:
        if path.open("rb").readable():  # root reads anything: try a binary file instead
            path.chmod(0o600)
            path.write_bytes(b"\x00\x01\x02binary\xff")
            assert "binary" in _one_line_error(run_cli("extract", str(path), "--published", "2023-01-01"))
            return
    except PermissionError:
        pass
    assert "permission" in _one_line_error(run_cli("extract", str(path), "--published", "2023-01-01"))


@pytest.mark.parametrize("bad", ["2023-13-01", "yesterday", "12/03/2022", ""])
def test_extract_malformed_date_is_one_line(instance, tmp_path, bad):
    path = tmp_path / "r.txt"
    path.write_text("A strike hit Kharkiv on Monday.")
    line = _one_line_error(run_cli("extract", str(path), "--published", bad))
    assert "--published" in line


def test_extract_without_any_date_is_one_line(instance, tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("A strike hit Kharkiv on Monday.")
    assert "--published" in _one_line_error(run_cli("extract", str(path)))


def test_extract_writes_geojson(instance, tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(REPORT)
    out = tmp_path / "out.geojson"
    result = run_cli("extract", str(path), "-o", str(out))
    assert result.returncode == 0, result.stderr
    doc = json.loads(out.read_text())
    assert doc["type"] == "FeatureCollection"
    assert doc["features"], "the flood in Benghazi is an incident"
    feature = doc["features"][0]
    lon, lat = feature["geometry"]["coordinates"]
    assert abs(lon - 20.07) < 0.5 and abs(lat - 32.1) < 0.5  # Benghazi
    assert feature["properties"]["date"] == "2023-04-01"


def test_gazetteer_lookup_prints_json(instance):
    result = run_cli("gazetteer", "lookup", "Kharkiv")
    assert result.returncode == 0, result.stderr
    places = json.loads(result.stdout)
    assert places and {"id", "name", "kind", "lat", "lon", "population", "country", "admin"} <= set(places[0])
    assert places[0]["country"] == "UA"


def test_main_returns_status_instead_of_raising(instance, tmp_path):
    assert main(["extract", str(tmp_path / "missing.txt"), "--published", "2022-01-01"]) == 2


def test_ingest_export_correct_reextract_round_trip(instance, tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.txt").write_text(REPORT)
    (reports / "empty.txt").write_text("")
    first = run_cli("ingest", str(reports))
    assert first.returncode == 1, first.stderr  # one of two inputs failed
    assert "1 new" in first.stdout and "1 failed" in first.stdout and "empty" in first.stderr
    again = run_cli("ingest", str(reports / "a.txt"))
    assert "0 new, 0 updated, 1 unchanged" in again.stdout
    exported = json.loads(run_cli("export", "--category", "disaster,civilian_harm,humanitarian").stdout)
    assert exported["features"]
    incident_id = exported["features"][0]["id"]
    fixed = run_cli("correct", incident_id, "--category", "other", "--note", "checked by hand")
    assert fixed.returncode == 0, fixed.stderr
    assert json.loads(fixed.stdout)["properties"]["category"] == "other"
    redo = run_cli("reextract")
    assert redo.returncode == 0 and "1 re-extracted" in redo.stdout, redo.stdout + redo.stderr
    after = json.loads(run_cli("export", "--category", "other").stdout)
    assert [f["id"] for f in after["features"]] == [incident_id], "the correction survives re-extraction"
    csv_out = run_cli("export", "--format", "csv", "-o", "-")
    assert csv_out.returncode == 0 and incident_id in csv_out.stdout
    kml = tmp_path / "out.kml"
    assert run_cli("export", "--format", "kml", "-o", str(kml)).returncode == 0
    assert kml.read_bytes().startswith(b"<?xml")


@pytest.mark.parametrize("args", [["export", "--bbox", "1,2,3"], ["export", "--category", "riot"],
                                  ["export", "--datetime", "2023-02-30"], ["correct", "inc-00000000", "--category",
                                                                           "strike"],
                                  ["correct", "inc-00000000", "--lat", "50", "--category", "strike"]])
def test_bad_export_and_correct_arguments_are_one_line(instance, args):
    _one_line_error(run_cli(*args))


def test_geoparse_jsonl_answers_bad_lines_and_exits_1(instance, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "Shelling hit Kharkiv."}\nnot json\n{"id": "c"}\n')
    out = tmp_path / "out.jsonl"
    result = run_cli("geoparse", "--jsonl", str(source), "-o", str(out))
    assert result.returncode == 1 and "2 of 3 lines" in result.stderr
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(lines) == 3
    assert [t["name"] for t in lines[0]["toponyms"]] == ["Kharkiv"]
    assert "error" in lines[1] and "error" in lines[2]


def test_ingest_across_every_core(instance, tmp_path):
    reports = tmp_path / "bulk"
    reports.mkdir()
    (reports / "a.txt").write_text(REPORT)
    (reports / "b.txt").write_text("Published: 2022-03-16\n\nShelling hit Kharkiv on Tuesday, killing two people.\n")
    (reports / "empty.txt").write_text("")
    result = run_cli("ingest", str(reports), "--processes", "0")
    assert result.returncode == 1, result.stderr  # the empty file failed
    assert "2 new" in result.stdout and "1 failed" in result.stdout
    bad = run_cli("ingest", str(reports), "--processes", "-2")
    assert bad.returncode != 0 and len(bad.stderr.strip().splitlines()) == 1 and "--processes" in bad.stderr


def test_ingest_exit_status_says_whether_every_input_was_stored(instance, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(REPORT)
    missing = tmp_path / "missing.txt"
    assert run_cli("ingest", str(good)).returncode == 0
    both = run_cli("ingest", str(good), str(missing))
    assert both.returncode == 1
    assert both.stderr.count(str(missing)) == 1, both.stderr  # the path once, not twice
    only_missing = run_cli("ingest", str(missing))
    assert only_missing.returncode == 2 and "no such file" in only_missing.stderr


def test_ingest_refuses_a_report_without_a_date(instance, tmp_path):
    path = tmp_path / "undated.txt"
    path.write_text("Floodwater swept through Benghazi on Saturday night, killing at least 12 people.\n")
    refused = run_cli("ingest", str(path))
    assert refused.returncode == 2 and "no publication date" in refused.stderr
    assert "0 new" in refused.stdout
    stored = run_cli("ingest", str(path), "--published", "2023-09-10")
    assert stored.returncode == 0 and "1 new" in stored.stdout


def test_export_takes_the_format_from_the_file_name(instance, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(REPORT)
    assert run_cli("ingest", str(good)).returncode == 0
    for name, start in (("all.csv", "id,category,"), ("all.acled.csv", "event_id_cnty,event_date,"),
                        ("all.kml", "<?xml"), ("all.geojson", '{"type": "FeatureCollection"'),
                        ("all.json", '{"type": "FeatureCollection"')):
        result = run_cli("export", "-o", str(tmp_path / name))
        assert result.returncode == 0, result.stderr
        assert (tmp_path / name).read_text(encoding="utf-8").startswith(start), name
    assert "--format" in _one_line_error(run_cli("export", "-o", str(tmp_path / "all.xyz")))


def test_geoparse_reads_standard_input(instance):
    result = subprocess.run([sys.executable, "-m", "mapsvc.cli", "geoparse", "-"], input="Shelling hit Kharkiv.\n",
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert [t["name"] for t in json.loads(result.stdout)["toponyms"]] == ["Kharkiv"]


def test_commands_name_their_store_and_share_one_instance_from_any_folder(instance, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(REPORT)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    stored = run_cli("ingest", str(good), cwd=str(elsewhere))
    assert stored.returncode == 0
    assert f"mapsvc: store sqlite:///{instance}/mapsvc.sqlite3" in stored.stderr
    other = tmp_path / "other"
    other.mkdir()
    exported = run_cli("export", cwd=str(other))  # another folder: the same store
    assert json.loads(exported.stdout)["features"]
    assert not list(elsewhere.iterdir()) and not list(other.iterdir())  # nothing made where they ran


def test_default_instance_is_the_users_data_folder(monkeypatch, tmp_path):
    from mapsvc.config import instance_path

    monkeypatch.delenv("MAPSVC_INSTANCE_PATH", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    assert instance_path() == (tmp_path / "data" / "mapsvc").resolve()
    monkeypatch.setenv("MAPSVC_INSTANCE_PATH", "~/somewhere")
    assert instance_path().name == "somewhere" and "~" not in str(instance_path())


def test_serve_on_a_busy_port_is_one_line(instance):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        line = _one_line_error(run_cli("serve", "--port", str(port)))
    assert f"127.0.0.1:{port}" in line and "--port" in line


def test_extract_reads_a_saved_web_page(instance, tmp_path):
    page = tmp_path / "story.html"
    page.write_text(
        "<html><head><title>Floods</title><meta property='article:published_time' content='2023-09-11'></head>"
        "<body><nav>Home | World</nav><article><h1>Floods</h1><p>Floodwater swept through Derna on Sunday night, "
        "and at least 12 people were killed, the city council said.</p><p>Rescue teams searched collapsed "
        "buildings through the night.</p></article></body></html>", encoding="utf-8")
    result = run_cli("extract", str(page))
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["features"] and all("Home | World" not in f["properties"].get("quote", "") for f in doc["features"])
    assert doc["features"][0]["properties"]["date"].startswith("2023-09")
