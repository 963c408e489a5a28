package dev.picklewire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {
    private final CapturedStream out = new CapturedStream();
    private final CapturedStream err = new CapturedStream();

    @Test
    void helpListsTheNetworkCommands() {
        assertThat(CliTestSupport.run(out, err, "--help")).isZero();
        assertThat(out.text()).contains("serve", "connect", "demo");
    }

    @Test
    void noCommandIsAUsageError() {
        assertThat(CliTestSupport.run(out, err)).isEqualTo(2);
        assertThat(err.text()).contains("Usage: picklewire");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(CliTestSupport.run(out, err, "serve", "--no-such-option")).isEqualTo(2);
        assertThat(err.text()).contains("--no-such-option");
    }

    @Test
    void serveRefusesTwoModes() {
        assertThat(CliTestSupport.run(out, err, "serve", "--echo", "--relay", "--port", "0")).isEqualTo(2);
        assertThat(err.text()).contains("choose one of");
    }

    @Test
    void connectToAPortNobodyListensOnFailsWithExitCode1() throws Exception {
        int port = CliTestSupport.closedPort();
        assertThat(CliTestSupport.run(out, err, "connect", "--port", Integer.toString(port))).isEqualTo(1);
        assertThat(err.text()).startsWith("picklewire connect: ").containsIgnoringCase("refused");
    }
}
