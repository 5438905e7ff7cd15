package io.candlekeep.app.security;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Which request targets are answered. Access is decided on the path the router matches; a path the router would
 * read differently from its raw form (a {@code %xx} of a plain letter, a {@code ;} parameter, an empty or dot
 * segment, a trailing slash) could make the two disagree, so it is refused before anything else looks at it. A query
 * that cannot be decoded (a broken {@code %xx}, bytes that are not UTF-8) is refused the same way, instead of failing
 * later wherever a parameter is first read.
 */
final class RequestPaths {

    /** The longest raw path answered: every path of the API is far shorter. */
    static final int MAX_LENGTH = 2048;
    /** The longest raw query answered: a quote request for its 50 symbols needs a tenth of it. */
    static final int MAX_QUERY_LENGTH = 8192;
    /** The most query parameters answered: no endpoint reads more than a handful. */
    static final int MAX_QUERY_PARAMETERS = 64;

    private RequestPaths() {
    }

    /**
     * Why {@code rawPath} (the request URI without query and context path, as sent) is not normalized, or empty
     * when it is: it starts with {@code /}, is at most {@link #MAX_LENGTH} characters of printable ASCII, holds no
     * {@code ;} or {@code \}, no empty, {@code .} or {@code ..} segment, no trailing {@code /} (but for {@code /}
     * itself), and percent-encodes only characters that must be encoded in a path segment; never a letter, digit,
     * {@code -._~}, {@code /}, {@code \}, {@code ;}, {@code %}, a control character or a byte beyond ASCII.
     */
    static Optional<String> problem(String rawPath) {
        if (rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            return Optional.of("The path must start with '/'");
        }
        if (rawPath.length() > MAX_LENGTH) {
            return Optional.of("The path is longer than " + MAX_LENGTH + " characters");
        }
        if (rawPath.length() > 1 && rawPath.endsWith("/")) {
            return Optional.of("The path must not end with '/'");
        }
        int segmentStart = 1;
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return Optional.of("The path holds a character that must be percent-encoded (code " + (int) c + ")");
            }
            switch (c) {
                case ';' -> {
                    return Optional.of("The path must not hold ';' parameters");
                }
                case '\\' -> {
                    return Optional.of("The path must not hold '\\'");
                }
                case '%' -> {
                    int decoded = i + 2 < rawPath.length() ? hex(rawPath.charAt(i + 1), rawPath.charAt(i + 2)) : -1;
                    if (decoded < 0) {
                        return Optional.of("The path holds an invalid percent-encoding at character " + i);
                    }
                    if (!mayBeEncoded(decoded)) {
                        return Optional.of("The path percent-encodes '" + rawPath.substring(i, i + 3)
                                + "', which a normalized path writes as itself or not at all");
                    }
                    i += 2;
                }
                case '/' -> {
                    if (i > 0) {
                        Optional<String> segment = segmentProblem(rawPath.substring(segmentStart, i));
                        if (segment.isPresent()) {
                            return segment;
                        }
                        segmentStart = i + 1;
                    }
                }
                default -> {
                }
            }
        }
        return rawPath.length() == 1 ? Optional.empty() : segmentProblem(rawPath.substring(segmentStart));
    }

    /**
     * Why {@code rawQuery} (the query string as sent, without {@code ?}; {@code null} for none) cannot be read, or
     * empty when it can: at most {@link #MAX_QUERY_LENGTH} characters and {@link #MAX_QUERY_PARAMETERS} parameters,
     * every {@code %} followed by two hex digits, and the decoded bytes UTF-8.
     */
    static Optional<String> queryProblem(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Optional.empty();
        }
        if (rawQuery.length() > MAX_QUERY_LENGTH) {
            return Optional.of("The query is longer than " + MAX_QUERY_LENGTH + " characters");
        }
        ByteBuffer decoded = ByteBuffer.allocate(rawQuery.length());
        int parameters = 1;
        int parameterStart = 0;
        boolean beyondAscii = false;
        for (int i = 0; i < rawQuery.length(); i++) {
            char c = rawQuery.charAt(i);
            if (c == '=' && i == parameterStart) {
                return Optional.of("A query parameter has no name (character " + i + ")");
            }
            if (c <= ' ' || c >= 0x7f) {
                return Optional.of("The query holds a character that must be percent-encoded (code " + (int) c + ")");
            }
            if (c == '&') {
                parameterStart = i + 1;
                if (++parameters > MAX_QUERY_PARAMETERS) {
                    return Optional.of("The query holds more than " + MAX_QUERY_PARAMETERS + " parameters");
                }
            }
            if (c == '%') {
                int b = i + 2 < rawQuery.length() ? hex(rawQuery.charAt(i + 1), rawQuery.charAt(i + 2)) : -1;
                if (b < 0) {
                    return Optional.of("The query holds an invalid percent-encoding at character " + i);
                }
                decoded.put((byte) b);
                beyondAscii |= b >= 0x80;
                i += 2;
            } else {
                decoded.put((byte) c);
            }
        }
        if (!beyondAscii) {
            // ASCII is UTF-8: the common query needs no decoding
            return Optional.empty();
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(decoded.flip());
            return Optional.empty();
        } catch (CharacterCodingException e) {
            return Optional.of("The query's percent-encoded bytes are not UTF-8");
        }
    }

    private static Optional<String> segmentProblem(String segment) {
        if (segment.isEmpty()) {
            return Optional.of("The path must not hold an empty segment ('//')");
        }
        if (segment.equals(".") || segment.equals("..")) {
            return Optional.of("The path must not hold a '" + segment + "' segment");
        }
        return Optional.empty();
    }

    /** Printable ASCII that a path segment cannot hold as itself, and that cannot change how a path is read. */
    private static boolean mayBeEncoded(int b) {
        if (b <= ' ' || b >= 0x7f) {
            // a space may be encoded; control characters and bytes beyond ASCII name no path of this service
            return b == ' ';
        }
        if (Character.isLetterOrDigit(b)) {
            return false;
        }
        return switch (b) {
            case '-', '.', '_', '~', '/', '\\', ';', '%' -> false;
            default -> true;
        };
    }

    private static int hex(char high, char low) {
        int h = Character.digit(high, 16);
        int l = Character.digit(low, 16);
        return h < 0 || l < 0 ? -1 : h * 16 + l;
    }
}
