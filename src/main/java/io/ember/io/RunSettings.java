package io.ember.io;

import io.ember.config.Setting;
import io.ember.config.SettingSet;

import java.util.List;

/** Where a run writes (its folder, checkpoints) and the model it may start from. One declaration each. */
public final class RunSettings {
    private static final String GROUP = "output";

    public static final Setting<String> INIT = Setting.text("init", "network", "", false,
            "start from this model's weights instead of a random initialization", ModelFormat.class);
    public static final Setting<String> OUTPUT = Setting.text("output", GROUP, "runs/latest", true,
            "run folder: model, metrics, report, checkpoints", RunFolder.class).resumable();
    public static final Setting<Long> CHECKPOINT_STEPS = Setting.longInteger("checkpoint-every-steps", GROUP, 0, 0,
            Long.MAX_VALUE, "write a checkpoint every N steps (0: off)", CheckpointListener.class).resumable();
    public static final Setting<Integer> CHECKPOINT_EPOCHS = Setting.integer("checkpoint-every-epochs", GROUP, 1, 0,
            Integer.MAX_VALUE, "write a checkpoint every N epochs (0: off)", CheckpointListener.class).resumable();
    public static final Setting<Integer> KEEP_CHECKPOINTS = Setting.integer("keep-checkpoints", GROUP, 3, 1,
            Integer.MAX_VALUE, "checkpoints kept (older ones are deleted)", CheckpointStore.class).resumable();

    /** Every run-folder setting (and init), in table order. */
    public static final SettingSet ALL = SettingSet.of(List.of(INIT, OUTPUT, CHECKPOINT_STEPS, CHECKPOINT_EPOCHS,
            KEEP_CHECKPOINTS), List.of());

    private RunSettings() {
    }
}
