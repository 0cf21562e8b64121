package dev.earshot.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code earshot} command. */
@Command(name = "earshot",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "OpenAI Whisper speech recognition in Java.",
        subcommands = {
                TranscribeCommand.class,
                DetectLanguageCommand.class,
                DevicesCommand.class,
                TasksCommand.class,
                ModelsCommand.class,
                RunTaskCommand.class,
                MelCommand.class,
                TokenizeCommand.class,
                DetokenizeCommand.class,
                NormalizeCommand.class,
                WerCommand.class,
                EvalCommand.class,
                MakeModelCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code; the entry point tests use. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(new UserErrorHandler());
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command; see 'earshot --help'");
    }
}
