package io.candlekeep.app.live;

import io.candlekeep.core.provider.Quote;
import java.util.List;

/** Quotes another instance fetched arrived here (on PostgreSQL, through {@code live_quotes}) and are cached. */
public record QuotesReceived(List<Quote> quotes) {

    public QuotesReceived {
        quotes = List.copyOf(quotes);
    }
}
