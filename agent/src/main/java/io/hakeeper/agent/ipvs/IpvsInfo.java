package io.hakeeper.agent.ipvs;

/**
 * The reply to {@code IPVS_CMD_GET_INFO}: {@code IPVS_INFO_ATTR_VERSION} and
 * {@code IPVS_INFO_ATTR_CONN_TAB_SIZE}, as {@code ipvsadm -L}'s first line shows them.
 */
public record IpvsInfo(int version, int connTabSize) {

    /** What a stock kernel reports: version 1.2.1 and 4096 connection hash buckets (ip_vs_conn_tab_bits = 12). */
    public static final IpvsInfo STOCK = new IpvsInfo(IpvsGenl.IP_VS_VERSION_CODE, 4096);

    /** {@code 1.2.1}: the three bytes of the version code (ip_vs.h's NVERSION). */
    public String versionText() {
        return ((version >> 16) & 0xff) + "." + ((version >> 8) & 0xff) + "." + (version & 0xff);
    }
}
