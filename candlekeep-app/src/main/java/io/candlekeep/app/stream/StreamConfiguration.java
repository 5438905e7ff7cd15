package io.candlekeep.app.stream;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/** The feed at {@value #PATH} on the servlet container's WebSocket support; plain JSON frames, no STOMP. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class StreamConfiguration implements WebSocketConfigurer {

    static final String PATH = "/api/v1/stream";

    private final StreamHandler handler;
    private final StreamHandshake handshake;
    private final StreamProperties properties;

    StreamConfiguration(StreamHandler handler, StreamHandshake handshake, StreamProperties properties) {
        this.handler = handler;
        this.handshake = handshake;
        this.properties = properties;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        DefaultHandshakeHandler protocols = new DefaultHandshakeHandler();
        protocols.setSupportedProtocols(StreamHandshake.PROTOCOL);
        var registration = registry.addHandler(handler, PATH).setHandshakeHandler(protocols).addInterceptors(handshake);
        if (!properties.allowedOrigins().isEmpty()) {
            // the service's own origin is always allowed; clients without an Origin header (not browsers) too
            registration.setAllowedOrigins(properties.allowedOrigins().toArray(String[]::new));
        }
    }

    /** Bounds what one client message may be; the container closes with 1009 above it. */
    @Bean
    ServletServerContainerFactoryBean streamContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(properties.maxMessageBytes());
        container.setMaxBinaryMessageBufferSize(properties.maxMessageBytes());
        return container;
    }
}
