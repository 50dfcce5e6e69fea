package io.rehearsal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Once ready, one full collection gives the operating system back the heap that start-up filled with garbage. Start-up
 * (the context, the processors, the demo inventory) touches a few hundred megabytes of heap for some forty of live
 * data, and G1 keeps every region it touched resident while the application idles: it shrinks the heap only after a
 * full collection or a concurrent cycle, and an idle Rehearsal allocates too little to start either.
 *
 * <p>Registered by {@link RehearsalApplication#main} only, where the JVM is Rehearsal's own: an application started
 * inside another JVM (a test, the benchmark suite) leaves that JVM's heap alone. It runs before the port file is
 * written, so that ready means ready and the pause is in the time to ready.
 */
final class ReleaseStartupHeap implements ApplicationListener<ApplicationReadyEvent>, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ReleaseStartupHeap.class);

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long committedBefore = memory.getHeapMemoryUsage().getCommitted();
        long started = System.nanoTime();
        System.gc(); // a no-op under -XX:+DisableExplicitGC, which whoever sets it has chosen
        log.info("Start-up garbage collected in {} ms: heap committed {} MB, was {} MB, {} MB in use",
                (System.nanoTime() - started) / 1_000_000, memory.getHeapMemoryUsage().getCommitted() >> 20,
                committedBefore >> 20, memory.getHeapMemoryUsage().getUsed() >> 20);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE; // before the port file, the signal of ready
    }
}
