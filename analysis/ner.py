"""Optional backend: camel-tools' NER model (``camel_data -i ner-arabert``), merged under the registry.

Importing ``camel_tools.ner`` fetches camel-tools' data catalogue from the internet when none
is cached, so it is imported here, lazily, only when a backend is asked for. Without the model
the default pipeline (registry + patterns) stands on its own.
"""
from __future__ import annotations

from pathlib import Path

from .entities import Mention, Token

# camel-tools labels -> this workbook's types (camel's LOC covers countries and cities too).
_TYPES = {"PERS": "PER", "PER": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "GPE", "MISC": "MISC"}


class NerUnavailable(RuntimeError):
    """camel-tools' NER model cannot be loaded here (data not installed, or no catalogue)."""


class CamelNerBackend:
    """Wraps a camel-tools ``NERecognizer``; ``mentions`` turns its BIO labels into ``Mention`` rows."""

    def __init__(self, recognizer):
        self.recognizer = recognizer

    @classmethod
    def load(cls, model_path: str | Path | None = None) -> "CamelNerBackend":
        """Load camel-tools' pretrained model, or a fine-tuned BERT model from ``model_path``."""
        import importlib.util

        missing = [m for m in ("torch", "transformers") if importlib.util.find_spec(m) is None]
        if missing:
            raise NerUnavailable(f"camel-tools NER needs {' and '.join(missing)}, which the default environment "
                                 "leaves out: install the `ner` extra (`make test-ner` builds .venv-ner with it, "
                                 "or `pip install torch==2.13.0 -e '.[ner]'`).")
        try:
            from camel_tools.ner import NERecognizer
        except Exception as err:  # DownloaderError when the catalogue cannot be fetched
            raise NerUnavailable(f"camel-tools NER cannot be imported ({type(err).__name__}: {err}). "
                                 "Install its data with `camel_data -i ner-arabert` where the internet is reachable.") from err
        try:
            if model_path is not None:
                recognizer = NERecognizer(str(model_path), use_gpu=False)
            else:
                recognizer = NERecognizer.pretrained(use_gpu=False)
        except Exception as err:
            raise NerUnavailable(f"camel-tools NER model could not be loaded ({type(err).__name__}: {err}).") from err
        return cls(recognizer)

    def mentions(self, tokens: list[Token], sentence: int, original: str) -> list[Mention]:
        """Mentions from the model's BIO labels over the sentence's camel-tools tokens (unlinked)."""
        words = [t.text for t in tokens]
        if not words:
            return []
        labels = self.recognizer.predict([words])[0]
        return decode_bio(tokens, labels, sentence, original)


def decode_bio(tokens: list[Token], labels: list[str], sentence: int, original: str) -> list[Mention]:
    """Turn per-token BIO labels (B-PERS, I-PERS, O ...) into mentions; punctuation never starts one."""
    out: list[Mention] = []
    current: list[int] = []
    current_type = ""

    def close():
        if current:
            start, end = tokens[current[0]].start, tokens[current[-1]].end
            out.append(Mention(sentence, start, end, original[start:end], current_type, "", "", "camel_ner", 0.5))

    for i, label in enumerate(labels[: len(tokens)]):
        prefix, _, kind = label.partition("-")
        type_ = _TYPES.get(kind, "")
        is_word = any(ch.isalnum() for ch in tokens[i].text)
        if prefix == "I" and current and type_ == current_type:
            current.append(i)
        elif prefix in ("B", "I") and type_ and is_word:
            close()
            current, current_type = [i], type_
        else:
            close()
            current, current_type = [], ""
    close()
    return out
