package io.dbwarden.service;

import java.time.Duration;
import java.util.Map;

/**
 * How a check actually runs, for every target or one, after the check file, the configuration file and the operators'
 * settings are combined (a per-target setting over the global one, over the configuration, over the file).
 *
 * @param interval       {@code rare}, {@code standard}, {@code frequent} or a duration such as {@code 6h}
 * @param intervalLength what that interval is with the configured interval lengths
 * @param params         every parameter of the check with its value in force
 */
public record EffectiveSettings(boolean enabled, String interval, Duration intervalLength, Map<String, Object> params) {
}
