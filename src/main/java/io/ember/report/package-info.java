/**
 * The self-contained HTML report of a run folder, with its SVG charts. Nothing depends on it but
 * the command line and the run behind the API ({@code io.ember.TrainingRun}).
 */
package io.ember.report;
