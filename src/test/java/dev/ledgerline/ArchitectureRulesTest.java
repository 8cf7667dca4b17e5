package dev.ledgerline;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cycle rule of {@link ArchitectureTest}, run on two small fixtures: it reports a cycle
 * between two packages that import each other, and none where the imports go one way.
 */
class ArchitectureRulesTest {

    @Test
    void cycleRuleReportsPackagesThatImportEachOther() {
        JavaClasses classes = new ClassFileImporter().importPackages("dev.ledgerline.archfixture.cycle");
        var result = SlicesRuleDefinition.slices().matching("dev.ledgerline.archfixture.cycle.(*)..").should().beFreeOfCycles()
                .evaluate(classes);
        assertTrue(result.hasViolation(), "left <-> right is a cycle");
        assertTrue(result.getFailureReport().toString().contains("Cycle detected"), result.getFailureReport().toString());
    }

    @Test
    void cycleRuleAcceptsOneWayDependencies() {
        JavaClasses classes = new ClassFileImporter().importPackages("dev.ledgerline.archfixture.oneway");
        var result = SlicesRuleDefinition.slices().matching("dev.ledgerline.archfixture.oneway.(*)..").should().beFreeOfCycles()
                .evaluate(classes);
        assertFalse(result.hasViolation(), result.getFailureReport().toString());
    }
}
