"""Flat views for BI tools, created in every published DuckDB file (osint/publish.py).

Superset, Metabase and spreadsheets handle one row per thing with scalar columns; the marts keep
lists (`dim_actors.aliases`, `fct_trade_figures.parties`) and spread one fact over a fact table, a
bridge and the dimensions. Each view here joins them into one flat table: every column is a scalar
(a list appears only as one string, its items joined with '; '), and every view and column carries
a comment, which BI tools show as its description.

The views read only the published contract (the marts' documented columns), with unqualified
table names, so they resolve inside whichever file holds them. The SQL and the column docs live
here only: `create_views` writes them, `markdown` renders the README section.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from osint.errors import BuildError
from osint.warehouse import sql_literal

LIST_SEPARATOR = "; "

# A country's name by its ISO 3166-1 alpha-3 code: every ISO country is an actor 'country-<code>'.
_COUNTRY_NAMES = "select country_code, canonical_name from dim_actors where actor_type = 'country'"


@dataclass(frozen=True)
class BIView:
    name: str
    description: str
    sql: str
    columns: tuple[tuple[str, str], ...]  # (column, meaning), in the view's column order
    reads: tuple[str, ...]  # the marts it joins


_GRADE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("admiralty_grade", "Reliability letter and credibility digit together, e.g. B2."),
    ("source_reliability", "Best source reliability A–F among the reporting documents (F: outlet not in the registry)."),
    ("credibility", "Information credibility 1 (confirmed) … 6 (cannot be judged) from independent corroboration."),
    ("source_count", "Documents reporting the fact."),
    ("independent_origin_count", "Independent origins reporting the fact (copies and forwards of one origin count once)."),
)

VIEWS: tuple[BIView, ...] = (
    BIView(
        name="v_meeting_participants",
        reads=("fct_meetings", "bdg_meeting_participants", "dim_actors"),
        description=(
            "One row per meeting × participant: the meeting's date, place, type, status and grade with the "
            "participant's name, type, country and role (fct_meetings × bdg_meeting_participants × dim_actors)."
        ),
        sql=f"""
            with country_names as ({_COUNTRY_NAMES})
            select
                m.meeting_id,
                m.meeting_date,
                m.date_precision as meeting_date_precision,
                m.location_name,
                m.location_country_code,
                location_country.canonical_name as location_country_name,
                m.meeting_type,
                m.status as meeting_status,
                m.agreement_id,
                m.held_meeting_id,
                m.participant_count,
                nullif(array_to_string(m.described_participants, '{LIST_SEPARATOR}'), '') as described_participants,
                m.admiralty_grade,
                m.source_reliability,
                m.credibility,
                m.source_count,
                m.independent_origin_count,
                m.confidence as meeting_confidence,
                p.actor_id as participant_actor_id,
                a.canonical_name as participant_name,
                a.actor_type as participant_type,
                a.role as participant_office,
                a.country_code as participant_country_code,
                participant_country.canonical_name as participant_country_name,
                p.role as participant_role,
                p.source_count as participant_source_count,
                nullif(array_to_string(a.aliases, '{LIST_SEPARATOR}'), '') as participant_aliases,
            from fct_meetings as m
            inner join bdg_meeting_participants as p on p.meeting_id = m.meeting_id
            left join dim_actors as a on a.actor_id = p.actor_id
            left join country_names as location_country on location_country.country_code = m.location_country_code
            left join country_names as participant_country on participant_country.country_code = a.country_code
        """,
        columns=(
            ("meeting_id", "The meeting (fct_meetings)."),
            ("meeting_date", "Date most reports give."),
            ("meeting_date_precision", "Precision of meeting_date (day, month, year, unknown)."),
            ("location_name", "Place as most reports name it."),
            ("location_country_code", "ISO 3166-1 alpha-3 code of the place."),
            ("location_country_name", "Name of that country."),
            ("meeting_type", "Most specific type reported (visit, talks, call, summit, ...)."),
            ("meeting_status", "held, planned, postponed or cancelled."),
            ("agreement_id", "Agreement signed or discussed at the meeting (dim_agreements)."),
            ("held_meeting_id", "For a planned meeting: the held meeting it announced."),
            ("participant_count", "Distinct participants of the meeting, named and described."),
            ("described_participants", "Participants the reports describe without naming them, as written (no actors)."),
            *_GRADE_COLUMNS,
            ("meeting_confidence", "Calibrated probability (0–1) that the meeting row is fully correct."),
            ("participant_actor_id", "The participant (dim_actors)."),
            ("participant_name", "The participant's canonical name."),
            ("participant_type", "person, country or organization."),
            ("participant_office", "Office or role of a person in the gazetteer."),
            ("participant_country_code", "ISO 3166-1 alpha-3 code of the participant's country."),
            ("participant_country_name", "Name of that country."),
            ("participant_role", "visitor, host or participant, as most reports give it."),
            ("participant_source_count", "Reports naming this participant at this meeting."),
            ("participant_aliases", f"Other names of the participant, joined with '{LIST_SEPARATOR}'."),
        ),
    ),
    BIView(
        name="v_claims_with_evidence",
        reads=("fct_claims", "fct_evidence", "dim_outlets", "dim_actors"),
        description=(
            "One row per claim × report: who said what, the claim's grade, and each report of it — outlet, URL, "
            "publication time and the sentence or quote (fct_claims × fct_evidence × dim_outlets)."
        ),
        sql="""
            select
                c.claim_id,
                c.speaker_actor_id,
                c.speaker_name,
                speaker.actor_type as speaker_type,
                speaker.country_code as speaker_country_code,
                c.speaker_role,
                c.speaker_outlet_id,
                c.claim_text,
                c.is_direct_quote,
                c.cue,
                c.language,
                c.admiralty_grade,
                c.source_reliability,
                c.credibility,
                c.source_count,
                c.independent_origin_count,
                c.confidence as claim_confidence,
                e.evidence_id,
                e.doc_id,
                e.outlet_id,
                o.name as outlet_name,
                o.reliability_grade as outlet_reliability_grade,
                e.source_url,
                e.reported_at,
                e.evidence_text,
                e.sentence_index,
                e.char_start,
                e.char_end,
                e.confidence as evidence_confidence,
                e.extractor_version,
            from fct_claims as c
            left join fct_evidence as e on e.fact_type = 'claim' and e.fact_id = c.claim_id
            left join dim_outlets as o on o.outlet_id = e.outlet_id
            left join dim_actors as speaker on speaker.actor_id = c.speaker_actor_id
        """,
        columns=(
            ("claim_id", "The claim (fct_claims)."),
            ("speaker_actor_id", "The speaker (dim_actors), when an actor."),
            ("speaker_name", "Canonical name of the speaker, or the outlet or name as written."),
            ("speaker_type", "person, country or organization (null when the speaker is no actor)."),
            ("speaker_country_code", "ISO 3166-1 alpha-3 code of the speaker's country."),
            ("speaker_role", "Who the speaker is, as the text says (\"the foreign minister\")."),
            ("speaker_outlet_id", "The speaker when an outlet speaks (dim_outlets)."),
            ("claim_text", "The statement as first reported."),
            ("is_direct_quote", "Any report quotes it verbatim."),
            ("cue", "Reporting verb (said, told, according to, ...)."),
            ("language", "ISO 639-1 language of the claim text."),
            *_GRADE_COLUMNS,
            ("claim_confidence", "Calibrated probability (0–1) that the claim row is fully correct."),
            ("evidence_id", "This report of the claim (fct_evidence)."),
            ("doc_id", "The reporting document (dim_documents)."),
            ("outlet_id", "Outlet of the reporting document (dim_outlets)."),
            ("outlet_name", "That outlet's name."),
            ("outlet_reliability_grade", "That outlet's source reliability A–F."),
            ("source_url", "URL of the reporting document."),
            ("reported_at", "Publication time of the reporting document; null when the document has no date."),
            ("evidence_text", "The sentence or quote of this report."),
            ("sentence_index", "0-based sentence number in the document body."),
            ("char_start", "Start offset of the evidence in the body."),
            ("char_end", "End offset (exclusive)."),
            ("evidence_confidence", "Extractor confidence 0–1 of this report."),
            ("extractor_version", "Extractor version that produced the report."),
        ),
    ),
    BIView(
        name="v_agreement_parties",
        reads=("dim_agreements", "bdg_agreement_parties", "dim_actors"),
        description=(
            "One row per agreement × party: the agreement's name, type, status, signature date and grade with the "
            "party's name, type and country (dim_agreements × bdg_agreement_parties × dim_actors)."
        ),
        sql=f"""
            with country_names as ({_COUNTRY_NAMES})
            select
                g.agreement_id,
                g.name as agreement_name,
                g.agreement_type,
                g.status as agreement_status,
                g.signed_date,
                g.date_precision as signed_date_precision,
                g.duration_years,
                g.article_count,
                nullif(array_to_string(g.reported_names, '{LIST_SEPARATOR}'), '') as reported_names,
                g.admiralty_grade,
                g.source_reliability,
                g.credibility,
                g.source_count,
                g.independent_origin_count,
                g.confidence as agreement_confidence,
                p.actor_id as party_actor_id,
                a.canonical_name as party_name,
                a.actor_type as party_type,
                a.country_code as party_country_code,
                party_country.canonical_name as party_country_name,
                p.party_basis,
                p.source_count as party_source_count,
            from dim_agreements as g
            inner join bdg_agreement_parties as p on p.agreement_id = g.agreement_id
            left join dim_actors as a on a.actor_id = p.actor_id
            left join country_names as party_country on party_country.country_code = a.country_code
        """,
        columns=(
            ("agreement_id", "The agreement (dim_agreements)."),
            ("agreement_name", "The name reports use most."),
            ("agreement_type", "treaty, pact, agreement, memorandum, deal, statement, contract or other."),
            ("agreement_status", "Most advanced status reported."),
            ("signed_date", "Date of signature (or planned signature)."),
            ("signed_date_precision", "Precision of signed_date."),
            ("duration_years", "Term in years, when stated."),
            ("article_count", "Number of articles, when stated."),
            ("reported_names", f"Every name the reports use, joined with '{LIST_SEPARATOR}'."),
            *_GRADE_COLUMNS,
            ("agreement_confidence", "Calibrated probability (0–1) that the agreement row is fully correct."),
            ("party_actor_id", "The party (dim_actors)."),
            ("party_name", "The party's canonical name."),
            ("party_type", "person, country or organization."),
            ("party_country_code", "ISO 3166-1 alpha-3 code of the party's country (the country itself for a country)."),
            ("party_country_name", "Name of that country."),
            ("party_basis", "reported (named as a party) or represented_country (the country of a signing person)."),
            ("party_source_count", "Documents naming this party."),
        ),
    ),
    BIView(
        name="v_figures_by_pair",
        reads=("fct_trade_figures", "dim_actors", "dim_outlets"),
        description=(
            "One row per trade figure × pair of the countries it is about, as two scalar columns (country_a_code < "
            "country_b_code): a bilateral figure has one row, a figure about one country one row with country_b "
            "null, a figure about no country one row with both null, and a figure about n ≥ 3 countries n·(n−1)/2 "
            "rows (pair_count says how many: count distinct figure_id before summing values across pairs)."
        ),
        sql=f"""
            with country_names as ({_COUNTRY_NAMES}),
            pairs as (
                select f.figure_id, a.code as country_a_code, b.code as country_b_code
                from fct_trade_figures as f, unnest(f.parties) as a(code), unnest(f.parties) as b(code)
                where a.code < b.code
                union all
                select figure_id, parties[1], null from fct_trade_figures where len(parties) = 1
                union all
                select figure_id, null, null from fct_trade_figures where len(parties) = 0 or parties is null
            )
            select
                f.figure_id,
                pairs.country_a_code,
                country_a.canonical_name as country_a_name,
                pairs.country_b_code,
                country_b.canonical_name as country_b_name,
                count(*) over (partition by f.figure_id) as pair_count,
                nullif(array_to_string(f.parties, '{LIST_SEPARATOR}'), '') as parties,
                f.scope,
                f.metric,
                f.metric_group,
                f.value,
                f.value_high,
                f.unit,
                f.per,
                f.is_change,
                f.qualifier,
                f.period_start,
                f.period_end,
                f.period_precision,
                f.period_text,
                f.admiralty_grade,
                f.source_reliability,
                f.credibility,
                f.source_count,
                f.independent_origin_count,
                f.is_contradicted,
                len(f.contradicting_figure_ids) as contradicting_figure_count,
                f.confidence,
                f.speaker_actor_id,
                speaker.canonical_name as speaker_name,
                f.source_text,
                f.doc_id,
                f.outlet_id,
                o.name as outlet_name,
                f.source_url,
            from fct_trade_figures as f
            inner join pairs on pairs.figure_id = f.figure_id
            left join country_names as country_a on country_a.country_code = pairs.country_a_code
            left join country_names as country_b on country_b.country_code = pairs.country_b_code
            left join dim_actors as speaker on speaker.actor_id = f.speaker_actor_id
            left join dim_outlets as o on o.outlet_id = f.outlet_id
        """,
        columns=(
            ("figure_id", "The figure (fct_trade_figures)."),
            ("country_a_code", "ISO 3166-1 alpha-3 code of the pair's first country (alphabetically)."),
            ("country_a_name", "Name of that country."),
            ("country_b_code", "ISO 3166-1 alpha-3 code of the pair's second country; null for a one-country figure."),
            ("country_b_name", "Name of that country."),
            ("pair_count", "Rows this figure has in the view (1 unless it is about three or more countries)."),
            ("parties", f"Every country the figure is about, joined with '{LIST_SEPARATOR}'."),
            ("scope", "bilateral, unilateral, multilateral, global, or null when not about countries."),
            ("metric", "What the figure measures (seeds/figure_metrics.csv): trade_volume, exports, ..."),
            ("metric_group", "trade, economy, business or other."),
            ("value", "Normalized number (\"$5 billion\" → 5000000000); a range's low end."),
            ("value_high", "The high end of a range, else null."),
            ("unit", "ISO 4217 currency code, percent, percentage_points or a physical unit."),
            ("per", "Denominator of a rate (year, day, share, ...), null when none."),
            ("is_change", "The figure is a change of its metric, not a level."),
            ("qualifier", "over, under, about, up_to, at_least, or null for an exact figure."),
            ("period_start", "Start of the period the figure covers."),
            ("period_end", "End of the period the figure covers."),
            ("period_precision", "day, month, quarter, half, year, fiscal_year or years."),
            ("period_text", "The period as written."),
            *_GRADE_COLUMNS,
            ("is_contradicted", "A rival figure with at least as many independent origins contradicts it."),
            ("contradicting_figure_count", "Figures that contradict this one (fct_trade_figures.contradicting_figure_ids)."),
            ("confidence", "Calibrated probability (0–1) that the figure row is fully correct."),
            ("speaker_actor_id", "Who gave the figure (dim_actors), when attributed."),
            ("speaker_name", "That actor's canonical name."),
            ("source_text", "The figure as written in the first report."),
            ("doc_id", "First reporting document (dim_documents)."),
            ("outlet_id", "Outlet of the first report (dim_outlets)."),
            ("outlet_name", "That outlet's name."),
            ("source_url", "URL of the first report."),
        ),
    ),
)

VIEW_NAMES: tuple[str, ...] = tuple(v.name for v in VIEWS)


def create_views(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Create (or replace) the BI views, with their comments, in the current database's main schema,
    whose marts they read. Returns the names of the views created.

    A view is created when every mart it reads is there (a partial build publishes the views its
    marts serve). A view whose marts are there but whose SQL does not bind on them (a documented
    column missing) raises BuildError naming the view: the publish stops and the previous
    publication stays, instead of a BI tool failing on the view later."""
    present = {r[0] for r in con.execute(
        "select table_name from duckdb_tables() where database_name = current_database() and schema_name = 'main'"
    ).fetchall()}
    created = []
    for view in VIEWS:
        if not set(view.reads) <= present:
            continue
        try:
            con.execute(f'create or replace view main."{view.name}" as {view.sql}')
            actual = [r[0] for r in con.execute(f'select * from main."{view.name}" limit 0').description]
        except duckdb.Error as exc:
            raise BuildError(f"BI view {view.name} (osint/bi_views.py) cannot be created on these marts: {exc}") from exc
        documented = [c for c, _ in view.columns]
        if actual != documented:
            raise BuildError(
                f"BI view {view.name} (osint/bi_views.py): its columns {actual} differ from the documented {documented}"
            )
        con.execute(f'comment on view main."{view.name}" is {sql_literal(view.description)}')
        for column, meaning in view.columns:
            con.execute(f'comment on column main."{view.name}"."{column}" is {sql_literal(meaning)}')
        created.append(view.name)
    return created


def markdown() -> str:
    """The views as README data-dictionary sections."""
    parts = []
    for view in VIEWS:
        rows = "\n".join(f"| `{column}` | {meaning} |" for column, meaning in view.columns)
        parts.append(f"### `{view.name}`\n\n{view.description}\n\n| column | meaning |\n|---|---|\n{rows}\n")
    return "\n".join(parts)
