/**
 * FRED (the St. Louis Fed's economic data) as the history provider of macro series: {@code FRED:CPILFESL},
 * {@code FRED:GDP}, {@code FRED:DGS10}. {@link io.candlekeep.app.provider.fred.FredParser} reads the recorded bodies
 * of {@code fred/series} and {@code fred/series/observations} without any network, and
 * {@link io.candlekeep.app.provider.fred.FredHistoryProvider} makes the calls with the API key
 * ({@link io.candlekeep.app.provider.fred.FredProperties}, never logged) and turns each observation into a daily bar;
 * the series' native frequency it learns goes to {@link io.candlekeep.app.macro}.
 */
package io.candlekeep.app.provider.fred;
