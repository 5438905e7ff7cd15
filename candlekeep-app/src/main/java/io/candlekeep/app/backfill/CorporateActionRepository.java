package io.candlekeep.app.backfill;

import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.provider.CorporateAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code corporate_action}: every split and dividend seen per symbol. */
@Repository
class CorporateActionRepository {

    private final JdbcClient jdbc;

    CorporateActionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records {@code actions} and answers those not seen before. */
    List<CorporateAction> recordNew(Symbol symbol, List<CorporateAction> actions, Instant now) {
        List<CorporateAction> fresh = new ArrayList<>();
        for (CorporateAction action : actions) {
            String kind;
            String value;
            switch (action) {
                case CorporateAction.Split split -> {
                    kind = "SPLIT";
                    value = format(split.numerator()) + ":" + format(split.denominator());
                }
                case CorporateAction.Dividend dividend -> {
                    kind = "DIVIDEND";
                    value = Double.toString(dividend.amount());
                }
            }
            int inserted = jdbc.sql("""
                    INSERT INTO corporate_action (symbol, kind, date_ms, value, first_seen_ms) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT DO NOTHING
                    """)
                    .params(symbol.value(), kind, action.date().toEpochMilli(), value, now.toEpochMilli())
                    .update();
            if (inserted > 0) {
                fresh.add(action);
            }
        }
        return fresh;
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
