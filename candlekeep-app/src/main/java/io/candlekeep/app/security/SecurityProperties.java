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
        if (adminToken != null && adminToken.isBlank()) {
            adminToken = null;
        }
        if (adminToken != null && (adminToken.length() < MIN_TOKEN_LENGTH || adminToken.chars().anyMatch(c -> c <= ' '))) {
            throw new IllegalArgumentException("candlekeep.security.admin-token must be at least " + MIN_TOKEN_LENGTH
                    + " characters without blanks, was " + adminToken.length() + " characters");
        }
        publicMarketData = publicMarketData != null && publicMarketData;
        tokenCacheTtl = tokenCacheTtl == null ? Duration.ofSeconds(30) : tokenCacheTtl;
        if (tokenCacheTtl.isNegative()) {
            throw new IllegalArgumentException("candlekeep.security.token-cache-ttl must not be negative, was " + tokenCacheTtl);
        }
    }

    public static SecurityProperties defaults() {
        return new SecurityProperties(null, null, null);
    }
}
