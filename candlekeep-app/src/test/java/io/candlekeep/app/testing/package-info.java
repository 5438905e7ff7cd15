/**
 * Shared test helpers: locating the recorded provider fixtures, a clock that tests move by hand, a quote provider
 * answering from a function ({@link io.candlekeep.app.testing.ScriptedQuotes}), where a test's
 * data lives on the store the suite runs on ({@link io.candlekeep.app.testing.TestStores}) or on both stores
 * ({@link io.candlekeep.app.testing.TestDatabase}), and the whole application on the simulated provider
 * ({@link io.candlekeep.app.testing.SimulatedAppTestBase}) or against a WireMock Yahoo
 * ({@link io.candlekeep.app.testing.YahooAppTestBase}).
 */
package io.candlekeep.app.testing;
