package io.rehearsal.command;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Everything Rehearsal keeps on disk (events, projections, journals, mails, credentials) is its owner's alone:
 * directories {@code rwx------}, files {@code rw-------}, whatever the umask. Where the file system has no POSIX
 * permissions, files are created as usual.
 */
public final class OwnerOnly {

    private static final Logger log = LoggerFactory.getLogger(OwnerOnly.class);

    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {
    }

    /** Creates {@code dir} and its missing parents owner-only, and makes {@code dir} so if it was there already. */
    public static Path directory(Path dir) throws IOException {
        if (!posix(dir)) {
            return Files.createDirectories(dir);
        }
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
        try {
            Files.setPosixFilePermissions(dir, DIRECTORY);
        } catch (FileSystemException e) {
            if (!Files.isWritable(dir)) {
                throw e;
            }
            // another user's directory we may write to (a shared outbox, say): its owner decides its mode
            log.warn("Cannot make {} its owner's alone ({}); what Rehearsal writes into it still is", dir,
                    e.getReason());
        }
        return dir;
    }

    /** For {@code Files.newByteChannel}, {@code FileChannel.open} and the like: a new file created owner-only. */
    public static FileAttribute<?>[] newFile(Path file) {
        return posix(file) ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(FILE)}
                : new FileAttribute<?>[0];
    }

    /**
     * Makes an existing file or directory owner-only: for one that a library created, or an older version did. The
     * group's and others' permissions go; the owner's stay, so an executable someone keeps there (a script provider's
     * folder inside the data directory, say) still runs.
     */
    public static void restrict(Path path) throws IOException {
        if (posix(path)) {
            Set<PosixFilePermission> mode = EnumSet.copyOf(Files.isDirectory(path) ? DIRECTORY : FILE);
            if (Files.getPosixFilePermissions(path).contains(PosixFilePermission.OWNER_EXECUTE)) {
                mode.add(PosixFilePermission.OWNER_EXECUTE);
            }
            Files.setPosixFilePermissions(path, mode);
        }
    }

    /** {@link #restrict} for {@code root} and everything under it; what vanishes meanwhile is skipped. */
    public static void tree(Path root) {
        if (!posix(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                    restrictIfThere(dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    if (!attributes.isSymbolicLink()) {
                        restrictIfThere(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + root + " its owner's alone", e);
        }
    }

    private static void restrictIfThere(Path path) throws IOException {
        try {
            restrict(path);
        } catch (NoSuchFileException e) {
            // a temporary file moved away meanwhile
        } catch (FileSystemException e) {
            // another user's file: not ours to change, and no reason not to start
            log.warn("Cannot make {} its owner's alone: {}", path, e.getReason());
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
