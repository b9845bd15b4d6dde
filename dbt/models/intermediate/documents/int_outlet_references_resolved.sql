{#- Every place an outlet is referred to — a document's publisher, a citation's target — matched to
    the outlet registry (explicit key, then Telegram handle, then web domain, then name or alias);
    references the registry does not know get a derived outlet id (graded F downstream). -#}
with

registry as (
    select * from {{ ref('int_outlets_registered') }}
),

documents as (
    select * from {{ ref('stg_raw__documents') }}
),

citations as (
    select * from {{ ref('stg_nlp__citations') }}
),

links as (
    select * from {{ ref('stg_raw__document_links') }}
    where link_type = 'cites' and linked_url_normalized is not null
),

registry_handles as (
    select outlet_id, unnest(handles) as handle from registry
),

registry_domains as (
    select outlet_id, unnest(domains) as domain from registry
),

registry_names as (
    select outlet_id, unnest(match_names) as match_name from registry
),

document_references as (
    select
        'document' as reference_type,
        doc_id as reference_id,
        null::varchar as outlet_key,
        telegram_handle as handle,
        case when url_domain not in ('t.me', 'telegram.me') then url_domain end as domain,
        outlet_name as name,
        coalesce(outlet_name, telegram_handle, url_domain, source_name) as fallback_name,
        case
            when source_kind like 'telegram%' then 'telegram'
            when source_kind = 'rss' then 'rss'
            when source_kind = 'web' then 'web'
            else 'unknown'
        end as platform_hint,
    from documents
),

citation_references as (
    select
        'citation' as reference_type,
        citation_id as reference_id,
        cited_outlet_key as outlet_key,
        cited_telegram_handle as handle,
        case when cited_domain not in ('t.me', 'telegram.me') then cited_domain end as domain,
        cited_outlet_name as name,
        coalesce(cited_outlet_name, cited_telegram_handle, cited_domain) as fallback_name,
        case when cited_telegram_handle is not null then 'telegram' when cited_domain is not null then 'web' else 'unknown' end as platform_hint,
    from citations
    where coalesce(cited_outlet_key, cited_outlet_name, cited_telegram_handle, cited_domain) is not null
),

link_references as (
    select distinct
        'link' as reference_type,
        md5(concat_ws('|', doc_id, linked_url_normalized)) as reference_id,
        null::varchar as outlet_key,
        {{ telegram_handle('linked_url_normalized') }} as handle,
        case when {{ telegram_handle('linked_url_normalized') }} is null
            then {{ url_domain("'https://' || linked_url_normalized") }} end as domain,
        null::varchar as name,
        coalesce({{ telegram_handle('linked_url_normalized') }}, {{ url_domain("'https://' || linked_url_normalized") }}) as fallback_name,
        case when {{ telegram_handle('linked_url_normalized') }} is not null then 'telegram' else 'web' end as platform_hint,
    from links
),

references_unioned as (
    select * from document_references
    union all
    select * from citation_references
    union all
    select * from link_references
),

by_key as (
    select refs.reference_type, refs.reference_id, registry.outlet_id, 1 as priority
    from references_unioned as refs
    inner join registry on registry.outlet_id = refs.outlet_key
),

by_handle as (
    select refs.reference_type, refs.reference_id, registry_handles.outlet_id, 2 as priority
    from references_unioned as refs
    inner join registry_handles on registry_handles.handle = refs.handle
),

by_domain as (
    -- news.example.com is published by example.com
    select refs.reference_type, refs.reference_id, registry_domains.outlet_id, 3 as priority
    from references_unioned as refs
    inner join registry_domains
        on refs.domain = registry_domains.domain  -- noqa: ST09
        or refs.domain like '%.' || registry_domains.domain
),

by_name as (
    select refs.reference_type, refs.reference_id, registry_names.outlet_id, 4 as priority
    from references_unioned as refs
    inner join registry_names on registry_names.match_name = lower(refs.name)
),

matches as (
    select * from by_key
    union all select * from by_handle
    union all select * from by_domain
    union all select * from by_name
),

best_match as (
    select reference_type, reference_id, outlet_id, priority
    from matches
    qualify row_number() over (partition by reference_type, reference_id order by priority, outlet_id) = 1
),

final as (
    select
        refs.reference_type,
        refs.reference_id,
        coalesce(best_match.outlet_id, 'outlet-' || {{ slugify('refs.fallback_name') }}) as outlet_id,
        best_match.outlet_id is not null as is_registered,
        case best_match.priority when 1 then 'key' when 2 then 'handle' when 3 then 'domain' when 4 then 'name' else 'derived' end as match_method,
        refs.fallback_name as outlet_name,
        refs.handle,
        refs.domain,
        refs.platform_hint,
    from references_unioned as refs
    left join best_match
        on best_match.reference_type = refs.reference_type
        and best_match.reference_id = refs.reference_id
    where refs.fallback_name is not null
)

select * from final
