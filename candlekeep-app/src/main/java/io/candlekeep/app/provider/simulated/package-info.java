/**
 * The simulated history provider: deterministic bars for any symbol, following the real market calendars,
 * with no network. Offline demos, tests and benchmarks use it (DESIGN §5). Every bar is a pure function of
 * (symbol, bar start, now): 15m bars come from a smooth per-symbol price path, coarser bars are resampled
 * from them, so all timeframes agree.
 */
package io.candlekeep.app.provider.simulated;
