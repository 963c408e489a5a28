package dev.picklewire.cli;

import dev.picklewire.Pickle;
import dev.picklewire.PickleException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code picklewire show}: {@code python -m pickle} — loads the first pickle of each FILE (safely: no code
 * runs) and prints it as {@code pprint.pprint} would. Stops at the first file that fails, with one line on
 * stderr.
 */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Display the contents of pickle files, as python -m pickle does.")
final class ShowCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "pickle files; - reads standard input")
    private List<String> files;

    @Override
    public Integer call() {
        PrintStream out = new PrintStream(main.out(), false, StandardCharsets.UTF_8);
        for (String file : files) {
            Object value;
            try (InputStream in = Inputs.open(file, System.in)) {
                value = Pickle.load(in);
            } catch (IOException e) {
                return main.fail("show", Inputs.displayName(file), Inputs.describe(e));
            } catch (PickleException e) {
                return main.fail("show", Inputs.displayName(file), e.getMessage());
            }
            out.print(Pickle.pformat(value) + "\n");  // pprint.pprint: pformat (width 80) and a newline
            out.flush();
        }
        return 0;
    }
}
