package io.rehearsal.command.infrastructure.simulated;

import io.rehearsal.api.FailoverStep;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Faults the simulator injects, per step: {@code fail-N} (the first N attempts of the step fail transiently, then
 * it works), {@code fail-always} (every attempt fails transiently), {@code hang} (no answer until past the
 * step's timeout). Written like {@code RESTORE_DATABASE=fail-2,VERIFY=fail-always}; changeable while running,
 * so a demo or a test can clear a fault and resume.
 */
public class SimulatorFaults {

    public enum Kind { FAIL, FAIL_ALWAYS, HANG }

    public record Fault(Kind kind, int times) {

        static Fault parse(String text) {
            String value = text.trim().toLowerCase();
            if (value.equals("fail-always")) {
                return new Fault(Kind.FAIL_ALWAYS, 0);
            }
            if (value.equals("hang")) {
                return new Fault(Kind.HANG, 0);
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
                    + "'; use fail-N (N at least 1), fail-always or hang");
        }

        @Override
        public String toString() {
            return switch (kind) {
                case FAIL -> "fail-" + times;
                case FAIL_ALWAYS -> "fail-always";
                case HANG -> "hang";
            };
        }
    }

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
                parsed.put(step, Fault.parse(parts[1]));
            }
        }
        faults = Map.copyOf(parsed);
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
