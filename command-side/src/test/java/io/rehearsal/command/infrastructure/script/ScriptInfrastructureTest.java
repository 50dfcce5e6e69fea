package io.rehearsal.command.infrastructure.script;

import io.rehearsal.api.DrTestId;
import io.rehearsal.api.FailoverStep;
import io.rehearsal.command.infrastructure.StepOutcome;
import io.rehearsal.command.infrastructure.StepRequest;
import io.rehearsal.command.infrastructure.StepRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The script provider against real shell scripts. */
class ScriptInfrastructureTest {

    private static final DrTestId TEST = DrTestId.of("5d1c0b7a-3e2f-4a19-8c6d-2b9e0f1a7c33");

    @TempDir
    Path scripts;
    @TempDir
    Path data;

    @Test
    void aSuccessfulScriptReportsTheFactsOnItsLastLineAndKeepsItsStandardError() throws Exception {
        script(FailoverStep.PROVISION_NETWORK, """
                echo "creating a VPC" >&2
                echo "some progress"
                echo '{"vpcId":"vpc-42","cidr":"10.120.0.0/16"}'
                """);
        try (ScriptInfrastructure provider = provider(64 * 1024)) {
            StepOutcome outcome = provider.execute(request(FailoverStep.PROVISION_NETWORK, 1, Duration.ofSeconds(30)));

            assertThat(outcome).isInstanceOfSatisfying(StepOutcome.Succeeded.class, s -> assertThat(s.facts())
                    .containsEntry("vpcId", "vpc-42").containsEntry("cidr", "10.120.0.0/16")
                    .containsEntry("stderr", "creating a VPC"));
        }
    }

    @Test
    void aFactWithoutAValueIsLeftOut() throws Exception {
        script(FailoverStep.CREATE_DNS, "echo '{\"dnsId\":\"dns-1\",\"zone\":null}'\n");
        try (ScriptInfrastructure provider = provider(64 * 1024)) {
            assertThat(provider.execute(request(FailoverStep.CREATE_DNS, 1, Duration.ofSeconds(30))))
                    .isInstanceOfSatisfying(StepOutcome.Succeeded.class,
                            s -> assertThat(s.facts()).containsEntry("dnsId", "dns-1").doesNotContainKey("zone"));
        }
    }

    @Test
    void theScriptSeesTheAttemptInItsEnvironment() throws Exception {
        Path dump = data.resolve("env.txt");
        script(FailoverStep.RESTORE_DATABASE, "env | grep ^REHEARSAL_ | sort > " + dump + "\n");
        try (ScriptInfrastructure provider = provider(64 * 1024)) {
            provider.execute(request(FailoverStep.RESTORE_DATABASE, 2, Duration.ofSeconds(30)));
        }
        String env = Files.readString(dump);
        assertThat(env).contains("REHEARSAL_TEST_ID=" + TEST, "REHEARSAL_STEP=RESTORE_DATABASE", "REHEARSAL_ATTEMPT=2",
                "REHEARSAL_ENVIRONMENT_ID=acme-preprod", "REHEARSAL_SOURCE_REGION=eu-west-1",
                "REHEARSAL_DR_REGION=eu-central-1", "REHEARSAL_BACKUP_ID=bkp-7", "REHEARSAL_TIMEOUT_SECONDS=30",
                "REHEARSAL_SOURCE_CONFIGURATION={\"database\":{\"engine\":\"postgres\"",
                "REHEARSAL_EXECUTION_KEY=" + TEST + "/RESTORE_DATABASE/2");
    }

    @Test
    void exit75IsATransientFailureAndTheNextAttemptSucceeds() throws Exception {
        script(FailoverStep.RESTORE_DATABASE, """
                if [ "$REHEARSAL_ATTEMPT" = 1 ]; then echo "API throttled" >&2; exit 75; fi
                echo '{"databaseId":"db-1"}'
                """);
        try (ScriptInfrastructure provider = provider(64 * 1024)) {
            assertThat(provider.execute(request(FailoverStep.RESTORE_DATABASE, 1, Duration.ofSeconds(30))))
                    .isInstanceOfSatisfying(StepOutcome.Failed.class, f -> {
                        assertThat(f.retryable()).isTrue();
                        assertThat(f.reason()).contains("exited 75").contains("API throttled");
                    });
            assertThat(provider.execute(request(FailoverStep.RESTORE_DATABASE, 2, Duration.ofSeconds(30))))
                    .isInstanceOf(StepOutcome.Succeeded.class);
        }
    }

    @Test
    void anyOtherExitCodeIsAPermanentFailure() throws Exception {
        script(FailoverStep.VERIFY, "echo 'parity check failed: 2 mismatches' >&2\nexit 3\n");
        try (ScriptInfrastructure provider = provider(64 * 1024)) {
            assertThat(provider.execute(request(FailoverStep.VERIFY, 1, Duration.ofSeconds(30))))
                    .isInstanceOfSatisfying(StepOutcome.Failed.class, f -> {
                        assertThat(f.retryable()).isFalse();
                        assertThat(f.reason()).contains("VERIFY script exited 3: parity check failed");
                    });
        }
    }

    @Test
    void aScriptPastItsTimeoutIsKilledWithItsWholeProcessTree() throws Exception {
        Path childPid = data.resolve("child.pid");
        script(FailoverStep.CREATE_DNS, "sleep 120 &\necho $! > " + childPid + "\nwait\n");
        try (ScriptInfrastructure provider = provider(64 * 1024)) {
            long started = System.nanoTime();
            StepOutcome outcome = provider.execute(request(FailoverStep.CREATE_DNS, 1, Duration.ofSeconds(1)));

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
            assertThat(outcome).isInstanceOfSatisfying(StepOutcome.Failed.class,
                    f -> assertThat(f.reason()).contains("past its timeout").contains("process tree was killed"));
        }
        long pid = Long.parseLong(Files.readString(childPid).trim());
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void aMissingOrNonExecutableScriptFailsTheStepSayingWhy() throws Exception {
        Path plain = scripts.resolve(FailoverStep.ACTIVATE.name());
        Files.writeString(plain, "#!/bin/sh\nexit 0\n");
        try (ScriptInfrastructure provider = provider(64 * 1024)) {
            assertThat(provider.execute(request(FailoverStep.LOCK_SOURCE, 1, Duration.ofSeconds(5))))
                    .isInstanceOfSatisfying(StepOutcome.Failed.class, f -> {
                        assertThat(f.retryable()).isFalse();
                        assertThat(f.reason()).contains("no script for LOCK_SOURCE").contains("does not exist");
                    });
            assertThat(provider.execute(request(FailoverStep.ACTIVATE, 1, Duration.ofSeconds(5))))
                    .isInstanceOfSatisfying(StepOutcome.Failed.class,
                            f -> assertThat(f.reason()).contains("is not executable"));
        }
    }

    @Test
    void standardErrorIsKeptOnlyUpToItsLimit() throws Exception {
        script(FailoverStep.APPLY_KEPT_CONFIGURATION, "for i in $(seq 1 2000); do echo \"line $i of noise\" >&2; done\nexit 1\n");
        try (ScriptInfrastructure provider = provider(1024)) {
            StepOutcome outcome = provider.execute(request(FailoverStep.APPLY_KEPT_CONFIGURATION, 1, Duration.ofSeconds(30)));
            assertThat(outcome).isInstanceOfSatisfying(StepOutcome.Failed.class, f -> {
                assertThat(f.reason()).contains("[earlier output cut]").contains("line 2000 of noise")
                        .doesNotContain("line 1 of noise");
                assertThat(f.reason().length()).isLessThan(1024 + 200);
            });
        }
    }

    @Test
    void aRedeliveredAttemptIsAnsweredFromTheJournalWithoutRunningTheScriptAgain() throws Exception {
        Path runs = data.resolve("runs.txt");
        script(FailoverStep.LOCK_SOURCE, "echo run >> " + runs + "\necho '{\"locked\":true}'\n");
        try (ScriptInfrastructure provider = provider(64 * 1024)) {
            provider.execute(request(FailoverStep.LOCK_SOURCE, 1, Duration.ofSeconds(30)));
        }
        try (ScriptInfrastructure restarted = provider(64 * 1024)) {
            assertThat(restarted.execute(request(FailoverStep.LOCK_SOURCE, 1, Duration.ofSeconds(30))))
                    .isInstanceOfSatisfying(StepOutcome.Succeeded.class,
                            s -> assertThat(s.facts()).containsEntry("locked", true));
        }
        assertThat(Files.readAllLines(runs)).hasSize(1);
    }

    @Test
    void twoInstancesAskedForTheSameAttemptAtOnceRunItOnce() throws Exception {
        Path runs = data.resolve("runs.txt");
        script(FailoverStep.RESTORE_DATABASE, "echo run >> " + runs + "\nsleep 1\necho '{\"databaseId\":\"db-1\"}'\n");
        try (ScriptInfrastructure first = provider(64 * 1024); ScriptInfrastructure second = provider(64 * 1024)) {
            java.util.concurrent.CompletableFuture<StepOutcome> a = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> first.execute(request(FailoverStep.RESTORE_DATABASE, 1, Duration.ofSeconds(30))));
            java.util.concurrent.CompletableFuture<StepOutcome> b = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> second.execute(request(FailoverStep.RESTORE_DATABASE, 1, Duration.ofSeconds(30))));
            assertThat(a.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(b.get(60, java.util.concurrent.TimeUnit.SECONDS));
        }
        assertThat(Files.readAllLines(runs)).hasSize(1);
    }

    @Test
    void theShippedExampleScriptsRunEveryStep() throws Exception {
        Path examples = Path.of("..", "examples", "scripts");
        try (ScriptInfrastructure provider = new ScriptInfrastructure(examples, data, 64 * 1024)) {
            for (FailoverStep step : FailoverStep.values()) {
                assertThat(provider.execute(request(step, 1, Duration.ofSeconds(30)))).as(step.name())
                        .isInstanceOf(StepOutcome.Succeeded.class);
            }
            assertThat(provider.execute(request(FailoverStep.PROVISION_NETWORK, 1, Duration.ofSeconds(30))))
                    .isInstanceOfSatisfying(StepOutcome.Succeeded.class,
                            s -> assertThat(s.facts()).containsEntry("cidr", "10.120.0.0/16"));
        }
    }

    private ScriptInfrastructure provider(int outputLimit) {
        return new ScriptInfrastructure(scripts, data.resolve("journal"), outputLimit);
    }

    private void script(FailoverStep step, String body) throws Exception {
        Path script = scripts.resolve(step.name());
        Files.writeString(script, "#!/usr/bin/env bash\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static StepRequest request(FailoverStep step, int attempt, Duration timeout) {
        return StepRequests.request(TEST, step, attempt, timeout);
    }
}
