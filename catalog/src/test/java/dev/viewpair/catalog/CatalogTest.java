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

    @Test
    void aChoiceTakesOneOfItsNamesWithASuggestionOtherwise() {
        var downsample = Param.choice("downsample", "pool", List.of("pool", "stride"), "how stages halve the map");
        var owner = "encoder type 'conv'";
        assertEquals(List.of(), ParamChecks.check(owner, List.of(downsample), List.of("downsample"), Map.of("downsample", "stride")));
        assertEquals(List.of(new ParamProblem("downsample", "'downsample' of encoder type 'conv' must be one of pool, stride,"
                + " got 'strided'", "did you mean 'stride'?")),
                ParamChecks.check(owner, List.of(downsample), List.of("downsample"), Map.of("downsample", "strided")));
        assertEquals("give one of pool, stride", ParamChecks.check(owner, List.of(downsample), List.of("downsample"),
                Map.of("downsample", "zzzzzzzz")).get(0).hint());
        assertThrows(IllegalArgumentException.class, () -> Param.choice("downsample", "max", List.of("pool", "stride"), "x"));
    }

    @Test
    void aNumberChoiceTakesOneOfItsNumbersWithTheClosestOtherwise() {
        var depth = Param.choice("depth", 18, List.of(18, 34, 50), "layers");
        assertEquals(ParamType.INTEGER, depth.type());
        var owner = "encoder type 'resnet'";
        assertEquals(List.of(), ParamChecks.check(owner, List.of(depth), List.of("depth"), Map.of("depth", 34)));
        assertEquals(List.of(new ParamProblem("depth", "'depth' of encoder type 'resnet' must be one of 18, 34, 50, got 101",
                "did you mean 50? depth is one of 18, 34, 50")),
                ParamChecks.check(owner, List.of(depth), List.of("depth"), Map.of("depth", 101)));
        assertEquals("did you mean 18? depth is one of 18, 34, 50",
                ParamChecks.check(owner, List.of(depth), List.of("depth"), Map.of("depth", 20)).get(0).hint());
        assertThrows(IllegalArgumentException.class, () -> Param.choice("depth", 101, List.of(18, 34, 50), "x"));
    }

    @Test
    void openEndsExcludeTheirBound() {
        var momentum = Param.optional("momentum", ParamType.NUMBER, 0.9, 0.0, 1.0, "μ").belowMax();
        var eps = Param.optional("eps", ParamType.NUMBER, 1e-8, 0.0, null, "ε").aboveMin();
        assertEquals("must be < 1, got 1", ParamChecks.typeProblem(momentum, 1.0));
        assertEquals(null, ParamChecks.typeProblem(momentum, 0.0));
        assertEquals("must be > 0, got 0", ParamChecks.typeProblem(eps, 0));
        assertEquals(null, ParamChecks.typeProblem(eps, 1e-12));
    }

    @Test
    void wholeNumberListsAndFilledValues() {
        var widths = Param.optional("widths", ParamType.INTEGERS, List.of(32, 64), 1.0, null, "channels");
        var projection = Param.optionalUnset("projection", ParamType.INTEGER, 0.0, null, "head size");
        assertEquals(null, ParamChecks.typeProblem(widths, List.of(8, 16)));
        assertEquals("must hold whole numbers, got 1.5", ParamChecks.typeProblem(widths, List.of(8, 1.5)));
        assertEquals("must be ≥ 1, got 0", ParamChecks.typeProblem(widths, List.of(0)));
        assertEquals("must be a list of whole numbers, got []", ParamChecks.typeProblem(widths, List.of()));
        assertEquals(Map.of("widths", List.of(32, 64)), ParamChecks.filled(List.of(widths, projection), Map.of()));
        assertEquals(Map.of("widths", List.of(8), "projection", 4),
                ParamChecks.filled(List.of(widths, projection), Map.of("widths", List.of(8), "projection", 4)));
        assertEquals(List.of(8, 16), java.util.Arrays.stream(ParamChecks.values("t", List.of(widths), Map.of("widths", List.of(8, 16)))
                .integers("widths")).boxed().toList());
    }
}
