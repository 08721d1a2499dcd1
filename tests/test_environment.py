"""The environment: pyproject.toml and environment.yml agree; the locked default has no torch."""
import importlib.metadata
import os
import re
import subprocess
import sys
import tomllib

import pytest
import yaml

from .conftest import ROOT


def _name_and_spec(requirement: str) -> tuple[str, str]:
    m = re.match(r"^\s*([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?\s*(.*)$", requirement)
    name, spec = m.group(1).lower().replace("_", "-"), m.group(2).replace(" ", "")
    return name, spec.lstrip("=") if spec.startswith("=") and not spec.startswith("==") else spec


def test_pyproject_and_environment_agree():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pip_side = dict(_name_and_spec(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"])
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda_side = {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            conda_side.update(_name_and_spec(r) for r in dep["pip"] if not r.startswith("-e"))
        else:
            name, spec = _name_and_spec(dep)
            if name not in ("python", "pip"):
                conda_side[name] = spec
    assert pip_side == conda_side


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def test_torch_is_only_in_the_ner_extra_pinned_to_the_cpu_build():
    project = _project()["project"]
    assert not any(r.startswith(("torch", "transformers")) for r in project["dependencies"])
    assert "torch==2.13.0" in project["optional-dependencies"]["ner"]


def _locked_for_this_machine(extras: set[str]) -> set[str]:
    """Package names uv.lock installs here: dependencies followed from the project, markers evaluated."""
    from packaging.markers import Marker

    packages = {p["name"]: p for p in tomllib.loads((ROOT / "uv.lock").read_text())["package"]}
    root = _project()["project"]["name"]
    todo = [d for d in packages[root].get("dependencies", [])]
    for extra in extras:
        todo += packages[root].get("optional-dependencies", {}).get(extra, [])
    seen: set[str] = set()
    while todo:
        dep = todo.pop()
        if dep["name"] in seen or ("marker" in dep and not Marker(dep["marker"]).evaluate({"extra": ""})):
            continue
        seen.add(dep["name"])
        todo += packages[dep["name"]].get("dependencies", [])
    return seen


def test_locked_environment_holds_no_torch_transformers_or_cuda_package():
    names = _locked_for_this_machine({"dev"})
    assert {"camel-tools", "pandas", "pyarrow", "duckdb"} <= names
    assert not names & {"torch", "transformers", "triton", "scipy", "scikit-learn"}
    assert not [n for n in names if n.startswith("nvidia")]


def test_lockfile_pins_every_dependency_pyproject_declares():
    lock = tomllib.loads((ROOT / "uv.lock").read_text())
    names = {p["name"] for p in lock["package"]}
    project = _project()["project"]
    declared = {_name_and_spec(r)[0] for r in project["dependencies"] + project["optional-dependencies"]["dev"]}
    assert declared <= names, f"not in uv.lock (run `make lock`): {sorted(declared - names)}"


@pytest.mark.skipif(os.environ.get("WORKBOOK_EXTRAS") == "ner", reason="`make test-ner` installs torch on purpose")
def test_default_environment_has_no_torch_transformers_or_cuda_package():
    installed = {re.sub(r"[-_.]+", "-", d.metadata["Name"] or "").lower() for d in importlib.metadata.distributions()}
    assert "camel-tools" in installed
    assert not installed & {"torch", "transformers", "triton"}
    assert not [n for n in installed if n.startswith("nvidia")]


def test_extraction_never_imports_torch(tmp_path):
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from analysis.pipeline import run_extraction\n"
        "import analysis.figures, analysis.display, analysis.report\n"
        f"run_extraction(Path({str(ROOT / 'seeds')!r}), Path({str(tmp_path / 'out')!r}), quiet=True)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('torch', 'transformers', 'scipy', 'sklearn')))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "[]"
