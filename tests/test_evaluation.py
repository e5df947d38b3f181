"""The project's own scorer: made-up gold and predictions, and main_eval end to end."""
from __future__ import annotations

import io
import json

import pytest

from mapsvc.errors import InputError
from mapsvc.evaluation import (find_report_for_gold, main_eval, score_benchmark, score_incidents,
                               score_toponyms)

GOLD_DOCS = [
    {"id": "d1", "text": "Paris and Lyon.", "unresolved": [{"start": 20, "end": 25}],
     "toponyms": [{"start": 0, "end": 5, "lat": 48.8566, "lon": 2.3522},
                  {"start": 10, "end": 14, "lat": 45.764, "lon": 4.8357}]},
    {"id": "d2", "text": "Kyiv.", "toponyms": [{"start": 0, "end": 4, "lat": 50.45, "lon": 30.52}]},
]


def test_benchmark_figures():
    preds = [
        {"id": "d1", "toponyms": [{"start": 0, "end": 5, "lat": 48.86, "lon": 2.35},       # right
                                  {"start": 10, "end": 14, "lat": 33.75, "lon": -84.39},   # found, wrong place
                                  {"start": 21, "end": 23, "lat": 1.0, "lon": 1.0},        # an unresolved gold span
                                  {"start": 30, "end": 33, "lat": None, "lon": None}]},    # no place there
        # d2 missing: counts as finding nothing
    ]
    r = score_benchmark(GOLD_DOCS, preds)
    assert r["gold_toponyms"] == 3 and r["predicted"] == 4
    assert r["detection_precision"] == 0.75
    assert r["detection_recall"] == round(2 / 3, 4)
    assert r["a161"] == round(1 / 3, 4) and r["a161_found"] == 0.5
    assert r["median_km_found"] > 1000


def test_benchmark_unresolved_prediction_is_not_found():
    preds = [{"id": "d2", "toponyms": [{"start": 0, "end": 4, "lat": None, "lon": None}]}]
    r = score_benchmark(GOLD_DOCS[1:], preds)
    assert r["detection_precision"] == 1.0 and r["detection_recall"] == 0.0 and r["a161"] == 0.0


def test_toponyms_by_name_with_whole_words_and_traps():
    gold = {"toponyms": [{"mention": "Sumy region", "lat": 50.9, "lon": 34.8, "tolerance_km": 110},
                         {"mention": "Georgia", "lat": 32.7, "lon": -83.4, "tolerance_km": 300},
                         {"mention": "Georgia", "lat": 42.3, "lon": 43.4, "tolerance_km": 200},
                         {"mention": "Piatykhatky", "lat": 50.09, "lon": 36.25, "tolerance_km": 6}],
            "not_toponyms": ["Jordan Lincoln", "Lincoln", "Telegram"]}
    preds = [{"name": "Sumy", "lat": 50.91, "lon": 34.8},
             {"name": "Georgia", "lat": 32.6, "lon": -83.5}, {"name": "Georgia", "lat": 42.2, "lon": 43.5},
             {"name": "Piatykhatky", "lat": 48.41, "lon": 33.71},
             {"name": "Lincoln", "lat": 40.8, "lon": -96.7},
             {"name": "Telegram", "lat": None, "lon": None}]  # unresolved: never "taken"
    r = score_toponyms(gold, preds)
    assert r["toponyms_right"] == 3 and r["toponyms_total"] == 4
    assert r["not_toponyms_taken"] == ["Lincoln"]
    assert [row["ok"] for row in r["rows"]] == [True, True, True, False]


def test_incidents_matching_optional_and_counts():
    gold = {"incidents": [
        {"lat": 50.45, "lon": 30.52, "tolerance_km": 15, "categories": ["strike"],
         "dates": ["2022-03-15", "2022-03-15"], "counts": {"killed": 2}},
        {"lat": 47.1, "lon": 37.54, "tolerance_km": 15, "categories": ["humanitarian"],
         "dates": ["2022-03-15", "2022-03-16"], "required": False}]}
    preds = [{"point": (30.5, 50.46), "category": "strike", "date": "2022-03-15", "counts": {"killed": 2}},
             {"point": (37.5, 47.1), "category": "humanitarian", "date": "2022-03-16"},   # excused by optional
             {"point": (30.5, 50.46), "category": "strike", "date": "2022-03-20"},        # wrong date
             {"point": None, "category": "strike", "date": "2022-03-15"}]
    r = score_incidents(gold, preds)
    assert (r["matched"], r["required"], r["false_positives"]) == (1, 1, 2)
    assert r["recall"] == 1.0 and r["precision"] == round(1 / 3, 4)
    assert (r["counts_right"], r["counts_total"]) == (1, 1)


def test_main_eval_on_a_gold_file_and_a_benchmark(tmp_path, gazetteer):
    (tmp_path / "r1.txt").write_text("Published: 2024-01-30\n\nShelling hit Kharkiv and the Sumy region.\n",
                                     encoding="utf-8")
    gold = {"toponyms": [{"mention": "Kharkiv", "lat": 49.99, "lon": 36.23, "tolerance_km": 15},
                         {"mention": "Sumy region", "lat": 50.9, "lon": 34.8, "tolerance_km": 110}],
            "not_toponyms": ["Shelling"], "incidents": []}
    (tmp_path / "r1.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    bench = tmp_path / "tiny.jsonl"
    bench.write_text(json.dumps({"id": 1, "text": "Kyiv and Lviv.", "toponyms": [
        {"start": 0, "end": 4, "lat": 50.45, "lon": 30.52}, {"start": 9, "end": 13, "lat": 49.84, "lon": 24.03}]})
        + "\n", encoding="utf-8")
    out = io.StringIO()
    code = main_eval([tmp_path / "r1.gold.json", bench], toponyms=True, gazetteer=gazetteer, out=out)
    lines = out.getvalue().splitlines()
    assert code == 0
    assert "toponyms=2/2 not_places_taken=0" in lines[-3]
    assert "a161=1.0" in lines[-2]
    assert lines[-1].startswith("reports=1 toponyms=2/2") and "a161=1.0000" in lines[-1]


def test_main_eval_errors(tmp_path, gazetteer):
    with pytest.raises(InputError):
        main_eval([], gazetteer=gazetteer)
    bad = tmp_path / "bad.gold.json"
    bad.write_text("{oops", encoding="utf-8")
    with pytest.raises(InputError, match="not valid JSON"):
        main_eval([bad], toponyms=True, gazetteer=gazetteer, out=io.StringIO())
    lonely = tmp_path / "lonely.gold.json"
    lonely.write_text("{}", encoding="utf-8")
    with pytest.raises(InputError, match="no report text"):
        find_report_for_gold(lonely)
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": 1, "text": "x", "toponyms": []}\nnot json\n', encoding="utf-8")
    with pytest.raises(InputError, match="line 2"):
        main_eval([broken], gazetteer=gazetteer, out=io.StringIO())
