package io.candlekeep.app.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import io.candlekeep.app.store.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The admin token at start: the configured one, else the one in {@code <data-dir>/admin-token}, else a new one
 * written there readable by its owner only. Prints where it is and the dashboard URL, never the token itself.
 */
@Component
class AdminToken {

    private static final Logger log = LoggerFactory.getLogger(AdminToken.class);
    static final String FILE_NAME = "admin-token";

    private final UserService users;
    private final SecurityProperties properties;
    private final Path file;
    private final Environment environment;

    AdminToken(UserService users, SecurityProperties properties, @Value("${candlekeep.data-dir:./data}") Path dataDir,
            Environment environment) {
        this.users = users;
        this.properties = properties;
        this.file = dataDir.resolve(FILE_NAME);
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStarted() {
        String token;
        String origin;
        if (properties.adminToken() != null) {
            token = properties.adminToken();
            origin = "candlekeep.security.admin-token";
        } else if (Files.isRegularFile(file)) {
            token = read();
            origin = file.toString();
        } else {
            token = Tokens.generate();
            write(token);
            origin = file + " (new, readable by its owner only)";
        }
        if (!users.isRegistered(token)) {
            users.registerAdminToken(token);
        }
        String address = environment.getProperty("server.address", "127.0.0.1");
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        // the token itself never goes to the log, which others may read; the file is the owner's alone
        log.info("[SECURITY] admin token from {}; dashboard: http://{}:{}/ (sign in with that token)", origin, address,
                port);
    }

    private String read() {
        try {
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (token.length() < SecurityProperties.MIN_TOKEN_LENGTH) {
                throw new IllegalStateException("The admin token in " + file + " is shorter than "
                        + SecurityProperties.MIN_TOKEN_LENGTH + " characters; delete the file to have a new one made");
            }
            return token;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the admin token from " + file + ": " + e.getMessage(), e);
        }
    }

    /** Written beside its final name with owner-only permissions, then moved into place: never readable by others. */
    private void write(String token) {
        try {
            PrivateFiles.folder(file.getParent());
            Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PrivateFiles.fileAttribute());
            Files.writeString(tmp, token + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the admin token to " + file + ": " + e.getMessage(), e);
        }
    }
}
