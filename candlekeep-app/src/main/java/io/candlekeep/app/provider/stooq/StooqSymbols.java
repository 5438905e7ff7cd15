package io.candlekeep.app.provider.stooq;

import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.Symbol;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Candlekeep's symbols (Yahoo's forms) and Stooq's: a US listing is the ticker, lower case, with {@code .us}
 * ({@code AAPL} is {@code aapl.us}, {@code BRK-B} is {@code brk-b.us}); the foreign listings Stooq carries keep their
 * ticker and take Stooq's market suffix ({@code SAP.DE} is {@code sap.de}, {@code VOD.L} {@code vod.uk}, {@code 7203.T}
 * {@code 7203.jp}, {@code 0700.HK} {@code 700.hk}: Stooq writes Hong Kong codes without Yahoo's leading zeros); the
 * indices below have names of their own ({@code ^GSPC} is {@code ^spx}). Anything else (other markets, other indices,
 * FX, crypto, macro series) has no Stooq symbol here and is not asked of Stooq.
 */
public final class StooqSymbols {

    /** Yahoo's listing suffix to Stooq's market suffix. */
    private static final Map<String, String> MARKETS = Map.of("DE", "de", "L", "uk", "T", "jp", "HK", "hk");
    private static final Map<String, String> YAHOO_SUFFIX = MARKETS.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));
    /** Indices whose Stooq name is known: S&P 500, Dow Jones Industrial Average, Nasdaq Composite, Nasdaq-100. */
    private static final Map<String, String> INDICES = Map.of("^GSPC", "^spx", "^DJI", "^dji", "^IXIC", "^ndq",
            "^NDX", "^ndx");
    private static final Map<String, String> INDEX_SYMBOLS = INDICES.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));
    private static final Pattern TICKER = Pattern.compile("[a-z0-9][a-z0-9-]{0,19}");
    private static final int YAHOO_HONG_KONG_DIGITS = 4;

    private StooqSymbols() {
    }

    /** The Stooq symbol of a stock, ETF or index Stooq carries, or empty when there is none. */
    public static Optional<String> findStooq(Symbol symbol) {
        Objects.requireNonNull(symbol, "symbol");
        return switch (symbol.assetClass()) {
            case INDEX -> Optional.ofNullable(INDICES.get(symbol.value()));
            case STOCK, ETF -> listing(symbol.value());
            case FX, CRYPTO, MACRO -> Optional.empty();
        };
    }

    private static Optional<String> listing(String value) {
        int dot = value.lastIndexOf('.');
        String ticker = (dot < 0 ? value : value.substring(0, dot)).toLowerCase(Locale.ROOT);
        String market = dot < 0 ? "us" : MARKETS.get(value.substring(dot + 1));
        if (market == null || !TICKER.matcher(ticker).matches()) {
            return Optional.empty();
        }
        if (market.equals("hk")) {
            ticker = ticker.replaceFirst("^0+(?=.)", "");
        }
        return Optional.of(ticker + "." + market);
    }

    /** The Candlekeep symbol of a Stooq symbol ({@code aapl.us} or {@code AAPL.US}), or empty for one not mapped here. */
    public static Optional<Symbol> findSymbol(String stooq) {
        Objects.requireNonNull(stooq, "stooq");
        String lower = stooq.trim().toLowerCase(Locale.ROOT);
        if (lower.startsWith("^")) {
            return Optional.ofNullable(INDEX_SYMBOLS.get(lower)).map(Symbol::of);
        }
        int dot = lower.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String ticker = lower.substring(0, dot);
        String market = lower.substring(dot + 1);
        if (!TICKER.matcher(ticker).matches() || !(market.equals("us") || YAHOO_SUFFIX.containsKey(market))) {
            return Optional.empty();
        }
        if (market.equals("hk") && ticker.length() < YAHOO_HONG_KONG_DIGITS) {
            ticker = "0".repeat(YAHOO_HONG_KONG_DIGITS - ticker.length()) + ticker;
        }
        String suffix = market.equals("us") ? "" : "." + YAHOO_SUFFIX.get(market);
        return Optional.of(Symbol.of(ticker + suffix));
    }
}
