/**
 * The self-contained HTML report of a run folder, with its SVG charts. Only the command line and
 * the run behind the API ({@code io.ember.TrainingRun}) use it.
 */
package io.ember.report;
