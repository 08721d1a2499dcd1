"""The optional camel-tools NER backend: BIO decoding, and loading a tiny model through camel-tools."""
import importlib.util
import json
import os
import subprocess
import sys
import textwrap

import pytest

from analysis.entities import sentence_tokens
from analysis.ner import decode_bio

from .conftest import ROOT


def test_bio_labels_become_typed_mentions():
    text = "قال فيودور ترتيتسكي إن موسكو مستعدة ."
    tokens = sentence_tokens(text, 0)
    labels = ["O", "B-PERS", "I-PERS", "O", "B-LOC", "O", "B-MISC"]
    found = [(m.text, m.type, m.method) for m in decode_bio(tokens, labels, 1, text)]
    assert found == [("فيودور ترتيتسكي", "PER", "camel_ner"), ("موسكو", "LOC", "camel_ner")]


TINY_MODEL_SCRIPT = textwrap.dedent('''
    import json, sys
    from pathlib import Path
    import torch
    from transformers import BertConfig, BertForTokenClassification, BertTokenizer

    model_dir = Path(sys.argv[1])
    model_dir.mkdir(parents=True, exist_ok=True)
    labels = ['B-LOC', 'B-ORG', 'B-PERS', 'B-MISC', 'I-LOC', 'I-ORG', 'I-PERS', 'I-MISC', 'O']
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "قال", "ترتيتسكي", "إن", "موسكو", "."]
    (model_dir / "vocab.txt").write_text("\\n".join(vocab), encoding="utf-8")
    config = BertConfig(vocab_size=len(vocab), hidden_size=8, num_hidden_layers=1, num_attention_heads=1,
                        intermediate_size=8, max_position_embeddings=256,
                        id2label=dict(enumerate(labels)), label2id={l: i for i, l in enumerate(labels)})
    torch.manual_seed(0)
    model = BertForTokenClassification(config)
    with torch.no_grad():  # a classifier that answers B-PERS for every word
        model.classifier.weight.zero_()
        model.classifier.bias.zero_()
        model.classifier.bias[labels.index("B-PERS")] = 5.0
    model.save_pretrained(model_dir)
    BertTokenizer(str(model_dir / "vocab.txt"), do_lower_case=False).save_pretrained(model_dir)

    from analysis.entities import find_mentions
    from analysis.ner import CamelNerBackend
    backend = CamelNerBackend.load(model_dir)
    text = "قال ترتيتسكي إن موسكو ."
    print(json.dumps([[m.text, m.type, m.entity_id, m.method] for m in find_mentions(text, 1, 0, text, backend)], ensure_ascii=False))
''')


NER_EXTRA = all(importlib.util.find_spec(m) for m in ("torch", "transformers"))
needs_ner_extra = pytest.mark.skipif(not NER_EXTRA, reason="the `ner` extra (torch, transformers) is not installed "
                                     "in this environment: `make test-ner` runs these tests with it")


@needs_ner_extra
def test_camel_ner_backend_loads_a_tiny_model_through_camel_tools(tmp_path):
    data = tmp_path / "camel_data"
    data.mkdir()
    # A minimal local catalogue, so importing camel_tools.ner does not try the internet.
    (data / "catalogue.json").write_text(json.dumps({"version": "1.6", "packages": {}, "components": {}}))
    env = dict(os.environ, CAMELTOOLS_DATA=str(data), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    result = subprocess.run([sys.executable, "-c", TINY_MODEL_SCRIPT, str(tmp_path / "model")],
                            capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    # The registry keeps Moscow linked; the model adds the names it tags (here: every word).
    assert ["موسكو", "GPE", "moscow", "registry"] in found
    assert ["ترتيتسكي", "PER", "", "camel_ner"] in found
    assert all(m[0] != "." for m in found)


@needs_ner_extra
def test_missing_ner_data_is_a_clear_error(tmp_path):
    env = dict(os.environ, CAMELTOOLS_DATA=str(tmp_path / "empty"), HF_HUB_OFFLINE="1")
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "catalogue.json").write_text(json.dumps({"version": "1.6", "packages": {}, "components": {}}))
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("قال بوتين.", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "analysis", "extract", str(corpus), "--out", str(tmp_path / "o"), "--ner", "camel"],
                            capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert result.returncode == 2 and "camel-tools NER" in result.stderr


@pytest.mark.skipif(NER_EXTRA, reason="this environment has the `ner` extra")
def test_asking_for_ner_without_the_extra_says_how_to_install_it(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("قال بوتين.", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "analysis", "extract", str(corpus), "--out", str(tmp_path / "o"), "--ner", "camel"],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 2
    assert "ner` extra" in result.stderr and "Traceback" not in result.stderr
