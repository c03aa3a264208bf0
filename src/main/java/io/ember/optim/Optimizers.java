package io.ember.optim;

import io.ember.config.Config;
import io.ember.config.Setting;
import io.ember.config.SettingSet;
import io.ember.nn.NetworkSpec;

import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The optimizers there are and the {@code optimizer} setting that picks one. Adding an optimizer
 * touches this package only: its class (with its settings declared on it), a constant here, and its
 * settings in {@link #SETTINGS}.
 */
public final class Optimizers {
    /** Each optimizer: how to build it from the configuration, how it prints, how many buffers it keeps. */
    public enum Kind {
        SGD(Sgd::from, Sgd::describe, c -> Sgd.momentum(c) == 0f ? 0 : 1),
        ADAM(Adam::from, c -> Adam.describe(c, false), c -> 2),
        ADAMW(Adam::adamWFrom, c -> Adam.describe(c, true), c -> 2);

        private final BiFunction<Config, NetworkSpec, Optimizer> create;
        private final Function<Config, String> describe;
        private final Function<Config, Integer> slots;

        Kind(BiFunction<Config, NetworkSpec, Optimizer> create, Function<Config, String> describe,
             Function<Config, Integer> slots) {
            this.create = create;
            this.describe = describe;
            this.slots = slots;
        }
    }

    public static final Setting<Kind> OPTIMIZER = Setting.choice("optimizer", "optimizer", Kind.class, Kind.ADAM,
            "sgd, adam or adamw", Optimizers.class);

    /** The optimizers' and schedules' settings (with L1/L2), in table order, and the rules between them. */
    public static final SettingSet SETTINGS = SettingSet.concat(SettingSet.of(List.of(OPTIMIZER, Schedules.LR,
            Sgd.MOMENTUM, Sgd.DAMPENING, Sgd.NESTEROV, Adam.BETA1, Adam.BETA2, Adam.EPS, Adam.WEIGHT_DECAY,
            Regularization.L1, Regularization.L2, Regularization.DECAY_BIAS), List.of(Optimizers::check)),
            Schedules.ALL);

    private Optimizers() {
    }

    /** A fresh optimizer (state zero) as configured, for the trainable layers of {@code spec}. */
    public static Optimizer create(Config c, NetworkSpec spec) {
        return c.get(OPTIMIZER).create.apply(c, spec);
    }

    /** The optimizer and its hyper-parameters as its toString prints them, without allocating its state. */
    public static String describe(Config c) {
        return c.get(OPTIMIZER).describe.apply(c);
    }

    /** Parameter-sized buffers the configured optimizer keeps (momentum: 1, Adam's moments: 2). */
    public static int slots(Config c) {
        return c.get(OPTIMIZER).slots.apply(c);
    }

    private static void check(Config c) {
        Kind kind = c.get(OPTIMIZER);
        float momentum = Sgd.momentum(c);
        if (c.get(Sgd.NESTEROV) && (kind != Kind.SGD || momentum == 0f || c.get(Sgd.DAMPENING) != 0)) {
            throw c.fail(Sgd.NESTEROV, "nesterov needs optimizer = sgd, momentum > 0 and dampening = 0");
        }
        if (kind != Kind.SGD && c.isSet(Sgd.MOMENTUM) && momentum != 0f) {
            throw c.fail(Sgd.MOMENTUM, "momentum is an sgd setting; " + kind.name().toLowerCase(Locale.ROOT)
                    + " uses beta1");
        }
        if (kind != Kind.ADAMW && c.isSet(Adam.WEIGHT_DECAY)) {
            throw c.fail(Adam.WEIGHT_DECAY, "weight-decay is AdamW's decoupled decay; with sgd or adam use "
                    + "l2, which matches PyTorch's weight_decay for those optimizers");
        }
        double decay = Schedules.peak(c) * c.get(Adam.WEIGHT_DECAY);
        if (kind == Kind.ADAMW && decay >= 1) {
            throw c.fail(Adam.WEIGHT_DECAY, "AdamW multiplies the weights by 1 - lr x weight-decay each step, "
                    + "which must stay above 0: lr x weight-decay = " + decay);
        }
    }
}
