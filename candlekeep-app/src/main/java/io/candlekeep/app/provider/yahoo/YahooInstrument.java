package io.candlekeep.app.provider.yahoo;

import static io.candlekeep.app.provider.yahoo.YahooSupport.text;

import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.provider.Listing;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What Yahoo says about an instrument besides its prices, as it sent it (any part may be null). Each endpoint names the
 * parts its own way: the v7 quote {@code longName}/{@code shortName}, {@code exchange}, {@code fullExchangeName},
 * {@code quoteType}; the v8 chart's {@code meta} {@code longName}/{@code shortName}, {@code exchangeName},
 * {@code fullExchangeName}, {@code instrumentType}; the search {@code longname}/{@code shortname}, {@code exchange},
 * {@code exchDisp}, {@code quoteType}.
 *
 * @param name         the long name, else the short one
 * @param exchangeCode Yahoo's code of the exchange, such as {@code NMS}
 * @param exchangeName the exchange as Yahoo shows it, such as {@code NASDAQ} or {@code NasdaqGS}
 * @param type         Yahoo's kind of instrument: {@code EQUITY}, {@code ETF}, {@code INDEX}, {@code CURRENCY},
 *                     {@code CRYPTOCURRENCY}, {@code MUTUALFUND}, {@code FUTURE}, ...
 */
public record YahooInstrument(String name, String exchangeCode, String exchangeName, String type) {

    static final YahooInstrument UNKNOWN = new YahooInstrument(null, null, null, null);

    /** The parts of {@code node} under the given field names, the long name before the short one. */
    static YahooInstrument of(JsonNode node, String longName, String shortName, String exchangeCode,
            String exchangeName, String type) {
        if (node == null || !node.isObject()) {
            return UNKNOWN;
        }
        String name = text(node.get(longName));
        if (name == null || name.isBlank()) {
            name = text(node.get(shortName));
        }
        return new YahooInstrument(name, text(node.get(exchangeCode)), text(node.get(exchangeName)),
                text(node.get(type)));
    }

    /**
     * Candlekeep's asset class for Yahoo's kind: {@code EQUITY} a stock, {@code ETF}, {@code INDEX}, {@code CURRENCY} an
     * FX pair, {@code CRYPTOCURRENCY} crypto; empty for the kinds it does not serve (mutual funds, futures, options).
     */
    public Optional<AssetClass> assetClass() {
        if (type == null) {
            return Optional.empty();
        }
        return switch (type.trim().toUpperCase(Locale.ROOT)) {
            case "EQUITY" -> Optional.of(AssetClass.STOCK);
            case "ETF" -> Optional.of(AssetClass.ETF);
            case "INDEX" -> Optional.of(AssetClass.INDEX);
            case "CURRENCY" -> Optional.of(AssetClass.FX);
            case "CRYPTOCURRENCY" -> Optional.of(AssetClass.CRYPTO);
            default -> Optional.empty();
        };
    }

    /** The listing of {@code symbol} this describes, with the currency and zone the same answer gave (or null). */
    public Listing toListing(Symbol symbol, String currency, ZoneId zone) {
        return Listing.reported(symbol, name, exchangeName, exchangeCode, currency, zone, assetClass().orElse(null));
    }
}
