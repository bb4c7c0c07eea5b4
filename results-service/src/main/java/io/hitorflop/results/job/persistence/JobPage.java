package io.hitorflop.results.job.persistence;

import io.hitorflop.results.job.domain.Job;

import java.util.List;

/** One page of jobs, newest first, and how many jobs match in all. */
public record JobPage(List<Job> jobs, long total) {
}
