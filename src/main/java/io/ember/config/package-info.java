/**
 * Settings as data: the declaration of a setting ({@link io.ember.config.Setting}: key, type, default,
 * range, documentation, whether it may change on resume, owner), raw values with their origins
 * ({@link io.ember.config.Settings}: conf files, command line, code) and the validated
 * {@link io.ember.config.Config}. Knows no particular setting: components declare their own.
 * Uses nothing else of Ember's.
 */
package io.ember.config;
