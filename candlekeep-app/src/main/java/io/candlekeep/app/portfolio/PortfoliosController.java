package io.candlekeep.app.portfolio;

import io.candlekeep.app.security.Caller;
import io.candlekeep.core.portfolio.Trade;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PortfoliosController {

    private final PortfolioService portfolios;
    private final PortfolioReports reports;

    PortfoliosController(PortfolioService portfolios, PortfolioReports reports) {
        this.portfolios = portfolios;
        this.reports = reports;
    }

    record CreatePortfolio(String name, String baseCurrency, Boolean allowShort) {
    }

    record PortfolioView(long id, String name, String baseCurrency, boolean allowShort, Instant createdAt) {
        static PortfolioView of(Portfolio p) {
            return new PortfolioView(p.id(), p.name(), p.baseCurrency(), p.allowShort(), p.createdAt());
        }
    }

    record PortfolioList(int count, List<PortfolioView> portfolios) {
    }

    record TransactionView(long id, String symbol, String side, BigDecimal quantity, BigDecimal price, BigDecimal fee,
            String currency, Instant time) {
        static TransactionView of(Trade t) {
            return new TransactionView(t.id(), t.symbol().value(), t.side().name().toLowerCase(Locale.ROOT),
                    t.quantity(), t.price(), t.fee(), t.currency(), t.time());
        }
    }

    record TransactionList(int count, List<TransactionView> transactions) {
    }

    @PostMapping(path = "/api/v1/portfolios", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    PortfolioView create(Caller caller, @RequestBody CreatePortfolio request) {
        return PortfolioView.of(portfolios.create(caller, request.name(), request.baseCurrency(), request.allowShort()));
    }

    @GetMapping("/api/v1/portfolios")
    PortfolioList list(Caller caller) {
        List<PortfolioView> views = portfolios.list(caller).stream().map(PortfolioView::of).toList();
        return new PortfolioList(views.size(), views);
    }

    /** Positions, valuation and where each price came from. */
    @GetMapping("/api/v1/portfolios/{id}")
    PortfolioReports.Valuation get(Caller caller, @PathVariable long id) {
        return reports.value(caller, id);
    }

    @DeleteMapping("/api/v1/portfolios/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @PathVariable long id) {
        portfolios.delete(caller, id);
    }

    @GetMapping("/api/v1/portfolios/{id}/history")
    PortfolioReports.HistoryView history(Caller caller, @PathVariable long id,
            @RequestParam(required = false) String range) {
        return reports.history(caller, id, range);
    }

    @GetMapping("/api/v1/portfolios/{id}/transactions")
    TransactionList transactions(Caller caller, @PathVariable long id) {
        List<TransactionView> views = portfolios.trades(caller, id).stream().map(TransactionView::of).toList();
        return new TransactionList(views.size(), views);
    }

    @PostMapping(path = "/api/v1/portfolios/{id}/transactions", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    TransactionView record(Caller caller, @PathVariable long id, @RequestBody TradeInput input) {
        return TransactionView.of(portfolios.record(caller, id, input));
    }

    @PutMapping(path = "/api/v1/portfolios/{id}/transactions/{transactionId}",
            consumes = MediaType.APPLICATION_JSON_VALUE)
    TransactionView correct(Caller caller, @PathVariable long id, @PathVariable long transactionId,
            @RequestBody TradeInput input) {
        return TransactionView.of(portfolios.correct(caller, id, transactionId, input));
    }

    @DeleteMapping("/api/v1/portfolios/{id}/transactions/{transactionId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(Caller caller, @PathVariable long id, @PathVariable long transactionId) {
        portfolios.remove(caller, id, transactionId);
    }
}
