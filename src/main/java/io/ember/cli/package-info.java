/** The {@code ember} command line: train, evaluate, predict, inspect, report. Nothing depends on it. */
package io.ember.cli;
