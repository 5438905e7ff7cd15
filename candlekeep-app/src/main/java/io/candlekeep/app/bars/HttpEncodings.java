package io.candlekeep.app.bars;

import java.util.Locale;

/** The two request headers a bars answer depends on beyond its query: Accept-Encoding and If-None-Match (RFC 9110). */
final class HttpEncodings {

    private HttpEncodings() {
    }

    /**
     * Whether {@code acceptEncoding} accepts gzip: {@code gzip} (or {@code x-gzip}, or {@code *} when gzip is not named)
     * with a weight above zero. Null or empty: no.
     */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null || acceptEncoding.isBlank()) {
            return false;
        }
        Boolean gzip = null;
        boolean any = false;
        for (String part : acceptEncoding.split(",")) {
            String[] fields = part.split(";");
            String coding = fields[0].trim().toLowerCase(Locale.ROOT);
            boolean accepted = weight(fields) > 0;
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                gzip = gzip == null ? accepted : gzip || accepted;
            } else if (coding.equals("*")) {
                any = accepted;
            }
        }
        return gzip != null ? gzip : any;
    }

    /** The {@code q} of one coding: 1 when absent, 0 when unreadable (a coding with a bad weight is not chosen). */
    private static double weight(String[] fields) {
        for (int i = 1; i < fields.length; i++) {
            String p = fields[i].trim();
            if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
                try {
                    double q = Double.parseDouble(p.substring(2).trim());
                    return q >= 0 && q <= 1 ? q : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    /**
     * Whether {@code ifNoneMatch} names {@code etag} (a strong tag, quoted) or is {@code *}: the weak comparison
     * If-None-Match uses, so {@code W/"x"} matches {@code "x"}. Null: no.
     */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*")) {
                return true;
            }
            if (t.startsWith("W/") || t.startsWith("w/")) {
                t = t.substring(2);
            }
            if (t.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
