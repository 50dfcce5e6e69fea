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
