package io.hakeeper.controller.zk;

/** One or more ZooKeeper operations, run through {@link ZkSession#read} or {@link ZkSession#write}. */
@FunctionalInterface
public interface ZkCall<T> {
    T call() throws Exception;
}
