/** Retention: how long each timeframe's bars are kept, and what may never be trimmed. */
package io.candlekeep.core.retention;
