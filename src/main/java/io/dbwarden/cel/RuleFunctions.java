package io.dbwarden.cel;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import io.dbwarden.units.ByteSize;
import java.util.List;

/** Functions dbwarden adds to CEL for things a rule cannot express safely on its own. */
final class RuleFunctions {

    private RuleFunctions() {}

    static List<CelFunctionDecl> declarations() {
        return List.of(
                CelFunctionDecl.newFunctionDeclaration("format_bytes",
                        CelOverloadDecl.newGlobalOverload("format_bytes_int", SimpleType.STRING, SimpleType.INT),
                        CelOverloadDecl.newGlobalOverload("format_bytes_double", SimpleType.STRING, SimpleType.DOUBLE)),
                CelFunctionDecl.newFunctionDeclaration("is_loopback",
                        CelOverloadDecl.newGlobalOverload("is_loopback_string", SimpleType.BOOL, SimpleType.STRING)),
                CelFunctionDecl.newFunctionDeclaration("is_private_network",
                        CelOverloadDecl.newGlobalOverload("is_private_network_string", SimpleType.BOOL, SimpleType.STRING)),
                CelFunctionDecl.newFunctionDeclaration("percent",
                        CelOverloadDecl.newGlobalOverload("percent_double", SimpleType.STRING, SimpleType.DOUBLE)));
    }

    static List<CelFunctionBinding> bindings() {
        return List.of(
                CelFunctionBinding.from("format_bytes_int", Long.class, ByteSize::format),
                CelFunctionBinding.from("format_bytes_double", Double.class, d -> ByteSize.format(Math.round(d))),
                CelFunctionBinding.from("is_loopback_string", String.class, HostPatterns::isLoopback),
                CelFunctionBinding.from("is_private_network_string", String.class, HostPatterns::isPrivateNetwork),
                CelFunctionBinding.from("percent_double", Double.class, RuleFunctions::percent));
    }

    /** Formats a ratio such as 0.123 as "12.3 %". */
    static String percent(double ratio) {
        return String.format(java.util.Locale.ROOT, "%.1f %%", ratio * 100);
    }
}
