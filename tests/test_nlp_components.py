"""The faster components annotate exactly as the spaCy components they replace."""

from __future__ import annotations

import spacy

from sitrep.nlp import load_nlp, model_package

SENTENCES = [
    "At least 12 people were killed when gunmen attacked a market in the north on Sunday, officials said.",
    "I'm not sure what they'd do, but there is a man who does not have it and y'all ain't helping.",
    "Police fired tear gas at protesters who had blocked the road; two were arrested.",
    "The army said it had regained control of the town after heavy fighting with the rebels.",
    "It is what it is, he told reporters: we are gonna rebuild, and let's not forget the dead.",
]


def test_nlp_components_attribute_map_matches_the_attribute_ruler() -> None:
    reference = spacy.load(model_package(), exclude=["senter", "ner"])
    ours = load_nlp([{"label": "GPE", "pattern": "sitrep-test"}], key="test-components")
    assert "sitrep_attribute_map" in {ours.get_pipe_meta(n).factory for n in ours.pipe_names}
    for theirs, mine in zip(reference.pipe(SENTENCES), ours.pipe(SENTENCES), strict=True):
        for a, b in zip(theirs, mine, strict=True):
            assert (a.pos_, a.lemma_, str(a.morph)) == (b.pos_, b.lemma_, str(b.morph)), a.text


def test_nlp_components_entity_ruler_labels_known_names() -> None:
    nlp = load_nlp([{"label": "ORG", "pattern": "csp-dpa", "id": "csp"}], key="test-ruler")
    doc = nlp("The CSP-DPA said the drone was operated from abroad.")
    assert [(e.text, e.label_, e.ent_id_) for e in doc.ents if e.label_ == "ORG"] == [
        ("CSP-DPA", "ORG", "csp")
    ]


def test_nlp_components_numpy_gemm_annotates_as_blis() -> None:
    from sitrep.nlp_components import NumpyGemmOps, use_numpy_gemm

    reference = spacy.load(model_package(), exclude=["senter"])
    ours = spacy.load(model_package(), exclude=["senter"])
    use_numpy_gemm(ours)
    assert isinstance(ours.get_pipe("ner").model.ops, NumpyGemmOps)  # type: ignore[attr-defined]
    for theirs, mine in zip(reference.pipe(SENTENCES), ours.pipe(SENTENCES), strict=True):
        assert [(t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in theirs] == [
            (t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in mine
        ], theirs.text


def test_nlp_components_entity_ruler_word_patterns_match_as_spacy() -> None:
    from spacy.pipeline import EntityRuler

    patterns = [
        {"label": "GPE", "pattern": [{"TEXT": "UAE"}], "id": "ARE"},
        {"label": "GPE", "pattern": [{"ORTH": "DRC"}], "id": "COD"},
        {"label": "GPE", "pattern": [{"LOWER": "drc"}], "id": "COD"},
        {"label": "ORG", "pattern": [{"LOWER": "red"}, {"LOWER": "cross"}]},
        {"label": "NORP", "pattern": "malian"},
    ]
    nlp = load_nlp(patterns, key="test-ruler-words")
    ruler = nlp.get_pipe("sitrep_entity_ruler")
    texts = [
        "Troops from the UAE and the DRC met the Red Cross and Malian officials.",
        "uae drc UAE-backed forces, the Drc and the red cross",
    ]
    for doc in nlp.pipe(texts, disable=["ner", "sitrep_entity_ruler"]):
        assert ruler.match(doc) == EntityRuler.match(ruler, doc)
    doc = nlp(texts[0])
    assert [(e.text, e.ent_id_) for e in doc.ents if e.label_ == "GPE"] == [
        ("UAE", "ARE"),
        ("DRC", "COD"),
    ]
