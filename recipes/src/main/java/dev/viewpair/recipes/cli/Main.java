package dev.viewpair.recipes.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/**
 * The {@code viewpair} command line: {@code ./viewpair COMMAND …}. Its {@code -h/--help} and {@code -V/--version}
 * are inherited by every subcommand, nested ones included ({@code scope = INHERIT}), so none declares its own.
 * Picocli copies every attribute set here into subcommands that leave it unset, the description too: each
 * subcommand declares its own description (CliHelpTest checks).
 */
@Command(
        name = "viewpair",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = PomVersion.class,
        description = "Self-supervised representation learning by mutual-information maximization across views.",
        subcommands = {
            QuickstartCommand.class,
            ValidateCommand.class,
            TrainCommand.class,
            PreprocessCommand.class,
            DatasetsCommand.class,
            OpsCommand.class,
            ListCommand.class,
            EstimateCommand.class,
            EmbedCommand.class,
            ExportCommand.class,
            EncodeCommand.class,
            ReportCommand.class,
            PreviewCommand.class,
            SchemaCommand.class,
            CompletionCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    /** Exit status for a user's mistake (bad recipe, missing file): a message, never a stack trace. */
    public static final int USER_ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests. */
    public static CommandLine commandLine() {
        var cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof UserError u) {
                cmd.getErr().println("viewpair: " + u.getMessage());
                return USER_ERROR;
            }
            // not a user's mistake: say so plainly, with the cause chain, and point at the log
            cmd.getErr().println("viewpair: internal error: " + e);
            for (var c = e.getCause(); c != null; c = c.getCause()) {
                cmd.getErr().println("  caused by: " + c);
            }
            cmd.getErr().println("  please report this with the command you ran; VIEWPAIR_JAVA_OPTS=-Dviewpair.trace=true shows the stack");
            if (Boolean.getBoolean("viewpair.trace")) {
                e.printStackTrace(cmd.getErr());
            }
            return 1;
        });
        return cli;
    }
}
