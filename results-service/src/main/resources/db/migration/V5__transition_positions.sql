-- The order in which this service recorded a job's states (1, 2, ...): the id of the job's event
-- stream (GET /v1/jobs/{id}/events), so a client resuming with Last-Event-ID gets what it lacks.
-- Not the state order: a late event can record an earlier state after a later one.
alter table job_transition add column position integer;

-- Rows written before: their recording order is not known; entry time, then state order, is the best guess.
update job_transition t set position = ordered.position
from (select job_id, status, row_number() over (partition by job_id order by at,
        case status when 'QUEUED' then 1 when 'AUDIO_READY' then 2 when 'FEATURES_READY' then 3
                    when 'DONE' then 4 else 5 end) as position
      from job_transition) ordered
where t.job_id = ordered.job_id and t.status = ordered.status;

alter table job_transition alter column position set not null;
alter table job_transition add constraint job_transition_position unique (job_id, position);
