package io.candlekeep.app.provider.binance;

/**
 * Binance's error body, {@code {"code":-1121,"msg":"Invalid symbol."}}.
 *
 * @param code Binance's negative error code; {@value #INVALID_SYMBOL} is an unknown symbol
 */
public record BinanceError(int code, String msg) {

    /** {@code -1121 Invalid symbol.}: the pair is not listed (or no longer). */
    public static final int INVALID_SYMBOL = -1121;

    public boolean isInvalidSymbol() {
        return code == INVALID_SYMBOL;
    }

    @Override
    public String toString() {
        return code + " " + msg;
    }
}
