package io.candlekeep.app.bars;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class BarsController {

    private static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final BarService bars;

    BarsController(BarService bars) {
        this.bars = bars;
    }

    /**
     * Bars of one series, oldest first. {@code from}/{@code to} are ISO-8601 or epoch milliseconds and
     * form the half-open range {@code [from, to)}; when more than {@code limit} bars match, the newest.
     */
    @GetMapping("/api/v1/bars/{symbol}")
    ResponseEntity<byte[]> bars(@PathVariable String symbol,
            @RequestParam(required = false) String timeframe,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String format) {
        BarQuery query = BarQuery.parse(symbol, timeframe, from, to, limit, format);
        var series = bars.read(query);
        return switch (query.format()) {
            case JSON -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .body(BarsFormatter.json(query.series(), series));
            case COLUMNS -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .body(BarsFormatter.columns(query.series(), series));
            case CSV -> ResponseEntity.ok().contentType(CSV).body(BarsFormatter.csv(series));
        };
    }
}
