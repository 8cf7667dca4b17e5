package io.micronaut.openapi.generator;

/**
 * openapi-generator-maven-plugin instantiates a generator named by class through its public
 * no-argument constructor. micronaut-openapi-generator 6.19.1 keeps that constructor
 * package-private (its own entry point is the Micronaut build plugins), so this subclass, in the
 * same package, only makes it public. Everything else is Micronaut's generator unchanged.
 */
public class LedgerlineServerCodegen extends JavaMicronautServerCodegen {

    public LedgerlineServerCodegen() {
        super();
    }
}
