package io.candlekeep.app.security;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat hands a path with {@code %2F} or {@code %5C} to the service as sent, so that {@link BearerTokenFilter}
 * refuses it like any other path that is not normalized, with a problem+json 400 (Tomcat's own refusal is an HTML
 * page). Nothing decodes them into separators: the filter refuses every such path before routing.
 */
@Configuration(proxyBeanMethods = false)
class EncodedSlashes {

    @Bean
    TomcatConnectorCustomizer encodedSlashesReachTheFilter() {
        return connector -> {
            connector.setEncodedSolidusHandling("passthrough");
            connector.setEncodedReverseSolidusHandling("passthrough");
        };
    }
}
