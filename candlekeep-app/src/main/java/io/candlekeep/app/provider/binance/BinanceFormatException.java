package io.candlekeep.app.provider.binance;

/** A body or frame that is not what Binance sends: malformed JSON, another endpoint's answer, a row that does not fit. */
public final class BinanceFormatException extends RuntimeException {

    public BinanceFormatException(String message) {
        super(message);
    }

    public BinanceFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
