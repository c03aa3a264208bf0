package io.ember.ml;

import io.ember.Keys;
import io.ember.config.Setting;
import io.ember.config.Settings;
import io.ember.data.DataSettings;
import io.ember.io.RunSettings;
import io.ember.spark.SparkSettings;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import scala.Function1;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Spark ML Params made from Ember's setting declarations ({@link Keys#ALL}): the name (Spark's
 * standard name where the meaning is the same, else the camelCase of the key), type, default, doc
 * and validation all come from the {@link Setting}; nothing about a setting is declared here.
 */
final class ParamDeclarations {
    /** Settings a pipeline stage has no use for: files and where to run (the stage gets a DataFrame on a session), the task (the stage's class says it) and the column names Spark's Predictor already declares. */
    static final Set<Setting<?>> NOT_PARAMS = Set.of(DataSettings.DATA, DataSettings.FORMAT, DataSettings.VALIDATION,
            DataSettings.TEST, DataSettings.NUM_FEATURES, DataSettings.CSV_HEADER, DataSettings.TASK,
            DataSettings.LABEL_COLUMN, DataSettings.FEATURES_COLUMN, SparkSettings.MASTER);
    /** Spark ML's standard names for the settings that mean the same as theirs. */
    static final Map<Setting<?>, String> SPARK_NAMES = Map.of(DataSettings.WEIGHT_COLUMN, "weightCol",
            DataSettings.VALIDATION_INDICATOR_COLUMN, "validationIndicatorCol", RunSettings.OUTPUT, "runFolder");

    private ParamDeclarations() {
    }

    /** The settings that are Params, in the key table's order. */
    static List<Setting<?>> settings() {
        List<Setting<?>> all = new ArrayList<>();
        for (Setting<?> s : Keys.ALL.settings()) {
            if (!NOT_PARAMS.contains(s)) {
                all.add(s);
            }
        }
        return all;
    }

    /** The Param's name for {@code s}. */
    static String name(Setting<?> s) {
        return SPARK_NAMES.getOrDefault(s, s.camelName());
    }

    /** Whether the Param has a default: not for settings unset by default, nor for the run folder (a stage writes none unless asked). */
    static boolean hasDefault(Setting<?> s) {
        return !s.defaultText().isEmpty() && s != RunSettings.OUTPUT;
    }

    /** The Spark type a setting's values take as a Param: numbers and flags as themselves, everything else as its text. */
    static Class<?> valueType(Setting<?> s) {
        Class<?> t = s.type();
        return t == Integer.class || t == Long.class || t == Double.class || t == Boolean.class ? t : String.class;
    }

    /** The Param of {@code key} owned by {@code owner}. */
    @SuppressWarnings("unchecked")
    static <P extends Param<?>> P param(Params owner, String key) {
        Setting<?> s = Keys.ALL.byKey(key);
        String name = name(s);
        String doc = s.doc() + " (conf key " + s.key() + ")";
        Class<?> t = valueType(s);
        Function1<Object, Object> valid = v -> check(owner, s, v);
        Param<?> p;
        if (t == Integer.class) {
            p = new IntParam(owner.uid(), name, doc, valid);
        } else if (t == Long.class) {
            p = new LongParam(owner.uid(), name, doc, valid);
        } else if (t == Double.class) {
            p = new DoubleParam(owner.uid(), name, doc, valid);
        } else if (t == Boolean.class) {
            p = new BooleanParam(owner.uid(), name, doc);
        } else {
            p = new Param<String>(owner.uid(), name, doc, (Function1<String, Object>) (Function1<?, ?>) valid);
        }
        return (P) p;
    }

    /** Validates a value by the setting's own parser, so a bad value is refused with the setting's reason. */
    private static boolean check(Params owner, Setting<?> s, Object value) {
        try {
            s.parse(text(value));
            return true;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(owner.uid() + " parameter " + name(s) + " (conf key " + s.key()
                    + ") given invalid value " + value + ": " + e.getMessage(), e);
        }
    }

    /** Sets the defaults of every Param from the settings' defaults. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static void setDefaults(Params owner) {
        for (Setting<?> s : settings()) {
            if (hasDefault(s)) {
                Param p = param(owner, s.key());
                owner.setDefault(p, value(s, s.defaultText()));
            }
        }
    }

    private static Object value(Setting<?> s, String text) {
        Class<?> t = valueType(s);
        if (t == String.class) {
            return text;
        }
        Object v = s.parse(text);
        return t == Double.class ? (Object) ((Number) v).doubleValue() : v;
    }

    /** A value as text, the way conf files write it. */
    static String text(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(value).trim();
    }

    /**
     * The stage's Params as Ember settings: every Param set, under its conf key (the defaults are Ember's own).
     *
     * @param owner  the stage
     * @param origin where the values come from, for messages
     * @return the settings
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Settings toSettings(Params owner, String origin) {
        Settings settings = Settings.empty();
        for (Setting<?> s : settings()) {
            Param p = param(owner, s.key());
            if (owner.isSet(p)) {
                settings = settings.with(s.key(), text(owner.getOrDefault(p)), origin + " " + name(s));
            }
        }
        return settings;
    }

    /** The typed setter's body: sets and returns the stage. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <T> T set(Params owner, Param param, Object value) {
        owner.set(param, value);
        return (T) owner;
    }

    /** The typed getter's body for settings without a default: null when unset. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <V> V getOrNull(Params owner, Param param) {
        return owner.isDefined(param) ? (V) owner.getOrDefault(param) : null;
    }

    /** The Java type of a Param's typed getter and setter ({@code double}, {@code String}). */
    static String javaType(Setting<?> s) {
        Class<?> t = valueType(s);
        if (!hasDefault(s) && t != String.class) {
            return t.getSimpleName();
        }
        return t == String.class ? "String" : t.getSimpleName().toLowerCase(Locale.ROOT).replace("integer", "int");
    }
}
