package io.candlekeep.app.provider;

import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.FetchOutcome;
import io.candlekeep.core.provider.HistoryProvider;
import io.candlekeep.core.provider.ProviderCapabilities;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers in their order of preference (DESIGN §5). A request goes to the first provider that serves the
 * symbol's asset class and timeframe and whose circuit is not open; when it fails or is rate limited, the next
 * one is asked. Not found and no data are answers, not failures: they are not passed on. Plans follow the
 * first provider's capabilities.
 */
public final class ProviderChain implements HistoryProvider {

    private static final Logger log = LoggerFactory.getLogger(ProviderChain.class);

    private final List<ResilientHistoryProvider> providers;

    public ProviderChain(List<ResilientHistoryProvider> providers) {
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("A provider chain needs at least one provider");
        }
        this.providers = List.copyOf(providers);
    }

    public List<ResilientHistoryProvider> providers() {
        return providers;
    }

    @Override
    public String name() {
        return providers.getFirst().name();
    }

    @Override
    public ProviderCapabilities capabilities() {
        return providers.getFirst().capabilities();
    }

    @Override
    public FetchOutcome fetch(Symbol symbol, Timeframe timeframe, Instant startInclusive, Instant endExclusive) {
        FetchOutcome last = null;
        for (ResilientHistoryProvider provider : providers) {
            ProviderCapabilities caps = provider.capabilities();
            if (!caps.serves(symbol.assetClass()) || !caps.isNative(timeframe)) {
                continue;
            }
            if (last != null && provider.circuitState() == CircuitState.OPEN) {
                continue;
            }
            if (last != null) {
                log.info("[PROVIDER] {} {}: {} did not answer ({}); asking {}", symbol, timeframe,
                        providers.get(providers.indexOf(provider) - 1).name(), describe(last), provider.name());
            }
            FetchOutcome outcome = provider.fetch(symbol, timeframe, startInclusive, endExclusive);
            if (!(outcome instanceof FetchOutcome.Failed || outcome instanceof FetchOutcome.RateLimited)) {
                return outcome;
            }
            last = outcome;
        }
        return last != null ? last
                : new FetchOutcome.NotFound("no configured provider serves " + symbol.assetClass() + " in " + timeframe);
    }

    private static String describe(FetchOutcome outcome) {
        return switch (outcome) {
            case FetchOutcome.Failed f -> f.reason();
            case FetchOutcome.RateLimited r -> "rate limited";
            default -> outcome.getClass().getSimpleName();
        };
    }
}
