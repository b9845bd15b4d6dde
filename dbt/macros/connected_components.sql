{#- Connected components of an undirected graph by min-label propagation: every node starts as
    its own label and takes the smallest label among its neighbours until no label changes; a
    component is named by its smallest node id. A recursive CTE keyed by node (USING KEY) keeps
    one row per node, so work and memory grow with nodes × propagation rounds, not with the square
    of a component's size as a transitive closure would (one speaker's thousand paraphrases).
    `nodes` is a relation/CTE with column node_id, `edges` one with from_id, to_id (either
    direction is enough: the macro symmetrises); every edge end must be a node.
    Returns (node_id, component_id). -#}
{% macro connected_components(nodes, edges) -%}
    (
        with recursive
        undirected_edges as (
            select from_id, to_id from {{ edges }} where from_id <> to_id
            union
            select to_id as from_id, from_id as to_id from {{ edges }} where from_id <> to_id
        ),
        labels(node_id, component_id) using key (node_id) as (
            select node_id, node_id as component_id from {{ nodes }}
            union
            -- labels that changed last round flow to their neighbours where they are smaller
            select undirected_edges.to_id, min(labels.component_id)
            from labels
            inner join undirected_edges on undirected_edges.from_id = labels.node_id
            inner join recurring.labels as known on known.node_id = undirected_edges.to_id
            group by undirected_edges.to_id, known.component_id
            having min(labels.component_id) < known.component_id
        )
        select node_id, component_id from labels
    )
{%- endmacro %}
