/**
 * A trained model's parts as one checked record ({@link io.ember.model.Model}): what training
 * produces, what model files hold and what the public EmberModel wraps. Uses nn and data.
 */
package io.ember.model;
