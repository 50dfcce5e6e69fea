package io.rehearsal.ui.runtime;

import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedCacheTest {

    @Test
    void everyWayInAndOutTellsTheListeners() {
        BoundedCache cache = new BoundedCache(10, Duration.ofMinutes(5));
        List<String> heard = new ArrayList<>();
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryCreated(Object key, Object value) {
                heard.add("created " + key + "=" + value);
            }

            @Override
            public void onEntryUpdated(Object key, Object value) {
                heard.add("updated " + key + "=" + value);
            }

            @Override
            public void onEntryRemoved(Object key) {
                heard.add("removed " + key);
            }
        });

        cache.put("a", 1);
        cache.put("a", 2);
        assertThat(cache.<Integer>computeIfAbsent("b", () -> 3)).isEqualTo(3);
        assertThat(cache.<Integer>computeIfAbsent("b", () -> 4)).as("already there").isEqualTo(3);
        assertThat(cache.putIfAbsent("b", 5)).isFalse();
        cache.remove("a");

        assertThat(heard).containsExactly("created a=1", "updated a=2", "created b=3", "removed a");
        assertThat(cache.<String, Integer>get("b")).isEqualTo(3);
        assertThat(cache.containsKey("a")).isFalse();
    }

    @Test
    void holdsNoMoreThanItsBound() {
        BoundedCache cache = new BoundedCache(100, Duration.ofMinutes(5));
        for (int i = 0; i < 1_000; i++) {
            cache.put(i, "test " + i);
        }
        long kept = 0;
        for (int i = 0; i < 1_000; i++) {
            kept += cache.containsKey(i) ? 1 : 0;
        }
        assertThat(kept).as("entries kept of 1,000 put").isLessThanOrEqualTo(100);
    }
}
