package io.candlekeep.core.provider;

import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.Symbol;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What a provider says about the listing behind a symbol: the instrument's name, where it trades, its currency and
 * time zone, and what kind of instrument it is. Everything but the symbol may be unknown (null); a blank text is
 * unknown.
 *
 * @param name         the instrument's name, such as {@code Apple Inc.}; at most {@value #MAX_NAME_LENGTH} characters
 * @param exchange     the exchange as the provider names it to people, such as {@code NASDAQ}; at most
 *                     {@value #MAX_EXCHANGE_LENGTH} characters
 * @param exchangeCode the provider's code of that exchange, such as Yahoo's {@code NMS}; at most
 *                     {@value #MAX_EXCHANGE_CODE_LENGTH} characters
 * @param currency     the currency of its prices as the provider spells it ({@code USD}, or {@code GBp} for pence); at
 *                     most {@value #MAX_CURRENCY_LENGTH} characters
 * @param timeZone     the time zone of its exchange
 * @param assetClass   the kind of instrument the provider reports, which must {@linkplain #fits fit} the symbol's form
 */
public record Listing(Symbol symbol, String name, String exchange, String exchangeCode, String currency,
        ZoneId timeZone, AssetClass assetClass) {

    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_EXCHANGE_LENGTH = 64;
    public static final int MAX_EXCHANGE_CODE_LENGTH = 16;
    public static final int MAX_CURRENCY_LENGTH = 8;

    public Listing {
        Objects.requireNonNull(symbol, "symbol");
        name = checked(symbol, "name", name, MAX_NAME_LENGTH);
        exchange = checked(symbol, "exchange", exchange, MAX_EXCHANGE_LENGTH);
        exchangeCode = checked(symbol, "exchangeCode", exchangeCode, MAX_EXCHANGE_CODE_LENGTH);
        currency = checked(symbol, "currency", currency, MAX_CURRENCY_LENGTH);
        if (assetClass != null && !fits(symbol, assetClass)) {
            throw new IllegalArgumentException("Asset class " + assetClass + " does not fit '" + symbol + "', whose form is "
                    + symbol.assetClass() + "'s");
        }
    }

    /** A listing of which nothing but the symbol is known. */
    public static Listing of(Symbol symbol) {
        return new Listing(symbol, null, null, null, null, null, null);
    }

    /**
     * A listing as a provider reported it, cleaned rather than refused: a text that is blank, too long or holds control
     * characters is unknown, and so is an asset class that does not fit the symbol. One odd field in a provider's answer
     * should not cost the others.
     */
    public static Listing reported(Symbol symbol, String name, String exchange, String exchangeCode, String currency,
            ZoneId timeZone, AssetClass assetClass) {
        return new Listing(symbol, cleaned(name, MAX_NAME_LENGTH), cleaned(exchange, MAX_EXCHANGE_LENGTH),
                cleaned(exchangeCode, MAX_EXCHANGE_CODE_LENGTH), cleaned(currency, MAX_CURRENCY_LENGTH), timeZone,
                assetClass != null && fits(symbol, assetClass) ? assetClass : null);
    }

    /**
     * Whether a provider's asset class can be that of {@code symbol}: the class its form shows ({@link Symbol#assetClass}),
     * or an ETF for a symbol that looks like a stock. Anything else (a crypto pair quoted in CAD, which reads as a
     * stock ticker) would be planned on the wrong calendar.
     */
    public static boolean fits(Symbol symbol, AssetClass assetClass) {
        AssetClass byForm = symbol.assetClass();
        return assetClass == byForm || (assetClass == AssetClass.ETF && byForm == AssetClass.STOCK);
    }

    /** The reported asset class, or the one the symbol's form shows when none was reported. */
    public AssetClass resolvedAssetClass() {
        return assetClass != null ? assetClass : symbol.assetClass();
    }

    /** Whether it says nothing beyond its symbol. */
    public boolean isEmpty() {
        return name == null && exchange == null && exchangeCode == null && currency == null && timeZone == null
                && assetClass == null;
    }

    /**
     * This listing updated by a {@code newer} answer about the same symbol: each part the newer one knows replaces this
     * one's, the rest is kept. The exchange's name is the exception: providers spell one exchange differently from one
     * endpoint to the next (Yahoo's search says {@code NASDAQ} where its quote says {@code NasdaqGS} for the code
     * {@code NMS}), so a known name is replaced only along with a different exchange code, and the answers do not take
     * turns.
     */
    public Listing mergedWith(Listing newer) {
        if (!symbol.equals(newer.symbol)) {
            throw new IllegalArgumentException("Cannot merge what is known of '" + newer.symbol + "' into '" + symbol + "'");
        }
        boolean otherExchange = newer.exchangeCode != null && !newer.exchangeCode.equals(exchangeCode);
        String exchangeName = newer.exchange == null ? exchange
                : exchange == null || otherExchange ? newer.exchange : exchange;
        return new Listing(symbol, or(newer.name, name), exchangeName, or(newer.exchangeCode, exchangeCode),
                or(newer.currency, currency), or(newer.timeZone, timeZone), or(newer.assetClass, assetClass));
    }

    private static <T> T or(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }

    private static String checked(Symbol symbol, String part, String text, int maxLength) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        if (value.length() > maxLength) {
            throw new IllegalArgumentException("The " + part + " of '" + symbol + "' has " + value.length()
                    + " characters; at most " + maxLength + " are kept");
        }
        if (!printable(value)) {
            throw new IllegalArgumentException("The " + part + " of '" + symbol + "' holds control characters: '"
                    + value.replaceAll("\\p{Cntrl}", "?") + "'");
        }
        return value;
    }

    private static String cleaned(String text, int maxLength) {
        if (text == null) {
            return null;
        }
        String value = text.strip();
        return value.isEmpty() || value.length() > maxLength || !printable(value) ? null : value;
    }

    private static boolean printable(String value) {
        return value.codePoints().noneMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                || Character.getType(c) == Character.SURROGATE);
    }
}
