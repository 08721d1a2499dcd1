"""Rules as data: word classes say what they do, are used by the engine, and Arabic stays out of the code."""
import ast
import csv
import re

import pytest

from .conftest import ROOT

WORD_CLASS_FILES = {"rules/flow_word_classes.csv": "flow_words", "rules/statement_word_classes.csv": "statement_words"}
# Distinct Arabic words (string literals of three letters or more) left in analysis/*.py, docstrings not
# counted: 569 before the word classes moved to data/rules. Issue #16 moves the rest file by file; this
# budget only goes down: a new rule's words belong in a data file.
ARABIC_LITERAL_BUDGET = 226
ARABIC = re.compile(r"[\u0621-\u064a]")


def classes(relative):
    with open(ROOT / "data" / relative, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    out = {}
    for row in rows:
        out.setdefault(row["class"], []).append(row)
    return out


@pytest.mark.parametrize("relative", sorted(WORD_CLASS_FILES))
def test_every_word_class_says_what_it_does_on_its_first_row(relative):
    for name, rows in classes(relative).items():
        assert rows[0]["what the class does"].strip(), f"{relative}: class {name} has no description"


@pytest.mark.parametrize("relative", sorted(WORD_CLASS_FILES))
def test_every_word_class_is_read_by_the_engine_and_lists_each_word_once(relative):
    code = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "analysis").glob("*.py"))
    for name, rows in classes(relative).items():
        assert f'{WORD_CLASS_FILES[relative]}("{name}")' in code, f"{relative}: class {name} is read by no rule"
        words = [row["word"] for row in rows]
        assert len(words) == len(set(words)), f"{relative}: class {name} lists a word twice"


def test_arabic_words_in_the_code_do_not_grow():
    literals = set()
    for path in (ROOT / "analysis").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                      and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
        literals |= {(path.name, n.value) for n in ast.walk(tree) if isinstance(n, ast.Constant)
                     and isinstance(n.value, str) and id(n) not in docstrings
                     and len(ARABIC.findall(n.value)) > 2}  # allowed: clitic letters and short suffixes («وف», «ها»)
    assert len(literals) <= ARABIC_LITERAL_BUDGET, (
        f"{len(literals)} Arabic literals in analysis/*.py (budget {ARABIC_LITERAL_BUDGET}): put new words in data/")
