package io.hitorflop.e2e.fault;

import java.util.List;
import java.util.Map;

/**
 * What one fault scenario did to the jobs submitted around it. {@code submitted} counts 202
 * answers; {@code refused} requests the API answered with an error or not at all while a
 * component was down (the client knows they were not taken); every submitted job must end
 * {@code done} or {@code failed}, none {@code lost} (not final at the end) or {@code duplicated}
 * (a repeated state transition, a path that is not the pipeline's, a verdict on a failed job, or
 * a second webhook id for one job); {@code incompleteHistory}: DONE jobs that lack a stage's
 * transition (an event of theirs was never applied). {@code refusedButRecorded}: jobs the database holds although
 * their request was answered with an error (the service died after announcing the job); those
 * still running at the end are left to the stuck-job sweeper. {@code refusals}: how each refused
 * request was answered ({@code "503 https://hitorflop.io/problems/queue-unavailable"}, or
 * {@code "no answer"}), counted.
 */
public record ScenarioResult(String scenario, String fault, int submitted, int refused, int done, int failed, int lost,
                             int duplicated, int incompleteHistory, int refusedButRecorded, int refusedButRecordedNotFinal,
                             int verdictRecordsAbsorbed, int webhooksExpected, int webhooksReceived,
                             int webhookRedeliveries, double recoverySeconds, double drainSeconds,
                             Map<String, Integer> failureReasons, Map<String, Integer> refusals, List<String> problems) {

    public boolean exactlyOnce() {
        return lost == 0 && duplicated == 0 && incompleteHistory == 0 && webhooksReceived == webhooksExpected;
    }
}
