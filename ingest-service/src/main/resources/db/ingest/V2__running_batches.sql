-- Catalogue batches accepted by POST /v1/batches, to enforce the running batches per API key
-- (hitorflop.ingest.batches.max-running-per-key). completed_at is set when results-service
-- reports the batch complete (BatchCompleted on hitorflop.batches); ingest reads no other
-- service's tables.
create table running_batch (
    id           uuid primary key,
    -- the API key id of the caller; '' when access control is off
    owner        text        not null,
    created_at   timestamptz not null,
    completed_at timestamptz
);

create index running_batch_by_owner on running_batch (owner, created_at) where completed_at is null;
