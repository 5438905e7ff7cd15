package io.candlekeep.app.testing;

import io.candlekeep.core.store.BarStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Counts the database statements that HTTP requests make, for tests that prove a call costs a fixed number of
 * queries ({@code @Import(CountedStatements.class)}). Every statement the application sends through Spring's
 * {@link JdbcTemplate} (and so through every {@code JdbcClient}) is counted where the template applies its settings
 * to it, and every call into the database bar store (which talks JDBC itself, at least one statement a call) counts
 * as one. Only work on the servlet container's request threads counts: the job engine and the schedules run on
 * threads of their own.
 */
@TestConfiguration(proxyBeanMethods = false)
public class CountedStatements {

    private static final AtomicInteger COUNT = new AtomicInteger();

    /** Starts counting from zero. */
    public static void reset() {
        COUNT.set(0);
    }

    /** Statements (and bar store calls) counted on request threads since the last {@link #reset()}. */
    public static int count() {
        return COUNT.get();
    }

    private static void counted() {
        // Tomcat's request threads: http-nio-<address>-<port>-exec-<n>
        if (Thread.currentThread().getName().contains("-exec-")) {
            COUNT.incrementAndGet();
        }
    }

    @Bean
    static BeanPostProcessor countingStatements() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean.getClass() == JdbcTemplate.class) {
                    return counting((JdbcTemplate) bean);
                }
                if (name.equals("databaseBarStore") && bean instanceof BarStore store) {
                    return Proxy.newProxyInstance(BarStore.class.getClassLoader(), new Class<?>[] {BarStore.class},
                            (proxy, method, args) -> {
                                if (method.getDeclaringClass() != Object.class) {
                                    counted();
                                }
                                try {
                                    return method.invoke(store, args);
                                } catch (InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            });
                }
                return bean;
            }
        };
    }

    private static JdbcTemplate counting(JdbcTemplate original) {
        JdbcTemplate template = new JdbcTemplate() {
            @Override
            protected void applyStatementSettings(Statement stmt) throws SQLException {
                counted();
                super.applyStatementSettings(stmt);
            }
        };
        template.setDataSource(original.getDataSource());
        template.setExceptionTranslator(original.getExceptionTranslator());
        template.setFetchSize(original.getFetchSize());
        template.setMaxRows(original.getMaxRows());
        template.setQueryTimeout(original.getQueryTimeout());
        template.setIgnoreWarnings(original.isIgnoreWarnings());
        template.setSkipResultsProcessing(original.isSkipResultsProcessing());
        template.setSkipUndeclaredResults(original.isSkipUndeclaredResults());
        template.setResultsMapCaseInsensitive(original.isResultsMapCaseInsensitive());
        template.afterPropertiesSet();
        return template;
    }
}
