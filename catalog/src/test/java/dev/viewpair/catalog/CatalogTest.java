package dev.viewpair.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogTest {
    private record Thing(String name, List<Param> params, String doc) implements Entry {}

    private static final Param EMA = Param.optional("ema", ParamType.NUMBER, 0.01, 0.0, 1.0, "moving-average weight");
    private final Catalog<Thing> catalog = new Catalog<>("bound", List.of(
            new Thing("infonce", List.of(), "contrastive"), new Thing("mine", List.of(EMA), "DV with a moving average")));

    @Test
    void findsByNameInDeclarationOrder() {
        assertEquals(List.of("infonce", "mine"), catalog.names());
        assertEquals("mine", catalog.get("mine").name());
        assertTrue(catalog.find("nwj").isEmpty());
    }

    @Test
    void anUnknownNameGetsTheClosestOrAllNames() {
        var e = assertThrows(IllegalArgumentException.class, () -> catalog.get("infnce"));
        assertEquals("unknown bound 'infnce': did you mean 'infonce'?", e.getMessage());
        assertEquals("known: infonce, mine", catalog.unknownHint("zzzzzzzzz"));
    }

    @Test
    void aNameDeclaredTwiceIsRefused() {
        var twice = List.of(new Thing("js", List.of(), "a"), new Thing("js", List.of(), "b"));
        var e = assertThrows(IllegalStateException.class, () -> new Catalog<>("bound", twice));
        assertEquals("bound 'js' is declared twice", e.getMessage());
    }

    @Test
    void checksNameTheOwnerKeyAndFix() {
        var owner = "bound 'mine'";
        var unknown = ParamChecks.check(owner, List.of(EMA), List.of("ema"), Map.of("emma", 0.1));
        assertEquals(List.of(new ParamProblem("emma", "unknown parameter 'emma' of bound 'mine'", "did you mean 'ema'?")), unknown);
        var range = ParamChecks.check(owner, List.of(EMA), List.of("ema"), Map.of("ema", 2));
        assertEquals(List.of(new ParamProblem("ema", "'ema' of bound 'mine' must be ≤ 1, got 2", "give a number")), range);
        var required = Param.required("alpha", ParamType.NUMBER, 0.0, 1.0, "I_α's α");
        var missing = ParamChecks.check("bound 'interpolated'", List.of(required), List.of("alpha"), Map.of());
        assertEquals("add alpha: <a number> (I_α's α)", missing.get(0).hint());
    }

    @Test
    void valuesFillDefaultsAndConstraintsSeeThem() {
        var values = ParamChecks.values("bound 'mine'", List.of(EMA), Map.of());
        assertEquals(0.01, values.number("ema"));
        var atMostHalf = Constraint.require("ema", v -> v.number("ema") <= 0.5, v -> "ema is " + v.number("ema"), "lower it");
        assertTrue(ParamChecks.constraintProblems(values, List.of(atMostHalf)).isEmpty());
        var high = ParamChecks.values("bound 'mine'", List.of(EMA), Map.of("ema", 0.9));
        assertEquals(List.of(new ParamProblem("ema", "ema is 0.9", "lower it")), ParamChecks.constraintProblems(high, List.of(atMostHalf)));
    }
}
