/** {@code scripts/bench}: the performance benchmark and its measurements. Nothing depends on it. */
package io.ember.bench;
