package io.ember;

import io.ember.model.Model;

/** Tests' way between the public {@link EmberModel} and the parts Ember's packages use. */
public final class TestModels {
    private TestModels() {
    }

    /** The public model of {@code parts}. */
    public static EmberModel of(Model parts) {
        return new EmberModel(parts);
    }

    /** The parts of {@code model}. */
    public static Model parts(EmberModel model) {
        return model.model();
    }
}
