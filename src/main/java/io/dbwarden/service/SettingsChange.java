package io.dbwarden.service;

import java.util.Map;
import java.util.Optional;

/**
 * A new setting for a check, replacing the previous one of the same scope whole (PUT semantics): an empty value
 * inherits again. Not yet validated: {@link CheckSettings#put} checks the interval and the parameter names.
 *
 * @param interval {@code rare}, {@code standard}, {@code frequent} or a duration such as {@code 6h}
 * @param params   parameter overrides, values as check files hold them (Long, Double, Boolean, String, lists, maps);
 *                 may be null
 */
public record SettingsChange(Optional<Boolean> enabled, Optional<String> interval, Map<String, Object> params) {
}
