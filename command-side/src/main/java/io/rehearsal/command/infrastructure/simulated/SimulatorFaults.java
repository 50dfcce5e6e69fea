package io.rehearsal.command.infrastructure.simulated;

import io.rehearsal.api.FailoverStep;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Faults the simulator injects, per step: {@code fail-N} (the first N attempts of the step fail transiently, then
 * it works), {@code fail-always} (every attempt fails transiently), {@code hang} (no answer until past the
 * step's timeout), {@code hold} (no answer until the fault is cleared, then it works; past the step's timeout it
 * fails like a hang), {@code drift} (the step works but builds something other than the source had: another
 * database instance class, front-end instance type, or HIPAA mode). Written like
 * {@code RESTORE_DATABASE=fail-2,VERIFY=fail-always}; changeable while running, so a demo or a test can clear a
 * fault and resume.
 */
public class SimulatorFaults {

    public enum Kind { FAIL, FAIL_ALWAYS, HANG, HOLD, DRIFT }

    public record Fault(Kind kind, int times) {

        static Fault parse(String text) {
            String value = text.trim().toLowerCase();
            if (value.equals("fail-always")) {
                return new Fault(Kind.FAIL_ALWAYS, 0);
            }
            if (value.equals("hang")) {
                return new Fault(Kind.HANG, 0);
            }
            if (value.equals("hold")) {
                return new Fault(Kind.HOLD, 0);
            }
            if (value.equals("drift")) {
                return new Fault(Kind.DRIFT, 0);
            }
            if (value.startsWith("fail-")) {
                try {
                    int times = Integer.parseInt(value.substring("fail-".length()));
                    if (times > 0) {
                        return new Fault(Kind.FAIL, times);
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
            }
            throw new IllegalArgumentException("unknown fault '" + text.trim()
                    + "'; use fail-N (N at least 1), fail-always, hang, hold or drift");
        }

        @Override
        public String toString() {
            return switch (kind) {
                case FAIL -> "fail-" + times;
                case FAIL_ALWAYS -> "fail-always";
                case HANG -> "hang";
                case HOLD -> "hold";
                case DRIFT -> "drift";
            };
        }
    }

    /** The steps a drift fault can make report another configuration than the source's. */
    private static final Set<FailoverStep> DRIFTING = EnumSet.of(FailoverStep.RESTORE_DATABASE,
            FailoverStep.PROVISION_FRONT_ENDS, FailoverStep.APPLY_KEPT_CONFIGURATION);

    private volatile Map<FailoverStep, Fault> faults = Map.of();

    public SimulatorFaults(String spec) {
        set(spec);
    }

    public static SimulatorFaults none() {
        return new SimulatorFaults("");
    }

    /** Replaces every fault; an empty text clears them. Throws, changing nothing, on a text it cannot read. */
    public void set(String spec) {
        Map<FailoverStep, Fault> parsed = new EnumMap<>(FailoverStep.class);
        if (spec != null && !spec.isBlank()) {
            for (String entry : spec.split(",")) {
                String[] parts = entry.split("=", 2);
                if (parts.length != 2) {
                    throw new IllegalArgumentException("fault '" + entry.trim() + "' is not STEP=fault");
                }
                FailoverStep step;
                try {
                    step = FailoverStep.valueOf(parts[0].trim());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown step '" + parts[0].trim() + "'; steps are "
                            + Arrays.toString(FailoverStep.values()));
                }
                Fault fault = Fault.parse(parts[1]);
                if (fault.kind() == Kind.DRIFT && !DRIFTING.contains(step)) {
                    throw new IllegalArgumentException("drift applies to " + DRIFTING + " only, not " + step);
                }
                parsed.put(step, fault);
            }
        }
        synchronized (this) {
            faults = Map.copyOf(parsed);
            notifyAll(); // a held step sees its fault cleared
        }
    }

    /**
     * Waits while {@code step} has a fault of {@code kind}, up to {@code deadline} (System.nanoTime); true if the
     * fault was cleared or changed before then.
     */
    public synchronized boolean awaitCleared(FailoverStep step, Kind kind, long deadline) throws InterruptedException {
        while (of(step).map(f -> f.kind() == kind).orElse(false)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    public Optional<Fault> of(FailoverStep step) {
        return Optional.ofNullable(faults.get(step));
    }

    /** The faults in force, in the same notation. */
    public String spec() {
        Map<FailoverStep, Fault> current = faults;
        return Arrays.stream(FailoverStep.values()).filter(current::containsKey)
                .map(step -> step + "=" + current.get(step)).collect(Collectors.joining(","));
    }
}
