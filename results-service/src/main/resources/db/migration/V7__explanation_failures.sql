-- Why a job's verdict has no explanation: the explanation's record was dead-lettered (inference
-- could not compute it, or this service could not store it; hitorflop.explanations.dlq), with the
-- dead-letter-reason header as detail. Apart from job_explanation, so that an explanation arriving
-- later is stored as usual and wins: the job view reads this only while a job has no explanation.
-- One per job: the first reason is kept, a redelivery or a second dead letter changes nothing.
create table job_explanation_failure (
    job_id      uuid primary key,
    detail      text        not null,
    recorded_at timestamptz not null
);
