-- A verdict that arrived before any other event of its job (the topics are read independently, e.g.
-- right after a restart), so the job has no row yet. It moves into the job row with the job's first
-- state; the job becomes DONE once its features are stored too.
create table pending_verdict (
    job_id        uuid primary key,
    feature_set   varchar(20),
    model_version text,
    verdict       jsonb       not null,
    received_at   timestamptz not null
);
