"""NLP stage: raw.documents.body → raw.ann_* (offline; rules + seed data + a small spaCy NER).

Data flow of one batch (ingestion.nlp.annotate.annotate_documents):

    sentences ─► citations (URLs, t.me posts, "according to RIA Novosti", "state media")
              ─► actors    (gazetteer aliases, transliteration keys, NER on candidate sentences only,
                            surnames, roles via the gazetteer's role column + country context)
              ─► agreements (named + described + anaphora, status/date/duration/articles/parties)
              ─► claims    (direct quotes, block quotes, indirect speech, speakers incl. outlets)
              ─► meetings  (participants, host country, place, date, held/planned, signing → agreement)
              ─► figures   (money/percent/quantities, metric, period, speaker, parties)

Modules: names (spelling keys), gazetteer (actor seed, roles, places), outlets (outlet registry),
sentences, dates, citations, actors, agreements, claims, meetings, figures, model (result types),
extract (batching, spaCy), annotate (incremental writes), evaluate (gold-set P/R/F1).
Every name the rules use comes from dbt/seeds/actor_gazetteer.csv, dbt/seeds/outlet_registry.csv or
dbt/seeds/places.csv; no rule names a person, place or outlet.
"""
