/**
 * The autonomous loop (DESIGN §4): each feature contributes a {@link io.candlekeep.app.schedule.ScheduledJob};
 * here they become durable recurring tasks that run at T+0 of every start and then on their interval,
 * never overlap themselves, survive restarts, and log one line when they start and one summary when they end.
 */
package io.candlekeep.app.schedule;
