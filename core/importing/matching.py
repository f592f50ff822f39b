"""Near-name suggestions: a unit written slightly differently is offered, never silently chosen."""

import difflib
import re

from .normalize import to_halfwidth


def normalize_name(value: str) -> str:
    return re.sub(r"[\s()（）·・]", "", to_halfwidth(value or ""))


def closest_matches(name: str, candidates, *, limit: int = 3, cutoff: float = 0.6) -> list[str]:
    """Candidates close to `name`, best first (an exact match after normalization is alone)."""
    wanted = normalize_name(name)
    by_normal = {normalize_name(c): c for c in candidates}
    if wanted in by_normal:
        return [by_normal[wanted]]
    near = difflib.get_close_matches(wanted, list(by_normal), n=limit, cutoff=cutoff)
    contained = [n for n in by_normal if n and (wanted in n or n in wanted) and n not in near]
    return [by_normal[n] for n in (near + contained)[:limit]]
