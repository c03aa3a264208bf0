package io.ember;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The public API's signatures use only documented types: the API classes themselves (those
 * {@link JavadocTest} documents, plus the Spark ML stages) and JDK, Scala and Spark types, never
 * Ember's internals such as {@code io.ember.data.LabelMapping} or {@code io.ember.nn.NetworkSpec}.
 */
class ApiExposureTest {
    static final List<Class<?>> API = List.of(Ember.class, EmberModel.class, BatchPredictor.class,
            BatchPredictor.RowReader.class, BatchPredictor.RowWriter.class, TrainingSummary.class, EpochSummary.class,
            TrainingProgress.class, io.ember.config.Settings.class, io.ember.config.Settings.Entry.class,
            io.ember.config.ConfigException.class, io.ember.eval.Evaluation.class,
            io.ember.eval.ClassificationEvaluation.class, io.ember.eval.RegressionEvaluation.class,
            io.ember.spark.SparkSetup.class, io.ember.ml.EmberClassifier.class,
            io.ember.ml.EmberClassificationModel.class, io.ember.ml.EmberRegressor.class,
            io.ember.ml.EmberRegressionModel.class, io.ember.ml.EmberParams.class, io.ember.ml.FittedEmberStage.class);

    @Test
    void publicSignaturesUseOnlyDocumentedTypes() {
        Set<String> problems = new TreeSet<>();
        for (Class<?> c : API) {
            List<Type> types = new ArrayList<>();
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic()) {
                    types.add(m.getGenericReturnType());
                    types.addAll(List.of(m.getGenericParameterTypes()));
                    types.addAll(List.of(m.getGenericExceptionTypes()));
                }
            }
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (Modifier.isPublic(k.getModifiers())) {
                    types.addAll(List.of(k.getGenericParameterTypes()));
                }
            }
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isPublic(f.getModifiers())) {
                    types.add(f.getGenericType());
                }
            }
            types.add(c.getGenericSuperclass());
            types.addAll(List.of(c.getGenericInterfaces()));
            for (Type t : types) {
                check(c, t, problems);
            }
        }
        assertEquals(Set.of(), problems);
    }

    private static void check(Class<?> owner, Type t, Set<String> problems) {
        if (t == null) {
            return;
        }
        if (t instanceof ParameterizedType p) {
            check(owner, p.getRawType(), problems);
            for (Type a : p.getActualTypeArguments()) {
                check(owner, a, problems);
            }
        } else if (t instanceof WildcardType w) {
            for (Type b : w.getUpperBounds()) {
                check(owner, b, problems);
            }
        } else if (t instanceof Class<?> c) {
            Class<?> e = c;
            while (e.isArray()) {
                e = e.getComponentType();
            }
            if (e.getName().startsWith("io.ember.") && !API.contains(e)) {
                problems.add(owner.getSimpleName() + " exposes " + e.getName());
            }
        }
    }
}
