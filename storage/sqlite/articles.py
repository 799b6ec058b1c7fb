"""How the store's reads see articles: which ones a scope may see, and their summaries."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from storage.models import ArticleSummary, Filters

# The columns of `summary`, in its order of parameters.
SUMMARY_COLUMNS = (
    "a.id, a.title, a.source, a.agency, a.published, a.time_known, a.updated, a.file, a.scope"
)
# Article summaries kept built: a question's candidates come from up to 96 articles.
_SUMMARIES = 4096


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


@lru_cache(maxsize=_SUMMARIES)
def summary(
    article_id: int,
    title: str,
    source: str | None,
    agency: str | None,
    published: str | None,
    time_known: int,
    updated: int,
    file: str | None,
    scope: int | None,
) -> ArticleSummary:
    """An article's summary from its SUMMARY_COLUMNS, a pure function of them.

    Questions keep meeting the same articles, and building a summary (a date parsed, nine
    fields set) was most of the work of turning candidate rows into candidates.
    """
    return ArticleSummary(
        id=article_id,
        title=title,
        source=source,
        agency=agency,
        published=datetime.fromisoformat(published) if published else None,
        time_known=bool(time_known),
        updated=bool(updated),
        file=file,
        scope=scope,
    )
