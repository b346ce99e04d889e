package dev.flexlex.localstack.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DurationSampleTest {
    @Test
    void keepsDurationsInOrderAndTheNanosAsMillis() {
        DurationSample sample = new DurationSample();
        sample.add(3);
        sample.addNanos(1_500_000);
        assertEquals(List.of(3.0, 1.5), sample.millis());
    }

    @Test
    void holdsOnlyTheMostRecentCapacityAndForgetsOnClear() {
        DurationSample sample = new DurationSample();
        for (int i = 0; i < DurationSample.CAPACITY + 5; i++) {
            sample.add(i);
        }
        List<Double> held = sample.millis();
        assertEquals(DurationSample.CAPACITY, held.size());
        assertEquals(5.0, held.get(0));
        assertEquals(DurationSample.CAPACITY + 4.0, held.get(held.size() - 1));

        sample.clear();
        assertEquals(List.of(), sample.millis());
        sample.add(7);
        assertEquals(List.of(7.0), sample.millis());
    }
}
