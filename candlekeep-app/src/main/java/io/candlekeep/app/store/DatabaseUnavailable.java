package io.candlekeep.app.store;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Tells a failure because the database could not be reached from every other failure. */
public final class DatabaseUnavailable {

    /** What a 503 for it sends as {@code Retry-After}, in seconds. */
    public static final String RETRY_AFTER_SECONDS = "5";

    /** The problem detail of that 503. */
    public static final String DETAIL = "The database is not answering at the moment; try again shortly.";

    private DatabaseUnavailable() {
    }

    /**
     * Whether {@code failure} or one of its causes says the database could not be reached: no connection from the
     * pool, no transaction begun, a connection cut by the server going down ({@code SQLState} class 08, connection
     * exception, or 57P, the server shutting down or starting), or the SQLite file locked by another program for
     * longer than the busy timeout ({@link #isLockTimeout}), also when the rollback after it failed as well.
     */
    public static boolean causes(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessResourceException
                    || t instanceof CannotCreateTransactionException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && (isLockTimeout(sql) || sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P")))) {
                return true;
            }
            // a rollback after the connection was cut fails too, and hides what failed first
            if (t instanceof TransactionSystemException tx && tx.getApplicationException() != null
                    && causes(tx.getApplicationException())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code e} is SQLite's {@code SQLITE_BUSY} or {@code SQLITE_LOCKED}: a lock on the file stayed taken
     * (by another program, since the service itself has one writer) for longer than the busy timeout.
     */
    public static boolean isLockTimeout(SQLException e) {
        if (!(e instanceof SQLiteException sqlite)) {
            return false;
        }
        int primary = sqlite.getResultCode().code & 0xff;
        return primary == SQLiteErrorCode.SQLITE_BUSY.code || primary == SQLiteErrorCode.SQLITE_LOCKED.code;
    }
}
