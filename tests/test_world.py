"""The registry's world data: generated from CLDR by scripts/build_world.py, curated entries on top."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from analysis.entities import country_by_code, find_mentions, registry
from analysis.flows import country_of
from analysis.lexicons import nationality_keys, phrase_key

from .conftest import ROOT

GENERATED = ("data/registry/world.csv", "data/registry/countries.csv", "data/lexicons/world_nationalities.csv",
             "data/registry/world_needs_context.csv")


def test_generated_world_files_are_up_to_date(tmp_path):
    pytest.importorskip("babel")
    copy = tmp_path / "project"
    shutil.copytree(ROOT / "data", copy / "data")
    shutil.copytree(ROOT / "scripts", copy / "scripts")
    subprocess.run([sys.executable, str(copy / "scripts/build_world.py")], check=True, capture_output=True)
    for relative in GENERATED:
        assert (copy / relative).read_bytes() == (ROOT / relative).read_bytes(), f"{relative}: run scripts/build_world.py"


@pytest.mark.parametrize("text, name_en", [
    ("أرسلت الهند الأرز إلى كينيا.", "Kenya"),
    ("وصلت الشحنة إلى مدغشقر.", "Madagascar"),
    ("قالت بوركينا فاسو إن القوات وصلت.", "Burkina Faso"),
    ("زار الوزير جزر القمر.", "Comoros"),
    ("اتفقت قطر وألمانيا على الصفقة.", "Qatar"),
    ("عاد الوفد إلى طهران.", "Tehran"),
])
def test_countries_and_cities_of_the_whole_world_are_linked(text, name_en):
    assert name_en in {m.name_en for m in find_mentions(text, 1, 0, text)}


def test_every_country_code_stands_for_a_country_entity():
    entities = registry()
    assert len(country_by_code()) > 240
    assert all(entity_id in entities for entity_id in country_by_code().values())
    assert country_by_code()["RU"] == "russia"  # a curated country keeps its id


def test_a_city_belongs_to_its_country():
    nairobi = next(e for e in registry().values() if e.name_en == "Nairobi")
    assert country_of(nairobi.entity_id) == country_by_code()["KE"]


@pytest.mark.parametrize("adjective, code", [("الكيني", "KE"), ("الجزائرية", "DZ"), ("الليبيين", "LY"), ("باكستاني", "PK")])
def test_nationality_adjectives_follow_the_nisba_rule(adjective, code):
    assert nationality_keys()[phrase_key(adjective)][0] == country_by_code()[code]


def test_a_country_name_that_is_also_a_common_word_makes_no_adjective():
    assert phrase_key("المالي") not in nationality_keys()  # "financial", not Malian


@pytest.mark.parametrize("text, linked", [
    ("قدمت الحكومة دعم مالي للمزارعين.", False),   # financial support
    ("أرسلت روسيا جنودا إلى مالي.", True),
    ("وصلت القوات الروسية إلى بوركينا فاسو ومالي.", True),
    ("مالي تطلب المساعدة.", True),
])
def test_a_name_that_is_also_a_word_needs_a_place_a_name_can_stand(text, linked):
    assert ("mali" in {m.entity_id for m in find_mentions(text, 1, 0, text)}) is linked


def test_after_a_definite_noun_the_indefinite_word_is_the_name():
    text = "وذكر التقرير مالي فقط."
    assert "mali" in {m.entity_id for m in find_mentions(text, 1, 0, text)}


def test_no_generated_city_spelling_reads_as_a_definite_word():
    # «آلاشهر» (Alaşehir) is matched hamza-folded, as «الأشهر» (the months)
    from analysis.lexicons import match_key
    from analysis.normalize import normalize_text
    from analysis.resources import load_table

    assert not [r["alias_ar"] for r in load_table("registry/world_needs_context.csv")
                if match_key(normalize_text(r["alias_ar"])).startswith("ال")]
    text = "ازداد التعاون خلال الأشهر الأخيرة."
    assert find_mentions(text, 1, 0, text) == []
