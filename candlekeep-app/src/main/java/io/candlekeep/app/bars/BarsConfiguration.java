package io.candlekeep.app.bars;

import io.candlekeep.app.store.StoreSelection;
import io.candlekeep.core.store.BarStore;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import io.micrometer.observation.ObservationPredicate;
import org.springframework.context.annotation.Bean;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The {@link BarStore} the app injects: the hot cache in front of the configured database store. Its writes are
 * announced as {@link BarsWritten}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HotBarCacheProperties.class)
public class BarsConfiguration {

    /** On a shared database, other instances write too: their bars show once the entry has aged out. */
    @Bean
    HotBarCache hotBarCache(HotBarCacheProperties properties, Environment env) {
        if (properties.maxStaleness() == null && StoreSelection.isPostgres(env)) {
            return new HotBarCache(properties.withMaxStaleness(HotBarCacheProperties.sharedDefault()));
        }
        return new HotBarCache(properties);
    }

    @Bean
    CachingBarStore barStore(@Qualifier("databaseBarStore") BarStore databaseStore, HotBarCache hotBarCache,
            ObjectProvider<Clock> clock, ApplicationEventPublisher events) {
        return new CachingBarStore(databaseStore, hotBarCache, clock.getIfAvailable(Clock::systemUTC),
                series -> events.publishEvent(new BarsWritten(series)));
    }

    /**
     * Bars reads are timed by {@link KeptBarsFilter} ({@code candlekeep_bars_requests_seconds}), every one of them,
     * and not again as {@code http_server_requests}: the request metrics' per-request tags cost more than a kept
     * answer's lookup.
     */
    @Bean
    ObservationPredicate barsReadsTimedByTheirFilter() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && KeptBarsFilter.timedHere(request.getCarrier()));
    }
}
