-- Who submitted each job (API key id; null when access control was off) and where to post it when it ends.
alter table job add column owner text, add column webhook_url text;

create index job_by_owner_created on job (owner, created_at desc, id);

-- Transactional outbox of webhooks: one row per job, written in the transaction that made the job
-- final (or that learnt the URL of an already final job), so a redelivered event never adds one.
-- The webhook id is fixed here and sent with every attempt.
create table webhook_delivery (
    webhook_id      uuid primary key,
    job_id          uuid        not null unique references job (id) on delete cascade,
    url             text        not null,
    -- PENDING, DELIVERED (2xx), GONE (410: the receiver asked us to stop), GAVE_UP (attempts used up)
    state           varchar(20) not null,
    created_at      timestamptz not null,
    -- when the next attempt is due; while an attempt runs, the end of its lease
    next_attempt_at timestamptz,
    attempts        integer     not null default 0,
    -- the body, fixed at the first attempt so every retry sends the same bytes
    payload         text,
    finished_at     timestamptz
);

create index webhook_due on webhook_delivery (next_attempt_at) where state = 'PENDING';

-- Every attempt at delivering a webhook.
create table webhook_attempt (
    webhook_id      uuid        not null references webhook_delivery (webhook_id) on delete cascade,
    attempt         integer     not null,
    started_at      timestamptz not null,
    duration_ms     bigint      not null,
    -- the receiver's HTTP status; null when no answer came (refused address, timeout, connection error)
    status_code     integer,
    error           text,
    -- DELIVERED, RETRY, GONE, GAVE_UP
    outcome         varchar(20) not null,
    next_attempt_at timestamptz,
    primary key (webhook_id, attempt)
);
