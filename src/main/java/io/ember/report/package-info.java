/**
 * The self-contained HTML report of a run folder, with its SVG charts. Only the command line uses it,
 * and {@code TrainingRun}, which ends a run in a folder with its report.
 */
package io.ember.report;
