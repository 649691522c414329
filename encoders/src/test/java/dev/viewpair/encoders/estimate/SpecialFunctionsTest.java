package dev.viewpair.encoders.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SpecialFunctionsTest {
    private static final double EULER_GAMMA = 0.5772156649015329;

    @Test
    void digammaMatchesKnownValues() {
        assertEquals(-EULER_GAMMA, SpecialFunctions.digamma(1), 1e-12);
        assertEquals(1 - EULER_GAMMA, SpecialFunctions.digamma(2), 1e-12);
        assertEquals(1 + 0.5 + 1.0 / 3 - EULER_GAMMA, SpecialFunctions.digamma(4), 1e-12);
        assertEquals(2.251752589066721, SpecialFunctions.digamma(10), 1e-12);
        assertEquals(Math.log(5000) - 1.0 / 10000, SpecialFunctions.digamma(5000), 1e-8);
        assertEquals(-EULER_GAMMA - 2 * Math.log(2), SpecialFunctions.digamma(0.5), 1e-12); // ψ(½)
    }

    @Test
    void logGammaMatchesFactorialsAndHalfIntegers() {
        assertEquals(0, SpecialFunctions.logGamma(1), 1e-13);
        assertEquals(0, SpecialFunctions.logGamma(2), 1e-13);
        assertEquals(Math.log(24), SpecialFunctions.logGamma(5), 1e-12);
        assertEquals(0.5 * Math.log(Math.PI), SpecialFunctions.logGamma(0.5), 1e-12); // Γ(½) = √π
        assertEquals(Math.log(0.75 * Math.sqrt(Math.PI)), SpecialFunctions.logGamma(2.5), 1e-12); // Γ(5/2) = ¾√π
        double factorial = 1;
        for (int k = 2; k < 30; k++) {
            factorial *= k;
        }
        assertEquals(Math.log(factorial), SpecialFunctions.logGamma(30), 1e-10);
        assertThrows(IllegalArgumentException.class, () -> SpecialFunctions.logGamma(0));
    }

    @Test
    void normalQuantileMatchesTabulatedValues() {
        assertEquals(0, SpecialFunctions.normalQuantile(0.5), 1e-12);
        assertEquals(1.959963984540054, SpecialFunctions.normalQuantile(0.975), 1e-8);
        assertEquals(-1.959963984540054, SpecialFunctions.normalQuantile(0.025), 1e-8);
        assertEquals(-2.326347874040841, SpecialFunctions.normalQuantile(0.01), 1e-8);
        assertEquals(0.6744897501960817, SpecialFunctions.normalQuantile(0.75), 1e-8);
        assertEquals(3.090232306167813, SpecialFunctions.normalQuantile(0.999), 1e-8);
        assertEquals(-4.753424308822899, SpecialFunctions.normalQuantile(1e-6), 1e-7);
        assertEquals(8.209536151601387, SpecialFunctions.normalQuantile(1 - 0x1p-53), 1e-3);
        assertThrows(IllegalArgumentException.class, () -> SpecialFunctions.normalQuantile(1));
    }
}
