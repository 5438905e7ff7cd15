package io.candlekeep.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Prints what the figures were measured on, so that a pasted table carries its context. */
final class Environment {

    private Environment() {
    }

    static void print(String benchmark, String settings) {
        Runtime rt = Runtime.getRuntime();
        System.out.printf("# %s%n", benchmark);
        System.out.printf("JDK %s (%s), %s %s, %d cores, max heap %d MiB, GC %s%n", Runtime.version(),
                System.getProperty("java.vm.name"), System.getProperty("os.name"), System.getProperty("os.arch"),
                rt.availableProcessors(), rt.maxMemory() >> 20,
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList());
        System.out.println("JVM options: " + ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.out.println(settings);
        printLoad();
    }

    /** The machine's load average: the figures share the cores with whatever else runs. */
    static void printLoad() {
        System.out.println("load average (1, 5, 15 min): " + loadAverage());
    }

    static String loadAverage() {
        try {
            return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
