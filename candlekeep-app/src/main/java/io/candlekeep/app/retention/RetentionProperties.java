package io.candlekeep.app.retention;

import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.retention.RetentionPolicy;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param keep how long each timeframe is kept, by code ({@code "[15m]": 60d}); a timeframe left out keeps its
 *     default (15m 60 days, 1h 2 years, 4h 5 years, 1d unlimited); {@code unlimited} keeps everything
 */
@ConfigurationProperties(prefix = "candlekeep.retention")
public record RetentionProperties(Map<String, String> keep) {

    public RetentionProperties {
        keep = keep == null ? Map.of() : Map.copyOf(keep);
        policy(keep);
    }

    public RetentionPolicy policy() {
        return policy(keep);
    }

    private static RetentionPolicy policy(Map<String, String> keep) {
        RetentionPolicy policy = RetentionPolicy.defaults();
        for (Map.Entry<String, String> e : keep.entrySet()) {
            Timeframe tf = Timeframe.of(e.getKey());
            String value = e.getValue().trim();
            policy = policy.with(tf, value.equalsIgnoreCase("unlimited") ? null : parse(e.getKey(), value));
        }
        return policy;
    }

    private static Duration parse(String key, String value) {
        try {
            return value.endsWith("d") ? Duration.ofDays(Long.parseLong(value.substring(0, value.length() - 1)))
                    : Duration.parse(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("candlekeep.retention.keep." + key + " = '" + value
                    + "' is not a duration: use 60d, P60D or unlimited");
        }
    }
}
