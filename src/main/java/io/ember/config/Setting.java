package io.ember.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The one declaration of a setting: its key, group, type (a parser from text), default, range and
 * documentation, whether it may change when a run resumes, and the class that uses it. Declared as a
 * constant next to the code that uses it (the way Tribuo declares {@code @Config} fields); conf
 * files, command-line options, {@link Settings}, the README's key table, Spark ML Params and resume
 * checks all come from it, and values are validated here, once.
 *
 * @param <T> the value's type
 */
public final class Setting<T> {
    private final String key;
    private final String group;
    private final String defaultText;
    private final Function<String, T> parser;
    private final String doc;
    private final Class<?> type;
    private final List<String> choices;
    private final boolean resumable;
    private final Class<?> owner;

    private Setting(String key, String group, String defaultText, Function<String, T> parser, String doc,
                    Class<?> type, List<String> choices, boolean resumable, Class<?> owner) {
        this.key = key;
        this.group = group;
        this.defaultText = defaultText;
        this.parser = parser;
        this.doc = doc;
        this.type = type;
        this.choices = choices;
        this.resumable = resumable;
        this.owner = owner;
    }

    /**
     * A setting of any type.
     *
     * @param key         the name in conf files and as {@code --key} on the command line
     * @param group       the table and help section it is listed in
     * @param defaultText the default as text ("" when unset)
     * @param type        the value's class (Spark ML Params follow it)
     * @param parser      text to value; throws IllegalArgumentException saying why a value is refused
     * @param doc         one line of documentation, with the range where there is one
     * @param owner       the class that uses it
     * @param <T>         the value's type
     * @return the declaration
     */
    public static <T> Setting<T> of(String key, String group, String defaultText, Class<T> type,
                                    Function<String, T> parser, String doc, Class<?> owner) {
        return new Setting<>(key, group, defaultText, parser, doc, type, List.of(), false, owner);
    }

    /** A whole number in [min, max]. */
    public static Setting<Integer> integer(String key, String group, int def, int min, int max, String doc,
                                           Class<?> owner) {
        return of(key, group, Integer.toString(def), Integer.class, t -> (int) whole(t, min, max), doc, owner);
    }

    /** A long in [min, max]. */
    public static Setting<Long> longInteger(String key, String group, long def, long min, long max, String doc,
                                            Class<?> owner) {
        return of(key, group, Long.toString(def), Long.class, t -> whole(t, min, max), doc, owner);
    }

    /** A finite number in a range. */
    public static Setting<Double> real(String key, String group, String def, Range range, String doc, Class<?> owner) {
        return of(key, group, def, Double.class, range::parse, doc, owner);
    }

    /** An optional finite number in a range: blank means unset (null). */
    public static Setting<Double> optionalReal(String key, String group, Range range, String doc, Class<?> owner) {
        return of(key, group, "", Double.class, t -> t.isEmpty() ? null : range.parse(t), doc, owner);
    }

    /** true or false. */
    public static Setting<Boolean> flag(String key, String group, boolean def, String doc, Class<?> owner) {
        return of(key, group, Boolean.toString(def), Boolean.class, Setting::bool, doc, owner);
    }

    /** Free text (paths, column names); {@code required} refuses blank. */
    public static Setting<String> text(String key, String group, String def, boolean required, String doc,
                                       Class<?> owner) {
        return of(key, group, def, String.class, t -> {
            if (required && t.isEmpty()) {
                throw new IllegalArgumentException("must not be empty");
            }
            return t;
        }, doc, owner);
    }

    /** One of an enum's constants, written in lower case with '-' or '_'. */
    public static <E extends Enum<E>> Setting<E> choice(String key, String group, Class<E> type, E def, String doc,
                                                        Class<?> owner) {
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name().toLowerCase(Locale.ROOT));
        }
        return new Setting<>(key, group, def.name().toLowerCase(Locale.ROOT), t -> {
            String v = t.toUpperCase(Locale.ROOT).replace('-', '_');
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(v)) {
                    return e;
                }
            }
            throw new IllegalArgumentException("expected one of " + String.join(", ", names));
        }, doc, type, List.copyOf(names), false, owner);
    }

    /** This setting, allowed to change when a run resumes (how long it goes on, where, how it checkpoints). */
    public Setting<T> resumable() {
        return new Setting<>(key, group, defaultText, parser, doc, type, choices, true, owner);
    }

    /** The value of {@code text} (trimmed); throws IllegalArgumentException saying why it is refused. */
    public T parse(String text) {
        return parser.apply(text.trim());
    }

    /** The name in conf files and on the command line ({@code batch-size}). */
    public String key() {
        return key;
    }

    /** The name as a Java or Spark ML identifier ({@code batchSize}). */
    public String camelName() {
        StringBuilder sb = new StringBuilder();
        boolean up = false;
        for (char c : key.toCharArray()) {
            if (c == '-' || c == '_') {
                up = true;
            } else {
                sb.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return sb.toString();
    }

    public String group() {
        return group;
    }

    /** The default as text; empty when the setting is unset by default. */
    public String defaultText() {
        return defaultText;
    }

    public String doc() {
        return doc;
    }

    /** The value's class. */
    public Class<?> type() {
        return type;
    }

    /** The accepted values of an enum setting, else empty. */
    public List<String> choices() {
        return choices;
    }

    /** Whether {@code --resume} may change it. */
    public boolean isResumable() {
        return resumable;
    }

    /** The class that uses the setting. */
    public Class<?> owner() {
        return owner;
    }

    @Override
    public String toString() {
        return key;
    }

    static long whole(String t, long min, long max) {
        long v;
        try {
            v = Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a whole number");
        }
        if (v < min) {
            throw new IllegalArgumentException("must be >= " + min);
        }
        if (v > max) {
            throw new IllegalArgumentException("must be at most " + max);
        }
        return v;
    }

    private static boolean bool(String t) {
        String v = t.toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return v.equals("true");
        }
        throw new IllegalArgumentException("expected true or false");
    }

    /** A range of finite numbers, with its own wording for messages and docs. */
    public static final class Range {
        private final double lo;
        private final double hi;
        private final boolean loOpen;
        private final boolean hiOpen;

        private Range(double lo, boolean loOpen, double hi, boolean hiOpen) {
            this.lo = lo;
            this.hi = hi;
            this.loOpen = loOpen;
            this.hiOpen = hiOpen;
        }

        /** {@code [lo, +inf)}. */
        public static Range atLeast(double lo) {
            return new Range(lo, false, Double.POSITIVE_INFINITY, true);
        }

        /** {@code (0, +inf)}. */
        public static Range positive() {
            return new Range(0, true, Double.POSITIVE_INFINITY, true);
        }

        /** {@code [lo, hi)}. */
        public static Range closedOpen(double lo, double hi) {
            return new Range(lo, false, hi, true);
        }

        /** {@code [lo, hi]}. */
        public static Range closed(double lo, double hi) {
            return new Range(lo, false, hi, false);
        }

        /** {@code (lo, hi]}. */
        public static Range openClosed(double lo, double hi) {
            return new Range(lo, true, hi, false);
        }

        /** The number {@code t} names; throws IllegalArgumentException when it is not one in this range. */
        public double parse(String t) {
            double v;
            try {
                v = Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a finite number");
            }
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("not a finite number");
            }
            if (!contains(v)) {
                throw new IllegalArgumentException(message());
            }
            return v;
        }

        /** True when {@code v} is in the range. */
        public boolean contains(double v) {
            return (loOpen ? v > lo : v >= lo) && (hiOpen ? v < hi : v <= hi);
        }

        private String message() {
            if (hi == Double.POSITIVE_INFINITY) {
                return loOpen && lo == 0 ? "must be > 0" : "must be " + (loOpen ? "> " : ">= ") + lo;
            }
            return "must be in " + this;
        }

        @Override
        public String toString() {
            return (loOpen ? "(" : "[") + lo + ", " + hi + (hiOpen ? ")" : "]");
        }
    }
}
