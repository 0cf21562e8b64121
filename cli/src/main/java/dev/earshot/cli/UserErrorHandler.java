package dev.earshot.cli;

import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * Turns an exception from a command into one line on stderr and a non-zero exit code. The messages of
 * our exceptions already say what was wrong and what to do; a stack trace would only bury them.
 * Set {@code EARSHOT_DEBUG=1} to get the stack trace as well.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {

    static final int EXIT_USER_ERROR = 1;
    static final int EXIT_INTERNAL_ERROR = 70; // EX_SOFTWARE: a bug, not the user's input

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
        PrintWriter err = cli.getErr();
        boolean internal = e instanceof NullPointerException || e instanceof IllegalStateException
                || e instanceof ClassCastException || e instanceof IndexOutOfBoundsException;
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        err.println("earshot " + cli.getCommandName() + ": " + (internal ? "internal error: " : "") + message);
        if (internal) {
            err.println("This is a bug in earshot; please report it with the command you ran.");
        }
        if (System.getenv("EARSHOT_DEBUG") != null) {
            e.printStackTrace(err);
        }
        err.flush();
        return internal ? EXIT_INTERNAL_ERROR : EXIT_USER_ERROR;
    }
}
