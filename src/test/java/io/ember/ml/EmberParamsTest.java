package io.ember.ml;

import io.ember.config.Setting;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmberParamsTest {
    private static final Path SOURCE = Path.of("src/main/java/io/ember/ml/EmberParams.java");

    @Test
    void theReadmeMapsEveryParamToItsConfKey() throws Exception {
        StringBuilder table = new StringBuilder("| Param | type | conf key | default |\n| --- | --- | --- | --- |\n");
        table.append("| `featuresCol` (Spark's) | String | `features-column` | `features` |\n");
        table.append("| `labelCol` (Spark's) | String | `label-column` | `label` |\n");
        for (Setting<?> s : ParamDeclarations.settings()) {
            table.append("| `").append(ParamDeclarations.name(s)).append("` | ").append(ParamDeclarations.javaType(s))
                    .append(" | `").append(s.key()).append("` | ")
                    .append(ParamDeclarations.hasDefault(s) ? "`" + s.defaultText() + "`" : "unset").append(" |\n");
        }
        String readme = Files.readString(Path.of("README.md"));
        String start = "<!-- ml-params:start -->\n";
        int a = readme.indexOf(start);
        int b = readme.indexOf("<!-- ml-params:end -->");
        assertTrue(a >= 0 && b > a, "README has the ml-params markers");
        String actual = readme.substring(a + start.length(), b);
        if (!actual.equals(table.toString())) {
            Files.writeString(Path.of("target/ml-params.md"), table);
        }
        assertEquals(table.toString(), actual, "README's Param table is stale: paste target/ml-params.md between "
                + "the ml-params markers");
    }

    @Test
    void everySettingIsAParamOfBothEstimatorsWithItsDocAndDefault() {
        for (Params stage : List.<Params>of(new EmberClassifier(), new EmberRegressor())) {
            for (Setting<?> s : ParamDeclarations.settings()) {
                Param<?> p = stage.getParam(ParamDeclarations.name(s));
                assertTrue(p.doc().startsWith(s.doc()), p.doc());
                assertEquals(ParamDeclarations.hasDefault(s), stage.hasDefault(p), s.key());
                if (stage.hasDefault(p)) {
                    assertEquals(String.valueOf(s.parse(s.defaultText())), String.valueOf(s.parse(
                            ParamDeclarations.text(stage.getOrDefault(p)))), s.key());
                }
            }
            assertTrue(stage.explainParams().contains("batchSize: "), stage.explainParams());
        }
        for (Setting<?> s : ParamDeclarations.NOT_PARAMS) {
            assertFalse(new EmberClassifier().hasParam(s.camelName()), s.key() + " is not a stage's Param");
        }
    }

    @Test
    void theTypedAccessorsAreGeneratedFromTheSettingsDeclarations() throws Exception {
        String expected = EmberParamsSource.generate();
        String actual = Files.exists(SOURCE) ? Files.readString(SOURCE) : "";
        if (!expected.equals(actual)) {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/EmberParams.java"), expected);
        }
        assertEquals(expected, actual, "EmberParams.java is stale: copy target/EmberParams.java over " + SOURCE);
    }
}
