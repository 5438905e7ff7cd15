package io.candlekeep.app.symbols;

import io.candlekeep.app.security.Callers;
import io.candlekeep.app.tracking.TrackedSymbol;
import io.candlekeep.app.tracking.TrackingService;
import io.candlekeep.app.web.NotFoundException;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.provider.Listing;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Market data like bars and quotes: any valid token, or anyone when market data is public; then nobody is the caller
 * and nothing is {@code tracked}.
 */
@RestController
class SymbolsController {

    private final SymbolSearch search;
    private final SymbolDirectory directory;
    private final TrackingService tracking;

    SymbolsController(SymbolSearch search, SymbolDirectory directory, TrackingService tracking) {
        this.search = search;
        this.directory = directory;
        this.tracking = tracking;
    }

    record SymbolMatch(String symbol, String name, String exchange, String assetClass, String currency,
            boolean tracked) {

        static SymbolMatch of(SymbolSearch.Match match) {
            Listing l = match.listing();
            return new SymbolMatch(l.symbol().value(), l.name(), l.exchange(), l.resolvedAssetClass().name(),
                    l.currency(), match.tracked());
        }
    }

    record SearchResponse(String query, int count, boolean partial, String failure, List<SymbolMatch> symbols) {
    }

    record SymbolView(String symbol, String name, String exchange, String exchangeCode, String currency,
            String timeZone, String assetClass, boolean tracked, Instant updatedAt) {
    }

    /**
     * Symbols whose ticker or name matches {@code query} (1 to 64 characters), at most {@code limit} (1 to 50, default
     * 10): the provider's results merged with the stored ones, the exact ticker first; {@code partial} when the
     * provider did not answer and only stored symbols are listed. Records no interest: choosing a result is
     * {@code POST /api/v1/tracking} with {@code "source":"search"}.
     */
    @GetMapping("/api/v1/symbols")
    SearchResponse search(@RequestParam(required = false) String query, @RequestParam(required = false) String limit,
            HttpServletRequest request) {
        SearchQuery parsed = SearchQuery.parse(query, limit);
        SymbolSearch.Result result = search.search(parsed, Callers.find(request));
        List<SymbolMatch> matches = result.matches().stream().map(SymbolMatch::of).toList();
        return new SearchResponse(parsed.text(), matches.size(), result.partial(), result.failure().orElse(null),
                matches);
    }

    /**
     * What is known of one symbol's listing: its name, exchange (and the provider's code of it), currency, time zone and
     * asset class, as providers described it; a symbol the service tracks but nobody described yet has its asset class
     * only. 404 for a symbol neither described nor tracked.
     */
    @GetMapping("/api/v1/symbols/{symbol}")
    SymbolView symbol(@PathVariable String symbol, HttpServletRequest request) {
        Symbol s = Symbol.of(symbol);
        Optional<SymbolDirectory.Entry> entry = directory.find(s);
        boolean known = entry.isPresent() || tracking.findTracked(s)
                .filter(t -> t.status() != TrackedSymbol.Status.NOT_FOUND).isPresent();
        if (!known) {
            throw new NotFoundException("No listing of '" + s + "' is known: no provider has described it and it is not "
                    + "tracked; find symbols with GET /api/v1/symbols?query=");
        }
        Listing l = entry.map(SymbolDirectory.Entry::listing).orElseGet(() -> Listing.of(s));
        boolean tracked = Callers.find(request).map(tracking::symbolsOf).map(own -> own.contains(s)).orElse(false);
        return new SymbolView(s.value(), l.name(), l.exchange(), l.exchangeCode(), l.currency(),
                l.timeZone() == null ? null : l.timeZone().getId(), l.resolvedAssetClass().name(), tracked,
                entry.map(SymbolDirectory.Entry::updatedAt).orElse(null));
    }
}
