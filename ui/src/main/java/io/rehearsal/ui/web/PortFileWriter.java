package io.rehearsal.ui.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes the bound HTTP port to {@code rehearsal.port-file} when set, so a supervisor (or a test that starts
 * Rehearsal on port 0 in a child process) learns where it listens once it is ready: after start-up, demo inventory included.
 */
@Component
class PortFileWriter implements ApplicationListener<ApplicationReadyEvent> {

    private final String portFile;

    PortFileWriter(@Value("${rehearsal.port-file:}") String portFile) {
        this.portFile = portFile;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (portFile.isBlank()) {
            return;
        }
        try {
            Path file = Path.of(portFile);
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, event.getApplicationContext().getEnvironment().getProperty("local.server.port", ""));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the port file " + portFile, e);
        }
    }
}
