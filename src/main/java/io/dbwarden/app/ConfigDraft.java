package io.dbwarden.app;

import io.dbwarden.web.ApiToken;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Settings as read, before they are combined into a {@link ServiceConfig}: text values with where each came from,
 * and the structured parts of the file already built. Later sources replace earlier ones setting by setting.
 */
final class ConfigDraft {

    /** One value as written, and where: {@code file:line:col}, an environment variable or a flag. */
    record Text(String text, String where) {
    }

    /** A setting's text values (one for a scalar) and where the setting as a whole came from. */
    record Texts(List<Text> items, String where) {
        Texts {
            items = List.copyOf(items);
        }
    }

    private final Map<Setting, Texts> texts = new EnumMap<>(Setting.class);
    final List<ConfigProblem> problems = new ArrayList<>();
    List<TargetDefinition> fileTargets = List.of();
    List<AlertmanagerConfig> fileAlertmanagers = List.of();
    List<ApiToken> fileTokens = List.of();
    Map<String, CheckOverride> overrides = Map.of();

    void put(Setting setting, Texts value) {
        texts.put(setting, value);
    }

    Optional<Texts> get(Setting setting) {
        return Optional.ofNullable(texts.get(setting));
    }

    void problem(String where, String message) {
        problems.add(new ConfigProblem(where, message));
    }
}
