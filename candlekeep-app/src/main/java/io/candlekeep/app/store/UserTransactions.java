package io.candlekeep.app.store;

import java.util.function.Supplier;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Work on behalf of one user. On PostgreSQL it runs in a transaction as the role {@value #ROLE} with
 * {@code candlekeep.user_id} set to the user (both undone when the transaction ends), so row-level security
 * (migration V13) lets it see and change only that user's rows of {@code portfolio}, {@code transactions},
 * {@code interest} and {@code api_token}: a second wall behind the user filter every statement has. Rows it inserts
 * into {@code transactions} are marked as the service's own in their {@code transaction_created} notification.
 * <p>
 * On SQLite, which has no roles, writes run in a plain transaction and reads in a read-only one, which the SQLite
 * data source answers from a reader connection: one snapshot, taken without waiting for the writer.
 * <p>
 * Work for a user may nest in work for the same user; inside any other transaction it is refused, since the role
 * would stay switched for the rest of that transaction.
 */
@Component
public class UserTransactions {

    /** The role user-scoped transactions run as (created by migration V13). */
    public static final String ROLE = "candlekeep_user";

    /** Binds the user of the current scoped transaction. */
    private static final Object SCOPE = new Object();

    private final TransactionTemplate tx;
    private final TransactionTemplate readOnlyTx;
    private final JdbcClient jdbc;
    private final boolean rowLevelSecurity;

    UserTransactions(PlatformTransactionManager transactions, JdbcClient jdbc, Environment env) {
        this.tx = new TransactionTemplate(transactions);
        this.readOnlyTx = new TransactionTemplate(transactions);
        this.readOnlyTx.setReadOnly(true);
        this.jdbc = jdbc;
        this.rowLevelSecurity = StoreSelection.isPostgres(env);
    }

    /** Runs {@code work} in a transaction for {@code userId}. */
    public <T> T write(long userId, Supplier<T> work) {
        return rowLevelSecurity ? scoped(userId, tx, work) : tx.execute(status -> work.get());
    }

    /** As {@link #write(long, Supplier)}, without a result. */
    public void run(long userId, Runnable work) {
        write(userId, () -> {
            work.run();
            return null;
        });
    }

    /**
     * Runs reads for {@code userId} in a read-only transaction; inside a transaction already running (a write for the
     * same user), in that one.
     */
    public <T> T read(long userId, Supplier<T> work) {
        return rowLevelSecurity ? scoped(userId, readOnlyTx, work) : readOnlyTx.execute(status -> work.get());
    }

    private <T> T scoped(long userId, TransactionTemplate template, Supplier<T> work) {
        if (userId <= 0) {
            throw new IllegalArgumentException("userId must be positive, was " + userId);
        }
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            Object bound = TransactionSynchronizationManager.getResource(SCOPE);
            if (bound instanceof Long id && id == userId) {
                return work.get();
            }
            throw new IllegalStateException("Work for user " + userId + " started inside a transaction "
                    + (bound == null ? "that is not scoped to a user" : "scoped to user " + bound)
                    + ": start it outside that transaction");
        }
        return template.execute(status -> {
            enter(userId);
            return work.get();
        });
    }

    private void enter(long userId) {
        jdbc.sql("""
                SELECT set_config('role', :role, true), set_config('candlekeep.user_id', :user, true),
                       set_config('candlekeep.origin', 'candlekeep', true)
                """)
                .param("role", ROLE)
                .param("user", Long.toString(userId))
                .query(rs -> {
                });
        TransactionSynchronizationManager.bindResource(SCOPE, userId);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(SCOPE);
            }
        });
    }
}
