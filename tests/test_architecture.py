"""The layers of README's "Architecture" hold: apps import only downward, `reports` and `assessments`
never import each other, and no import cycle exists inside an app (.importlinter, issue 13)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _lint_imports() -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(ROOT / ".importlinter"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_import_contracts_are_kept():
    result = _lint_imports()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_a_new_upward_import_breaks_the_contract():
    """The contract is not vacuous: a module of `cadres` importing `secondment` is reported."""
    probe = ROOT / "cadres" / "_architecture_probe.py"
    probe.write_text("import secondment.models  # noqa: F401\n")
    try:
        result = _lint_imports()
    finally:
        probe.unlink()
    assert result.returncode != 0
    assert "cadres._architecture_probe -> secondment.models" in result.stdout
