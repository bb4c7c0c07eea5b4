-- A job as the results service sees it: current status, origin, results and failure.
create table job (
    id             uuid primary key,
    status         varchar(20) not null,
    -- when the current status was entered (the occurredAt of the event that set it); the sweeper reads it
    status_since   timestamptz not null,
    created_at     timestamptz not null,
    updated_at     timestamptz not null,
    source         varchar(20),
    feature_set    varchar(20),
    source_name    text,
    features       jsonb,
    descriptors    jsonb,
    dna            jsonb,
    verdict        jsonb,
    model_version  text,
    failure_type   text,
    failure_detail text,
    failure_stage  text
);

create index job_by_created on job (created_at desc, id);
create index job_by_status_created on job (status, created_at desc, id);
create index job_unfinished on job (status, status_since) where status in ('QUEUED', 'AUDIO_READY', 'FEATURES_READY');

-- Each state a job reached, once.
create table job_transition (
    job_id uuid        not null references job (id) on delete cascade,
    status varchar(20) not null,
    at     timestamptz not null,
    primary key (job_id, status)
);

-- Ids of the events already applied, so a redelivered event changes nothing.
create table processed_event (
    event_id     uuid primary key,
    job_id       uuid        not null,
    processed_at timestamptz not null
);
