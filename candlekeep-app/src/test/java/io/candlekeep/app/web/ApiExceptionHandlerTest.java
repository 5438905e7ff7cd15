package io.candlekeep.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.store.BarStoreException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

final class ApiExceptionHandlerTest {

    private final ApiExceptionHandler handler = new ApiExceptionHandler();

    @Test
    void unexpected_noConnectionWithinTheTimeout_is503WithRetryAfter() {
        ResponseEntity<ProblemDetail> answer = handler.unexpected(new CannotGetJdbcConnectionException(
                "Failed to obtain JDBC Connection", new SQLTransientConnectionException("request timed out")));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(answer.getBody()).isNotNull();
        assertThat(answer.getBody().getStatus()).isEqualTo(503);
        assertThat(answer.getBody().getDetail()).contains("try again shortly");
    }

    @Test
    void unexpected_transactionNotBegun_is503() {
        ResponseEntity<ProblemDetail> answer = handler.unexpected(new CannotCreateTransactionException(
                "Could not open JDBC Connection for transaction"));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }

    @Test
    void unexpected_barReadCutByTheServerShuttingDown_is503() {
        SQLException adminShutdown = new SQLException("terminating connection due to administrator command", "57P01");

        ResponseEntity<ProblemDetail> answer = handler.unexpected(new BarStoreException("Could not read", adminShutdown));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }

    @Test
    void unexpected_rollbackFailedAfterTheConnectionWasCut_is503() {
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollback.initApplicationException(new BarStoreException("Could not write",
                new SQLException("FATAL: terminating connection due to administrator command", "57P01")));

        ResponseEntity<ProblemDetail> answer = handler.unexpected(rollback);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }

    @Test
    void unexpected_anyOtherFailure_is500WithoutRetryAfter() {
        SQLException syntax = new SQLException("syntax error", "42601");

        ResponseEntity<ProblemDetail> answer = handler.unexpected(new BarStoreException("Could not read", syntax));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(answer.getHeaders().containsHeader(HttpHeaders.RETRY_AFTER)).isFalse();
        assertThat(answer.getBody().getTitle()).isEqualTo("Internal error");
    }
}
