package io.candlekeep.app.portfolio;

import io.candlekeep.app.security.Caller;
import io.candlekeep.app.store.UserTransactions;
import io.candlekeep.app.web.BadRequestException;
import io.candlekeep.app.web.ConflictException;
import io.candlekeep.app.web.Instants;
import io.candlekeep.app.web.NotFoundException;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.portfolio.FxPair;
import io.candlekeep.core.portfolio.PositionBook;
import io.candlekeep.core.portfolio.Trade;
import io.candlekeep.core.portfolio.TradeSide;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Portfolios and their transactions, always the caller's own. A change is checked against the whole timeline before
 * it is written (a deleted buy may not leave a later sell below zero), in the same transaction as the write. Every
 * read and write runs in a transaction scoped to the caller ({@link UserTransactions}): on PostgreSQL, row-level
 * security lets it touch nobody else's rows.
 */
@Service
public class PortfolioService {

    private static final Logger log = LoggerFactory.getLogger(PortfolioService.class);
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    /** Portfolio names: what a person types, within reason. */
    private static final int MAX_NAME = 100;
    /** Digits before the decimal point of a quantity, price or fee: below a thousand trillion. */
    private static final int AMOUNT_INTEGER_DIGITS = 15;
    /** Decimal places of a quantity, price or fee: a wei of ether is 10^-18. */
    private static final int AMOUNT_DECIMALS = 18;

    private final PortfolioRepository repository;
    private final UserTransactions tx;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PortfolioService(PortfolioRepository repository, UserTransactions tx, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.tx = tx;
        this.events = events;
        this.clock = clock;
    }

    public Portfolio create(Caller caller, String name, String baseCurrency, Boolean allowShort) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > MAX_NAME) {
            throw new BadRequestException("Field 'name' must hold 1 to " + MAX_NAME + " characters, was '" + name + "'");
        }
        if (!n.codePoints().allMatch(PortfolioService::typeable)) {
            throw new BadRequestException("Field 'name' must not hold control characters or unpaired surrogates");
        }
        String base = currency("base_currency", baseCurrency == null ? "USD" : baseCurrency);
        return tx.write(caller.userId(), () -> {
            if (repository.nameTaken(caller.userId(), n)) {
                throw new ConflictException("User '" + caller.name() + "' has a portfolio named '" + n + "' already");
            }
            long id = repository.insertPortfolio(caller.userId(), n, base, allowShort != null && allowShort,
                    clock.instant());
            return repository.find(caller.userId(), id).orElseThrow();
        });
    }

    public List<Portfolio> list(Caller caller) {
        return tx.read(caller.userId(), () -> repository.findAll(caller.userId()));
    }

    /** The caller's portfolio; another user's is as unknown as one that never was. */
    public Optional<Portfolio> find(Caller caller, long portfolioId) {
        return tx.read(caller.userId(), () -> repository.find(caller.userId(), portfolioId));
    }

    /** As {@link #find}, or 404. */
    public Portfolio get(Caller caller, long portfolioId) {
        return find(caller, portfolioId)
                .orElseThrow(() -> new NotFoundException("User '" + caller.name() + "' has no portfolio " + portfolioId));
    }

    public void delete(Caller caller, long portfolioId) {
        int deleted = tx.write(caller.userId(), () -> repository.deletePortfolio(caller.userId(), portfolioId));
        if (deleted == 0) {
            throw new NotFoundException("User '" + caller.name() + "' has no portfolio " + portfolioId);
        }
        events.publishEvent(changed(caller));
    }

    public List<Trade> trades(Caller caller, long portfolioId) {
        return tx.read(caller.userId(), () -> {
            get(caller, portfolioId);
            return repository.trades(caller.userId(), portfolioId);
        });
    }

    /** The transactions of a portfolio the caller already holds from {@link #get}: no second ownership lookup. */
    public List<Trade> trades(Caller caller, Portfolio portfolio) {
        return tx.read(caller.userId(), () -> repository.trades(caller.userId(), portfolio.id()));
    }

    /** Records a transaction; its symbol (and FX pair) are tracked at once. */
    public Trade record(Caller caller, long portfolioId, TradeInput input) {
        Portfolio p = get(caller, portfolioId);
        Trade saved = tx.write(caller.userId(), () -> {
            List<Trade> existing = repository.trades(caller.userId(), portfolioId);
            Trade candidate = parse(input, p, 0, existing);
            PositionBook.checkAdd(existing, candidate, p.allowShort());
            return candidate.withId(repository.insertTrade(caller.userId(), portfolioId, candidate, clock.instant()));
        });
        log.info("[PORTFOLIO] '{}' recorded {} {} {} at {} {} in portfolio {}", caller.name(), saved.side(),
                saved.quantity().toPlainString(), saved.symbol(), saved.price().toPlainString(), saved.currency(), p.id());
        events.publishEvent(recorded(caller, p, saved));
        return saved;
    }

    /** Replaces transaction {@code tradeId} by {@code input}. */
    public Trade correct(Caller caller, long portfolioId, long tradeId, TradeInput input) {
        Portfolio p = get(caller, portfolioId);
        Trade replacement = tx.write(caller.userId(), () -> {
            List<Trade> existing = repository.trades(caller.userId(), portfolioId);
            requireTrade(caller, p, existing, tradeId);
            Trade trade = parse(input, p, tradeId, existing);
            PositionBook.checkReplace(existing, tradeId, trade, p.allowShort());
            repository.updateTrade(caller.userId(), portfolioId, trade, clock.instant());
            return trade;
        });
        events.publishEvent(recorded(caller, p, replacement));
        events.publishEvent(changed(caller));
        return replacement;
    }

    public void remove(Caller caller, long portfolioId, long tradeId) {
        Portfolio p = get(caller, portfolioId);
        tx.run(caller.userId(), () -> {
            List<Trade> existing = repository.trades(caller.userId(), portfolioId);
            requireTrade(caller, p, existing, tradeId);
            PositionBook.checkRemove(existing, tradeId, p.allowShort());
            repository.deleteTrade(caller.userId(), portfolioId, tradeId);
        });
        events.publishEvent(changed(caller));
    }

    /** Every symbol and FX pair the caller's portfolios still need. */
    private PortfolioChanged changed(Caller caller) {
        Set<Symbol> needed = tx.read(caller.userId(), () -> {
            Set<Symbol> symbols = new LinkedHashSet<>();
            for (Portfolio p : repository.findAll(caller.userId())) {
                for (Trade t : repository.trades(caller.userId(), p.id())) {
                    symbols.add(t.symbol());
                    FxPair.symbol(t.currency(), p.baseCurrency()).ifPresent(symbols::add);
                }
            }
            return symbols;
        });
        return new PortfolioChanged(caller, needed);
    }

    private static void requireTrade(Caller caller, Portfolio p, List<Trade> existing, long tradeId) {
        if (existing.stream().noneMatch(t -> t.id() == tradeId)) {
            throw new NotFoundException("Portfolio " + p.id() + " of user '" + caller.name() + "' has no transaction "
                    + tradeId);
        }
    }

    private static TransactionRecorded recorded(Caller caller, Portfolio p, Trade t) {
        return new TransactionRecorded(caller, p.id(), t.symbol(), FxPair.symbol(t.currency(), p.baseCurrency()),
                t.time());
    }

    /**
     * Validates every field with a message that names it; the core record checks the numbers. Without a currency,
     * the trade takes the one its symbol is already held in here, else the base currency.
     */
    private Trade parse(TradeInput in, Portfolio p, long id, List<Trade> existing) {
        if (in == null) {
            throw new BadRequestException("A transaction needs a JSON body with symbol, side, quantity and price");
        }
        if (in.symbol() == null) {
            throw new BadRequestException("Field 'symbol' is required, e.g. \"AAPL\"");
        }
        Symbol symbol = Symbol.of(in.symbol());
        if (in.side() == null) {
            throw new BadRequestException("Field 'side' is required: buy or sell");
        }
        TradeSide side = TradeSide.of(in.side());
        if (in.quantity() == null || in.price() == null) {
            throw new BadRequestException("Fields 'quantity' and 'price' are required");
        }
        String held = existing.stream().filter(t -> t.symbol().equals(symbol) && t.id() != id).map(Trade::currency)
                .findFirst().orElse(p.baseCurrency());
        String currency = currency("currency", in.currency() == null ? held : in.currency());
        Instant now = clock.instant();
        Instant time = in.time() == null ? now : Instants.parse("time", in.time());
        if (time.isAfter(now)) {
            throw new BadRequestException("Field 'time' = '" + in.time() + "' lies in the future (now is " + now + ")");
        }
        return Trade.of(id, symbol, side, amount("quantity", in.quantity()), amount("price", in.price()),
                in.fee() == null ? BigDecimal.ZERO : amount("fee", in.fee()), currency, time);
    }

    private static String currency(String field, String text) {
        String c = text.strip().toUpperCase(Locale.ROOT);
        if (!CURRENCY.matcher(c).matches()) {
            throw new BadRequestException("Field '" + field + "' = '" + text + "' is not a currency: use an ISO code such as USD");
        }
        return c;
    }

    /**
     * {@code value} within {@link #AMOUNT_INTEGER_DIGITS} digits before and {@link #AMOUNT_DECIMALS} after the decimal
     * point, written {@link #plain}; trailing zeros beyond the decimals are dropped. Checked on the exponent before
     * any digit is expanded, so {@code 1e999999999} costs nothing.
     */
    private static BigDecimal amount(String field, BigDecimal value) {
        BigDecimal significant = value.stripTrailingZeros();
        if (significant.signum() != 0 && (long) significant.precision() - significant.scale() > AMOUNT_INTEGER_DIGITS) {
            throw new BadRequestException("Field '" + field + "' = " + value + " has more than " + AMOUNT_INTEGER_DIGITS
                    + " digits before the decimal point");
        }
        if (significant.scale() > AMOUNT_DECIMALS) {
            throw new BadRequestException("Field '" + field + "' = " + value + " has more than " + AMOUNT_DECIMALS
                    + " decimal places");
        }
        return value.scale() > AMOUNT_DECIMALS ? value.setScale(AMOUNT_DECIMALS) : plain(value);
    }

    private static boolean typeable(int codePoint) {
        int type = Character.getType(codePoint);
        return type != Character.CONTROL && type != Character.SURROGATE && type != Character.UNASSIGNED;
    }

    /** {@code 1E+3} as {@code 1000}: amounts keep the digits they were given, never an exponent. */
    static BigDecimal plain(BigDecimal value) {
        return value.scale() < 0 ? value.setScale(0) : value;
    }
}
