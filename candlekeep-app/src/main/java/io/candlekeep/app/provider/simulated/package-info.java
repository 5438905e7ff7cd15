/**
 * The simulated providers: deterministic bars and quotes for any symbol, following the real market calendars,
 * with no network. Offline demos, tests and benchmarks use them (DESIGN §5). Every bar is a pure function of
 * (symbol, bar start, now): 15m bars come from a smooth per-symbol price path, coarser bars are resampled
 * from them, so all timeframes agree; a quote is that path's price at now, so it agrees with the forming bar.
 */
package io.candlekeep.app.provider.simulated;
