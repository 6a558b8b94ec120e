package io.hakeeper.lab;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hakeeper.lab.netns.Shell;

/** Skips, saying why, the tests this machine cannot run. */
public final class LabAssumptions {

    private LabAssumptions() {
    }

    /** Namespace labs need root and iproute2. */
    public static void assumeNamespaces() {
        assumeTrue(Shell.whyNoNamespaces().isEmpty(),
                () -> "namespace lab skipped: " + Shell.whyNoNamespaces().orElse(""));
    }
}
