package io.ember;

import io.ember.config.Setting;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README opens with the two commands, CI runs the second, and the key table is complete. */
class ReadmeTest {
    private static final String START = "<!-- config-keys:start -->";
    private static final String END = "<!-- config-keys:end -->";

    @Test
    void opensWithTheTwoCommandsAndCiRunsTheTestCommand() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int open = readme.indexOf("```bash\n");
        int close = readme.indexOf("```", open + 7);
        List<String> commands = readme.substring(open + 8, close).strip().lines().toList();
        assertEquals(List.of("scripts/ember train --config conf/default.conf", "mvn -B test"), commands);
        List<String> ci = Files.readAllLines(Path.of(".ci/run")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith("set ") && !l.startsWith("cd ")).toList();
        assertEquals(List.of(commands.get(1)), ci);
    }

    @Test
    void documentsEveryConfigurationKeyWithItsDefault() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String table = table();
        String documented = readme.substring(readme.indexOf(START) + START.length(), readme.indexOf(END)).strip();
        if (!documented.equals(table.strip())) {
            Files.writeString(Path.of("target/config-keys.md"), table);
        }
        assertEquals(table.strip(), documented, "README's key table is stale: paste target/config-keys.md between "
                + "the config-keys markers");
        for (Setting<?> k : Keys.ALL.settings()) {
            assertTrue(documented.contains("`" + k.key() + "`"), k.key());
        }
    }

    /** The key table as Markdown, generated from {@link Keys}. */
    static String table() {
        StringBuilder sb = new StringBuilder("| group | key | default | meaning |\n| --- | --- | --- | --- |\n");
        for (Setting<?> k : Keys.ALL.settings()) {
            sb.append("| ").append(k.group()).append(" | `").append(k.key()).append("` | ")
                    .append(k.defaultText().isEmpty() ? "" : "`" + k.defaultText() + "`").append(" | ")
                    .append(k.doc().replace("|", "\\|")).append(" |\n");
        }
        return sb.toString();
    }
}
