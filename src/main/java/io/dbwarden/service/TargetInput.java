package io.dbwarden.service;

import io.dbwarden.host.HostSpec;
import java.util.Map;

/**
 * A target as a client sends it, not yet validated: {@link Inventory#create} and {@link Inventory#update} check it
 * and refuse it with a {@link ServiceException} naming what is wrong.
 *
 * @param name   the target's name; on update it may be null (the name in the path counts) or must be the same
 * @param dsn    {@code postgresql://…} or {@code mysql://…}; a password by reference ({@code ?password=env:NAME})
 * @param labels copied onto every finding of the target; may be null
 * @param host   declared host facts; may be null
 */
public record TargetInput(String name, String dsn, Map<String, String> labels, HostSpec host) {
}
