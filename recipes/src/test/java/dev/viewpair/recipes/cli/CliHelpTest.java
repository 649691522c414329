package dev.viewpair.recipes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * Every command of the tree, found by walking it from the top (a command added later is covered without editing
 * this test), answers {@code --help}, {@code -h}, {@code --version} and {@code -V}.
 */
class CliHelpTest {
    /** A command of the tree and the arguments that reach it, e.g. {@code [datasets, make]}. */
    private record Reached(CommandLine command, List<String> path) {
        String name() {
            return command.getCommandSpec().qualifiedName();
        }

        CliRun run(String flag) {
            var args = new ArrayList<>(path);
            args.add(flag);
            return CliRun.of(args.toArray(String[]::new));
        }
    }

    private static Stream<Reached> walk(CommandLine command, List<String> path) {
        var below = command.getSubcommands().entrySet().stream()
                // a command is listed once per alias: walk it under its own name only
                .filter(e -> e.getKey().equals(e.getValue().getCommandName()))
                .flatMap(e -> {
                    var next = new ArrayList<>(path);
                    next.add(e.getKey());
                    return walk(e.getValue(), next);
                });
        return Stream.concat(Stream.of(new Reached(command, path)), below);
    }

    private static List<Reached> commands() {
        return walk(Main.commandLine(), List.of()).toList();
    }

    @Test
    void theWalkReachesNestedCommands() {
        var names = commands().stream().map(Reached::name).toList();
        for (var name : List.of("viewpair", "viewpair validate", "viewpair datasets make", "viewpair datasets fetch",
                "viewpair estimate pair", "viewpair help")) {
            assertTrue(names.contains(name), name + " not in " + names);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCommandPrintsItsUsageOnHelpAndH() {
        return commands().stream().flatMap(c -> Stream.of("--help", "-h").map(flag -> dynamicTest(c.name() + " " + flag, () -> {
            var r = c.run(flag);
            assertEquals(0, r.exit(), r.out() + r.err());
            assertTrue(r.out().contains("Usage: " + c.name() + " "), r.out());
            assertTrue(r.err().isEmpty(), r.err());
        })));
    }

    /** Picocli copies the top command's description into a subcommand that has none ({@code scope = INHERIT}). */
    @TestFactory
    Stream<DynamicTest> everySubcommandDescribesItself() {
        var top = Main.commandLine();
        var topDescription = description(top);
        return commands().stream().filter(c -> c.command().getParent() != null).map(c -> dynamicTest(c.name(), () -> {
            var own = description(c.command());
            assertFalse(own.isEmpty(), c.name() + " has no description");
            assertNotEquals(topDescription, own, c.name() + " has no description of its own: it shows " + top.getCommandName() + "'s");
        }));
    }

    private static List<String> description(CommandLine command) {
        return List.of(command.getCommandSpec().usageMessage().description());
    }

    /** Picocli's {@code help COMMAND} is left out: its one option is {@code -h}, its argument a command's name. */
    @TestFactory
    Stream<DynamicTest> everyCommandPrintsThePomVersion() throws Exception {
        var expected = "viewpair " + pomVersion() + System.lineSeparator();
        return commands().stream().filter(c -> !c.command().getCommandSpec().helpCommand()).flatMap(c -> Stream.of("--version", "-V").map(flag -> dynamicTest(c.name() + " " + flag, () -> {
            var r = c.run(flag);
            assertEquals(0, r.exit(), r.out() + r.err());
            assertEquals(expected, r.out());
            assertTrue(r.err().isEmpty(), r.err());
        })));
    }

    /** This module's version as its pom.xml gives it: its own {@code <version>}, or else its parent's. */
    private static String pomVersion() throws Exception {
        var pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        var xpath = XPathFactory.newInstance().newXPath();
        var own = xpath.evaluate("/project/version", pom).strip();
        var version = own.isEmpty() ? xpath.evaluate("/project/parent/version", pom).strip() : own;
        assertFalse(version.isEmpty(), "no version in pom.xml");
        return version;
    }
}
