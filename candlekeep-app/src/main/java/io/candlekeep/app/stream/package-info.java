/**
 * The push feed at {@code /api/v1/stream}: a WebSocket a client subscribes to by symbol and channel ({@code quote},
 * {@code bar:15m}, ...), answered with a snapshot and then every change. Each connection has its own bounded outbox,
 * so a slow reader delays only itself; ingest and storage never wait on a socket.
 */
package io.candlekeep.app.stream;
