package io.rehearsal.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/** Samples this JVM's heap in use and the process's resident set every 50 ms, keeping the peaks. */
final class ResourceSampler implements AutoCloseable {

    private final AtomicLong peakHeap = new AtomicLong();
    private final AtomicLong peakRss = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    ResourceSampler() {
        thread = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "resource-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        peakHeap.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
        peakRss.accumulateAndGet(rssBytes(ProcessHandle.current().pid()), Math::max);
    }

    long peakHeapBytes() {
        return peakHeap.get();
    }

    long peakRssBytes() {
        return peakRss.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
        sample();
    }

    /** Clock ticks per second of /proc's CPU times: USER_HZ, 100 on every Linux build the suite runs on. */
    private static final long TICKS_PER_SECOND = 100;

    /**
     * CPU time a process has used so far, all its threads, in user and kernel mode: utime + stime of
     * /proc/&lt;pid&gt;/stat (Linux); 0 where there is none.
     */
    static long cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the fields after the command name, which is in parentheses and may itself hold spaces or ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime and stime: fields 14, 15
            return ticks * (1_000_000_000 / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** VmRSS of a process, from /proc (Linux); 0 where there is none. */
    static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
