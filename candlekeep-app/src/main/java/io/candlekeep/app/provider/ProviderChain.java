package io.candlekeep.app.provider;

import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.FetchOutcome;
import io.candlekeep.core.provider.HistoryProvider;
import io.candlekeep.core.provider.ProviderCapabilities;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers in their order of preference (DESIGN §5), which may differ by asset class (crypto from Binance, then
 * Yahoo; everything else from Yahoo). A request goes to the first provider in its asset class's order that serves the
 * symbol's asset class and timeframe and whose circuit is not open; when it fails or is rate limited, the next one is
 * asked. No data is an answer and is not passed on; not found is passed on to the next provider (it may list the
 * symbol), and is the answer only when no provider asked knows the symbol and none failed. Plans for an asset class follow the
 * capabilities of the first provider in its order that serves it ({@link #primaryFor}), because that is the one whose
 * answers the plan's slices normally get. Bars it answers name the provider that gave them
 * ({@link FetchOutcome.Fetched#provider()}), so what fills a series can be told apart from what was asked first.
 * An asset class the configuration leaves unserved on purpose (macro series
 * without a FRED API key) is {@link #findUnavailable unavailable}: its fetches answer {@code Failed} with the reason,
 * asking no provider.
 */
public final class ProviderChain implements HistoryProvider {

    private static final Logger log = LoggerFactory.getLogger(ProviderChain.class);

    private final List<ResilientHistoryProvider> providers;
    private final Map<AssetClass, List<ResilientHistoryProvider>> byAssetClass;
    private final List<ResilientHistoryProvider> all;
    private final Map<AssetClass, String> unavailable;

    /** One order for every asset class. */
    public ProviderChain(List<ResilientHistoryProvider> providers) {
        this(providers, Map.of());
    }

    /**
     * @param providers    the order for every asset class not in {@code byAssetClass}
     * @param byAssetClass an order of its own for some asset classes; a provider in several orders is one instance,
     *                     so its rate limiter and circuit are shared
     */
    public ProviderChain(List<ResilientHistoryProvider> providers,
            Map<AssetClass, List<ResilientHistoryProvider>> byAssetClass) {
        this(providers, byAssetClass, Map.of());
    }

    /**
     * @param unavailable asset classes no provider is configured for, with the reason (what to configure)
     */
    public ProviderChain(List<ResilientHistoryProvider> providers,
            Map<AssetClass, List<ResilientHistoryProvider>> byAssetClass, Map<AssetClass, String> unavailable) {
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("A provider chain needs at least one provider");
        }
        this.providers = List.copyOf(providers);
        Map<AssetClass, List<ResilientHistoryProvider>> orders = new EnumMap<>(AssetClass.class);
        byAssetClass.forEach((assetClass, order) -> {
            if (order.isEmpty()) {
                throw new IllegalArgumentException("The provider order for " + assetClass + " is empty");
            }
            orders.put(assetClass, List.copyOf(order));
        });
        this.byAssetClass = Map.copyOf(orders);
        Set<ResilientHistoryProvider> distinct = new LinkedHashSet<>(this.providers);
        orders.values().forEach(distinct::addAll);
        this.all = List.copyOf(distinct);
        this.unavailable = Map.copyOf(unavailable);
    }

    /** Why symbols of {@code assetClass} cannot be fetched in this configuration, or empty when they can be asked for. */
    public Optional<String> findUnavailable(AssetClass assetClass) {
        return Optional.ofNullable(unavailable.get(assetClass));
    }

    /** Every provider of the chain once, those of the default order first: what health reports circuits for. */
    public List<ResilientHistoryProvider> providers() {
        return all;
    }

    /** The providers asked for symbols of {@code assetClass}, in order (those that do not serve it are skipped). */
    public List<ResilientHistoryProvider> providersFor(AssetClass assetClass) {
        return byAssetClass.getOrDefault(assetClass, providers);
    }

    /** The first provider of the default order. */
    @Override
    public String name() {
        return providers.getFirst().name();
    }

    /** The first provider's of the default order; planning asks {@link #primaryFor} instead. */
    @Override
    public ProviderCapabilities capabilities() {
        return providers.getFirst().capabilities();
    }

    /**
     * The first provider in {@code assetClass}'s order that serves it, whatever its circuit: a plan must not change
     * with a provider's passing outage. When none serves it, the first of that order (whose fetches answer NotFound).
     */
    @Override
    public HistoryProvider primaryFor(AssetClass assetClass) {
        List<ResilientHistoryProvider> order = providersFor(assetClass);
        return order.stream().filter(p -> p.capabilities().serves(assetClass)).findFirst().orElse(order.getFirst());
    }

    @Override
    public FetchOutcome fetch(Symbol symbol, Timeframe timeframe, Instant startInclusive, Instant endExclusive) {
        String reason = unavailable.get(symbol.assetClass());
        if (reason != null) {
            // not NotFound: the symbol may well exist, and is fetched once the configuration allows it
            return new FetchOutcome.Failed(reason);
        }
        FetchOutcome last = null;
        FetchOutcome.NotFound notFound = null;
        String lastName = null;
        for (ResilientHistoryProvider provider : providersFor(symbol.assetClass())) {
            ProviderCapabilities caps = provider.capabilities();
            if (!caps.serves(symbol.assetClass()) || !caps.isNative(timeframe)) {
                continue;
            }
            if (last != null && provider.circuitState() == CircuitState.OPEN) {
                continue;
            }
            if (lastName != null) {
                log.info("[PROVIDER] {} {}: {} did not answer ({}); asking {}", symbol, timeframe, lastName,
                        describe(last != null ? last : notFound), provider.name());
            }
            FetchOutcome outcome = provider.fetch(symbol, timeframe, startInclusive, endExclusive);
            lastName = provider.name();
            switch (outcome) {
                case FetchOutcome.Failed f -> last = f;
                case FetchOutcome.RateLimited r -> last = r;
                // one provider's unknown pair (Binance lists fewer crypto pairs than Yahoo): the next may know it
                case FetchOutcome.NotFound n -> notFound = n;
                case FetchOutcome.Fetched f -> {
                    return f.withProvider(provider.name());
                }
                case FetchOutcome.NoData n -> {
                    return n;
                }
            }
        }
        // a failure beats a not found: the symbol may exist where the failing provider looks, so it is asked again
        if (last != null) {
            return last;
        }
        return notFound != null ? notFound
                : new FetchOutcome.NotFound("no configured provider serves " + symbol.assetClass() + " in " + timeframe);
    }

    /** One provider as health and status show it: the asset classes it is asked for and serves, its timeframes, its circuit. */
    public record ProviderStatus(String name, List<AssetClass> assetClasses, List<String> timeframes,
            CircuitState circuit) {
    }

    /** Every provider of the chain once, in the order of {@link #providers()}, with what it serves now. */
    public List<ProviderStatus> statuses() {
        List<ProviderStatus> statuses = new ArrayList<>(all.size());
        for (ResilientHistoryProvider provider : all) {
            List<AssetClass> classes = new ArrayList<>();
            for (AssetClass assetClass : AssetClass.values()) {
                if (provider.capabilities().serves(assetClass) && providersFor(assetClass).contains(provider)) {
                    classes.add(assetClass);
                }
            }
            List<String> timeframes = Arrays.stream(Timeframe.values()).filter(provider.capabilities()::isNative)
                    .map(Timeframe::code).toList();
            statuses.add(new ProviderStatus(provider.name(), List.copyOf(classes), timeframes, provider.circuitState()));
        }
        return List.copyOf(statuses);
    }

    /** For each asset class, the names of the providers asked for it in order, leaving out those that do not serve it. */
    public Map<AssetClass, List<String>> orders() {
        Map<AssetClass, List<String>> orders = new EnumMap<>(AssetClass.class);
        for (AssetClass assetClass : AssetClass.values()) {
            orders.put(assetClass, providersFor(assetClass).stream().filter(p -> p.capabilities().serves(assetClass))
                    .map(ResilientHistoryProvider::name).toList());
        }
        return Collections.unmodifiableMap(orders);
    }

    private static String describe(FetchOutcome outcome) {
        return switch (outcome) {
            case FetchOutcome.Failed f -> f.reason();
            case FetchOutcome.RateLimited r -> "rate limited";
            default -> outcome.getClass().getSimpleName();
        };
    }

    @Override
    public String toString() {
        List<String> orders = new ArrayList<>();
        orders.add("default " + providers.stream().map(ResilientHistoryProvider::name).toList());
        byAssetClass.forEach((c, o) -> orders.add(c + " " + o.stream().map(ResilientHistoryProvider::name).toList()));
        unavailable.forEach((c, reason) -> orders.add(c + " unavailable"));
        return "ProviderChain" + orders;
    }
}
