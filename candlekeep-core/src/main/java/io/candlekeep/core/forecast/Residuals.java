package io.candlekeep.core.forecast;

import org.apache.commons.math3.stat.StatUtils;

/** The residual standard deviation of FPP3 §5.5: {@code σ̂ = sqrt(Σ e_t² / (T − K − M))}. */
final class Residuals {

    private Residuals() {
    }

    /**
     * @param residuals the residuals there are ({@code T − M}: the observations minus those without a residual)
     * @param parameters {@code K}, the parameters estimated
     */
    static double standardDeviation(double[] residuals, int parameters) {
        int dof = residuals.length - parameters;
        if (dof < 1) {
            throw new IllegalArgumentException(residuals.length + " residuals leave no degree of freedom for "
                    + parameters + " estimated parameters");
        }
        return Math.sqrt(StatUtils.sumSq(residuals) / dof);
    }
}
