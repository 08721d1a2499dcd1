"""pyproject.toml and environment.yml declare the same dependencies."""
import re
import tomllib

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


def test_torch_is_pinned_to_the_local_cpu_build():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert "torch==2.13.0" in project["dependencies"]
