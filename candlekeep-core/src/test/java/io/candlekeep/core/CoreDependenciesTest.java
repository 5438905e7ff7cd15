package io.candlekeep.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The core stays framework-free: no Spring, no JDBC, no HTTP client. */
final class CoreDependenciesTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.candlekeep.core");

    @Test
    void core_importsNoSpringJdbcOrHttpClient() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "java.sql..", "javax.sql..", "java.net.http..",
                        "okhttp3..", "org.apache.http..", "org.apache.hc..", "jakarta.servlet..",
                        "org.flywaydb..", "com.zaxxer..", "org.sqlite..", "org.postgresql..")
                .because("candlekeep-core is the framework-free domain (DESIGN §2)")
                .check(CORE);
    }

    @Test
    void core_isNotEmpty() {
        // guards the rule above against passing vacuously when the package is renamed
        org.assertj.core.api.Assertions.assertThat(CORE.size()).isGreaterThan(5);
    }
}
