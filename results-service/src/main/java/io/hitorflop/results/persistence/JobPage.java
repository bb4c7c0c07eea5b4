package io.hitorflop.results.persistence;

import io.hitorflop.results.domain.Job;

import java.util.List;

/** One page of jobs, newest first, and how many jobs match in all. */
public record JobPage(List<Job> jobs, long total) {
}
