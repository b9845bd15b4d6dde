{#- Connected components of an undirected graph; a component is named by its smallest node id.
    `nodes` is a relation/CTE with column node_id, `edges` one with from_id, to_id (either
    direction is enough: the macro symmetrises); every edge end must be a node.
    Returns (node_id, component_id).

    Two steps, so that dense graphs (thousands of reports of one event, each linked to most of the
    others) cost a couple of passes over their edges rather than one per propagation round:
    1. Hooking (one Borůvka round): every node hooks to its smallest neighbour, or to itself when
       it has none smaller. Hooks only point to smaller ids, so following them ends at a root;
       the nodes hooked to one root are connected. Edges are then contracted to root pairs (one
       pass over the edges for the hooks, one for the contraction).
    2. Min-label propagation on the contracted graph: every root starts as its own label and takes
       the smallest label among its neighbours until no label changes. A recursive CTE keyed by
       node (USING KEY) keeps one row per node, so work and memory grow with nodes × rounds, not
       with the square of a component's size as a transitive closure would.
    The smallest node of a component has no smaller neighbour, so it is a root, and the component
    keeps its name through the contraction. -#}
{% macro connected_components(nodes, edges) -%}
    (
        with recursive
        edge_list as materialized (
            select from_id, to_id from {{ edges }} where from_id <> to_id
        ),
        smallest_neighbours as (
            select from_id as node_id, min(to_id) as neighbour_id from edge_list group by from_id
            union all
            select to_id as node_id, min(from_id) as neighbour_id from edge_list group by to_id
        ),
        hooks as materialized (
            select all_nodes.node_id, least(all_nodes.node_id, coalesce(min(smallest_neighbours.neighbour_id), all_nodes.node_id)) as parent_id
            from (select distinct node_id from {{ nodes }}) as all_nodes
            left join smallest_neighbours on smallest_neighbours.node_id = all_nodes.node_id
            group by all_nodes.node_id
        ),
        roots(node_id, root_id) using key (node_id) as (
            select node_id, parent_id as root_id from hooks
            union
            -- pointer jumping: a node's root becomes its root's root until that is a root
            select roots.node_id, further.root_id
            from roots
            inner join recurring.roots as further on further.node_id = roots.root_id
            where further.root_id <> roots.root_id
        ),
        root_of as materialized (
            select node_id, root_id from roots
        ),
        -- one join per step: the planner cannot estimate the recursive CTE's size, and a single
        -- step joining the edges to root_of twice may start with root_of × root_of
        edges_from_roots as materialized (
            select root_of.root_id as from_root_id, edge_list.to_id
            from edge_list
            inner join root_of on root_of.node_id = edge_list.from_id
        ),
        contracted_pairs as materialized (
            select distinct
                least(edges_from_roots.from_root_id, root_of.root_id) as from_id,
                greatest(edges_from_roots.from_root_id, root_of.root_id) as to_id,
            from edges_from_roots
            inner join root_of on root_of.node_id = edges_from_roots.to_id
            where edges_from_roots.from_root_id <> root_of.root_id
        ),
        contracted_edges as materialized (
            select from_id, to_id from contracted_pairs
            union all
            select to_id as from_id, from_id as to_id from contracted_pairs
        ),
        labels(node_id, component_id) using key (node_id) as (
            select distinct root_id as node_id, root_id as component_id from root_of
            union
            -- labels that changed last round flow to their neighbours where they are smaller
            select contracted_edges.to_id, min(labels.component_id)
            from labels
            inner join contracted_edges on contracted_edges.from_id = labels.node_id
            inner join recurring.labels as known on known.node_id = contracted_edges.to_id
            group by contracted_edges.to_id, known.component_id
            having min(labels.component_id) < known.component_id
        )
        select root_of.node_id, labels.component_id
        from root_of
        inner join labels on labels.node_id = root_of.root_id
    )
{%- endmacro %}
