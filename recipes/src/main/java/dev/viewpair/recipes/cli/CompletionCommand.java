package dev.viewpair.recipes.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code viewpair completion bash|zsh}: the shell completion script of the whole command tree (commands, options,
 * nested commands), from picocli's {@link AutoComplete}; zsh runs the bash script through its {@code bashcompinit}.
 */
@Command(name = "completion", description = {"Print the shell completion script for bash or zsh.",
    "bash: source <(./viewpair completion bash)   (or save it in ~/.local/share/bash-completion/completions/viewpair)",
    "zsh:  source <(./viewpair completion zsh)    (in ~/.zshrc, after compinit)",
    "The launcher must be on the PATH as viewpair for the script to apply."})
final class CompletionCommand implements Callable<Integer> {
    /** The shells a script is made for. */
    static final class Shells extends java.util.ArrayList<String> {
        Shells() {
            super(java.util.List.of("bash", "zsh"));
        }
    }

    @Parameters(paramLabel = "SHELL", description = "bash or zsh", completionCandidates = Shells.class)
    String shell;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var script = AutoComplete.bash("viewpair", spec.root().commandLine());
        switch (shell) {
            case "bash" -> System.out.print(script);
            case "zsh" -> {
                // picocli's script is bash's; zsh runs it with bash's complete/compgen, which bashcompinit provides
                System.out.println("autoload -U +X compinit && compinit");
                System.out.println("autoload -U +X bashcompinit && bashcompinit");
                System.out.print(script);
            }
            default -> throw new UserError("completion for '" + shell + "' is not made: give bash or zsh");
        }
        return 0;
    }
}
