package io.hakeeper.common.zk;

/**
 * A JSON record stored in a znode of the layout ({@link ZkLayout}). Only these types go through
 * {@link RecordCodec}, which adds and checks the {@code schema} field around them.
 */
public sealed interface ZkRecord
        permits NodeRecord, MemberRecord, HolderRecord, EventRecord, SwitchoverRequest, DrainRequest, RealServerView {
}
