package io.ember.ml;

import io.ember.config.Setting;

import java.util.Locale;

/**
 * Writes {@code EmberParams.java}, the typed accessors of every Param, from the settings'
 * declarations: the one place a setting is declared stays {@link Setting}; this file is derived
 * from it and a test fails when it is stale.
 */
final class EmberParamsSource {
    private EmberParamsSource() {
    }

    static String generate() {
        StringBuilder sb = new StringBuilder();
        sb.append("""
                package io.ember.ml;

                import org.apache.spark.ml.param.BooleanParam;
                import org.apache.spark.ml.param.DoubleParam;
                import org.apache.spark.ml.param.IntParam;
                import org.apache.spark.ml.param.LongParam;
                import org.apache.spark.ml.param.Param;
                import org.apache.spark.ml.param.Params;

                /**
                 * The training Params Ember's pipeline stages share: one per Ember setting, with a Param accessor
                 * (for {@code ParamGridBuilder}), a typed getter and a setter. Generated from the settings'
                 * declarations ({@code io.ember.Keys}); EmberParamsTest fails when this file is stale. Names are
                 * the camelCase of the conf keys, or Spark's standard names ({@code weightCol},
                 * {@code validationIndicatorCol}; the run folder, conf key {@code output}, is {@code runFolder}).
                 *
                 * @param <T> the stage's own type, returned by the setters
                 */
                public interface EmberParams<T extends EmberParams<T>> extends Params {
                """);
        for (Setting<?> s : ParamDeclarations.settings()) {
            String name = ParamDeclarations.name(s);
            String cap = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            String type = ParamDeclarations.javaType(s);
            Class<?> value = ParamDeclarations.valueType(s);
            String paramType = value == String.class ? "Param<String>" : value.getSimpleName().replace("Integer", "Int")
                    + "Param";
            boolean optional = !ParamDeclarations.hasDefault(s);
            String doc = escape(s.doc());
            String def = optional ? "unset by default" : "default " + escape(s.defaultText());
            sb.append("\n    /**\n     * Param {@code ").append(name).append("} (conf key {@code ").append(s.key())
                    .append("}): ").append(doc).append("; ").append(def).append(".\n     *\n     * @return the param\n")
                    .append("     */\n    default ").append(paramType).append(' ').append(name)
                    .append("() {\n        return ParamDeclarations.param(this, \"").append(s.key()).append("\");\n    }\n");
            String getter = optional ? "ParamDeclarations.getOrNull(this, " + name + "())"
                    : "(" + boxed(type) + ") getOrDefault(" + name + "())";
            sb.append("\n    /**\n     * The value of {@link #").append(name).append("()}.\n     *\n     * @return the value")
                    .append(optional ? ", or null when unset" : "").append("\n     */\n    default ").append(type)
                    .append(" get").append(cap).append("() {\n        return ").append(getter).append(";\n    }\n");
            sb.append("\n    /**\n     * Sets {@link #").append(name).append("()}.\n     *\n     * @param value the value\n")
                    .append("     * @return this stage\n     */\n    default T set").append(cap).append('(')
                    .append(unboxed(type)).append(" value) {\n        return ParamDeclarations.set(this, ").append(name)
                    .append("(), value);\n    }\n");
        }
        sb.append("}\n");
        return sb.toString();
    }

    private static String boxed(String type) {
        return switch (type) {
            case "int" -> "Integer";
            case "long", "double", "boolean" -> Character.toUpperCase(type.charAt(0)) + type.substring(1);
            default -> type;
        };
    }

    private static String unboxed(String type) {
        return type.equals("String") ? type : type.toLowerCase(Locale.ROOT).replace("integer", "int");
    }

    private static String escape(String doc) {
        return doc.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("@", "&#64;")
                .replace("*/", "*&#47;");
    }
}
