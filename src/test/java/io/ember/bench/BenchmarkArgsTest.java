package io.ember.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** scripts/bench answers a bad --set with one line naming it and exit code 2, before any Spark starts. */
class BenchmarkArgsTest {
    private static String[] run(String... args) {
        PrintStream before = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return new String[] {Integer.toString(Benchmark.run(args)), err.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setErr(before);
        }
    }

    @Test
    void aSettingWithoutValueNamesIt() {
        String[] r = run("--set", "lr");
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].contains("--set") && r[1].contains("lr"), r[1]);
        assertTrue(!r[1].contains("\tat "), r[1]);
    }

    @Test
    void anUnknownKeyNamesIt() {
        String[] r = run("--set", "lerning=1");
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].startsWith("bench: error: --set: unknown key 'lerning'"), r[1]);
        assertTrue(!r[1].contains("\tat "), r[1]);
    }
}
