"""Connected components of ids joined by links: alignment's groups of claims, the facts of a
judged group, the report's fact rows. One union-find, so that each names a component alike."""

from __future__ import annotations

from collections.abc import Iterable


def components(links: Iterable[Iterable[str]], ids: Iterable[str] = ()) -> dict[str, str]:
    """Each id (of ``ids`` and of the links) -> the least id of its component; a link joins all
    the ids it holds (a pair, or more)."""
    parent = {x: x for x in ids}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for link in links:
        first, *rest = list(link) or [None]
        for other in rest:
            ra, rb = find(first), find(other)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    return {x: find(x) for x in parent}
