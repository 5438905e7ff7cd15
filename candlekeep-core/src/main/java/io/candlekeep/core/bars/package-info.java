/**
 * Bars derived from bars: resampling a finer series into a coarser one along a market calendar's buckets (NYSE 4h
 * bars at 09:30 and 13:30 New York, crypto 4h bars on the UTC grid), and finding which coarse bars a write of fine
 * bars touches so that exactly those are recomputed.
 */
package io.candlekeep.core.bars;
