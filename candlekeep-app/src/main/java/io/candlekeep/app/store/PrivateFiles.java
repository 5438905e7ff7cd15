package io.candlekeep.app.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The service's own files: the data folder (0700) and what it holds (0600), readable by the service's user only.
 * They hold every portfolio and the hash of every token. Where the file system has no POSIX permissions the files
 * are made as the platform makes them.
 */
public final class PrivateFiles {

    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /** Creates {@code folder} (and missing parents) as 0700, or narrows an existing one to 0700. */
    public static Path folder(Path folder) {
        Path dir = folder.toAbsolutePath().normalize();
        try {
            if (!Files.isDirectory(dir)) {
                Path parent = dir.getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                try {
                    Files.createDirectory(dir, attribute(FOLDER));
                } catch (FileAlreadyExistsException raced) {
                    // made meanwhile by another instance starting on the same folder
                }
            }
            narrow(dir, FOLDER);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the data folder " + dir, e);
        }
    }

    /**
     * Makes {@code file} an empty 0600 file in a private folder when it does not exist, and narrows it to 0600 when
     * it does, so a program that opens it later (SQLite, which gives its {@code -wal} and {@code -shm} files the
     * database file's permissions) never makes it readable by others.
     */
    public static Path file(Path file) {
        Path path = file.toAbsolutePath().normalize();
        folder(path.getParent());
        try {
            try {
                Files.createFile(path, attribute(FILE));
            } catch (FileAlreadyExistsException exists) {
                narrow(path, FILE);
            }
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + path, e);
        }
    }

    private static FileAttribute<?>[] attribute(Set<PosixFilePermission> permissions) {
        return posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
    }

    /** The attribute that creates a 0600 file, or none off POSIX. */
    public static FileAttribute<?>[] fileAttribute() {
        return attribute(FILE);
    }

    private static void narrow(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (posix() && !Files.getPosixFilePermissions(path).equals(permissions)) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }

    private static boolean posix() {
        return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
