package io.candlekeep.core.domain;

/** The kind of instrument; it decides the calendar, the live-cache TTL and which providers serve it. */
public enum AssetClass {
    STOCK, ETF, INDEX, FX, CRYPTO, MACRO;

    /**
     * Infers the asset class from the provider-neutral symbol form: {@code ^GSPC} is an index,
     * {@code EURUSD=X} a currency pair, {@code FRED:DGS10} a macro series, {@code BTC-USD} a crypto
     * pair; anything else is taken to be a stock (an ETF looks the same as a stock).
     */
    public static AssetClass infer(Symbol symbol) {
        String s = symbol.value();
        if (s.startsWith("^")) {
            return INDEX;
        }
        if (s.endsWith("=X")) {
            return FX;
        }
        if (s.startsWith("FRED:")) {
            return MACRO;
        }
        int dash = s.lastIndexOf('-');
        if (dash > 0) {
            String quote = s.substring(dash + 1);
            if (quote.equals("USD") || quote.equals("USDT") || quote.equals("USDC") || quote.equals("EUR")
                    || quote.equals("BTC") || quote.equals("ETH") || quote.equals("GBP")) {
                return CRYPTO;
            }
        }
        return STOCK;
    }
}
