package io.candlekeep.app.testing;

import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.provider.QuoteBatch;
import io.candlekeep.core.provider.QuoteProvider;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** A quote provider for unit tests: a name, every asset class, and whatever {@code answer} makes of each request. */
public final class ScriptedQuotes implements QuoteProvider {

    private final String name;
    private final int maxBatchSize;
    private final Function<List<Symbol>, QuoteBatch> answer;

    private ScriptedQuotes(String name, int maxBatchSize, Function<List<Symbol>, QuoteBatch> answer) {
        this.name = name;
        this.maxBatchSize = maxBatchSize;
        this.answer = answer;
    }

    public static ScriptedQuotes of(String name, int maxBatchSize, Function<List<Symbol>, QuoteBatch> answer) {
        return new ScriptedQuotes(name, maxBatchSize, answer);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<AssetClass> assetClasses() {
        return EnumSet.allOf(AssetClass.class);
    }

    @Override
    public int maxBatchSize() {
        return maxBatchSize;
    }

    @Override
    public QuoteBatch quotes(List<Symbol> symbols) {
        return answer.apply(symbols);
    }
}
