package io.candlekeep.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Candlekeep: a self-maintaining market-data service. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CandlekeepApplication {

    public static void main(String[] args) {
        SpringApplication.run(CandlekeepApplication.class, args);
    }
}
