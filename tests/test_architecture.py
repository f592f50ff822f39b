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


def test_tests_reach_states_through_the_services():
    """Fixtures drive records to a state through the services (STYLE.md, Zulip): no test forges a status
    with a queryset update or an assignment."""
    import re

    forging = re.compile(r"\.update\(\s*status\s*=|\.status\s*=\s*[\"']")
    allowed = {"tests/core/test_status_writes.py"}  # it plants forged writes to prove they are found
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in (ROOT / "tests").rglob("*.py")
        if str(path.relative_to(ROOT)) not in allowed
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if forging.search(line)
    ]
    assert offenders == []
