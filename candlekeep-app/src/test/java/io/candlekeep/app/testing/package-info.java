/**
 * Shared test helpers: locating the recorded provider fixtures, a clock that tests move by hand, and the whole
 * application against a WireMock Yahoo ({@link io.candlekeep.app.testing.YahooAppTestBase}).
 */
package io.candlekeep.app.testing;
