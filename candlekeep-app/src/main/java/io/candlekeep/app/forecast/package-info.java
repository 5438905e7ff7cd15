/**
 * Forecasts of the tracked series, made from the stored bars only (never from a provider) by the baselines of
 * {@code io.candlekeep.core.forecast}: the {@code forecast} schedule checks stored forecasts against the final bars
 * that arrived and forecasts the series with new final bars, highest tracking priority first and more often for
 * stronger interest; the API serves the latest forecast per model and each model's accuracy so far. Retention keeps
 * the bars open forecasts still need and trims old forecasts.
 */
package io.candlekeep.app.forecast;
