-- Catalogue batches (POST /v1/batches at ingest; BatchAccepted on hitorflop.batches).
create table batch (
    id           uuid primary key,
    -- the API key id of the submitter; null when access control was off
    owner        text,
    -- data rows in the input, rows that became jobs, rows refused by validation
    total_rows   integer     not null,
    accepted     integer     not null,
    rejected     integer     not null,
    -- names of the echoed input columns, in input order (JSON array)
    columns      jsonb       not null,
    webhook_url  text,
    explain      boolean     not null,
    -- RUNNING until every accepted row's job is DONE or FAILED, then COMPLETE
    status       varchar(20) not null,
    created_at   timestamptz not null,
    completed_at timestamptz
);

create index batch_running on batch (created_at) where status = 'RUNNING';

-- One row per input row: its job (JobAccepted.batchId/batchRow), or its rejection (BatchRowsRejected).
-- The job's state is read from the job table, never copied here.
create table batch_row (
    batch_id         uuid    not null,
    line             integer not null,
    job_id           uuid,
    -- the row's echoed columns (JSON object)
    columns          jsonb   not null,
    rejection_type   text,
    rejection_detail text,
    primary key (batch_id, line)
);

-- The batch webhook (batch.completed) shares the job webhooks' outbox: a row has a job or a batch.
alter table webhook_delivery alter column job_id drop not null;
alter table webhook_delivery add column batch_id uuid unique references batch (id) on delete cascade;
alter table webhook_delivery alter column job_status drop not null;
