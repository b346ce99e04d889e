package dev.flexlex.it.lex;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test methods one {@link LexSqsFixture} for the whole run (starting ElasticMQ and the local Lex takes
 * seconds); JUnit closes it, an {@link AutoCloseable} in the root store, when the run ends. Each test still makes
 * its own queues and chat SIDs.
 */
final class LexSqsServers implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LexSqsFixture.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(LexSqsFixture.class, key -> start(), LexSqsFixture.class);
    }

    private static LexSqsFixture start() {
        try {
            return new LexSqsFixture();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start ElasticMQ and the local Lex", e);
        }
    }
}
