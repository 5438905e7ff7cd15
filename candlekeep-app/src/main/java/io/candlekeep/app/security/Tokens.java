package io.candlekeep.app.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Making and hashing bearer tokens. */
final class Tokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "ck_";

    private Tokens() {
    }

    /** A new token: {@code ck_} and 256 random bits, URL-safe. */
    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** SHA-256 in hex: what the database keeps instead of the token. */
    static String hash(String token) {
        MessageDigest sha256 = SHA256.get();
        sha256.reset();
        return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    /** One digest per thread: looking the algorithm up on every request cost a few per cent of a hot read. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    });
}
