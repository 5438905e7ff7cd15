package io.candlekeep.core.provider;

import java.time.Instant;

/** A split or a cash dividend a provider reports for a symbol. */
public sealed interface CorporateAction {

    Instant date();

    /** {@code numerator:denominator}, {@code 4:1} for a four-for-one split. */
    record Split(Instant date, double numerator, double denominator) implements CorporateAction {
        public double ratio() {
            return numerator / denominator;
        }
    }

    record Dividend(Instant date, double amount) implements CorporateAction {
    }
}
