package io.hakeeper.lab;

/**
 * What runs on the lab's directors during a bench: hakeeper's agents, or Debian's keepalived
 * (VRRP only) on the same topology and the same config files. Each drives the lab through bin/lab.
 */
interface Directors {

    String name();

    /**
     * Starts this system on every director (stopping the other one). Faults of the network,
     * the clock and ZooKeeper are the bench's own; inject and recover are the daemon's faults.
     */
    void start() throws Exception;

    /** Why the scenario makes no sense for this system, or null when it does. */
    String notApplicable(Scenario scenario);

    void inject(Scenario scenario, String holder) throws Exception;

    /** Undoes the fault so that {@code holder} can rejoin (and take the VIP back: preempt). */
    void recover(Scenario scenario, String holder) throws Exception;

    /** Stops and starts the node's daemon: the bench's way out of a recovery that got stuck. */
    void restart(String node) throws Exception;

    /** Leaves the lab as bin/lab up made it. */
    void stop() throws Exception;

    /** hakeeper's agents. */
    record Hakeeper(LabControl lab) implements Directors {
        @Override
        public String name() {
            return "hakeeper";
        }

        @Override
        public void start() throws Exception {
            lab.lab("start", "lb01", "lb02");
        }

        @Override
        public String notApplicable(Scenario scenario) {
            return null;
        }

        @Override
        public void inject(Scenario scenario, String holder) throws Exception {
            switch (scenario) {
                case KILL9, KILL9_IPV6 -> lab.lab("kill", holder, "KILL");
                case SIGSTOP -> lab.lab("kill", holder, "STOP");
                case GRACEFUL, GRACEFUL_IPV6 -> lab.lab("kill", holder, "TERM");
                case ZK_PARTITION -> lab.lab("partition", holder, "on");
                case HEALTH -> lab.lab("health", holder, "fail");
                case SWITCHOVER, SWITCH_BACK, ZK_LEADER_HANDOVER -> lab.lab("switchover");
                default -> throw new IllegalArgumentException(scenario.id + " is not a fault of the directors' daemon");
            }
        }

        @Override
        public void recover(Scenario scenario, String holder) throws Exception {
            switch (scenario) {
                case KILL9, GRACEFUL, KILL9_IPV6, GRACEFUL_IPV6 -> {
                    lab.lab("stop", holder); // waits until the killed or stopping process is gone
                    lab.lab("start", holder);
                }
                case SIGSTOP -> lab.lab("kill", holder, "CONT");
                case ZK_PARTITION -> lab.lab("partition", holder, "off");
                case HEALTH -> lab.lab("health", holder, "ok");
                default -> {
                    // switchovers: preempt, the holder takes the VIP back after its preempt_delay by itself
                }
            }
        }

        @Override
        public void restart(String node) throws Exception {
            lab.lab("stop", node);
            lab.lab("start", node);
        }

        @Override
        public void stop() {
            // the lab's normal state
        }
    }

    /** Debian's keepalived with the same config files, VRRP only. */
    record Keepalived(LabControl lab) implements Directors {
        @Override
        public String name() {
            return "keepalived";
        }

        @Override
        public void start() throws Exception {
            lab.lab("stop", "lb01", "lb02");
            lab.lab("keepalived", "lb01", "start");
            lab.lab("keepalived", "lb02", "start");
        }

        @Override
        public String notApplicable(Scenario scenario) {
            return switch (scenario) {
                case ZK_PARTITION, ZK_LEADER -> "keepalived does not use ZooKeeper";
                case SWITCHOVER, SWITCH_BACK, ZK_LEADER_HANDOVER -> "keepalived has no switchover command";
                default -> null;
            };
        }

        @Override
        public void inject(Scenario scenario, String holder) throws Exception {
            switch (scenario) {
                case KILL9, KILL9_IPV6 -> lab.lab("keepalived", holder, "kill", "KILL");
                case SIGSTOP -> lab.lab("keepalived", holder, "kill", "STOP");
                case GRACEFUL, GRACEFUL_IPV6 -> lab.lab("keepalived", holder, "kill", "TERM");
                case HEALTH -> lab.lab("health", holder, "fail");
                default -> throw new IllegalArgumentException(notApplicable(scenario));
            }
        }

        @Override
        public void recover(Scenario scenario, String holder) throws Exception {
            switch (scenario) {
                case KILL9, GRACEFUL, KILL9_IPV6, GRACEFUL_IPV6 -> {
                    // stop also deletes the VIP a killed keepalived left behind
                    lab.lab("keepalived", holder, "stop");
                    lab.lab("keepalived", holder, "start");
                }
                case SIGSTOP -> lab.lab("keepalived", holder, "kill", "CONT");
                case HEALTH -> lab.lab("health", holder, "ok");
                default -> throw new IllegalArgumentException(notApplicable(scenario));
            }
        }

        @Override
        public void restart(String node) throws Exception {
            lab.lab("keepalived", node, "stop");
            lab.lab("keepalived", node, "start");
        }

        @Override
        public void stop() throws Exception {
            lab.lab("keepalived", "lb01", "stop");
            lab.lab("keepalived", "lb02", "stop");
            lab.lab("start", "lb01", "lb02");
        }
    }
}
