package io.candlekeep.app.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;

/**
 * The problem+json body of a refusal written outside Spring MVC (a servlet filter, Tomcat's error report), shaped
 * like the {@code ProblemDetail} answers of {@link ApiExceptionHandler}.
 */
public final class ProblemJson {

    static final String CONTENT_TYPE = "application/problem+json";

    private ProblemJson() {}

    /** Answers {@code status} with {@code detail}; the caller has written nothing yet. */
    public static void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        byte[] body = body(status, detail);
        response.setStatus(status.value());
        response.setContentType(CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static byte[] body(HttpStatus status, String detail) {
        return ("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":" + status.value()
                + ",\"detail\":\"" + escape(detail) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < ' ') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
