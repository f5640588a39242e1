package org.educloud.appcenter.deployment.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AppLivenessTest {

    @Test
    void aComponentFailureIsReducedToItsRootCause() {
        String trace = """
                java.lang.reflect.InvocationTargetException
                \tat java.base/jdk.internal.reflect.NativeConstructorAccessorImpl.newInstance0(Native Method)
                \tat org.apache.felix.scr.impl.inject.internal.ComponentConstructorImpl.newInstance(ComponentConstructorImpl.java:326)
                Caused by: java.lang.IllegalStateException: the test app refuses to start
                \tat org.example.ThrowingComponent.<init>(ThrowingComponent.java:10)
                """;
        assertEquals("java.lang.IllegalStateException: the test app refuses to start", AppLiveness.rootCause(trace));
        assertEquals("java.lang.NullPointerException: x", AppLiveness.rootCause("java.lang.NullPointerException: x\n\tat a.b(C.java:1)"));
        assertEquals("no reason given", AppLiveness.rootCause(null));
    }

    @Test
    void bundleStatesAreNamedWithWhatTheyMean() {
        assertEquals("INSTALLED (not resolved: a package it imports is missing)", AppLiveness.stateName(org.osgi.framework.Bundle.INSTALLED));
    }
}
