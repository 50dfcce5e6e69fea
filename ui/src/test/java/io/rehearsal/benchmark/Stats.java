package io.rehearsal.benchmark;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** A figure over several runs (or samples within one): median, min, max and percentiles. */
record Stats(List<Double> values) {

    Stats {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        values = values.stream().sorted().toList();
    }

    static Stats of(Collection<? extends Number> samples) {
        List<Double> values = new ArrayList<>();
        samples.forEach(sample -> values.add(sample.doubleValue()));
        return new Stats(values);
    }

    double median() {
        return percentile(50);
    }

    double min() {
        return values.get(0);
    }

    double max() {
        return values.get(values.size() - 1);
    }

    /** Nearest-rank percentile: the smallest sample at or above {@code p} percent of all of them. */
    double percentile(double p) {
        int rank = (int) Math.ceil(p / 100.0 * values.size());
        return values.get(Math.max(0, Math.min(values.size() - 1, rank - 1)));
    }

    int count() {
        return values.size();
    }
}
