"""The project's own scorer: toponyms and incidents against gold files and benchmarks.

Definitions follow the evaluation kit shipped beside the project (its README):

* report gold (``*.gold.json``), toponyms: a gold mention is right when a
  resolved prediction whose name equals it, holds it or is held by it as whole
  words lies within the gold tolerance (the nearest such prediction counts); a
  ``not_toponyms`` word is *taken* when a resolved prediction's name equals or
  holds it as whole words;
* report gold, incidents: a prediction matches a gold incident within its
  tolerance, with an accepted category and a date in range; maximum bipartite
  matching; required incidents count for recall, optional ones excuse one
  prediction each;
* benchmark JSONL: detection by overlapping spans (precision over all
  predictions against resolved and unresolved gold spans, recall over the gold
  spans with coordinates), A@161 over all gold toponyms (a miss fails), A@161,
  AUC and median error over the ones found.
"""
from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path
from typing import Iterable, Optional

from .errors import InputError
from .geodesy import haversine_km

__all__ = ["score_benchmark", "score_toponyms", "score_incidents", "main_eval", "find_report_for_gold"]

MAX_KM = 20039.0


def _overlap(a: dict, b: dict) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def _auc(errors: list) -> float:
    if len(errors) < 2:
        return 0.0
    logs = sorted(math.log(1 + min(e, MAX_KM)) for e in errors)
    area = sum((logs[i] + logs[i + 1]) / 2 for i in range(len(logs) - 1))
    return area / (math.log(MAX_KM) * (len(logs) - 1))


def score_benchmark(gold_docs: Iterable[dict], pred_docs: Iterable[dict]) -> dict:
    """Detection and resolution figures of predicted toponyms against a benchmark.

    >>> gold = [{"id": 1, "toponyms": [{"start": 0, "end": 5, "lat": 48.85, "lon": 2.35}]}]
    >>> pred = [{"id": 1, "toponyms": [{"start": 0, "end": 5, "lat": 48.86, "lon": 2.34}]}]
    >>> r = score_benchmark(gold, pred); r["detection_f1"], r["a161"]
    (1.0, 1.0)
    """
    preds = {str(d.get("id")): d.get("toponyms") or [] for d in pred_docs}
    n_gold = n_found = n_pred = n_pred_ok = within = 0
    errors = []
    docs = 0
    for doc in gold_docs:
        docs += 1
        gold = [g for g in doc.get("toponyms", []) if g.get("lat") is not None]
        spans = gold + list(doc.get("unresolved") or [])
        pred = [p for p in preds.get(str(doc.get("id")), []) if "start" in p and "end" in p]
        n_pred += len(pred)
        n_pred_ok += sum(1 for p in pred if any(_overlap(p, g) for g in spans))
        for g in gold:
            n_gold += 1
            hits = [p for p in pred if _overlap(p, g) and p.get("lat") is not None and p.get("lon") is not None]
            if not hits:
                continue
            n_found += 1
            err = min(haversine_km(float(p["lon"]), float(p["lat"]), g["lon"], g["lat"]) for p in hits)
            errors.append(err)
            within += err <= 161
    precision = n_pred_ok / n_pred if n_pred else 0.0
    recall = n_found / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    errors.sort()
    return {
        "documents": docs, "gold_toponyms": n_gold, "predicted": n_pred,
        "detection_precision": round(precision, 4), "detection_recall": round(recall, 4),
        "detection_f1": round(f1, 4),
        "a161": round(within / n_gold, 4) if n_gold else 0.0,
        "a161_found": round(within / n_found, 4) if n_found else 0.0,
        "auc_found": round(_auc(errors), 4),
        "median_km_found": round(errors[len(errors) // 2], 1) if errors else None,
    }


def _holds(short: str, long_: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(short) + r"(?!\w)", long_) is not None


def _same_mention(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return _holds(short, long_)


def score_toponyms(gold_doc: dict, predicted: Iterable[dict]) -> dict:
    """Toponym accuracy of resolved predictions against a report's gold file.

    >>> gold = {"toponyms": [{"mention": "Sumy region", "lat": 50.9, "lon": 34.8, "tolerance_km": 110}],
    ...         "not_toponyms": ["Telegram"]}
    >>> r = score_toponyms(gold, [{"name": "Sumy", "lat": 50.91, "lon": 34.8}])
    >>> r["toponyms_right"], r["not_toponyms_taken"]
    (1, [])
    """
    by_name: dict = {}
    for t in predicted:
        name = str(t.get("name") or t.get("text") or t.get("mention") or "").strip().lower()
        if name and t.get("lat") is not None and t.get("lon") is not None:
            by_name.setdefault(name, []).append((float(t["lat"]), float(t["lon"])))
    rows, right = [], 0
    for g in gold_doc.get("toponyms", []):
        mention = g["mention"].lower()
        points = [p for name, pts in by_name.items() if _same_mention(name, mention) for p in pts]
        best = min((haversine_km(lon, lat, g["lon"], g["lat"]) for lat, lon in points), default=None)
        ok = best is not None and best <= g["tolerance_km"]
        right += ok
        rows.append({"mention": g["mention"], "found": bool(points),
                     "error_km": None if best is None else round(best, 1), "ok": ok})
    total = len(gold_doc.get("toponyms", []))
    taken = [n for n in gold_doc.get("not_toponyms", []) if any(_holds(n.lower(), name) for name in by_name)]
    return {"toponyms_total": total, "toponyms_right": right,
            "toponym_accuracy": round(right / total, 4) if total else 1.0,
            "not_toponyms_taken": taken, "rows": rows}


def _compatible(pred: dict, gold: dict) -> bool:
    if pred.get("point") is None:
        return False
    lon, lat = pred["point"]
    if haversine_km(lon, lat, gold["lon"], gold["lat"]) > gold["tolerance_km"]:
        return False
    if pred.get("category") not in gold["categories"]:
        return False
    lo, hi = gold["dates"]
    return bool(pred.get("date")) and lo <= pred["date"] <= hi


def _matching(preds: list, golds: list) -> dict:
    """Maximum bipartite matching gold index -> prediction index (augmenting paths)."""
    adj = {g: [p for p in range(len(preds)) if _compatible(preds[p], golds[g])] for g in range(len(golds))}
    owner: dict = {}

    def augment(g, seen):
        for p in adj[g]:
            if p not in seen:
                seen.add(p)
                if p not in owner or augment(owner[p], seen):
                    owner[p] = g
                    return True
        return False

    for g in sorted(adj, key=lambda g: len(adj[g])):
        augment(g, set())
    return {g: p for p, g in owner.items()}


def features_to_predictions(collection: dict) -> list:
    """Scoring view of a FeatureCollection: point [lon, lat], category, date, counts."""
    preds = []
    for feat in collection.get("features", []):
        props = feat.get("properties") or {}
        geom = feat.get("geometry") or {}
        point = tuple(geom["coordinates"][:2]) if geom.get("type") == "Point" else None
        preds.append({"point": point, "category": props.get("category"),
                      "date": str(props.get("date") or props.get("date_start") or "")[:10],
                      "counts": props.get("counts") or {}})
    return preds


def score_incidents(gold_doc: dict, preds: list) -> dict:
    """Recall, precision and counts of predicted incidents against a report's gold file.

    >>> gold = {"incidents": [{"lat": 50.45, "lon": 30.52, "tolerance_km": 15, "categories": ["strike"],
    ...                        "dates": ["2022-03-15", "2022-03-15"]}]}
    >>> r = score_incidents(gold, [{"point": (30.5, 50.45), "category": "strike", "date": "2022-03-15"}])
    >>> r["recall"], r["precision"]
    (1.0, 1.0)
    """
    golds = gold_doc.get("incidents", [])
    required = [g for g in golds if g.get("required", True)]
    optional = [g for g in golds if not g.get("required", True)]
    match = _matching(preds, required)
    used = set(match.values())
    rest = [p for p in range(len(preds)) if p not in used]
    excused = {rest[p] for p in _matching([preds[p] for p in rest], optional).values()}
    fps = [p for p in rest if p not in excused]
    counts_total = counts_right = 0
    for gi, g in enumerate(required):
        if g.get("counts"):
            counts_total += 1
            p = match.get(gi)
            if p is not None:
                values = {v for v in (preds[p].get("counts") or {}).values() if isinstance(v, (int, float))}
                counts_right += all(v in values for v in g["counts"].values())
    tp = len(match)
    recall = tp / len(required) if required else 1.0
    precision = tp / (tp + len(fps)) if tp + len(fps) else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"required": len(required), "matched": tp, "false_positives": len(fps),
            "recall": round(recall, 4), "precision": round(precision, 4), "f1": round(f1, 4),
            "counts_right": counts_right, "counts_total": counts_total}


def find_report_for_gold(gold_path, gold: Optional[dict] = None) -> Path:
    """The report text of ``X.gold.json``: its ``report`` entry, or ``X.txt`` beside it or in ``seeds/``."""
    gold_path = Path(gold_path)
    stem = gold_path.name[:-len(".gold.json")] if gold_path.name.endswith(".gold.json") else gold_path.stem
    named = (gold or {}).get("report")
    tries = [gold_path.parent / named, gold_path.parent.parent / named] if isinstance(named, str) else []
    tries += [folder / (stem + ".txt") for folder in
              (gold_path.parent, gold_path.parent / "seeds", gold_path.parent.parent / "seeds")]
    for candidate in tries:
        if candidate.is_file():
            return candidate
    raise InputError(f"{gold_path}: no report text {stem}.txt beside it or in a seeds folder")


def _load_json(path) -> object:
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    except ValueError as exc:
        raise InputError(f"{path}: not valid JSON ({exc})") from exc


def _published_of(gold: dict):
    from .text.reports import parse_date

    for key in ("published", "date"):
        if isinstance(gold.get(key), str):
            try:
                return parse_date(gold[key])
            except Exception:  # noqa: BLE001 - a gold without a usable date leaves it to the report
                return None
    return None


def _geoparse_dicts(text: str, gazetteer) -> list:
    from .geoparse.pipeline import geoparse, toponym_to_dict

    return [toponym_to_dict(t) for t in geoparse(text, gazetteer=gazetteer)]


def _eval_benchmark(path, gazetteer, out) -> dict:
    golds = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if line.strip():
                try:
                    golds.append(json.loads(line))
                except ValueError as exc:
                    raise InputError(f"{path}: line {number}: not valid JSON ({exc.msg})") from exc
    preds = [{"id": g.get("id"), "toponyms": _geoparse_dicts(g.get("text", ""), gazetteer)} for g in golds]
    result = score_benchmark(golds, preds)
    print(f"{path}: " + " ".join(f"{k}={v}" for k, v in result.items()), file=out)
    return result


def _eval_report(path, gazetteer, *, toponyms: bool, out) -> dict:
    from .text.reports import read_report_file

    gold = _load_json(path)
    if not isinstance(gold, dict):
        raise InputError(f"{path}: a gold file is a JSON object")
    report = read_report_file(find_report_for_gold(path, gold), published=_published_of(gold))
    if toponyms:
        result = score_toponyms(gold, _geoparse_dicts(report.text, gazetteer))
        for row in result["rows"]:
            print(f"{'ok  ' if row['ok'] else 'MISS'} toponym {row['mention']}: error_km={row['error_km']}", file=out)
        for name in result["not_toponyms_taken"]:
            print(f"FP   toponym {name}: not a place here", file=out)
        print(f"{path}: toponyms={result['toponyms_right']}/{result['toponyms_total']} "
              f"not_places_taken={len(result['not_toponyms_taken'])}", file=out)
        return result
    from .extract.pipeline import extract_incidents
    from .geojson import to_collection

    preds = features_to_predictions(to_collection(extract_incidents(report, gazetteer=gazetteer)))
    result = score_incidents(gold, preds)
    print(f"{path}: recall={result['recall']} precision={result['precision']} "
          f"matched={result['matched']}/{result['required']} fp={result['false_positives']}", file=out)
    return result


def main_eval(paths, *, toponyms: bool = False, gazetteer=None, out=None) -> int:
    """Score the project on gold files (``*.gold.json``) and benchmarks (``*.jsonl``).

    Prints one line per file and a pooled last line in the style of the
    evaluation kit's scorers; returns 0, or 1 when a file cannot be scored.

    >>> main_eval([])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    mapsvc.errors.InputError: eval needs at least one GOLD.json or BENCHMARK.jsonl
    """
    out = out or sys.stdout
    paths = [str(p) for p in paths or []]
    if not paths:
        raise InputError("eval needs at least one GOLD.json or BENCHMARK.jsonl")
    if gazetteer is None:
        from .gazetteer.index import default_gazetteer

        gazetteer = default_gazetteer()
    reports, benches = [], []
    for path in paths:
        if path.endswith(".jsonl"):
            benches.append(_eval_benchmark(path, gazetteer, out))
        else:
            reports.append(_eval_report(path, gazetteer, toponyms=toponyms, out=out))
    _print_pooled(reports, benches, toponyms=toponyms, out=out)
    return 0


def _print_pooled(reports: list, benches: list, *, toponyms: bool, out) -> None:
    parts = []
    if reports and toponyms:
        right = sum(r["toponyms_right"] for r in reports)
        total = sum(r["toponyms_total"] for r in reports)
        taken = sum(len(r["not_toponyms_taken"]) for r in reports)
        parts.append(f"reports={len(reports)} toponyms={right}/{total} "
                     f"toponym_accuracy={right / total if total else 1.0:.4f} not_places_taken={taken}")
    elif reports:
        tp = sum(r["matched"] for r in reports)
        fp = sum(r["false_positives"] for r in reports)
        req = sum(r["required"] for r in reports)
        recall = tp / req if req else 1.0
        precision = tp / (tp + fp) if tp + fp else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        ct = sum(r["counts_total"] for r in reports)
        cr = sum(r["counts_right"] for r in reports)
        parts.append(f"pooled reports={len(reports)} recall={recall:.4f} precision={precision:.4f} "
                     f"f1={f1:.4f} matched={tp}/{req} fp={fp} counts={cr}/{ct}")
    if benches:
        gold = sum(b["gold_toponyms"] for b in benches)
        a161 = sum(b["a161"] * b["gold_toponyms"] for b in benches) / gold if gold else 0.0
        parts.append(f"benchmarks={len(benches)} gold_toponyms={gold} a161={a161:.4f} "
                     f"detection_f1={sum(b['detection_f1'] for b in benches) / len(benches):.4f}")
    print(" ".join(parts), file=out)
