/**
 * Whole-service benchmark drivers: plain {@code main} programs that start Candlekeep in-process on a temporary
 * data folder and measure it from the outside, over HTTP on loopback, next to the plain-JDBC baseline they are
 * compared with. Not part of the test run; see {@code docs/PERFORMANCE.md} for the commands and the figures.
 */
package io.candlekeep.bench;
