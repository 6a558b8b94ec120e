package io.hakeeper.agent.ipvs;

/**
 * Traffic counters of a service or destination: the {@code IPVS_STATS_ATTR_*} nested in
 * {@code IPVS_SVC_ATTR_STATS64} / {@code IPVS_DEST_ATTR_STATS64} (all u64), or in the older
 * {@code _STATS} (u32 except the byte counts) when the kernel predates the 64-bit ones
 * (include/uapi/linux/ip_vs.h). Observations, never reconciled.
 *
 * @param conns      IPVS_STATS_ATTR_CONNS: connections scheduled
 * @param inPackets  IPVS_STATS_ATTR_INPKTS
 * @param outPackets IPVS_STATS_ATTR_OUTPKTS
 * @param inBytes    IPVS_STATS_ATTR_INBYTES
 * @param outBytes   IPVS_STATS_ATTR_OUTBYTES
 * @param cps        IPVS_STATS_ATTR_CPS: current connection rate
 * @param inPps      IPVS_STATS_ATTR_INPPS
 * @param outPps     IPVS_STATS_ATTR_OUTPPS
 * @param inBps      IPVS_STATS_ATTR_INBPS
 * @param outBps     IPVS_STATS_ATTR_OUTBPS
 */
public record IpvsStats(long conns, long inPackets, long outPackets, long inBytes, long outBytes,
                        long cps, long inPps, long outPps, long inBps, long outBps) {

    public static final IpvsStats ZERO = new IpvsStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    // enum IPVS_STATS_ATTR_* (include/uapi/linux/ip_vs.h).
    public static final int IPVS_STATS_ATTR_CONNS = 1;
    public static final int IPVS_STATS_ATTR_INPKTS = 2;
    public static final int IPVS_STATS_ATTR_OUTPKTS = 3;
    public static final int IPVS_STATS_ATTR_INBYTES = 4;
    public static final int IPVS_STATS_ATTR_OUTBYTES = 5;
    public static final int IPVS_STATS_ATTR_CPS = 6;
    public static final int IPVS_STATS_ATTR_INPPS = 7;
    public static final int IPVS_STATS_ATTR_OUTPPS = 8;
    public static final int IPVS_STATS_ATTR_INBPS = 9;
    public static final int IPVS_STATS_ATTR_OUTBPS = 10;
    /** IPVS_STATS_ATTR_PAD: alignment filler the kernel inserts before u64 values (nla_put_u64_64bit). */
    public static final int IPVS_STATS_ATTR_PAD = 11;
}
