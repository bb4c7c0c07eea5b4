package io.hitorflop.e2e.harness;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's memory after a full GC: Java heap in use (jcmd GC.heap_info), resident and
 * proportional set ({@link StackProcesses#memoryKb}) and, when the JVM runs with -XX:NativeMemoryTracking=summary, the
 * committed memory NMT reports, in total and per category (heap, metaspace, threads, code, GC,
 * internal ... but not memory malloc'd by native libraries such as ONNX Runtime, which shows in
 * the RSS only), and the JVM's thread count.
 */
public record MemorySnapshot(long heapUsedKb, long rssKb, long pssKb, long nmtCommittedKb,
                             Map<String, Long> nmtCommittedKbByCategory, int threads) {

    private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");
    private static final Pattern NMT_TOTAL = Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB");
    private static final Pattern NMT_CATEGORY = Pattern.compile("(?m)^-\\s+(\\S.*?) \\(reserved=\\d+KB, committed=(\\d+)KB");
    private static final Pattern NMT_THREADS = Pattern.compile("\\(thread #(\\d+)\\)");

    public static MemorySnapshot afterFullGc(StackProcesses processes, String service) throws IOException, InterruptedException {
        processes.jcmd(service, "GC.run");
        Matcher heap = HEAP_USED.matcher(processes.jcmd(service, "GC.heap_info"));
        long heapUsed = 0;
        while (heap.find()) {
            heapUsed += Long.parseLong(heap.group(1));
        }
        String nmtSummary = processes.jcmd(service, "VM.native_memory", "summary");
        Matcher nmt = NMT_TOTAL.matcher(nmtSummary);
        long nmtCommitted = nmt.find() ? Long.parseLong(nmt.group(1)) : -1;
        Map<String, Long> byCategory = new LinkedHashMap<>();
        Matcher category = NMT_CATEGORY.matcher(nmtSummary);
        while (category.find()) {
            byCategory.put(category.group(1), Long.parseLong(category.group(2)));
        }
        Matcher threads = NMT_THREADS.matcher(nmtSummary);
        Map<String, Long> resident = processes.memoryKb(service);
        return new MemorySnapshot(heapUsed, resident.get("rssKb"), resident.get("pssKb"), nmtCommitted, byCategory,
                threads.find() ? Integer.parseInt(threads.group(1)) : -1);
    }

    public static Map<String, MemorySnapshot> ofServices(StackProcesses processes) throws IOException, InterruptedException {
        return of(processes, processes.serviceInstances());
    }

    /** Each of {@code jvms} (component names of JVMs: services, their replicas, the router) after a full GC. */
    public static Map<String, MemorySnapshot> of(StackProcesses processes, List<String> jvms)
            throws IOException, InterruptedException {
        Map<String, MemorySnapshot> snapshots = new LinkedHashMap<>();
        for (String jvm : jvms) {
            snapshots.put(jvm, afterFullGc(processes, jvm));
        }
        return snapshots;
    }
}
