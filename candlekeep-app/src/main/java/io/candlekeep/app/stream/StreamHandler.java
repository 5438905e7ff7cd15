package io.candlekeep.app.stream;

import io.candlekeep.app.security.Caller;
import io.candlekeep.app.security.UserService;
import io.candlekeep.app.store.DatabaseUnavailable;
import io.candlekeep.app.tracking.TrackedSymbol;
import io.candlekeep.app.tracking.TrackingService;
import io.candlekeep.core.domain.InterestSource;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The feed's protocol: {@code auth}, {@code subscribe} and {@code unsubscribe} messages in, replies and errors out, a
 * heartbeat and a ping every {@link StreamProperties#heartbeat()} (when the token is checked again), and the limits.
 * A breach of a limit is answered with an error message; only a connection that cannot go on (no token in time, a
 * token not valid or revoked, one connection too many, silence past the idle timeout) is closed, with the reason.
 * A subscription records interest like a chart view, so a symbol nobody tracked gets backfilled.
 */
@Component
class StreamHandler implements WebSocketHandler, InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(StreamHandler.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_TOKEN_LENGTH = 200;
    /** Symbols one message may name: what one tracking request may record. */
    static final int MAX_SYMBOLS_PER_MESSAGE = 100;

    private final StreamHub hub;
    private final UserService users;
    private final TrackingService tracking;
    private final StreamProperties properties;
    private final Clock clock;
    private final Map<String, StreamConnection> open = new ConcurrentHashMap<>();
    /** Symbols each connection subscribed to, as its receiving thread counts them for the limit. */
    private final Map<String, Set<Symbol>> symbolsOf = new ConcurrentHashMap<>();
    private final ExecutorService senders = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("stream-send-", 0).factory());
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("stream-heartbeat").daemon().factory());

    StreamHandler(StreamHub hub, UserService users, TrackingService tracking, StreamProperties properties, Clock clock) {
        this.hub = hub;
        this.users = users;
        this.tracking = tracking;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        long every = properties.heartbeat().toMillis();
        timer.scheduleAtFixedRate(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        StreamConnection connection = new StreamConnection(session, properties.outboxCapacity(), senders, hub::tooSlow,
                clock.instant(), new InboundRate(properties.maxMessagesPerSecond(), clock));
        open.put(session.getId(), connection);
        symbolsOf.put(session.getId(), ConcurrentHashMap.newKeySet());
        hub.opened(connection);
        if (session.getAttributes().get(StreamHandshake.IDENTITY) instanceof StreamConnection.Identity identity) {
            identify(connection, identity);
            return;
        }
        schedule(() -> {
            if (connection.isOpen() && connection.findIdentity().isEmpty()) {
                connection.send(StreamMessages.error("No token within " + seconds(properties.authTimeout())
                        + ": send {\"action\":\"auth\",\"token\":\"<token>\"} first"));
                connection.close(new CloseStatus(CloseStatus.POLICY_VIOLATION.getCode(), "no token in time"));
            }
        }, properties.authTimeout());
    }

    @Override
    public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
        StreamConnection connection = open.get(session.getId());
        if (connection == null || !connection.isOpen()) {
            return;
        }
        connection.heard(clock.instant());
        if (message instanceof PongMessage) {
            return;
        }
        if (!(message instanceof TextMessage text)) {
            connection.send(StreamMessages.error("Only JSON text messages are understood"));
            return;
        }
        if (!connection.inbound().tryTake()) {
            connection.send(StreamMessages.error("More than " + connection.inbound().perSecond()
                    + " messages a second: this one was ignored"));
            return;
        }
        JsonNode request;
        try {
            request = JSON.readTree(text.getPayload());
        } catch (JacksonException e) {
            connection.send(StreamMessages.error("The message is not JSON: " + e.getOriginalMessage()));
            return;
        }
        String action = request != null && request.isObject() && request.get("action") != null
                && request.get("action").isString() ? request.get("action").asString() : null;
        if (action == null) {
            connection.send(StreamMessages.error("A message is a JSON object with an 'action': auth, subscribe or unsubscribe"));
            return;
        }
        switch (action) {
            case "auth" -> auth(connection, request);
            case "subscribe", "unsubscribe" -> {
                if (connection.findIdentity().isEmpty()) {
                    connection.send(StreamMessages.error("Send {\"action\":\"auth\",\"token\":\"<token>\"} before '" + action + "'"));
                } else if (action.equals("subscribe")) {
                    subscribe(connection, request);
                } else {
                    unsubscribe(connection, request);
                }
            }
            default -> connection.send(StreamMessages.error("Action '" + abbreviate(action)
                    + "' is unknown: use auth, subscribe or unsubscribe"));
        }
    }

    private void auth(StreamConnection connection, JsonNode request) {
        if (connection.findIdentity().isPresent()) {
            connection.send(StreamMessages.error("This connection is authenticated already"));
            return;
        }
        JsonNode token = request.get("token");
        if (token == null || !token.isString() || token.asString().isEmpty() || token.asString().length() > MAX_TOKEN_LENGTH) {
            connection.send(StreamMessages.error("Field 'token' must be the bearer token, such as \"ck_...\""));
            return;
        }
        Optional<Caller> caller;
        try {
            caller = users.authenticate(token.asString());
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.causes(e)) {
                throw e;
            }
            connection.send(StreamMessages.error(DatabaseUnavailable.DETAIL));
            return;
        }
        if (caller.isEmpty()) {
            connection.send(StreamMessages.error("The token is not valid"));
            connection.close(new CloseStatus(CloseStatus.POLICY_VIOLATION.getCode(), "token not valid"));
            return;
        }
        identify(connection, new StreamConnection.Identity(caller.get(), token.asString()));
    }

    /** Accepts the caller unless they hold every connection they may already. */
    private synchronized void identify(StreamConnection connection, StreamConnection.Identity identity) {
        long held = open.values().stream().filter(c -> c != connection && c.isOpen())
                .filter(c -> c.findIdentity().map(i -> i.caller().userId() == identity.caller().userId()).orElse(false))
                .count();
        if (held >= properties.maxConnectionsPerUser()) {
            connection.send(StreamMessages.error("User '" + identity.caller().name() + "' holds " + held
                    + " open connections, the most allowed (candlekeep.stream.max-connections-per-user)"));
            connection.close(new CloseStatus(CloseStatus.POLICY_VIOLATION.getCode(), "too many connections"));
            return;
        }
        connection.identify(identity);
        connection.send(StreamMessages.authenticated(identity.caller().name()));
    }

    private void subscribe(StreamConnection connection, JsonNode request) {
        Optional<List<Channel>> channels = channels(connection, request, List.of(Channel.QUOTE));
        Optional<List<String>> texts = symbols(connection, request);
        if (channels.isEmpty() || texts.isEmpty()) {
            return;
        }
        Set<Symbol> held = symbolsOf.get(connection.id());
        Set<Symbol> accepted = new LinkedHashSet<>();
        for (String text : texts.get()) {
            Symbol symbol;
            try {
                symbol = Symbol.of(text);
            } catch (IllegalArgumentException e) {
                connection.send(StreamMessages.error(abbreviate(text), e.getMessage()));
                continue;
            }
            if (!held.contains(symbol) && held.size() + accepted.size() >= properties.maxSymbols()) {
                connection.send(StreamMessages.error(symbol.value(), "A connection may subscribe to at most "
                        + properties.maxSymbols() + " symbols (candlekeep.stream.max-symbols); unsubscribe some first"));
                continue;
            }
            accepted.add(symbol);
        }
        if (accepted.isEmpty()) {
            return;
        }
        held.addAll(accepted);
        connection.send(StreamMessages.subscribed("subscribed", accepted, channels.get()));
        hub.subscribe(connection, accepted, channels.get());
        recordInterest(connection, accepted, channels.get());
    }

    private void unsubscribe(StreamConnection connection, JsonNode request) {
        Optional<List<Channel>> channels = channels(connection, request, List.of());
        Optional<List<String>> texts = symbols(connection, request);
        if (channels.isEmpty() || texts.isEmpty()) {
            return;
        }
        List<Symbol> symbols = new ArrayList<>();
        for (String text : texts.get()) {
            try {
                symbols.add(Symbol.of(text));
            } catch (IllegalArgumentException e) {
                connection.send(StreamMessages.error(abbreviate(text), e.getMessage()));
            }
        }
        if (channels.get().isEmpty()) {
            symbols.forEach(symbolsOf.get(connection.id())::remove);
        }
        connection.send(StreamMessages.subscribed("unsubscribed", symbols, channels.get()));
        hub.unsubscribe(connection, symbols, channels.get());
    }

    /**
     * Tracks the symbols for the caller as a chart view, off the receiving thread (it plans backfills). A symbol the
     * provider is known not to have is answered with an error and dropped; one not known yet is dropped later, when
     * its first fetch says so ({@link StreamHub}).
     */
    private void recordInterest(StreamConnection connection, Set<Symbol> symbols, List<Channel> channels) {
        Caller caller = connection.findIdentity().orElseThrow().caller();
        List<String> timeframes = channels.stream().flatMap(c -> c.findTimeframe().stream()).map(Timeframe::code)
                .distinct().toList();
        execute(() -> {
            try {
                tracking.track(caller, symbols.stream().map(Symbol::value).toList(), InterestSource.CHART_VIEW.code(),
                        timeframes.isEmpty() ? null : timeframes);
            } catch (RuntimeException e) {
                String detail = DatabaseUnavailable.causes(e) ? DatabaseUnavailable.DETAIL : e.getMessage();
                if (!DatabaseUnavailable.causes(e)) {
                    log.info("[STREAM] interest in {} for '{}' not recorded: {}", symbols, caller.name(), e.toString());
                }
                connection.send(StreamMessages.error("Interest in " + symbols + " not recorded: " + detail));
                return;
            }
            for (Symbol symbol : symbols) {
                Optional<TrackedSymbol> tracked = tracking.findTracked(symbol);
                if (tracked.isPresent() && tracked.get().status() == TrackedSymbol.Status.NOT_FOUND) {
                    symbolsOf.get(connection.id()).remove(symbol);
                    hub.unsubscribe(connection, List.of(symbol), List.of());
                    connection.send(StreamMessages.error(symbol.value(), "Symbol '" + symbol
                            + "' is unknown to the provider" + tracked.get().statusReason().map(r -> ": " + r).orElse("")));
                }
            }
        });
    }

    private Optional<List<String>> symbols(StreamConnection connection, JsonNode request) {
        JsonNode symbols = request.get("symbols");
        if (symbols == null || !symbols.isArray() || symbols.isEmpty() || symbols.size() > MAX_SYMBOLS_PER_MESSAGE) {
            connection.send(StreamMessages.error("Field 'symbols' must list 1 to " + MAX_SYMBOLS_PER_MESSAGE
                    + " symbols, such as [\"AAPL\",\"BTC-USD\"]"));
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode s : symbols) {
            if (!s.isString()) {
                connection.send(StreamMessages.error("Field 'symbols' must hold strings, such as \"AAPL\""));
                return Optional.empty();
            }
            out.add(s.asString());
        }
        return Optional.of(out);
    }

    private static Optional<List<Channel>> channels(StreamConnection connection, JsonNode request, List<Channel> absent) {
        JsonNode channels = request.get("channels");
        if (channels == null || channels.isNull()) {
            return Optional.of(absent);
        }
        if (!channels.isArray() || channels.size() > 8) {
            connection.send(StreamMessages.error("Field 'channels' must list some of quote, bar:15m, bar:1h, bar:4h, bar:1d"));
            return Optional.empty();
        }
        Set<Channel> out = new LinkedHashSet<>();
        for (JsonNode c : channels) {
            try {
                out.add(Channel.of(c.isString() ? c.asString() : null));
            } catch (IllegalArgumentException e) {
                connection.send(StreamMessages.error(e.getMessage()));
                return Optional.empty();
            }
        }
        return Optional.of(List.copyOf(out));
    }

    /**
     * Every heartbeat: closes an authenticated connection that has been silent past the idle timeout or whose token
     * was revoked, and sends the others a heartbeat and a ping (a client's pong counts as hearing from it).
     */
    private void beat() {
        Instant now = clock.instant();
        TextMessage heartbeat = StreamMessages.heartbeat(now);
        for (StreamConnection connection : open.values()) {
            try {
                Optional<StreamConnection.Identity> identity = connection.findIdentity();
                if (!connection.isOpen() || identity.isEmpty()) {
                    continue;
                }
                if (Duration.between(connection.lastHeard(), now).compareTo(properties.idleTimeout()) > 0) {
                    log.info("[STREAM] connection {} of '{}' closed: silent for over {}", connection.id(),
                            identity.get().caller().name(), seconds(properties.idleTimeout()));
                    connection.close(new CloseStatus(CloseStatus.NORMAL.getCode(), "silent for over "
                            + seconds(properties.idleTimeout())));
                    continue;
                }
                if (isRevoked(identity.get())) {
                    connection.send(StreamMessages.error("The token of this connection was revoked"));
                    connection.close(new CloseStatus(CloseStatus.POLICY_VIOLATION.getCode(), "token revoked"));
                    continue;
                }
                connection.send(heartbeat);
                connection.send(new PingMessage());
            } catch (RuntimeException e) {
                log.warn("[STREAM] heartbeat of connection {} failed", connection.id(), e);
            }
        }
    }

    private boolean isRevoked(StreamConnection.Identity identity) {
        try {
            return users.authenticate(identity.token()).isEmpty();
        } catch (RuntimeException e) {
            if (DatabaseUnavailable.causes(e)) {
                return false; // cannot tell now; the next heartbeat asks again
            }
            throw e;
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("[STREAM] connection {} failed: {}", session.getId(), exception.toString());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) {
        StreamConnection connection = open.remove(session.getId());
        symbolsOf.remove(session.getId());
        if (connection != null) {
            connection.closed();
            hub.closed(connection);
        }
    }

    @Override
    public boolean supportsPartialMessages() {
        return false;
    }

    private void schedule(Runnable task, Duration delay) {
        try {
            timer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("[STREAM] shutting down: {} not scheduled", task);
        }
    }

    private void execute(Runnable task) {
        try {
            senders.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("[STREAM] shutting down: {} not run", task);
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    @Override
    public void destroy() throws InterruptedException {
        timer.shutdownNow();
        open.values().forEach(c -> c.abort(CloseStatus.GOING_AWAY));
        senders.shutdown();
        senders.awaitTermination(5, TimeUnit.SECONDS);
    }
}
