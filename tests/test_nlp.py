"""The spaCy pipeline: the pinned package's weights are the ones recorded, and NLP_MODEL picks another."""
import pytest

from mapsvc.errors import ConfigError
from mapsvc.text.nlp import DEFAULT_MODEL, MODEL_SHA256, load_pipeline, parse_many, weight_hashes


def test_weight_files_of_the_pinned_pipeline_are_unchanged():
    # a changed upload of the registry package shows up here, not as a silent change of scores
    assert weight_hashes(DEFAULT_MODEL) == MODEL_SHA256


def test_pipeline_parses_and_tags_entities():
    nlp = load_pipeline()
    assert {"tok2vec", "tagger", "parser", "ner"} <= set(nlp.pipe_names)
    doc = nlp("Russian missiles struck Kharkiv on Tuesday.")
    assert doc[2].lemma_ == "strike" and doc[2].dep_ == "ROOT"
    assert any(e.label_ == "DATE" for e in doc.ents)


def test_parse_many_keeps_order_across_processes():
    texts = [f"Shelling hit Kherson on day {n}." for n in range(6)]
    docs = list(parse_many(texts, n_process=2, batch_size=2))
    assert [d.text for d in docs] == texts


def test_an_unknown_pipeline_is_a_configuration_error():
    with pytest.raises(ConfigError, match="NLP_MODEL"):
        load_pipeline("no_such_pipeline_xyz")


def test_a_linked_name_is_one_token_and_other_hyphens_still_split():
    docs = parse_many(["Crews from Oldham and Ashton-under-Lyne tackled a pro-Russian rally in Rostov-on-Don."] * 2,
                      n_process=2, batch_size=1)
    for doc in docs:
        words = [t.text for t in doc]
        assert "Ashton-under-Lyne" in words and "Rostov-on-Don" in words
        assert "pro-Russian" not in words and "pro" in words
