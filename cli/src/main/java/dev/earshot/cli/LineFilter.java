package dev.earshot.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The commands that read stdin line by line and print one line per input line (tokenize, detokenize,
 * normalize): UTF-8 both ways, and the lines already printed are flushed before an error ends the run.
 */
final class LineFilter {

    /** Turns one input line (numbered from 1) into one output line; may throw with a message naming the line. */
    @FunctionalInterface
    interface LineMapper {
        String apply(String line, int lineNumber) throws Exception;
    }

    private LineFilter() {
    }

    static void run(LineMapper mapper) throws Exception {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int lineNumber = 0;
        try {
            for (String line; (line = in.readLine()) != null; ) {
                out.println(mapper.apply(line, ++lineNumber));
            }
        } finally {
            out.flush();
        }
    }
}
