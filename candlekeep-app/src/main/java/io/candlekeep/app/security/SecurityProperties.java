package io.candlekeep.app.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param adminToken        the admin's token, for automation; when unset, the first start creates one and writes it
 *                          to {@code <data-dir>/admin-token}, readable by its owner only
 * @param publicMarketData  whether bars, quotes and symbol coverage are served without a token
 * @param tokenCacheTtl     how long a checked token is remembered, so a read does not touch the database
 */
@ConfigurationProperties(prefix = "candlekeep.security")
public record SecurityProperties(String adminToken, Boolean publicMarketData, Duration tokenCacheTtl) {

    /** Shorter configured tokens are refused: a token is a password. */
    static final int MIN_TOKEN_LENGTH = 20;

    public SecurityProperties {
        adminToken = configuredToken("candlekeep.security.admin-token", adminToken);
        publicMarketData = publicMarketData != null && publicMarketData;
        tokenCacheTtl = tokenCacheTtl == null ? Duration.ofSeconds(30) : tokenCacheTtl;
        if (tokenCacheTtl.isNegative()) {
            throw new IllegalArgumentException("candlekeep.security.token-cache-ttl must not be negative, was " + tokenCacheTtl);
        }
    }

    /**
     * A token set in the configuration: null when unset or blank, else at least {@link #MIN_TOKEN_LENGTH} characters
     * without blanks, or refused naming {@code key} (never quoting the token).
     */
    static String configuredToken(String key, String token) {
        if (token == null || token.isBlank()) {
            return null;
        }
        if (token.length() < MIN_TOKEN_LENGTH || token.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException(key + " must be at least " + MIN_TOKEN_LENGTH
                    + " characters without blanks, was " + token.length() + " characters");
        }
        return token;
    }

    public static SecurityProperties defaults() {
        return new SecurityProperties(null, null, null);
    }
}
