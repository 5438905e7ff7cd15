package io.candlekeep.app.portfolio;

import io.candlekeep.app.security.Caller;
import io.candlekeep.app.web.BadRequestException;
import io.candlekeep.app.web.ConflictException;
import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.portfolio.DailyCloses;
import io.candlekeep.core.portfolio.FxPair;
import io.candlekeep.core.portfolio.Money;
import io.candlekeep.core.portfolio.PortfolioRuleException;
import io.candlekeep.core.portfolio.Position;
import io.candlekeep.core.portfolio.PositionBook;
import io.candlekeep.core.portfolio.PositionValuation;
import io.candlekeep.core.portfolio.Realization;
import io.candlekeep.core.portfolio.RealizedInBase;
import io.candlekeep.core.portfolio.Totals;
import io.candlekeep.core.portfolio.Trade;
import io.candlekeep.core.portfolio.ValueHistory;
import io.candlekeep.core.portfolio.ValuePoint;
import io.candlekeep.core.store.BarStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Service;

/**
 * What a portfolio is worth: positions at the latest prices with where each price came from, and the daily value
 * history for charts. Opening a portfolio also starts the backfill of held symbols that have no history yet (at most
 * {@link PortfolioProperties#backfillsPerLoad()} a load).
 */
@Service
public class PortfolioReports {

    /** Closes older than the range's first day are read this far back, so the first point has one to carry. */
    private static final Period CARRY_LOOKBACK = Period.ofDays(14);

    private final PortfolioService portfolios;
    private final Prices prices;
    private final PortfolioInterest interest;
    private final BarStore store;
    private final Clock clock;
    private final int backfillsPerLoad;

    PortfolioReports(PortfolioService portfolios, Prices prices, PortfolioInterest interest, BarStore store, Clock clock,
            PortfolioProperties properties) {
        this.portfolios = portfolios;
        this.prices = prices;
        this.interest = interest;
        this.store = store;
        this.clock = clock;
        this.backfillsPerLoad = properties.backfillsPerLoad();
    }

    /**
     * One position. In the position's {@code currency}: average cost, cost basis, realized gain, fees, price and
     * previous close. In the portfolio's base currency: market value, cost basis in base, unrealized gain and day
     * change, which are null when no price (or rate) is known.
     */
    public record PositionView(String symbol, String currency, BigDecimal quantity, BigDecimal averageCost,
            BigDecimal costBasis, BigDecimal realizedGain, BigDecimal fees, Double price, Double previousClose,
            String priceSource, Instant priceTime, Long priceAgeSeconds, BigDecimal fxRate, String fxSource,
            BigDecimal marketValue, BigDecimal costBasisInBase, BigDecimal unrealizedGain, BigDecimal unrealizedGainPercent, BigDecimal dayChange) {
    }

    /**
     * The portfolio's totals in its base currency. {@code realizedGain} converts each sale in another currency at the
     * FX close of its day; {@code realizedGainUnconverted} names the currencies of sales no close was stored for
     * (left out of it).
     */
    public record TotalsView(BigDecimal marketValue, BigDecimal costBasis, BigDecimal unrealizedGain,
            BigDecimal unrealizedGainPercent, BigDecimal dayChange, BigDecimal realizedGain,
            Set<String> realizedGainUnconverted, int positionsUnpriced) {
    }

    /**
     * @param prices          count of prices by source ({@code cache}, {@code provider}, {@code stale}, {@code missing})
     * @param backfillStarted symbols this load started backfilling, since nobody had their history yet
     */
    public record Valuation(long id, String name, String baseCurrency, Instant asOf, List<PositionView> positions,
            List<PositionView> closedPositions, TotalsView totals, Map<String, Integer> prices,
            List<String> backfillStarted, List<String> backfillPending) {
    }

    public record HistoryView(long id, String baseCurrency, String range, LocalDate from, LocalDate to, int count,
            int carriedDays, List<ValuePoint> points) {
    }

    public Valuation value(Caller caller, long portfolioId) {
        Portfolio p = portfolios.get(caller, portfolioId);
        List<Trade> trades = portfolios.trades(caller, p);
        PositionBook book = replay(p, trades);
        List<Position> open = book.positions().stream().filter(Position::isOpen).toList();
        Set<Symbol> wanted = new LinkedHashSet<>();
        open.forEach(pos -> wanted.add(pos.symbol()));
        open.forEach(pos -> FxPair.symbol(pos.currency(), p.baseCurrency()).ifPresent(wanted::add));
        Map<Symbol, Prices.Price> latest = prices.latest(wanted);
        Instant now = clock.instant();

        List<PositionView> positions = new ArrayList<>();
        List<PositionValuation> valued = new ArrayList<>();
        int unpriced = 0;
        for (Position pos : open) {
            Prices.Price price = latest.get(pos.symbol());
            Optional<Symbol> pair = FxPair.symbol(pos.currency(), p.baseCurrency());
            Prices.Price fx = pair.map(latest::get).orElse(null);
            BigDecimal rate = pair.isEmpty() ? FxPair.IDENTITY_RATE
                    : fx.source() == PriceSource.MISSING ? null : BigDecimal.valueOf(fx.price());
            PositionValuation v = null;
            if (price.source() != PriceSource.MISSING && rate != null) {
                v = PositionValuation.of(pos, price.price(), price.previousClose(), rate);
                valued.add(v);
            } else {
                unpriced++;
            }
            positions.add(view(pos, price, fx, rate, v == null ? null : v.roundedTo(p.baseCurrency()), now));
        }
        List<PositionView> closed = book.positions().stream().filter(pos -> !pos.isOpen())
                .map(pos -> view(pos, null, null, null, null, now)).toList();
        Totals totals = Totals.of(valued).roundedTo(p.baseCurrency());
        RealizedInBase realized = realizedInBase(p, book);
        TotalsView totalsView = new TotalsView(totals.marketValue(), totals.costBasis(), totals.unrealizedGain(),
                totals.unrealizedGainPercent(), totals.dayChange(), Money.round(realized.amount(), p.baseCurrency()),
                realized.unconverted(), unpriced);

        Map<String, Integer> sources = new HashMap<>();
        latest.values().forEach(pr -> sources.merge(pr.source().code(), 1, Integer::sum));
        List<String> started = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        for (Symbol s : interest.needingBackfill(wanted)) {
            if (started.size() < backfillsPerLoad) {
                interest.track(caller, s, s.assetClass() == AssetClass.FX ? List.of(Timeframe.D1.code()) : null,
                        firstTraded(p, trades, s).orElse(now));
                started.add(s.value());
            } else {
                pending.add(s.value());
            }
        }
        return new Valuation(p.id(), p.name(), p.baseCurrency(), now, positions, closed, totalsView, sources, started,
                pending);
    }

    /** The daily value over {@code range} ({@code 1m}, {@code 3m}, {@code 1y}, {@code max}; default 1y). */
    public HistoryView history(Caller caller, long portfolioId, String range) {
        Portfolio p = portfolios.get(caller, portfolioId);
        List<Trade> trades = portfolios.trades(caller, p);
        String r = range == null ? "1y" : range.strip();
        LocalDate to = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate from = switch (r) {
            case "1m" -> to.minusMonths(1);
            case "3m" -> to.minusMonths(3);
            case "1y" -> to.minusYears(1);
            case "max" -> trades.isEmpty() ? to : trades.getFirst().date();
            default -> throw new BadRequestException("Parameter 'range' = '" + range + "' is unknown: use 1m, 3m, 1y or max");
        };
        if (from.isAfter(to)) {
            from = to;
        }
        Instant readFrom = from.minus(CARRY_LOOKBACK).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant readTo = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<Symbol, DailyCloses> closes = new HashMap<>();
        Map<String, DailyCloses> fx = new HashMap<>();
        Set<Symbol> traded = new TreeSet<>();
        Set<String> currencies = new TreeSet<>();
        for (Trade t : trades) {
            traded.add(t.symbol());
            currencies.add(t.currency());
        }
        boolean weekends = false;
        for (Symbol s : traded) {
            closes.put(s, dailyCloses(s, readFrom, readTo));
            weekends |= s.assetClass() == AssetClass.CRYPTO;
        }
        for (String c : currencies) {
            FxPair.symbol(c, p.baseCurrency()).ifPresent(pair -> fx.put(c, dailyCloses(pair, readFrom, readTo)));
        }
        List<ValuePoint> points;
        try {
            points = ValueHistory.compute(trades, from, to, closes, fx, p.baseCurrency(), weekends);
        } catch (PortfolioRuleException e) {
            throw brokenRule(p, e);
        }
        int carried = (int) points.stream().filter(pt -> !pt.carried().isEmpty()).count();
        return new HistoryView(p.id(), p.baseCurrency(), r, from, to, points.size(), carried, points);
    }

    /** When the portfolio first traded {@code symbol}, or in the currency of the FX pair {@code symbol} is. */
    private static Optional<Instant> firstTraded(Portfolio p, List<Trade> trades, Symbol symbol) {
        return trades.stream()
                .filter(t -> t.symbol().equals(symbol)
                        || FxPair.symbol(t.currency(), p.baseCurrency()).filter(symbol::equals).isPresent())
                .map(Trade::time).min(Instant::compareTo);
    }

    /** The realized gains in the base currency, each sale in another currency at the FX close of its day. */
    private RealizedInBase realizedInBase(Portfolio p, PositionBook book) {
        Map<String, LocalDate> firstSale = new HashMap<>();
        for (Realization r : book.realizations()) {
            if (!r.currency().equals(p.baseCurrency())) {
                firstSale.merge(r.currency(), r.date(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        Map<String, DailyCloses> fx = new HashMap<>();
        Instant readTo = clock.instant().plus(Duration.ofDays(1));
        firstSale.forEach((currency, date) -> FxPair.symbol(currency, p.baseCurrency()).ifPresent(pair -> fx.put(currency,
                dailyCloses(pair, date.minus(CARRY_LOOKBACK).atStartOfDay(ZoneOffset.UTC).toInstant(), readTo))));
        return RealizedInBase.of(book.realizations(), p.baseCurrency(), fx);
    }

    private DailyCloses dailyCloses(Symbol symbol, Instant fromInclusive, Instant toExclusive) {
        return DailyCloses.ofDailyBars(store.read(SeriesId.of(symbol, Timeframe.D1), fromInclusive, toExclusive,
                Integer.MAX_VALUE));
    }

    /** Stored transactions normally replay; rows another program wrote may break a rule, and that is said plainly. */
    private static PositionBook replay(Portfolio p, List<Trade> trades) {
        try {
            return PositionBook.replay(trades, p.allowShort());
        } catch (PortfolioRuleException e) {
            throw brokenRule(p, e);
        }
    }

    private static ConflictException brokenRule(Portfolio p, PortfolioRuleException e) {
        return new ConflictException("The stored transactions of portfolio " + p.id() + " break a rule: " + e.getMessage());
    }

    /** Prices and rates per unit: at most 6 decimals, no trailing zeros, never an exponent. */
    private static BigDecimal unitPrice(BigDecimal value) {
        return PortfolioService.plain(value.setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros());
    }

    private static PositionView view(Position pos, Prices.Price price, Prices.Price fx, BigDecimal rate,
            PositionValuation v, Instant now) {
        boolean priced = price != null && price.source() != PriceSource.MISSING;
        String ccy = pos.currency();
        return new PositionView(pos.symbol().value(), ccy, PortfolioService.plain(pos.quantity()),
                unitPrice(pos.averageCost()), Money.round(pos.costBasis(), ccy), Money.round(pos.realizedGain(), ccy),
                Money.round(pos.fees(), ccy),
                priced ? price.price() : null,
                priced && !Double.isNaN(price.previousClose()) ? price.previousClose() : null,
                price == null ? null : price.source().code(),
                priced ? price.asOf() : null,
                priced && price.source() == PriceSource.STALE ? Duration.between(price.asOf(), now).toSeconds() : null,
                rate == null ? null : unitPrice(rate), fx == null ? null : fx.source().code(),
                v == null ? null : v.marketValue(), v == null ? null : v.costBasisInBase(),
                v == null ? null : v.unrealizedGain(),
                v == null ? null : v.unrealizedGainPercent(), v == null ? null : v.dayChange());
    }
}
