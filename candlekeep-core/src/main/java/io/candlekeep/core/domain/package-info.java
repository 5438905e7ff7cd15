/**
 * The vocabulary of Candlekeep as values: symbols, timeframes, bars and series, and why users care
 * about a symbol. Everything here validates on construction.
 */
package io.candlekeep.core.domain;
