-- A job swept as timed-out whose verdict arrives after all becomes DONE (README, "Late verdicts"): its
-- receiver, told FAILED, is told DONE too. The outbox keeps one webhook per job and final state.
alter table webhook_delivery add column job_status varchar(20);
update webhook_delivery delivery set job_status = job.status from job where job.id = delivery.job_id;
alter table webhook_delivery alter column job_status set not null;
alter table webhook_delivery drop constraint webhook_delivery_job_id_key;
alter table webhook_delivery add constraint webhook_once_per_final_state unique (job_id, job_status);
