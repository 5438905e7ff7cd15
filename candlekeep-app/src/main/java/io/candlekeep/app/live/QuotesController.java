package io.candlekeep.app.live;

import io.candlekeep.app.web.BadRequestException;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.provider.Quote;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class QuotesController {

    /** Symbols one request may name. */
    static final int MAX_SYMBOLS = 50;

    private final LiveQuoteService quotes;

    QuotesController(LiveQuoteService quotes) {
        this.quotes = quotes;
    }

    record QuoteView(String symbol, double price, Instant time, Double dayOpen, Double dayHigh, Double dayLow,
            Double dayVolume, Double previousClose, String currency, String marketState, String source) {

        static QuoteView of(LiveQuoteService.SourcedQuote sourced) {
            Quote q = sourced.quote();
            return new QuoteView(q.symbol().value(), q.price(), q.time(), boxed(q.dayOpen()), boxed(q.dayHigh()),
                    boxed(q.dayLow()), boxed(q.findDayVolume()), boxed(q.previousClose()), q.currency(), q.marketState(),
                    sourced.source().name().toLowerCase(Locale.ROOT));
        }

        private static Double boxed(OptionalDouble d) {
            return d.isPresent() ? d.getAsDouble() : null;
        }
    }

    record QuotesResponse(int count, List<QuoteView> quotes, List<String> notFound, List<String> unavailable,
            String failure) {
    }

    /** Latest quotes of up to 50 comma-separated symbols, from the live cache or the provider. */
    @GetMapping("/api/v1/quotes")
    QuotesResponse quotes(@RequestParam(required = false) String symbols) {
        List<Symbol> parsed = parse(symbols);
        LiveQuoteService.QuoteLookup lookup = quotes.lookup(parsed);
        List<QuoteView> views = lookup.quotes().stream().map(QuoteView::of).toList();
        return new QuotesResponse(views.size(), views, lookup.notFound().stream().map(Symbol::value).toList(),
                lookup.unavailable().stream().map(Symbol::value).toList(), lookup.failure().orElse(null));
    }

    static List<Symbol> parse(String symbols) {
        if (symbols == null || symbols.isBlank()) {
            throw new BadRequestException("Parameter 'symbols' must list at least one symbol, such as symbols=AAPL,MSFT");
        }
        Set<Symbol> out = new LinkedHashSet<>();
        List<String> bad = new ArrayList<>();
        for (String text : symbols.split(",")) {
            if (text.isBlank()) {
                continue;
            }
            try {
                out.add(Symbol.of(text));
            } catch (IllegalArgumentException e) {
                bad.add(text.trim());
            }
        }
        if (!bad.isEmpty()) {
            throw new BadRequestException("Parameter 'symbols' has invalid symbols " + bad
                    + ": use 1 to 32 letters, digits or . - = ^ : _ such as AAPL, BTC-USD, EURUSD=X, ^GSPC");
        }
        if (out.isEmpty()) {
            throw new BadRequestException("Parameter 'symbols' = '" + symbols + "' names no symbol");
        }
        if (out.size() > MAX_SYMBOLS) {
            throw new BadRequestException("Parameter 'symbols' names " + out.size() + " symbols; at most " + MAX_SYMBOLS
                    + " may be asked at once");
        }
        return List.copyOf(out);
    }
}
