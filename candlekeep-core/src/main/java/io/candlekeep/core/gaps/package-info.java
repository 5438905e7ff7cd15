/**
 * Gaps: expected bars (by the series' calendar) that a series does not hold, as ranges a job can fetch,
 * and the backoff for ranges the provider reported empty (known holes).
 */
package io.candlekeep.core.gaps;
