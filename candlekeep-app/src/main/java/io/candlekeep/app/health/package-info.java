/**
 * Health: the service checks itself every hour and reports {@code DEGRADED} with the reason in
 * {@code /actuator/health} when a provider's circuit is open, when series lag, or when no bars were written
 * while a tracked market was open; then it asks for a gap fill.
 */
package io.candlekeep.app.health;
