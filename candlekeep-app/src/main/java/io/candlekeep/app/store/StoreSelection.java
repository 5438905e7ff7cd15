package io.candlekeep.app.store;

import java.util.Locale;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Which database the service runs on: PostgreSQL when {@code candlekeep.store.type} says {@code postgres}, or when
 * it is unset and the database URL ({@code candlekeep.db.url}, from {@code CANDLEKEEP_DB_URL}, else
 * {@code spring.datasource.url}) is a {@code jdbc:postgresql:} URL; the embedded SQLite file otherwise.
 */
public final class StoreSelection {

    private StoreSelection() {
    }

    public static boolean isPostgres(Environment env) {
        String type = env.getProperty("candlekeep.store.type");
        if (type != null && !type.isBlank()) {
            String t = type.strip().toLowerCase(Locale.ROOT);
            if (!t.equals("sqlite") && !t.equals("postgres") && !t.equals("postgresql")) {
                throw new IllegalArgumentException("candlekeep.store.type must be sqlite or postgres, was '" + type + "'");
            }
            return !t.equals("sqlite");
        }
        String url = url(env);
        return url != null && url.startsWith("jdbc:postgresql:");
    }

    /** The configured database URL, or null for the embedded default. */
    public static String url(Environment env) {
        String url = env.getProperty("candlekeep.db.url");
        return url == null || url.isBlank() ? env.getProperty("spring.datasource.url") : url;
    }

    /** Matches when PostgreSQL is selected. */
    public static final class Postgres implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return isPostgres(context.getEnvironment());
        }
    }

    /** Matches when the embedded SQLite store is selected. */
    public static final class Sqlite implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !isPostgres(context.getEnvironment());
        }
    }
}
