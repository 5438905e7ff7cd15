/**
 * The durable job engine: db-scheduler over the service's own database, with priorities. Features
 * contribute their tasks as beans; the engine starts once the schema is migrated and stops with the
 * application. On SQLite there is one instance, so executions a killed process left picked are
 * released at start and resume at once.
 */
package io.candlekeep.app.jobs;
