package io.hakeeper.common.config.model;

/**
 * {@code vrrp_track_file NAME}: a file holding a number; the number times {@code weight} adds to
 * the priority, and with weight 0 a non-zero number is a FAULT. {@code initValue} is written when
 * {@code init_file} is given and the file is missing (or always, with {@code overwrite}).
 */
public record TrackFileDef(String name, String file, int weight, boolean weightReverse,
                           Integer initValue, boolean initOverwrite) {
}
