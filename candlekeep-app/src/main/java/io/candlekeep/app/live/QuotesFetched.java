package io.candlekeep.app.live;

import io.candlekeep.core.provider.Quote;
import java.util.List;

/** This instance fetched {@code quotes} from the quote provider (a live refresh, or a lookup on request). */
public record QuotesFetched(List<Quote> quotes) {

    public QuotesFetched {
        quotes = List.copyOf(quotes);
    }
}
