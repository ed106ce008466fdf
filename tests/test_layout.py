"""The project's promises about layout: two commands on top of the README, CI runs the test command."""
from __future__ import annotations

import re

from analysis import repo_root

ROOT = repo_root()


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text()
    block = re.search(r"```(?:bash|sh)?\n(.*?)```", text, re.S)
    assert block and text.index(block.group(0)) < 200, "README must open with its commands"
    return [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]


def test_readme_opens_with_the_two_commands():
    assert _readme_commands() == ["make figures", "make test"]


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    lines = [line.strip() for line in ci.splitlines() if line.strip() and not line.startswith("#")]
    assert lines[-1] == _readme_commands()[1]


def test_top_level_layout():
    for name in ("README.md", "requirements.txt", "pyproject.toml", "Makefile", "notebooks", "analysis",
                 "data/raw", "data/README.md", "figures", "tests", "benchmarks"):
        assert (ROOT / name).exists(), name
    assert "-e ." in (ROOT / "requirements.txt").read_text().splitlines()


def test_importing_the_package_does_no_work(tmp_path):
    import subprocess
    import sys
    code = "import sys, analysis; print('pandas' in sys.modules, 'matplotlib.pyplot' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert out.stderr == "" and out.stdout.strip()
