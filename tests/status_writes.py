"""Where the code base writes a `status` (or an extension request's `decision`): read from the
sources with `ast`, migrations and tests left out. Used by the workflow-table tests to prove that
each state machine's status is written by its one performing service and nowhere else."""

import ast
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP_DIRS = {".venv", "migrations", "tests", "node_modules", "static", "var", "locale", "templates"}
STATE_FIELDS = {"status", "decision"}
WRITING_CALLS = {"update", "update_or_create", "get_or_create", "create", "bulk_create", "bulk_update"}


@dataclass(frozen=True)
class Site:
    module: str  # path relative to the project root
    function: str  # the enclosing function ("" at module level)
    line: int
    code: str


class _Finder(ast.NodeVisitor):
    def __init__(self, module: str):
        self.module, self.stack, self.sites = module, [], []

    def _add(self, node):
        self.sites.append(Site(self.module, self.stack[-1] if self.stack else "", node.lineno, ast.unparse(node)))

    def _function(self, node):
        # a nested helper counts as part of the function it sits in
        self.stack.append(self.stack[0] if self.stack else node.name)
        self.generic_visit(node)
        self.stack.pop()

    visit_FunctionDef = visit_AsyncFunctionDef = _function

    def _targets(self, target):
        if isinstance(target, ast.Attribute) and target.attr in STATE_FIELDS:
            return True
        if isinstance(target, ast.Tuple | ast.List):
            return any(self._targets(t) for t in target.elts)
        return False

    def visit_Assign(self, node):
        if any(self._targets(t) for t in node.targets):
            self._add(node)
        self.generic_visit(node)

    def visit_AugAssign(self, node):
        if self._targets(node.target):
            self._add(node)
        self.generic_visit(node)

    visit_AnnAssign = visit_AugAssign

    def visit_Call(self, node):
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name == "setattr" and len(node.args) > 1 and getattr(node.args[1], "value", None) in STATE_FIELDS:
            self._add(node)
        elif name in WRITING_CALLS:
            for kw in node.keywords:
                if kw.arg in STATE_FIELDS or (
                    kw.arg == "defaults"
                    and isinstance(kw.value, ast.Dict)
                    and any(getattr(k, "value", None) in STATE_FIELDS for k in kw.value.keys)
                ):
                    self._add(node)
        self.generic_visit(node)


@cache
def status_writes() -> tuple[Site, ...]:
    sites = []
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT)
        if SKIP_DIRS & set(rel.parts[:-1]):
            continue
        finder = _Finder(rel.as_posix())
        finder.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(rel)))
        sites.extend(finder.sites)
    return tuple(sites)


# Status writes that belong to no state machine of the product's tables: spreadsheet import rows
# (an outcome, not a model), a reminder's delivery on a channel (core's delivery loop) and an import
# upload (core's import pages).
NOT_A_MACHINE = {
    ("cadres/roster_import.py", "_evaluate"),
    ("cadres/lrmx_records.py", "_evaluate_one"),  # a file's preview outcome (new/update/error), no record
    ("core/importing/apply.py", "apply_rows"),
    ("secondment/io/nomination_import.py", "nominee_import"),
    ("secondment/io/nomination_import.py", "score_import"),
    ("secondment/io/posting_import.py", "posting_import"),
    ("core/reminders.py", "reminder_deliver"),
    ("core/import_views.py", "post"),
}


def writes_outside(performing: set[tuple[str, str]]) -> list[Site]:
    """Status writes that are neither in one of these (module, function) nor a known non-machine site."""
    allowed = performing | NOT_A_MACHINE
    return [s for s in status_writes() if (s.module, s.function) not in allowed]
