"""How the store's reads see articles: which ones a scope may see."""

from __future__ import annotations

from storage.models import Filters


def visible(filters: Filters) -> tuple[str, tuple[object, ...]]:
    """SQL condition on `articles a` for what a server (or the operator) may see."""
    if filters.scope is None:
        clauses, params = ["a.scope IS NULL"], []
    else:
        clauses, params = ["(a.scope IS NULL OR a.scope = ?)"], [filters.scope]
    if filters.since is not None:
        clauses.append("a.published_ts >= ?")
        params.append(int(filters.since.timestamp()))
    if filters.until is not None:
        clauses.append("a.published_ts <= ?")
        params.append(int(filters.until.timestamp()))
    if filters.source:
        escaped = filters.source.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        clauses.append("a.source LIKE ? ESCAPE '\\'")
        params.append(f"%{escaped}%")
    return " AND ".join(clauses), tuple(params)
