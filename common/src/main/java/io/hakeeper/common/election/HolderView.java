package io.hakeeper.common.election;

/**
 * The instance's {@code holder} znode as the evaluator sees it.
 *
 * @param node the HolderRecord's node
 * @param sessionId the session that owns the holder znode ({@code ephemeralOwner}); the holder is
 *                  "us" only when this is our current session
 * @param observedSinceMs on the evaluator's monotonic clock: when it first saw this holder (for
 *                        our own tenure: when our claim succeeded). keepalived counts
 *                        {@code preempt_delay} from "seeing a lower priority master"; this is that moment.
 */
public record HolderView(String node, long sessionId, long observedSinceMs) {

    public HolderView {
        if (node == null) {
            throw new IllegalArgumentException("node is missing");
        }
    }
}
