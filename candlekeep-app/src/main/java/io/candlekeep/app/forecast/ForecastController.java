package io.candlekeep.app.forecast;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ForecastController {

    private final ForecastService forecasts;

    ForecastController(ForecastService forecasts) {
        this.forecasts = forecasts;
    }

    /** The newest forecast of each model of one series, with its 80 % and 95 % intervals ({@code timeframe}: 1d). */
    @GetMapping("/api/v1/forecasts/{symbol}")
    ForecastService.SeriesForecasts latest(@PathVariable String symbol,
            @RequestParam(required = false) String timeframe) {
        return forecasts.latest(symbol, timeframe);
    }

    /** Each model's accuracy over the forecast steps checked against final bars so far. */
    @GetMapping("/api/v1/forecasts/{symbol}/accuracy")
    ForecastService.SeriesAccuracy accuracy(@PathVariable String symbol,
            @RequestParam(required = false) String timeframe) {
        return forecasts.accuracy(symbol, timeframe);
    }
}
