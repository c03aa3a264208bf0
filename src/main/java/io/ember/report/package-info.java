/** The self-contained HTML report of a run folder, with its SVG charts. Only the command line uses it. */
package io.ember.report;
