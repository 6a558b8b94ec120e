package io.hakeeper.common.config.model;

/**
 * A reference from an instance to a tracker: a {@code vrrp_script} name, an interface, or a
 * {@code vrrp_track_file} name. {@code weight} null means the tracker's own weight
 * (or 0 for interfaces: a down link is a FAULT).
 */
public record TrackRef(String name, Integer weight, boolean weightReverse) {
}
