-- The Shapley explanation of a job's verdict (ExplanationReady on hitorflop.explanations), which the
-- inference service sends after the verdict. Kept apart from the job row: it may arrive before the
-- verdict, or before anything else of its job; the job view merges it into the verdict it shows.
-- One per job: a redelivery (the same event id) or a second explanation changes nothing.
create table job_explanation (
    job_id      uuid primary key,
    event_id    uuid        not null unique,
    explanation jsonb       not null,
    received_at timestamptz not null
);
