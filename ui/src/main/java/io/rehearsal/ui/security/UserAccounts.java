package io.rehearsal.ui.security;

import io.rehearsal.command.RehearsalProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Who may sign in. Configured users ({@code rehearsal.users}) win; with none, an {@code admin}, an
 * {@code operator} and an {@code auditor} get random passwords on first start, written once in clear to
 * {@code <data-dir>/initial-credentials} (owner-only) and kept hashed in {@code <data-dir>/users}, so
 * deleting the clear file after reading it is safe.
 */
final class UserAccounts {

    private static final Logger log = LoggerFactory.getLogger(UserAccounts.class);

    /**
     * A configured user; the password in any {@code {id}} form Spring Security knows, e.g. {@code {bcrypt}...}
     * or, for trials only, {@code {noop}secret}.
     */
    record ConfiguredUser(String username, String password, String role) {
    }

    @ConfigurationProperties("rehearsal")
    record UsersProperties(List<ConfiguredUser> users) {
    }

    private UserAccounts() {
    }

    /** The accounts by name, and a hash none of them has, to check an unknown user's password against. */
    static final class Directory implements ReactiveUserDetailsService {

        private final MapReactiveUserDetailsService accounts;
        private final String dummyHash;

        Directory(List<UserDetails> users) {
            this.accounts = new MapReactiveUserDetailsService(users);
            this.dummyHash = UserAccounts.dummyHash(users);
        }

        @Override
        public Mono<UserDetails> findByUsername(String username) {
            return accounts.findByUsername(username);
        }

        String dummyHash() {
            return dummyHash;
        }
    }

    static List<UserDetails> load(UsersProperties configured, RehearsalProperties properties) {
        if (configured.users() != null && !configured.users().isEmpty()) {
            return configured.users().stream().map(u -> user(u.username(), u.password(), u.role())).toList();
        }
        Path dir = properties.dataDir().toAbsolutePath().normalize();
        Path hashes = dir.resolve("users");
        try {
            if (!Files.exists(hashes)) {
                generate(dir, hashes);
            }
            List<UserDetails> users = new ArrayList<>();
            for (String line : Files.readAllLines(hashes, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(":", 3); // username:role:{id}hash
                users.add(user(parts[0], parts[2], parts[1]));
            }
            return users;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the user file " + hashes, e);
        }
    }

    private static void generate(Path dir, Path hashes) throws IOException {
        Files.createDirectories(dir);
        // random 144-bit passwords need no slow hash: a low bcrypt cost keeps HTTP Basic cheap per request
        PasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        SecureRandom random = new SecureRandom();
        StringBuilder clear = new StringBuilder();
        StringBuilder hashed = new StringBuilder("# username:role:hash, generated on first start\n");
        for (String[] account : List.of(new String[]{"admin", Roles.ADMIN}, new String[]{"operator", Roles.OPERATOR},
                new String[]{"auditor", Roles.AUDITOR})) {
            byte[] bytes = new byte[18];
            random.nextBytes(bytes);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            clear.append(account[0]).append(':').append(password).append('\n');
            hashed.append(account[0]).append(':').append(account[1]).append(":{bcrypt}")
                    .append(bcrypt.encode(password)).append('\n');
        }
        Path credentials = dir.resolve("initial-credentials");
        writeOwnerOnly(credentials, clear.toString());
        writeOwnerOnly(hashes, hashed.toString());
        log.warn("No users configured: generated admin, operator and auditor; their passwords are in {}", credentials);
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.SYNC);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static UserDetails user(String username, String password, String role) {
        if (Roles.BACKUP_AGENT.equals(role)) {
            throw new IllegalArgumentException("user '" + username + "' has the role " + Roles.BACKUP_AGENT
                    + ", which is for API tokens only: create a token for the backup tool (POST /api/admin/tokens)");
        }
        return User.withUsername(username).password(password).roles(Roles.granted(role).toArray(String[]::new)).build();
    }

    /**
     * A hash nobody's password matches, made like the first account's (same scheme, same bcrypt cost): checking an
     * unknown user's password against it takes as long as checking a real user's.
     */
    static String dummyHash(List<UserDetails> users) {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        String random = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String model = users.isEmpty() ? "" : users.get(0).getPassword();
        java.util.regex.Matcher bcrypt = java.util.regex.Pattern.compile("^\\{bcrypt}\\$2[aby]?\\$(\\d{2})\\$")
                .matcher(model);
        if (bcrypt.find()) {
            return "{bcrypt}" + new BCryptPasswordEncoder(Integer.parseInt(bcrypt.group(1))).encode(random);
        }
        if (model.startsWith("{noop}")) {
            return "{noop}" + random;
        }
        return passwordEncoder().encode(random);
    }

    static PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
