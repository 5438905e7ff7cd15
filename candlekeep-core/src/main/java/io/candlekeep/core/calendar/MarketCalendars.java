package io.candlekeep.core.calendar;

import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.Symbol;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The calendar of each market. Every calendar is an immutable, thread-safe singleton. The exchanges are named
 * {@code NYSE} (the NYSE and NASDAQ) and by their MIC otherwise: {@code XLON}, {@code XETR}, {@code XFRA},
 * {@code XPAR}, {@code XAMS}, {@code XSWX}, {@code XTSE}, {@code XTKS}, {@code XHKG}, {@code XASX} (see
 * {@link ExchangeCalendar} for how bars are placed and the package's {@code ExchangeCalendars} for each exchange's
 * rules).
 */
public final class MarketCalendars {

    /** The exchange of a stock or ETF by its listing suffix, as Yahoo writes it: {@code SAP.DE}, {@code 7203.T}. */
    private static final Map<String, String> SUFFIXES = Map.of("L", "XLON", "DE", "XETR", "F", "XFRA", "PA", "XPAR",
            "AS", "XAMS", "SW", "XSWX", "TO", "XTSE", "T", "XTKS", "HK", "XHKG", "AX", "XASX");

    /** Each exchange's flagship index; every other index keeps the NYSE calendar. */
    private static final Map<String, String> INDICES = Map.of("^FTSE", "XLON", "^GDAXI", "XETR", "^FCHI", "XPAR",
            "^AEX", "XAMS", "^SSMI", "XSWX", "^GSPTSE", "XTSE", "^N225", "XTKS", "^HSI", "XHKG", "^AXJO", "XASX");

    /**
     * Exchange codes, upper-case without blanks, to the MIC of their calendar: the MICs themselves, Yahoo's
     * {@code exchange} codes and Yahoo's {@code fullExchangeName}s.
     */
    private static final Map<String, String> EXCHANGE_CODES = Map.ofEntries(
            Map.entry("XNYS", "XNYS"), Map.entry("XNAS", "XNYS"), Map.entry("XASE", "XNYS"), Map.entry("ARCX", "XNYS"),
            Map.entry("NYQ", "XNYS"), Map.entry("NMS", "XNYS"), Map.entry("NGM", "XNYS"), Map.entry("NCM", "XNYS"),
            Map.entry("NAS", "XNYS"), Map.entry("PCX", "XNYS"), Map.entry("ASE", "XNYS"), Map.entry("BTS", "XNYS"),
            Map.entry("NYSE", "XNYS"), Map.entry("NASDAQ", "XNYS"), Map.entry("NASDAQGS", "XNYS"),
            Map.entry("NASDAQGM", "XNYS"), Map.entry("NASDAQCM", "XNYS"), Map.entry("NYSEARCA", "XNYS"),
            Map.entry("NYSEAMERICAN", "XNYS"),
            Map.entry("XLON", "XLON"), Map.entry("LSE", "XLON"),
            Map.entry("XETR", "XETR"), Map.entry("GER", "XETR"), Map.entry("XETRA", "XETR"),
            Map.entry("XFRA", "XFRA"), Map.entry("FRA", "XFRA"), Map.entry("FRANKFURT", "XFRA"),
            Map.entry("XPAR", "XPAR"), Map.entry("PAR", "XPAR"), Map.entry("PARIS", "XPAR"),
            Map.entry("XAMS", "XAMS"), Map.entry("AMS", "XAMS"), Map.entry("AMSTERDAM", "XAMS"),
            Map.entry("XSWX", "XSWX"), Map.entry("EBS", "XSWX"), Map.entry("SWISS", "XSWX"),
            Map.entry("XTSE", "XTSE"), Map.entry("TOR", "XTSE"), Map.entry("TORONTO", "XTSE"),
            Map.entry("XTKS", "XTKS"), Map.entry("JPX", "XTKS"), Map.entry("TOKYO", "XTKS"),
            Map.entry("XHKG", "XHKG"), Map.entry("HKG", "XHKG"), Map.entry("HKSE", "XHKG"),
            Map.entry("XASX", "XASX"), Map.entry("ASX", "XASX"));

    private MarketCalendars() {
    }

    /** The New York Stock Exchange (and NASDAQ), for US stocks, ETFs and indices. */
    public static NyseCalendar nyse() {
        return NyseCalendar.INSTANCE;
    }

    /** 24/7 on the UTC epoch grid. */
    public static CryptoCalendar crypto() {
        return CryptoCalendar.INSTANCE;
    }

    /** The FX week, Sunday 17:00 to Friday 17:00 New York, on the UTC epoch grid. */
    public static FxCalendar fx() {
        return FxCalendar.INSTANCE;
    }

    /** Monday to Friday UTC without holidays, for macro series. */
    public static WeekdayCalendar weekdays() {
        return WeekdayCalendar.INSTANCE;
    }

    /** A macro series observed at {@code frequency}: one daily bar per observation date (FRED's monthly on the 1st). */
    public static PeriodCalendar macro(Frequency frequency) {
        return PeriodCalendar.of(Objects.requireNonNull(frequency, "frequency"));
    }

    /**
     * STOCK, ETF and INDEX trade on the NYSE calendar, CRYPTO on crypto, FX on fx, MACRO on weekdays; a listing
     * outside the US needs {@link #forSymbol} or {@link #forExchange}.
     */
    public static MarketCalendar forAssetClass(AssetClass assetClass) {
        Objects.requireNonNull(assetClass, "assetClass");
        return switch (assetClass) {
            case STOCK, ETF, INDEX -> nyse();
            case CRYPTO -> crypto();
            case FX -> fx();
            case MACRO -> weekdays();
        };
    }

    /**
     * The calendar of the symbol: for a stock or ETF the exchange of its listing suffix ({@code SAP.DE} Xetra,
     * {@code VOD.L} London, {@code 7203.T} Tokyo; none or an unknown one is the NYSE), for an index its exchange
     * when it is one's flagship ({@code ^FTSE}, {@code ^GDAXI}, {@code ^N225}, {@code ^HSI} …, otherwise the NYSE),
     * and otherwise the calendar of its asset class.
     */
    public static MarketCalendar forSymbol(Symbol symbol) {
        Objects.requireNonNull(symbol, "symbol");
        AssetClass assetClass = symbol.assetClass();
        String text = symbol.value();
        String mic = switch (assetClass) {
            case STOCK, ETF -> {
                int dot = text.lastIndexOf('.');
                yield dot > 0 ? SUFFIXES.get(text.substring(dot + 1)) : null;
            }
            case INDEX -> INDICES.get(text);
            case FX, CRYPTO, MACRO -> null;
        };
        return mic == null ? forAssetClass(assetClass) : byMic(mic);
    }

    /**
     * The calendar of an exchange named by its MIC ({@code XNYS}, {@code XNAS}, {@code XLON}, {@code XETR} …) or by
     * the code or full name Yahoo reports for it ({@code NMS}, {@code NYQ}, {@code LSE}, {@code GER}, {@code JPX},
     * {@code NasdaqGS}, {@code XETRA} …), ignoring case and blanks; empty for an unknown or missing code.
     */
    public static Optional<MarketCalendar> forExchange(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String mic = EXCHANGE_CODES.get(code.replaceAll("\\s+", "").toUpperCase(Locale.ROOT));
        return mic == null ? Optional.empty() : Optional.of(byMic(mic));
    }

    private static MarketCalendar byMic(String mic) {
        if (mic.equals("XNYS")) {
            return nyse();
        }
        return ExchangeCalendars.findByMic(mic)
                .orElseThrow(() -> new IllegalStateException("No calendar for MIC '" + mic + "'"));
    }
}
