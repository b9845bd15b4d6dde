{#- Connected components of an undirected graph, set-based: every node reaches itself, then
    follows edges until nothing new is reached; a component is named by its smallest node id.
    `nodes` is a relation/CTE with column node_id, `edges` one with from_id, to_id (either
    direction is enough: the macro symmetrises). Returns (node_id, component_id). -#}
{% macro connected_components(nodes, edges) -%}
    (
        with recursive
        undirected_edges as (
            select from_id, to_id from {{ edges }} where from_id <> to_id
            union
            select to_id as from_id, from_id as to_id from {{ edges }} where from_id <> to_id
        ),
        walk(node_id, reached_id) as (
            select node_id, node_id as reached_id from {{ nodes }}
            union
            select walk.node_id, undirected_edges.to_id as reached_id
            from walk
            inner join undirected_edges on undirected_edges.from_id = walk.reached_id
        )
        select node_id, min(reached_id) as component_id
        from walk
        group by node_id
    )
{%- endmacro %}
