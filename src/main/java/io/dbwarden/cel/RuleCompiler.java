package io.dbwarden.cel;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelBuilder;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import io.dbwarden.password.PasswordDictionary;
import io.dbwarden.password.WeakPasswordDetector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compiles check rules once, at load. The compiler is immutable and thread-safe; every rule sees
 * its own queries as lists of rows plus the built-in facts.
 */
public final class RuleCompiler {

    private static final CelType ROW = MapType.create(SimpleType.STRING, SimpleType.DYN);
    private static final CelType ROWS = ListType.create(ROW);

    private final Cel base;

    /** A compiler whose weak-password functions use the built-in dictionary. */
    public RuleCompiler() {
        this(PasswordDictionary.builtIn());
    }

    /** A compiler whose weak-password functions try {@code dictionary} (e.g. from --password-dictionary). */
    public RuleCompiler(PasswordDictionary dictionary) {
        WeakPasswordDetector passwords = new WeakPasswordDetector(dictionary);
        CelOptions options = CelOptions.current()
                .comprehensionMaxIterations(RuleLimits.MAX_COMPREHENSION_ITERATIONS)
                .maxParseExpressionNodeCount(RuleLimits.MAX_EXPRESSION_NODES)
                .maxExpressionCodePointSize(RuleLimits.MAX_EXPRESSION_CHARS)
                .enableHeterogeneousNumericComparisons(true)
                .build();
        CelBuilder builder = CelFactory.standardCelBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addFunctionDeclarations(RuleFunctions.declarations())
                .addFunctionBindings(RuleFunctions.bindings())
                .addFunctionBindings(RuleFunctions.passwordBindings(passwords));
        for (BuiltinFact fact : BuiltinFact.values()) {
            builder.addVar(fact.variable(), MapType.create(SimpleType.STRING, SimpleType.DYN));
        }
        this.base = builder.build();
    }

    /**
     * Compiles {@code expression}, which may refer to the given query names as lists of rows. Whatever goes wrong,
     * including a compiler that runs out of stack, ends as a {@link RuleCompileException}.
     */
    public CompiledRule compile(String expression, Collection<String> queryNames) throws RuleCompileException {
        if (expression.length() > RuleLimits.MAX_EXPRESSION_CHARS) {
            throw new RuleCompileException(List.of(new RuleCompileException.Problem(1, 1, "the rule has "
                    + expression.length() + " characters; a rule may have at most " + RuleLimits.MAX_EXPRESSION_CHARS)));
        }
        try {
            return compileChecked(expression, queryNames);
        } catch (StackOverflowError | RuntimeException e) {
            throw new RuleCompileException(List.of(new RuleCompileException.Problem(1, 1,
                    "the rule could not be compiled (" + e.getClass().getSimpleName() + "); simplify it")));
        }
    }

    private CompiledRule compileChecked(String expression, Collection<String> queryNames) throws RuleCompileException {
        CelBuilder builder = base.toCelBuilder();
        for (String query : queryNames) {
            builder.addVar(query, ROWS);
        }
        Cel cel = builder.build();
        CelValidationResult result = cel.compile(expression);
        if (result.hasError()) {
            throw new RuleCompileException(problems(result.getErrors()));
        }
        try {
            CelAbstractSyntaxTree ast = result.getAst();
            CompiledRule.Shape shape = shapeOf(ast.getResultType());
            CelNavigableAst navigable = CelNavigableAst.fromAst(ast);
            return new CompiledRule(expression, cel.createProgram(ast), shape,
                    referencedFacts(navigable), outputKeys(navigable), accumulatorSteps(navigable));
        } catch (dev.cel.common.CelValidationException | CelEvaluationException e) {
            throw new RuleCompileException(List.of(new RuleCompileException.Problem(1, 1, e.getMessage())));
        }
    }

    private static CompiledRule.Shape shapeOf(CelType type) throws RuleCompileException {
        if (type.equals(SimpleType.BOOL)) {
            return CompiledRule.Shape.BOOL;
        }
        if (type.kind() == CelKind.LIST) {
            CelType element = ((ListType) type).elemType();
            if (element.kind() == CelKind.MAP || element.kind() == CelKind.DYN) {
                return CompiledRule.Shape.LIST;
            }
        }
        if (type.kind() == CelKind.DYN) {
            return CompiledRule.Shape.DYNAMIC;
        }
        throw new RuleCompileException(List.of(new RuleCompileException.Problem(1, 1,
                "rule must return a bool or a list of maps, but returns " + type.name())));
    }

    private static List<RuleCompileException.Problem> problems(List<CelIssue> issues) {
        List<RuleCompileException.Problem> problems = new ArrayList<>();
        for (CelIssue issue : issues) {
            int line = Math.max(1, issue.getSourceLocation().getLine());
            int column = Math.max(0, issue.getSourceLocation().getColumn()) + 1;
            problems.add(new RuleCompileException.Problem(line, column, issue.getMessage()));
        }
        return problems;
    }

    private static Set<BuiltinFact> referencedFacts(CelNavigableAst ast) {
        Set<BuiltinFact> facts = EnumSet.noneOf(BuiltinFact.class);
        ast.getRoot().allNodes()
                .filter(n -> n.getKind() == CelExpr.ExprKind.Kind.IDENT)
                .forEach(n -> BuiltinFact.forVariable(n.expr().ident().name()).ifPresent(facts::add));
        return facts;
    }

    /**
     * The calls by which comprehensions (map, filter) append to their accumulator: {@code @result + [x]}. They hand
     * back a growing list whose elements are counted as they are built, so {@link EvaluationBudget} does not count
     * the list again at every step.
     */
    private static Set<Long> accumulatorSteps(CelNavigableAst ast) {
        Set<Long> steps = new java.util.HashSet<>();
        ast.getRoot().allNodes()
                .filter(n -> n.getKind() == CelExpr.ExprKind.Kind.COMPREHENSION)
                .map(n -> n.expr().comprehension())
                .forEach(c -> CelNavigableExpr.fromExpr(c.loopStep()).allNodes()
                        .map(CelNavigableExpr::expr)
                        .filter(e -> e.exprKind().getKind() == CelExpr.ExprKind.Kind.CALL
                                && e.call().function().equals("_+_")
                                && !e.call().args().isEmpty()
                                && e.call().args().get(0).exprKind().getKind() == CelExpr.ExprKind.Kind.IDENT
                                && e.call().args().get(0).ident().name().equals(c.accuVar()))
                        .forEach(e -> steps.add(e.id())));
        return steps;
    }

    /** Keys of the map literals a rule builds: the fields its findings can carry. */
    private static Set<String> outputKeys(CelNavigableAst ast) {
        Set<String> keys = new TreeSet<>();
        ast.getRoot().allNodes()
                .filter(n -> n.getKind() == CelExpr.ExprKind.Kind.MAP)
                .map(CelNavigableExpr::expr)
                .forEach(e -> e.map().entries().forEach(entry -> {
                    CelExpr key = entry.key();
                    if (key.exprKind().getKind() == CelExpr.ExprKind.Kind.CONSTANT
                            && key.constant().getKind() == dev.cel.common.ast.CelConstant.Kind.STRING_VALUE) {
                        keys.add(key.constant().stringValue());
                    }
                }));
        return keys;
    }
}
