"""Every code the product stores and shows has a Chinese name (core.labels): each audit action code
written anywhere in the code base (found by reading the source: literal codes, and the families built
as f"posting.{action}" from a workflow's actions), and each reminder kind."""

import ast
from pathlib import Path

from django.conf import settings

from core.labels import ACTION_LABELS, REMINDER_KIND_LABELS, action_label, reminder_kind_label

APPS = ("core", "accounts", "cadres", "secondment", "reports", "assessments", "documents", "dashboard")
ROOT = Path(settings.BASE_DIR)


def _trees():
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path, ast.parse(path.read_text())


def _called(call: ast.Call) -> str | None:
    f = call.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None


def _constants(node) -> list[str] | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _constants(node.body), _constants(node.orelse)
        return None if body is None or orelse is None else body + orelse
    if isinstance(node, ast.Tuple | ast.List):  # one of several literal codes
        parts = [_constants(element) for element in node.elts]
        return None if any(p is None for p in parts) else [code for p in parts for code in p]
    if isinstance(node, ast.Call) and _called(node) == "choice" and len(node.args) == 1:  # rng.choice((…))
        return _constants(node.args[0])
    return None


def _workflow_families() -> dict[str, set[str]]:
    """The families whose codes come from a workflow's actions, with every action of that workflow."""
    from assessments.models import DemocraticVoteEvent
    from assessments.workflow import ANNUAL_TRANSITIONS, STEP_LABELS, VOTE_TRANSITIONS
    from documents.workflow import TRANSITIONS as PRINT
    from reports.workflow import TRANSITIONS as REPORT
    from secondment.services.postings import _EXTENSION_HISTORY
    from secondment.workflow import LEAVE_TRANSITIONS, NOMINATION_TRANSITIONS, TRANSITIONS

    return {
        "posting.": set(TRANSITIONS) | set(_EXTENSION_HISTORY.values()),
        "nomination.": set(NOMINATION_TRANSITIONS),
        "leave.": set(LEAVE_TRANSITIONS),
        "report.": set(REPORT),
        "annual.": set(ANNUAL_TRANSITIONS),
        "appraisal.": set(STEP_LABELS),
        "print.": set(PRINT),
        # a phone vote's history: the table's actions, its opening, and "close" told apart as close_early
        "vote.": set(VOTE_TRANSITIONS) | set(DemocraticVoteEvent.Action.values),
    }


def audit_codes_in_the_code_base() -> tuple[set[str], set[str]]:
    """(codes written literally or passed as a literal to a family's writer, prefixes of families whose
    writer also takes a workflow's action)."""
    trees = dict(_trees())
    codes, families, open_families = set(), [], set()
    for tree in trees.values():
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef):
                continue
            for call in ast.walk(function):
                if not (isinstance(call, ast.Call) and _called(call) in ("audit_log_record", "AuditLog")):
                    continue
                for keyword in call.keywords:
                    if keyword.arg != "action" or function.name == "audit_log_record":
                        continue
                    literal = _constants(keyword.value)
                    if literal is not None:
                        codes.update(literal)
                    else:
                        assert isinstance(keyword.value, ast.JoinedStr), ast.unparse(keyword.value)
                        prefix = keyword.value.values[0].value
                        variable = keyword.value.values[1].value.id
                        families.append((prefix, function.name, variable))
    for prefix, writer, variable in families:
        for tree in trees.values():
            for call in ast.walk(tree):
                if isinstance(call, ast.Call) and _called(call) == writer:
                    for keyword in call.keywords:
                        if keyword.arg == variable:
                            literal = _constants(keyword.value)
                            if literal is None:
                                open_families.add(prefix)
                            else:
                                codes.update(prefix + code for code in literal)
    return codes, open_families


def test_every_audit_action_code_written_in_the_code_base_has_a_chinese_name():
    codes, open_families = audit_codes_in_the_code_base()
    assert len(codes) > 60  # the scan finds the codes (leave.request, posting.create, appraisal.open, …)
    assert {"leave.request", "posting.create", "appraisal.open", "role.grant"} <= codes
    assert sorted(code for code in codes if code not in ACTION_LABELS) == []
    workflows = _workflow_families()
    # a family fed with a workflow's action must be one whose workflow the test knows ...
    assert sorted(open_families - set(workflows)) == []
    # ... and each action of that workflow is named
    missing = sorted(
        prefix + a for prefix in open_families for a in workflows[prefix] if prefix + a not in ACTION_LABELS
    )
    assert missing == []


def test_every_reminder_kind_has_a_chinese_name():
    kinds = set()
    for _, tree in _trees():
        for call in ast.walk(tree):
            if isinstance(call, ast.Call) and _called(call) == "Candidate":
                kind = call.args[2] if len(call.args) > 2 else next(k.value for k in call.keywords if k.arg == "kind")
                kinds.update(_constants(kind) or [])
    assert {"report_due", "arrival", "appraisal_step"} <= kinds
    assert sorted(kind for kind in kinds if kind not in REMINDER_KIND_LABELS) == []


def test_names_read_as_chinese_and_unknown_codes_pass_through():
    assert action_label("leave.request") == "请假申请"
    assert action_label("posting.appoint") == "任职"
    assert reminder_kind_label("report_overdue") == "汇报逾期"
    assert action_label("something.new") == "something.new"
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in label) for label in ACTION_LABELS.values())
