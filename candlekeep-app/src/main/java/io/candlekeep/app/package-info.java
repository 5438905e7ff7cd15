/**
 * The Spring Boot service around the framework-free core. Packages are features: {@code bars} serves
 * and writes bars, {@code tracking} records which symbols matter, {@code backfill} fetches their history
 * through durable jobs, {@code provider.*} and {@code store.*} are the adapters, {@code web} holds what
 * every HTTP endpoint shares.
 */
package io.candlekeep.app;
