package io.candlekeep.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class MarketCalendarsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"STOCK, NYSE", "ETF, NYSE", "INDEX, NYSE", "CRYPTO, CRYPTO", "FX, FX", "MACRO, WEEKDAYS"})
    void forAssetClass_mapsEveryClass(AssetClass assetClass, String calendarName) {
        assertThat(MarketCalendars.forAssetClass(assetClass).name()).isEqualTo(calendarName);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"AAPL, NYSE", "^GSPC, NYSE", "BTC-USD, CRYPTO", "EURUSD=X, FX", "FRED:DGS10, WEEKDAYS"})
    void forSymbol_usesTheInferredAssetClass(String symbol, String calendarName) {
        assertThat(MarketCalendars.forSymbol(Symbol.of(symbol)).name()).isEqualTo(calendarName);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "SAP.DE, XETR", "SAP.F, XFRA", "VOD.L, XLON", "AIR.PA, XPAR", "ASML.AS, XAMS", "NESN.SW, XSWX",
            "RY.TO, XTSE", "7203.T, XTKS", "0700.HK, XHKG", "BHP.AX, XASX",
            "BRK.B, NYSE", "SHOP, NYSE", "XYZ.ZZ, NYSE",
            "^FTSE, XLON", "^GDAXI, XETR", "^FCHI, XPAR", "^AEX, XAMS", "^SSMI, XSWX", "^GSPTSE, XTSE",
            "^N225, XTKS", "^HSI, XHKG", "^AXJO, XASX", "^DJI, NYSE", "^IXIC, NYSE",
    })
    void forSymbol_listingSuffixOrIndex_picksTheExchange(String symbol, String calendarName) {
        assertThat(MarketCalendars.forSymbol(Symbol.of(symbol)).name()).isEqualTo(calendarName);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // MICs
            "XNYS, NYSE", "XNAS, NYSE", "XLON, XLON", "XETR, XETR", "XFRA, XFRA", "XPAR, XPAR", "XAMS, XAMS",
            "XSWX, XSWX", "XTSE, XTSE", "XTKS, XTKS", "XHKG, XHKG", "XASX, XASX",
            // Yahoo's exchange codes
            "NMS, NYSE", "NYQ, NYSE", "NGM, NYSE", "NCM, NYSE", "PCX, NYSE", "ASE, NYSE", "BTS, NYSE",
            "LSE, XLON", "GER, XETR", "FRA, XFRA", "PAR, XPAR", "AMS, XAMS", "EBS, XSWX", "TOR, XTSE", "JPX, XTKS",
            "HKG, XHKG", "ASX, XASX",
            // Yahoo's fullExchangeName
            "NasdaqGS, NYSE", "NasdaqGM, NYSE", "NasdaqCM, NYSE", "NYSE, NYSE", "NYSEArca, NYSE",
            "NYSE American, NYSE", "XETRA, XETR", "Frankfurt, XFRA", "Paris, XPAR", "Amsterdam, XAMS",
            "Swiss, XSWX", "Toronto, XTSE", "Tokyo, XTKS", "HKSE, XHKG",
            // case and blanks do not matter
            "' xlon ', XLON", "nasdaqgs, NYSE",
    })
    void forExchange_micOrYahooCode_findsTheCalendar(String code, String calendarName) {
        assertThat(MarketCalendars.forExchange(code))
                .hasValueSatisfying(c -> assertThat(c.name()).isEqualTo(calendarName));
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource({"XXXX", "CCC", "''", "' '", "CRYPTO"})
    void forExchange_unknownCode_isEmpty(String code) {
        assertThat(MarketCalendars.forExchange(code)).isEmpty();
        assertThat(MarketCalendars.forExchange(null)).isEmpty();
    }

    @Test
    void forExchange_andForSymbol_shareOneInstancePerExchange() {
        assertThat(MarketCalendars.forExchange("XETR").orElseThrow())
                .isSameAs(MarketCalendars.forExchange("GER").orElseThrow())
                .isSameAs(MarketCalendars.forSymbol(Symbol.of("SAP.DE")));
        assertThat(MarketCalendars.forExchange("XNAS").orElseThrow()).isSameAs(MarketCalendars.nyse());
    }

    @Test
    void forSymbol_sapDe_1hBarsStartAt0900BerlinAndCountNine() {
        // Xetra trades 09:00-17:30 Frankfurt time (Deutsche Börse, Xetra trading hours)
        MarketCalendar xetra = MarketCalendars.forSymbol(Symbol.of("SAP.DE"));
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        LocalDate day = LocalDate.of(2025, 6, 11);

        long[] starts = xetra.expectedStarts(Timeframe.H1, day.atStartOfDay(berlin).toInstant(),
                day.plusDays(1).atStartOfDay(berlin).toInstant());

        assertThat(starts).hasSize(9);
        assertThat(Arrays.stream(starts).mapToObj(s -> Instant.ofEpochMilli(s).atZone(berlin).toLocalTime()))
                .containsExactly(LocalTime.of(9, 0), LocalTime.of(10, 0), LocalTime.of(11, 0), LocalTime.of(12, 0),
                        LocalTime.of(13, 0), LocalTime.of(14, 0), LocalTime.of(15, 0), LocalTime.of(16, 0),
                        LocalTime.of(17, 0));
        Instant last = Instant.ofEpochMilli(starts[8]);
        assertThat(xetra.barEnd(Timeframe.H1, last)).isEqualTo(day.atTime(17, 30).atZone(berlin).toInstant());
        assertThat(xetra.isAligned(Timeframe.H1, day.atTime(9, 30).atZone(berlin).toInstant())).isFalse();
    }

    @Test
    void forSymbol_toyota_1hBarsSkipTheLunchBreak() {
        // JPX: morning session 09:00-11:30, afternoon 12:30-15:30 Tokyo time; Yahoo's 1h bars of 7203.T start
        // 09:00, 10:00, 11:00, 12:30, 13:30 and 14:30
        MarketCalendar tokyo = MarketCalendars.forSymbol(Symbol.of("7203.T"));
        ZoneId zone = ZoneId.of("Asia/Tokyo");
        LocalDate day = LocalDate.of(2025, 6, 11);

        long[] starts = tokyo.expectedStarts(Timeframe.H1, day.atStartOfDay(zone).toInstant(),
                day.plusDays(1).atStartOfDay(zone).toInstant());

        List<LocalTime> local = Arrays.stream(starts).mapToObj(s -> Instant.ofEpochMilli(s).atZone(zone).toLocalTime())
                .toList();
        assertThat(local).containsExactly(LocalTime.of(9, 0), LocalTime.of(10, 0), LocalTime.of(11, 0),
                LocalTime.of(12, 30), LocalTime.of(13, 30), LocalTime.of(14, 30));
        assertThat(tokyo.barEnd(Timeframe.H1, day.atTime(11, 0).atZone(zone).toInstant()))
                .isEqualTo(day.atTime(11, 30).atZone(zone).toInstant());
        assertThat(tokyo.barEnd(Timeframe.H1, day.atTime(14, 30).atZone(zone).toInstant()))
                .isEqualTo(day.atTime(15, 30).atZone(zone).toInstant());
        assertThat(tokyo.barStartContaining(Timeframe.H1, day.atTime(12, 0).atZone(zone).toInstant())).isEmpty();
        assertThat(tokyo.isAligned(Timeframe.H1, day.atTime(12, 0).atZone(zone).toInstant())).isFalse();
        assertThat(tokyo.barStartContaining(Timeframe.H1, day.atTime(12, 45).atZone(zone).toInstant()))
                .contains(day.atTime(12, 30).atZone(zone).toInstant());
        assertThat(tokyo.expectedStarts(Timeframe.H4, day.atStartOfDay(zone).toInstant(),
                day.plusDays(1).atStartOfDay(zone).toInstant())).containsExactly(
                        day.atTime(9, 0).atZone(zone).toInstant().toEpochMilli(),
                        day.atTime(12, 30).atZone(zone).toInstant().toEpochMilli());
        assertThat(tokyo.expectedStarts(Timeframe.M15, day.atStartOfDay(zone).toInstant(),
                day.plusDays(1).atStartOfDay(zone).toInstant())).hasSize(10 + 12);
    }

    @Test
    void factories_returnSingletons() {
        assertThat(MarketCalendars.nyse()).isSameAs(MarketCalendars.forAssetClass(AssetClass.STOCK));
        assertThat(MarketCalendars.crypto()).isSameAs(MarketCalendars.forAssetClass(AssetClass.CRYPTO));
        assertThat(MarketCalendars.fx()).isSameAs(MarketCalendars.forAssetClass(AssetClass.FX));
        assertThat(MarketCalendars.weekdays()).isSameAs(MarketCalendars.forAssetClass(AssetClass.MACRO));
    }

    @Test
    void weekdays_dailyBarsMondayToFridayAtMidnightUtc() {
        MarketCalendar weekdays = MarketCalendars.weekdays();
        long[] starts = weekdays.expectedStarts(Timeframe.D1, Instant.parse("2024-06-08T00:00:00Z"),
                Instant.parse("2024-06-17T00:00:00Z"));
        assertThat(Arrays.stream(starts).mapToObj(Instant::ofEpochMilli)).containsExactly(
                Instant.parse("2024-06-10T00:00:00Z"), Instant.parse("2024-06-11T00:00:00Z"),
                Instant.parse("2024-06-12T00:00:00Z"), Instant.parse("2024-06-13T00:00:00Z"),
                Instant.parse("2024-06-14T00:00:00Z"));
        assertThat(weekdays.isTradingDay(LocalDate.of(2024, 6, 15))).isFalse();
        assertThat(weekdays.isTradingDay(LocalDate.of(2024, 7, 4))).isTrue();
        assertThat(weekdays.barEnd(Timeframe.D1, Instant.parse("2024-06-14T00:00:00Z")))
                .isEqualTo(Instant.parse("2024-06-15T00:00:00Z"));
        assertThat(weekdays.nextBarStart(Timeframe.D1, Instant.parse("2024-06-14T00:00:01Z")))
                .isEqualTo(Instant.parse("2024-06-17T00:00:00Z"));
    }
}
