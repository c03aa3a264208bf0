package io.ember.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An ordered set of setting declarations with the rules between them: what a component owns, or
 * (concatenated) every setting Ember has. Keys are unique.
 */
public final class SettingSet {
    private final Map<String, Setting<?>> byKey;
    private final List<Rule> rules;

    private SettingSet(Map<String, Setting<?>> byKey, List<Rule> rules) {
        this.byKey = Collections.unmodifiableMap(byKey);
        this.rules = List.copyOf(rules);
    }

    /**
     * A component's settings and the rules that check them together.
     *
     * @param settings the declarations, in table order
     * @param rules    checks across settings (may be empty)
     * @return the set
     */
    public static SettingSet of(List<Setting<?>> settings, List<Rule> rules) {
        Map<String, Setting<?>> m = new LinkedHashMap<>();
        for (Setting<?> s : settings) {
            if (m.put(s.key(), s) != null) {
                throw new IllegalStateException("setting '" + s.key() + "' is declared twice");
            }
        }
        return new SettingSet(m, rules);
    }

    /**
     * The sets one after the other.
     *
     * @param sets the parts, in table order
     * @return their union
     */
    public static SettingSet concat(SettingSet... sets) {
        List<Setting<?>> all = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        for (SettingSet s : sets) {
            all.addAll(s.byKey.values());
            rules.addAll(s.rules);
        }
        return of(all, rules);
    }

    /** The same settings as {@code rulesFrom}, in the order of {@code settings}, with its rules. */
    public static SettingSet withRulesOf(List<Setting<?>> settings, SettingSet rulesFrom) {
        return of(settings, rulesFrom.rules);
    }

    /** The declarations, in table order. */
    public List<Setting<?>> settings() {
        return List.copyOf(byKey.values());
    }

    List<Rule> rules() {
        return rules;
    }

    /** The declaration named {@code key}, or null. */
    public Setting<?> byKey(String key) {
        return byKey.get(key);
    }

    /** The known key closest to {@code name} by edit distance, for "did you mean" hints; null if none is close. */
    public String closest(String name) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : byKey.keySet()) {
            int d = editDistance(name.toLowerCase(Locale.ROOT), k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return bestDistance <= Math.max(2, name.length() / 3) ? best : null;
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** A check across settings, declared by the component that owns them. */
    public interface Rule {
        /**
         * Throws a ConfigException (see {@link Config#fail}) when the values do not go together.
         *
         * @param c the values, each already valid on its own
         */
        void check(Config c);
    }
}
