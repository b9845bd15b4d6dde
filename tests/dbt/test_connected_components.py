"""The connected_components macro (every merge model's clustering step) against a union-find,
which names each component by its smallest node as the macro must.

The macro hooks each node to its smallest neighbour, contracts the edges to the hooks' roots and
propagates labels on what is left; the graphs here are the shapes that can break one of those
steps: a path whose ids fall along it (deep hook chains), a dense clique, a star, isolated nodes,
self-loops, duplicate and reversed edges, and random sparse graphs.
"""

from __future__ import annotations

import itertools
import random

import duckdb
import pytest

from tests.dbt.warehouse_fixture import run_dbt

Graph = tuple[list[str], list[tuple[str, str]]]


@pytest.fixture(scope="module")
def macro_sql(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The macro rendered by dbt over two plain tables, `graph_nodes` and `graph_edges`."""
    work = tmp_path_factory.mktemp("connected_components")
    result = run_dbt(
        work / "warehouse.duckdb",
        ["compile", "--inline", "select * from {{ connected_components('graph_nodes', 'graph_edges') }}"],
        work,
    )
    return str(result.result.results[0].node.compiled_code)


def expected_components(nodes: list[str], edges: list[tuple[str, str]]) -> dict[str, str]:
    parent = {n: n for n in nodes}

    def root(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for a, b in edges:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[str, list[str]] = {}
    for n in nodes:
        members.setdefault(root(n), []).append(n)
    return {n: min(group) for group in members.values() for n in group}


def components_in_sql(macro_sql: str, nodes: list[str], edges: list[tuple[str, str]]) -> dict[str, str]:
    con = duckdb.connect()
    try:
        con.execute("create table graph_nodes (node_id varchar)")
        con.execute("create table graph_edges (from_id varchar, to_id varchar)")
        if nodes:
            con.executemany("insert into graph_nodes values (?)", [(n,) for n in nodes])
        if edges:
            con.executemany("insert into graph_edges values (?, ?)", edges)
        rows = con.execute(macro_sql).fetchall()
    finally:
        con.close()
    assert len(rows) == len({r[0] for r in rows}), "one row per node"
    return dict(rows)


def _path_falling(n: int) -> Graph:
    nodes = [f"p{i:04d}" for i in range(n)]
    return nodes, [(nodes[i + 1], nodes[i]) for i in range(n - 1)][::-1]


def _path_alternating(n: int) -> Graph:
    # ids zig-zag along the path: every other node is a local minimum, so hooks alone leave
    # many roots, and the contracted graph is itself a long path
    order = [f"z{(i // 2) if i % 2 == 0 else n - 1 - i // 2:04d}" for i in range(n)]
    return sorted(order), list(itertools.pairwise(order))


def _clique(n: int) -> Graph:
    nodes = [f"c{i:03d}" for i in range(n)]
    return nodes, [(a, b) for a in nodes for b in nodes if a < b]


def _star_and_isolated() -> Graph:
    nodes = ["m-hub", *(f"a-leaf{i}" for i in range(30)), "x-alone", "y-alone"]
    edges = [("m-hub", f"a-leaf{i}") for i in range(30)] + [("m-hub", "m-hub")]
    return nodes, edges + [(b, a) for a, b in edges] + edges


def _random_sparse(seed: int, n: int = 400, m: int = 380) -> Graph:
    rng = random.Random(seed)
    nodes = [f"{rng.getrandbits(40):010x}" for _ in range(n)]
    return nodes, [(rng.choice(nodes), rng.choice(nodes)) for _ in range(m)]


GRAPHS: dict[str, Graph] = {
    "path with falling ids": _path_falling(300),
    "path with zig-zag ids": _path_alternating(301),
    "clique": _clique(60),
    "star, self-loop, duplicate and reversed edges, isolated nodes": _star_and_isolated(),
    **{f"random sparse {seed}": _random_sparse(seed) for seed in range(3)},
    "no edges": (["b", "a", "c"], []),
}


@pytest.mark.parametrize("name", list(GRAPHS))
def test_macro_finds_the_components_a_union_find_finds(macro_sql: str, name: str) -> None:
    nodes, edges = GRAPHS[name]
    assert components_in_sql(macro_sql, nodes, edges) == expected_components(nodes, edges)
