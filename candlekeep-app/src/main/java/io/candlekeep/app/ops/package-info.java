/**
 * Operations: what the cache holds and what the schedules did ({@code GET /cache/*}), and starting work now
 * ({@code POST /cache/*}), which queues it and answers at once.
 */
package io.candlekeep.app.ops;
