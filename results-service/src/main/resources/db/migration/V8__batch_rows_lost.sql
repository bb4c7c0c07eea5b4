-- A batch whose ingest stopped while queueing it (killed, evicted) never gets its other rows: results-service
-- completes it once nothing new of it was read for hitorflop.results.batches.rows-lost-after (BatchCompletion).
-- rows_read_at: when this service last stored a row of the batch (a job or a rejection), or read the batch itself.
-- Batches already there get the migration's time: each gets the whole wait from the upgrade on.
alter table batch add column rows_read_at timestamptz not null default now();
-- Rows missing when the batch was completed (0: none); fixed then, as its webhook said it.
alter table batch add column lost integer not null default 0;
