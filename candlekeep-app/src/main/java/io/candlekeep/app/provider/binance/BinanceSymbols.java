package io.candlekeep.app.provider.binance;

import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.Symbol;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Candlekeep's crypto pairs and Binance's spot symbols: {@code BTC-USD} is {@code BTCUSDT}, because Binance has no
 * US-dollar spot market and Tether is the dollar that crypto prices are quoted in there; every other quote currency
 * maps as it is ({@code BTC-EUR} is {@code BTCEUR}, {@code ETH-BTC} is {@code ETHBTC}). So {@code BTC-USDT} maps to
 * {@code BTCUSDT} too, and {@code BTCUSDT} reads back as {@code BTC-USD}: the one name Candlekeep uses for that market.
 */
public final class BinanceSymbols {

    /** Quote currencies read back from a Binance symbol, longest first so {@code USDT} wins over a shorter suffix. */
    private static final List<String> QUOTES = List.of("USDT", "USDC", "EUR", "GBP", "BTC", "ETH");
    private static final Pattern BINANCE_FORM = Pattern.compile("[A-Z0-9]{1,20}");

    private BinanceSymbols() {
    }

    /** The Binance spot symbol of a crypto pair, or empty when {@code symbol} is no pair Binance could list. */
    public static Optional<String> findBinance(Symbol symbol) {
        Objects.requireNonNull(symbol, "symbol");
        if (symbol.assetClass() != AssetClass.CRYPTO) {
            return Optional.empty();
        }
        String value = symbol.value();
        int dash = value.lastIndexOf('-');
        String base = value.substring(0, dash);
        String quote = value.substring(dash + 1);
        String binance = base + (quote.equals("USD") ? "USDT" : quote);
        return BINANCE_FORM.matcher(binance).matches() ? Optional.of(binance) : Optional.empty();
    }

    /**
     * The Binance spot symbol of a crypto pair.
     *
     * @throws IllegalArgumentException when {@code symbol} is not a crypto pair Binance could list
     */
    public static String toBinance(Symbol symbol) {
        return findBinance(symbol).orElseThrow(() -> new IllegalArgumentException("'" + symbol
                + "' is not a crypto pair with a Binance symbol: use BASE-QUOTE such as BTC-USD or ETH-EUR"));
    }

    /** The Candlekeep pair of a Binance spot symbol ({@code BTCUSDT} or {@code btcusdt}), or empty for an unknown quote. */
    public static Optional<Symbol> findSymbol(String binance) {
        Objects.requireNonNull(binance, "binance");
        String upper = binance.trim().toUpperCase(Locale.ROOT);
        if (!BINANCE_FORM.matcher(upper).matches()) {
            return Optional.empty();
        }
        for (String quote : QUOTES) {
            if (upper.length() > quote.length() && upper.endsWith(quote)) {
                String base = upper.substring(0, upper.length() - quote.length());
                return Optional.of(Symbol.of(base + "-" + (quote.equals("USDT") ? "USD" : quote)));
            }
        }
        return Optional.empty();
    }

    /** The lower-case form stream names use: {@code btcusdt}. */
    public static String streamName(Symbol symbol) {
        return toBinance(symbol).toLowerCase(Locale.ROOT);
    }
}
