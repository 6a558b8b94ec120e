package io.hakeeper.agent.ipvs;

import java.util.Objects;

/**
 * One change to the kernel's IPVS table: one generic netlink request. The records carry exactly
 * what the request needs; the edits also carry the value they replace, for logs and dry runs.
 */
public sealed interface IpvsOp {

    /** The service this op acts on; ops on different services never depend on each other. */
    IpvsServiceKey serviceKey();

    /** The {@code IPVS_CMD_*} that carries it. */
    int command();

    /** IPVS_CMD_NEW_SERVICE: create a service without destinations. */
    record NewService(IpvsService service) implements IpvsOp {
        public NewService {
            Objects.requireNonNull(service, "service");
        }

        @Override
        public IpvsServiceKey serviceKey() {
            return service.key();
        }

        @Override
        public int command() {
            return IpvsGenl.IPVS_CMD_NEW_SERVICE;
        }

        @Override
        public String toString() {
            return "add service " + service;
        }
    }

    /**
     * IPVS_CMD_SET_SERVICE: replace scheduler, flags, timeout and netmask of an existing service in
     * place (ip_vs_edit_service), keeping its destinations and connections.
     */
    record EditService(IpvsService from, IpvsService to) implements IpvsOp {
        public EditService {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (!from.key().equals(to.key())) {
                throw new IllegalArgumentException("an edit keeps the service key: " + from.key() + " vs " + to.key());
            }
        }

        @Override
        public IpvsServiceKey serviceKey() {
            return to.key();
        }

        @Override
        public int command() {
            return IpvsGenl.IPVS_CMD_SET_SERVICE;
        }

        @Override
        public String toString() {
            return "edit service " + to.key() + ": " + from.settings() + " -> " + to.settings();
        }
    }

    /** IPVS_CMD_DEL_SERVICE: the kernel drops the service's destinations with it. */
    record DeleteService(IpvsServiceKey key) implements IpvsOp {
        public DeleteService {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public IpvsServiceKey serviceKey() {
            return key;
        }

        @Override
        public int command() {
            return IpvsGenl.IPVS_CMD_DEL_SERVICE;
        }

        @Override
        public String toString() {
            return "delete service " + key;
        }
    }

    /** IPVS_CMD_NEW_DEST. */
    record NewDest(IpvsServiceKey service, IpvsDestination destination) implements IpvsOp {
        public NewDest {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(destination, "destination");
        }

        @Override
        public IpvsServiceKey serviceKey() {
            return service;
        }

        @Override
        public int command() {
            return IpvsGenl.IPVS_CMD_NEW_DEST;
        }

        @Override
        public String toString() {
            return "add destination " + destination + " to " + service;
        }
    }

    /** IPVS_CMD_SET_DEST: change method, weight, thresholds or tunnel options in place. */
    record EditDest(IpvsServiceKey service, IpvsDestination from, IpvsDestination to) implements IpvsOp {
        public EditDest {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (!from.key().equals(to.key())) {
                throw new IllegalArgumentException("an edit keeps the destination key: " + from.key() + " vs " + to.key());
            }
        }

        @Override
        public IpvsServiceKey serviceKey() {
            return service;
        }

        @Override
        public int command() {
            return IpvsGenl.IPVS_CMD_SET_DEST;
        }

        @Override
        public String toString() {
            return "edit destination " + to.key() + " of " + service + ": " + from + " -> " + to;
        }
    }

    /** IPVS_CMD_DEL_DEST. */
    record DeleteDest(IpvsServiceKey service, IpvsDestination destination) implements IpvsOp {
        public DeleteDest {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(destination, "destination");
        }

        @Override
        public IpvsServiceKey serviceKey() {
            return service;
        }

        @Override
        public int command() {
            return IpvsGenl.IPVS_CMD_DEL_DEST;
        }

        @Override
        public String toString() {
            return "delete destination " + destination.key() + " from " + service;
        }
    }
}
