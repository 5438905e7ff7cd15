package io.candlekeep.app.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.stereotype.Component;

/**
 * The scrape token of {@link MetricsProperties}: it stands for no user, so it is compared here rather than looked up
 * among the users' tokens. The comparison takes the same time whatever the token sent, so timing tells nothing of
 * how much of it was right.
 */
@Component
class ScrapeToken {

    /** The configured token's hash, or null when none is configured. */
    private final byte[] expected;

    ScrapeToken(MetricsProperties properties) {
        this.expected = properties.scrapeToken() == null ? null : digest(properties.scrapeToken());
    }

    /** Whether {@code token} is the configured scrape token; always false when none is configured. */
    boolean matches(String token) {
        // comparing equal-length digests: neither the length nor the content of the token sent shows in the time
        return expected != null && MessageDigest.isEqual(expected, digest(token));
    }

    private static byte[] digest(String token) {
        return Tokens.hash(token).getBytes(StandardCharsets.US_ASCII);
    }
}
