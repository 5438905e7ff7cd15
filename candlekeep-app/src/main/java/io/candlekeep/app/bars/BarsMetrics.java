package io.candlekeep.app.bars;

import io.candlekeep.core.domain.Timeframe;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/** {@code candlekeep_bars_written_total{timeframe}}: read from the writer's own counts, nothing added to a write. */
@Component
class BarsMetrics implements MeterBinder {

    private final BarWriter writer;

    BarsMetrics(BarWriter writer) {
        this.writer = writer;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Timeframe timeframe : Timeframe.values()) {
            FunctionCounter.builder("candlekeep.bars.written", writer, w -> w.barsWritten(timeframe))
                    .description("Bar rows inserted or changed, derived bars (4h from 1h) included")
                    .tag("timeframe", timeframe.code())
                    .register(registry);
        }
    }
}
