package io.hakeeper.agent.ipvs;

/** Whether a virtual server's live real servers weigh enough (keepalived's {@code quorum}). */
public enum QuorumState { UP, DOWN }
