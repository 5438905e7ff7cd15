package io.candlekeep.core.provider;

import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.Symbol;
import java.util.List;
import java.util.Set;

/** A source of latest prices. Implementations answer with a value and never throw for provider faults. */
public interface QuoteProvider {

    /** A short stable name such as {@code yahoo} or {@code simulated}. */
    String name();

    /** The asset classes it quotes; a symbol of another class is answered as not found. */
    Set<AssetClass> assetClasses();

    /** How many symbols one request carries; a longer list is split into several requests. */
    int maxBatchSize();

    /** The latest quotes of {@code symbols}; duplicates are asked once. */
    QuoteBatch quotes(List<Symbol> symbols);
}
