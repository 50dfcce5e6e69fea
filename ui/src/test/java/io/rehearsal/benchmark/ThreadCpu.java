package io.rehearsal.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CPU time of this JVM's live Java threads, to say which of them a measured span's process CPU went to. What
 * it cannot see (the JIT compilers, the collector's threads, threads that ended within the span) is what is left
 * of the process's figure.
 */
final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<Long, Long> cpuNanos;
    private final Map<Long, String> names;

    private ThreadCpu(Map<Long, Long> cpuNanos, Map<Long, String> names) {
        this.cpuNanos = cpuNanos;
        this.names = names;
    }

    static ThreadCpu now() {
        Map<Long, Long> cpu = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        long[] ids = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long nanos = THREADS.getThreadCpuTime(ids[i]);
            if (nanos >= 0 && infos[i] != null) {
                cpu.put(ids[i], nanos);
                names.put(ids[i], infos[i].getThreadName());
            }
        }
        return new ThreadCpu(cpu, names);
    }

    /**
     * Milliseconds of CPU spent since {@code before}, by kind of thread: a pool's threads count together (the name
     * without its number), a thread started within the span from zero.
     */
    Map<String, Double> since(ThreadCpu before) {
        Map<String, Double> byKind = new TreeMap<>();
        cpuNanos.forEach((id, nanos) -> {
            double millis = (nanos - before.cpuNanos.getOrDefault(id, 0L)) / 1e6;
            if (millis > 0) {
                byKind.merge(kind(names.get(id)), millis, Double::sum);
            }
        });
        return byKind;
    }

    /**
     * "EventProcessor[reports]-3" and "reactor-http-epoll-2" as "EventProcessor[reports]" and "reactor-http-epoll";
     * a pool's number left inside the name as N ("HttpClient-1-Worker-0" as "HttpClient-N-Worker").
     */
    static String kind(String threadName) {
        return threadName.replaceAll("[-#_ ]?\\d+$", "").replaceAll("\\d+(?=\\D*$)", "N");
    }

    /** Each kind's median over the samples (a kind absent from a sample counts 0 there), largest first. */
    static List<Map.Entry<String, Double>> medians(List<Map<String, Double>> samples) {
        Map<String, Double> medians = new HashMap<>();
        samples.stream().flatMap(s -> s.keySet().stream()).distinct().forEach(kind ->
                medians.put(kind, Stats.of(samples.stream().map(s -> s.getOrDefault(kind, 0.0)).toList()).median()));
        return medians.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).toList();
    }
}
