/**
 * The {@code viewpair} command line (picocli): {@link dev.viewpair.recipes.cli.Main} and one class per command,
 * each parsing its options and handing the work to the layers below; {@code -h/--help} and {@code -V/--version}
 * (the POM's version, {@code PomVersion}) are declared once, on {@code Main}, and inherited by every subcommand.
 * It may import every other package of {@code recipes} and of the modules below ({@code views}, {@code encoders},
 * {@code datasets}); no other package of {@code recipes} imports it (the Spark engine's entry point runs {@code Main}).
 */
package dev.viewpair.recipes.cli;
