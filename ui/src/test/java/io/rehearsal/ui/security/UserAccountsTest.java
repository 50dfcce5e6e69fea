package io.rehearsal.ui.security;

import io.rehearsal.command.RehearsalProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserAccountsTest {

    @TempDir
    Path dataDir;

    private final PasswordEncoder encoder = UserAccounts.passwordEncoder();

    @Test
    void withNoUsersConfiguredFirstStartWritesThreeRandomCredentialsReadableByTheOwnerOnly() throws Exception {
        List<UserDetails> users = UserAccounts.load(new UserAccounts.UsersProperties(List.of()), properties());

        Path credentials = dataDir.resolve("initial-credentials");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");
        Map<String, String> passwords = new HashMap<>();
        for (String line : Files.readAllLines(credentials)) {
            String[] parts = line.split(":", 2);
            passwords.put(parts[0], parts[1]);
        }
        assertThat(passwords).containsOnlyKeys("admin", "operator", "auditor");
        assertThat(passwords.values()).doesNotHaveDuplicates().allSatisfy(p -> assertThat(p).hasSizeGreaterThanOrEqualTo(20));
        assertThat(users).allSatisfy(u -> assertThat(encoder.matches(passwords.get(u.getUsername()), u.getPassword())).isTrue());
        assertThat(Files.readString(dataDir.resolve("users"))).doesNotContain(passwords.values());
        assertThat(roles(users, "admin")).containsExactlyInAnyOrder("ROLE_ADMIN", "ROLE_OPERATOR", "ROLE_AUDITOR");
        assertThat(roles(users, "operator")).containsExactly("ROLE_OPERATOR");
        assertThat(roles(users, "auditor")).containsExactly("ROLE_AUDITOR");
    }

    @Test
    void laterStartsKeepTheFirstPasswordsEvenWhenTheClearFileWasDeleted() throws Exception {
        UserAccounts.load(new UserAccounts.UsersProperties(null), properties());
        String operatorPassword = Files.readAllLines(dataDir.resolve("initial-credentials")).stream()
                .filter(l -> l.startsWith("operator:")).findFirst().orElseThrow().substring("operator:".length());
        Files.delete(dataDir.resolve("initial-credentials"));

        List<UserDetails> again = UserAccounts.load(new UserAccounts.UsersProperties(null), properties());

        assertThat(Files.exists(dataDir.resolve("initial-credentials"))).as("written once only").isFalse();
        UserDetails operator = again.stream().filter(u -> u.getUsername().equals("operator")).findFirst().orElseThrow();
        assertThat(encoder.matches(operatorPassword, operator.getPassword())).isTrue();
    }

    @Test
    void configuredUsersWinAndNothingIsGenerated() {
        List<UserDetails> users = UserAccounts.load(new UserAccounts.UsersProperties(List.of(
                new UserAccounts.ConfiguredUser("ops", "{noop}pw", "OPERATOR"))), properties());

        assertThat(users).extracting(UserDetails::getUsername).containsExactly("ops");
        assertThat(Files.exists(dataDir.resolve("initial-credentials"))).isFalse();
    }

    @Test
    void anUnknownRoleIsRefusedAtStart() {
        assertThatThrownBy(() -> UserAccounts.load(new UserAccounts.UsersProperties(List.of(
                new UserAccounts.ConfiguredUser("x", "{noop}pw", "ROOT"))), properties()))
                .hasMessageContaining("unknown role 'ROOT'");
    }

    @Test
    void thePersonWithTheBackupAgentRoleIsRefusedAtStartForItIsForTokensOnly() {
        assertThatThrownBy(() -> UserAccounts.load(new UserAccounts.UsersProperties(List.of(
                new UserAccounts.ConfiguredUser("backup", "{noop}pw", "BACKUP_AGENT"))), properties()))
                .hasMessageContaining("which is for API tokens only");
    }

    @Test
    void anUnknownUsersPasswordIsCheckedAgainstAHashOfTheSameCost() {
        List<UserDetails> bcrypt = UserAccounts.load(new UserAccounts.UsersProperties(List.of(
                new UserAccounts.ConfiguredUser("ops", "{bcrypt}" + new org.springframework.security.crypto.bcrypt
                        .BCryptPasswordEncoder(7).encode("pw"), "OPERATOR"))), properties());
        String dummy = UserAccounts.dummyHash(bcrypt);
        assertThat(dummy).startsWith("{bcrypt}$2a$07$");
        assertThat(encoder.matches("pw", dummy)).isFalse();
        assertThat(UserAccounts.dummyHash(List.of())).startsWith("{bcrypt}$2a$10$");
    }

    private RehearsalProperties properties() {
        return new RehearsalProperties(dataDir, null, new RehearsalProperties.Infrastructure("simulated"),
                new RehearsalProperties.Simulator(1, java.time.Duration.ofMinutes(5), ""),
                new RehearsalProperties.Demo(true), new RehearsalProperties.Failover(null, null),
                new RehearsalProperties.Script(null, org.springframework.util.unit.DataSize.ofKilobytes(64)),
                new RehearsalProperties.Notifications(java.util.List.of(), "rehearsal@localhost", java.time.Duration.ofHours(1)),
                new RehearsalProperties.Mail(null), new RehearsalProperties.Inventory(null));
    }

    private static List<String> roles(List<UserDetails> users, String name) {
        return users.stream().filter(u -> u.getUsername().equals(name)).findFirst().orElseThrow()
                .getAuthorities().stream().map(Object::toString).toList();
    }
}
