package io.candlekeep.app.bars;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpEncodingsTest {

    @Test
    void acceptsGzip_namedOrAnyWithWeight_yes() {
        assertThat(HttpEncodings.acceptsGzip("gzip")).isTrue();
        assertThat(HttpEncodings.acceptsGzip("br, gzip, deflate")).isTrue();
        assertThat(HttpEncodings.acceptsGzip("GZIP;q=0.5")).isTrue();
        assertThat(HttpEncodings.acceptsGzip("x-gzip")).isTrue();
        assertThat(HttpEncodings.acceptsGzip("*")).isTrue();
        assertThat(HttpEncodings.acceptsGzip("identity, *;q=0.1")).isTrue();
    }

    @Test
    void acceptsGzip_absentRefusedOrUnreadable_no() {
        assertThat(HttpEncodings.acceptsGzip(null)).isFalse();
        assertThat(HttpEncodings.acceptsGzip("")).isFalse();
        assertThat(HttpEncodings.acceptsGzip("identity")).isFalse();
        assertThat(HttpEncodings.acceptsGzip("br, deflate")).isFalse();
        assertThat(HttpEncodings.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(HttpEncodings.acceptsGzip("gzip;q=0, *")).as("gzip refused by name wins over *").isFalse();
        assertThat(HttpEncodings.acceptsGzip("gzip;q=abc")).isFalse();
        assertThat(HttpEncodings.acceptsGzip("gzip;q=2")).isFalse();
        assertThat(HttpEncodings.acceptsGzip("*;q=0")).isFalse();
    }

    @Test
    void matches_tagInListWeakOrStar_yes() {
        assertThat(HttpEncodings.matches("\"abc\"", "\"abc\"")).isTrue();
        assertThat(HttpEncodings.matches("\"x\", \"abc\"", "\"abc\"")).isTrue();
        assertThat(HttpEncodings.matches("W/\"abc\"", "\"abc\"")).isTrue();
        assertThat(HttpEncodings.matches("*", "\"abc\"")).isTrue();
    }

    @Test
    void matches_otherTagUnquotedOrAbsent_no() {
        assertThat(HttpEncodings.matches(null, "\"abc\"")).isFalse();
        assertThat(HttpEncodings.matches("", "\"abc\"")).isFalse();
        assertThat(HttpEncodings.matches("\"abd\"", "\"abc\"")).isFalse();
        assertThat(HttpEncodings.matches("abc", "\"abc\"")).isFalse();
        assertThat(HttpEncodings.matches("\"abc-gz\"", "\"abc\"")).isFalse();
    }
}
