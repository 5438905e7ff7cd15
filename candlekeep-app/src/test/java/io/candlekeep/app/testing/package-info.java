/** Shared test helpers: locating the recorded provider fixtures, a clock that tests move by hand. */
package io.candlekeep.app.testing;
