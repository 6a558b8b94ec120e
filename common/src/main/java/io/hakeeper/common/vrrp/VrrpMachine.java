package io.hakeeper.common.vrrp;

import io.hakeeper.common.vrrp.VrrpAction.CancelTimer;
import io.hakeeper.common.vrrp.VrrpAction.ConflictingMaster;
import io.hakeeper.common.vrrp.VrrpAction.ForeignRouter;
import io.hakeeper.common.vrrp.VrrpAction.MasterSeen;
import io.hakeeper.common.vrrp.VrrpAction.MasterSilent;
import io.hakeeper.common.vrrp.VrrpAction.PriorityZeroSeen;
import io.hakeeper.common.vrrp.VrrpAction.ScheduleTimer;
import io.hakeeper.common.vrrp.VrrpAction.SendAdvert;
import io.hakeeper.common.vrrp.VrrpAction.StateChanged;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One VRRP instance's state machine, RFC 3768 section 6.4 (VRRPv2) and RFC 5798 section 6.4
 * (VRRPv3), with one change that is the point of hakeeper: <b>the fence decides MASTER</b>. Where
 * the RFC would have a backup take over (Master_Down_Timer expiry) or a master yield (a better
 * advert), this machine reports a fact and stays where it is. Only {@link VrrpInput.BecomeMaster}
 * makes it master.
 *
 * <p>Pure: no I/O, no clock, no threads. {@link #on} takes one input and returns what to do. Not
 * thread-safe; the adapter feeds it from one thread.
 *
 * <p>Transitions ({@code *} = any state):
 * <pre>
 * input          from            to      actions
 * BecomeMaster   * (not MASTER)  MASTER  advert now; Adver_Timer = Advertisement_Interval
 * BecomeBackup   MASTER          BACKUP  no advert; Master_Down_Timer = Master_Down_Interval
 * BecomeBackup   INIT, FAULT     BACKUP  Master_Down_Timer = Master_Down_Interval (6.4.1)
 * Release        MASTER          BACKUP  priority-0 advert (6.4.3 shutdown); Master_Down_Timer
 * Release        INIT, FAULT     BACKUP  as BecomeBackup
 * Fault          MASTER          FAULT   priority-0 advert; no timer
 * Fault          INIT, BACKUP    FAULT   no timer
 * Stop           *               INIT    no advert, no timer
 * Tick           MASTER          MASTER  deadline reached: advert; next deadline one interval on
 * Tick           BACKUP          BACKUP  deadline reached: MasterSilent once; no timer
 * advert, member MASTER          MASTER  prio 0: advert now, Adver_Timer reset (6.4.3); else ConflictingMaster
 * advert, member BACKUP          BACKUP  prio 0: Master_Down_Timer = Skew_Time; else v3 adopts its
 *                                        interval (RFC 5798 6.4.2), Master_Down_Timer reset, MasterSeen
 * advert, member INIT, FAULT     same    MasterSeen / PriorityZeroSeen only
 * advert, other  *               same    ForeignRouter only: moves no timer
 * rejected       *               same    nothing (the adapter counts it)
 * </pre>
 *
 * <p>A backup resets its Master_Down_Timer on every member advert, whatever its priority: RFC
 * 3768's preemption rule (discard a lower-priority advert) decides who becomes master, which is
 * the fence's job here, not VRRP's.
 */
public final class VrrpMachine {

    private final VrrpMachineConfig config;
    private VrrpState state = VrrpState.INIT;
    private int priority;
    /** RFC 5798 section 6.1 Master_Adver_Interval; for VRRPv2 always our Advertisement_Interval. */
    private long masterAdverIntervalNanos;
    private boolean timerArmed;
    private long deadline;
    /** The member we last saw advertising at a non-zero priority, while it keeps advertising. */
    private InetAddress currentMaster;
    private int currentMasterPriority;
    private InetAddress lastMaster;

    public VrrpMachine(VrrpMachineConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.priority = config.priority();
        this.masterAdverIntervalNanos = config.advertIntervalNanos();
    }

    public VrrpState state() {
        return state;
    }

    public int priority() {
        return priority;
    }

    public VrrpMachineConfig config() {
        return config;
    }

    /** When the running timer fires, if one runs. */
    public OptionalLong deadline() {
        return timerArmed ? OptionalLong.of(deadline) : OptionalLong.empty();
    }

    /** The member currently advertising as master, as far as we heard; empty after silence or when we are master. */
    public Optional<InetAddress> currentMaster() {
        return Optional.ofNullable(currentMaster);
    }

    /** Master_Adver_Interval (RFC 5798 section 6.1) in nanoseconds: ours, or the v3 master's we adopted. */
    public long masterAdverIntervalNanos() {
        return masterAdverIntervalNanos;
    }

    /** Master_Down_Interval at our current priority (RFC 3768 / RFC 5798 section 6.1). */
    public long masterDownIntervalNanos() {
        return VrrpTiming.masterDownNanos(config.version(), priority, masterAdverIntervalNanos);
    }

    /** Skew_Time at our current priority (RFC 3768 / RFC 5798 section 6.1). */
    public long skewNanos() {
        return VrrpTiming.skewNanos(config.version(), priority, masterAdverIntervalNanos);
    }

    /** Applies one input and returns the actions, in the order to carry them out. */
    public List<VrrpAction> on(VrrpInput input) {
        Objects.requireNonNull(input, "input");
        List<VrrpAction> out = new ArrayList<>(3);
        long now = input.now();
        if (input instanceof VrrpInput.BecomeMaster m) {
            priority = m.priority();
            if (state != VrrpState.MASTER) {
                enterMaster(now, out);
            }
        } else if (input instanceof VrrpInput.BecomeBackup) {
            if (state != VrrpState.BACKUP) {
                enterBackup(now, out);
            }
        } else if (input instanceof VrrpInput.Release) {
            if (state == VrrpState.MASTER) {
                out.add(new SendAdvert(config.advert(VrrpProtocol.VRRP_PRIO_STOP)));
            }
            if (state != VrrpState.BACKUP) {
                enterBackup(now, out);
            }
        } else if (input instanceof VrrpInput.Fault) {
            if (state == VrrpState.MASTER) {
                out.add(new SendAdvert(config.advert(VrrpProtocol.VRRP_PRIO_STOP)));
            }
            enterQuiet(VrrpState.FAULT, out);
        } else if (input instanceof VrrpInput.Stop) {
            enterQuiet(VrrpState.INIT, out);
        } else if (input instanceof VrrpInput.SetPriority p) {
            priority = p.priority();
        } else if (input instanceof VrrpInput.Tick) {
            onTick(now, out);
        } else if (input instanceof VrrpInput.Received r) {
            if (r.result() instanceof DecodeResult.Ok ok) {
                onAdvert(now, r.source(), ok.advert(), out);
            }
        }
        return out;
    }

    private void enterMaster(long now, List<VrrpAction> out) {
        transition(VrrpState.MASTER, out);
        currentMaster = null;
        out.add(new SendAdvert(config.advert(priority)));
        arm(now + config.advertIntervalNanos(), out);
    }

    private void enterBackup(long now, List<VrrpAction> out) {
        transition(VrrpState.BACKUP, out);
        // RFC 5798 section 6.4.1: a new backup starts from its own interval until a master tells it another.
        masterAdverIntervalNanos = config.advertIntervalNanos();
        arm(now + masterDownIntervalNanos(), out);
    }

    private void enterQuiet(VrrpState to, List<VrrpAction> out) {
        transition(to, out);
        if (timerArmed) {
            timerArmed = false;
            out.add(new CancelTimer());
        }
    }

    private void onTick(long now, List<VrrpAction> out) {
        if (!timerArmed || now - deadline < 0) {
            return;
        }
        if (state == VrrpState.MASTER) {
            // RFC 3768 section 6.4.3: send an advert, reset the Adver_Timer. Counted from the deadline,
            // not from now, so a late wake-up does not push every later advert back.
            out.add(new SendAdvert(config.advert(priority)));
            long next = deadline + config.advertIntervalNanos();
            if (next - now <= 0) {
                next = now + config.advertIntervalNanos(); // we slept through whole intervals: no burst
            }
            arm(next, out);
        } else {
            // BACKUP, RFC 3768 section 6.4.2 "Master_Down_Timer fires": the RFC transitions to
            // Master; we report and stay.
            timerArmed = false;
            out.add(new CancelTimer());
            out.add(new MasterSilent(masterDownIntervalNanos(), lastMaster));
            currentMaster = null;
        }
    }

    private void onAdvert(long now, InetAddress source, VrrpAdvert advert, List<VrrpAction> out) {
        if (advert.vrid() != config.vrid() || advert.version() != config.version()
                || advert.family() != config.family()) {
            return; // another virtual router; the decoder's expectation normally drops these first
        }
        if (!config.isMember().test(source)) {
            out.add(new ForeignRouter(source, advert.priority()));
            return;
        }
        if (advert.priority() == VrrpProtocol.VRRP_PRIO_STOP) {
            onPriorityZero(now, source, out);
            return;
        }
        switch (state) {
            case MASTER -> out.add(new ConflictingMaster(source, advert.priority()));
            case BACKUP -> {
                if (config.version() == VrrpProtocol.VRRP_VERSION_3) {
                    // RFC 5798 section 6.4.2: adopt the master's interval, recompute skew and Master_Down_Interval.
                    masterAdverIntervalNanos = VrrpTiming.intervalNanos(advert.version(), advert.advertInterval());
                }
                arm(now + masterDownIntervalNanos(), out);
                seen(source, advert.priority(), out);
            }
            case INIT, FAULT -> seen(source, advert.priority(), out);
        }
    }

    private void onPriorityZero(long now, InetAddress source, List<VrrpAction> out) {
        out.add(new PriorityZeroSeen(source));
        if (source.equals(currentMaster)) {
            currentMaster = null;
        }
        if (state == VrrpState.MASTER) {
            // RFC 3768 section 6.4.3: send an advert at once and reset the Adver_Timer, so the
            // backups hear a master before their Skew_Time runs out.
            out.add(new SendAdvert(config.advert(priority)));
            arm(now + config.advertIntervalNanos(), out);
        } else if (state == VrrpState.BACKUP) {
            // RFC 3768 section 6.4.2: set the Master_Down_Timer to Skew_Time.
            arm(now + skewNanos(), out);
        }
    }

    private void seen(InetAddress source, int advertPriority, List<VrrpAction> out) {
        lastMaster = source;
        if (!source.equals(currentMaster) || advertPriority != currentMasterPriority) {
            currentMaster = source;
            currentMasterPriority = advertPriority;
            out.add(new MasterSeen(source, advertPriority));
        }
    }

    private void arm(long at, List<VrrpAction> out) {
        timerArmed = true;
        deadline = at;
        out.add(new ScheduleTimer(at));
    }

    private void transition(VrrpState to, List<VrrpAction> out) {
        if (state != to) {
            out.add(new StateChanged(state, to));
            state = to;
        }
    }
}
