package org.educloud.kernel.itests;

/**
 * Packed into a test app by HotDeployIT as an immediate Declarative Services component whose
 * activation throws, like an app with a bug at start.
 */
public class ThrowingComponent {

    public ThrowingComponent() {
        throw new IllegalStateException("the test app refuses to start");
    }
}
