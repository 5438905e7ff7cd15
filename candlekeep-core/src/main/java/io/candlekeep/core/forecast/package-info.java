/**
 * Forecasts: the standard baseline forecasters (naive or random walk, drift, seasonal naive, simple exponential
 * smoothing) on a series' final closes, each point with 80 % and 95 % prediction intervals, the bar starts they
 * target on the series' calendar, and the accuracy figures (MAE, MASE, interval coverage, direction) of forecasts
 * checked against the final bars that arrived. Formulas follow Hyndman and Athanasopoulos, <i>Forecasting:
 * Principles and Practice</i>, 3rd ed. (FPP3, https://otexts.com/fpp3/). The numerics come from Apache Commons Math.
 */
package io.candlekeep.core.forecast;
