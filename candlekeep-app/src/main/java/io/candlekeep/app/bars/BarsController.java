package io.candlekeep.app.bars;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class BarsController {

    private static final String CSV = "text/csv;charset=UTF-8";
    private static final String JSON = "application/json";
    /** Bars change as they are written: a client may keep an answer but asks again (If-None-Match) before using it. */
    private static final String REVALIDATE = CacheControl.noCache().cachePrivate().getHeaderValue();
    private static final String VARY = HttpHeaders.ACCEPT_ENCODING + ", " + HttpHeaders.AUTHORIZATION;

    private final BarService bars;

    BarsController(BarService bars) {
        this.bars = bars;
    }

    /**
     * Bars of one series, oldest first. {@code from}/{@code to} are ISO-8601 or epoch milliseconds and
     * form the half-open range {@code [from, to)}; when more than {@code limit} bars match, the newest. Each answer
     * has a strong ETag; {@code If-None-Match} with it answers 304 while the bars are the same, and
     * {@code Accept-Encoding: gzip} gets the answer compressed.
     */
    @GetMapping("/api/v1/bars/{symbol}")
    void bars(@PathVariable String symbol, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        BarQuery query = BarQuery.parse(symbol, request.getParameter("timeframe"), request.getParameter("from"),
                request.getParameter("to"), request.getParameter("limit"), request.getParameter("format"));
        send(request, response, query.format(), bars.answer(query));
    }

    /**
     * Sends {@code answer}: its ETag, gzip-encoded when the request accepts it, or 304 when the request's
     * If-None-Match names the tag. The one place a bars answer is written to a response.
     */
    static void send(HttpServletRequest request, HttpServletResponse response, BarQuery.Format format,
            EncodedBars.Answer answer) throws IOException {
        boolean gzip = answer.worthCompressing()
                && HttpEncodings.acceptsGzip(request.getHeader(HttpHeaders.ACCEPT_ENCODING));
        String etag = gzip ? answer.gzipEtag() : answer.etag();
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setHeader(HttpHeaders.CACHE_CONTROL, REVALIDATE);
        response.setHeader(HttpHeaders.VARY, VARY);
        if (HttpEncodings.matches(request.getHeader(HttpHeaders.IF_NONE_MATCH), etag)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentType(format == BarQuery.Format.CSV ? CSV : JSON);
        byte[] body = gzip ? answer.gzipped() : answer.body();
        if (gzip) {
            response.setHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
