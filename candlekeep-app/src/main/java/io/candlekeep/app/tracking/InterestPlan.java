package io.candlekeep.app.tracking;

import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import io.candlekeep.core.domain.Symbol;
import java.io.Serializable;
import java.util.List;

/**
 * The durable data of planning one tracking request's jobs: the symbols it named. It is queued in the transaction that
 * records the interest, so a process that dies after answering leaves it queued, and the job engine runs it (again)
 * on whichever instance is up.
 */
record InterestPlan(List<String> symbols) implements Serializable {

    static final String TASK = "plan-interest";
    static final TaskDescriptor<InterestPlan> DESCRIPTOR = TaskDescriptor.of(TASK, InterestPlan.class);

    /**
     * Above every slice (whose priority ages up to 1,000) and below the schedules (10,000): a request's plan goes
     * before the backfills already queued, so its newest bars are fetched within seconds.
     */
    static final int PRIORITY = 5_000;

    InterestPlan {
        symbols = List.copyOf(symbols);
    }

    static InterestPlan of(List<Symbol> symbols) {
        return new InterestPlan(symbols.stream().map(Symbol::value).toList());
    }

    List<Symbol> symbolList() {
        return symbols.stream().map(Symbol::of).toList();
    }
}
