package io.rehearsal.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rehearsal.command.infrastructure.JsonLinesJournal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** Directories 700 and files 600, whatever the umask and whatever an older version left. */
class OwnerOnlyTest {

    @TempDir
    Path temp;

    @BeforeEach
    void posix() {
        assumeThat(temp.getFileSystem().supportedFileAttributeViews()).as("POSIX permissions").contains("posix");
    }

    @Test
    void aDirectoryAndItsMissingParentsAreCreatedOwnerOnly() throws IOException {
        Path dir = OwnerOnly.directory(temp.resolve("a").resolve("b"));
        assertThat(mode(dir)).isEqualTo("rwx------");
        assertThat(mode(dir.getParent())).isEqualTo("rwx------");
    }

    @Test
    void aTreeLeftReadableByAllIsMended() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("data").resolve("simulator"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path file = Files.createFile(dir.resolve("journal.jsonl"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        OwnerOnly.tree(temp.resolve("data"));
        assertThat(mode(temp.resolve("data"))).isEqualTo("rwx------");
        assertThat(mode(dir)).isEqualTo("rwx------");
        assertThat(mode(file)).isEqualTo("rw-------");
    }

    @Test
    void anExecutableKeptThereStaysExecutableByItsOwnerAlone() throws IOException {
        Path scripts = Files.createDirectories(temp.resolve("data").resolve("scripts"));
        Path script = Files.createFile(scripts.resolve("LOCK_SOURCE"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        OwnerOnly.tree(temp.resolve("data"));
        assertThat(mode(script)).isEqualTo("rwx------");
    }

    @Test
    void aJournalIsCreatedOwnerOnly() throws IOException {
        Path file = temp.resolve("notifications").resolve("sent.jsonl");
        try (JsonLinesJournal<Map> journal = new JsonLinesJournal<>(file, Map.class, new ObjectMapper(), e -> { })) {
            journal.exclusively(() -> {
                journal.append(Map.of("sent", "x"));
                return null;
            });
        }
        assertThat(mode(file.getParent())).isEqualTo("rwx------");
        assertThat(mode(file)).isEqualTo("rw-------");
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
