package io.hakeeper.common.config.model;

import java.util.List;

/**
 * {@code vrrp_script NAME}: a health command run every {@code intervalSec}. {@code weight} is
 * added while passing (positive) or subtracted while failing (negative); {@code reverse} swaps
 * that. {@code weight == 0} makes a failure a FAULT. {@code rise}/{@code fall} are consecutive
 * results needed to change state. {@code user}/{@code group} null means {@code script_user}.
 */
public record VrrpScript(
        String name,
        List<String> command,
        int intervalSec,
        int timeoutSec,
        int weight,
        boolean weightReverse,
        int rise,
        int fall,
        boolean initFail,
        String user,
        String group) {

    public VrrpScript {
        command = List.copyOf(command);
    }
}
