package io.candlekeep.app.health;

import java.util.List;

/** The self-check found problems; the reasons say which. */
public record HealthDegraded(List<String> reasons) {
}
