"""The spaCy pipeline: the pinned package's weights are the ones recorded, and NLP_MODEL picks another."""
from pathlib import Path

import pytest

from mapsvc.errors import ConfigError
from mapsvc.text.nlp import DEFAULT_MODEL, MODEL_SHA256, load_pipeline, parse_many, weight_hashes
from mapsvc.text.rule_index import IndexedRuleMatches

DATA = Path(__file__).parent / "data"


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


def _token_attributes(docs) -> list:
    return [[(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc] for doc in docs]


def test_indexed_rule_components_give_the_stock_pipelines_attributes():
    # the lookups in front of the attribute ruler and lemmatizer must change only the speed: every
    # token of the test reports, and sentences that reach the rules left to the Matcher (two-token,
    # dependency and regular-expression patterns), is compared with a freshly loaded stock pipeline
    import spacy

    texts = [p.read_text(encoding="utf-8") for p in sorted((DATA / "reports").glob("*.txt"))]
    texts += ["I ain't gonna leave, y'all, there is nothin' left.", "Let's go: it hit me, and it is gone.",
              "But he did, and you have got to see it; you gotta c'm on.", "Which one does she have?"]
    stock = spacy.load(DEFAULT_MODEL)
    assert not isinstance(stock.get_pipe("attribute_ruler").match, IndexedRuleMatches)
    indexed = load_pipeline()
    assert isinstance(indexed.get_pipe("attribute_ruler").match, IndexedRuleMatches)
    assert _token_attributes(indexed.pipe(texts)) == _token_attributes(stock.pipe(texts))
