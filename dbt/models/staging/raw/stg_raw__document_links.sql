with

source as (
    -- raw.document_links is younger than raw.documents: older warehouses lack it
    select * from {{ source_or_empty('raw', 'document_links', {
        'doc_id': 'varchar', 'link_type': 'varchar', 'linked_ref': 'varchar', 'linked_url': 'varchar',
        'linked_doc_id': 'varchar', 'batch_id': 'varchar', 'detected_at': 'timestamp',
    }) }}
),

renamed as (
    select
        doc_id,
        lower(link_type) as link_type,
        linked_ref,
        nullif(trim(linked_url), '') as linked_url,
        nullif(trim(linked_doc_id), '') as linked_doc_id,
        batch_id,
        detected_at,
    from source
),

final as (
    select
        *,
        -- 'telegram:<channel>/<id>' and t.me URLs compare equal
        coalesce(
            {{ normalize_url('linked_url') }},
            case when linked_ref like 'telegram:%' then 't.me/' || lower(split_part(substr(linked_ref, 10), '/', 1)) || '/' || split_part(substr(linked_ref, 10), '/', 2) end,
            case when linked_ref like '%://%' then {{ normalize_url('linked_ref') }} end
        ) as linked_url_normalized,
    from renamed
)

select * from final
