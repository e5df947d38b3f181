"""The frame table is data with examples: every row's example must give its event, its counter-example none."""
import pytest

from mapsvc.extract.events import event_heads
from mapsvc.extract.frames import frames
from mapsvc.text.nlp import parse

ROWS = sorted(frames().values(), key=lambda f: (f.lemma, f.pos))

#: Rows whose example the mechanism does not read yet (docs/extraction.md, "Known gaps"); strict, so a
#: fix shows up as an unexpected pass and the row leaves this list.
KNOWN_GAPS = {
    "match": {"landfall-NOUN", "rocket-NOUN"},
    "no_match": {"blast-NOUN", "close-VERB", "fight-VERB", "crash-NOUN", "fire-NOUN",
                 "landslide-NOUN", "talk-NOUN"},
}


def _rows(column: str) -> list:
    out = []
    for f in ROWS:
        if getattr(f, column):
            key = f"{f.lemma}-{f.pos}"
            marks = [pytest.mark.xfail(strict=True, reason="known gap")] if key in KNOWN_GAPS[column] else []
            out.append(pytest.param(f, id=key, marks=marks))
    return out


def _heads_of(frame, sentence: str) -> list:
    lemma = frame.lemma.split()[0]
    return [h for h in event_heads(parse(sentence)[:]) if h.token.lemma_.lower() == lemma and h.frame is frame]


@pytest.mark.parametrize("frame", _rows("match"))
def test_frame_row_matches_its_example(frame):
    # the example gives the row's event; the parser may tag the word otherwise ("Shelling" as a verb)
    heads = event_heads(parse(frame.match)[:])
    assert heads, f"no event in {frame.match!r}"
    categories = {h.category for h in heads}
    # a toll word, or a word that names the story's event whatever its kind, takes its category from the story
    assert frame.match_category in categories or ({"casualty", "anaphor"} & frame.flags and "" in categories), \
        (frame.match, categories)


@pytest.mark.parametrize("frame", _rows("no_match"))
def test_frame_row_does_not_match_its_counter_example(frame):
    assert not _heads_of(frame, frame.no_match), frame.no_match


def test_every_frame_row_has_an_example():
    assert [f"{f.lemma}/{f.pos}" for f in ROWS if not f.match] == []


def test_each_lemma_and_part_of_speech_has_one_row():
    import csv
    from pathlib import Path

    import mapsvc.extract.frames as frames_module

    path = Path(frames_module.__file__).parent / "data" / "frames.csv"
    keys = [(row["lemma"], row["pos"]) for row in csv.DictReader(open(path, encoding="utf-8"))]
    assert sorted({k for k in keys if keys.count(k) > 1}) == []  # a second row would silently replace the first


@pytest.mark.parametrize("past", ["sent", "left", "rose", "came", "struck", "fled", "fought", "took", "flew",
                                  "overran", "withdrew", "swept", "drove", "stole"])
def test_irregular_past_forms_of_frame_verbs_open_the_parse(past):
    from mapsvc.extract.frames import may_tell_event

    assert may_tell_event(f"Afterwards the army said it {past} them.")
