package io.candlekeep.app.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.candlekeep.app.store.UserTransactions;
import io.candlekeep.app.web.BadRequestException;
import io.candlekeep.app.web.ConflictException;
import io.candlekeep.app.web.ForbiddenException;
import io.candlekeep.app.web.NotFoundException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Users and their tokens: who a token belongs to, new users, new and revoked tokens. Finding the user behind a token
 * reads across users; issuing and revoking a user's tokens runs in a transaction scoped to that user
 * ({@link UserTransactions}).
 */
@Service
public class UserService {

    private static final Logger log = LoggerFactory.getLogger(UserService.class);
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{1,31}");

    private final UserRepository repository;
    private final Clock clock;
    private final Cache<String, Optional<Caller>> byHash;
    private final UserTransactions userTx;

    UserService(UserRepository repository, SecurityProperties properties, Clock clock, UserTransactions userTx) {
        this.repository = repository;
        this.userTx = userTx;
        this.clock = clock;
        this.byHash = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(properties.tokenCacheTtl()).build();
    }

    /** A new token and the user it belongs to; the token is shown once and only its hash is kept. */
    public record IssuedToken(Caller user, String token) {
    }

    /** The user behind {@code token}, if it is one of ours. */
    public Optional<Caller> authenticate(String token) {
        if (token == null || token.isEmpty() || token.length() > 200) {
            return Optional.empty();
        }
        return byHash.get(Tokens.hash(token), repository::findByTokenHash);
    }

    /** Creates a user with a first token. Names are 2 to 32 of a-z, 0-9, '_', '.', '-'. */
    public IssuedToken createUser(String name, Role role) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new BadRequestException("Field 'name' = '" + name
                    + "' is not a user name: use 2 to 32 lower-case letters, digits, '_', '.' or '-', starting with a letter or digit");
        }
        if (repository.findByName(name).isPresent()) {
            throw new ConflictException("User '" + name + "' exists already");
        }
        long id = repository.insertUser(name, role, clock.instant());
        Caller user = new Caller(id, name, role);
        log.info("[SECURITY] user '{}' created with role {}", name, role.code());
        return new IssuedToken(user, issueToken(user));
    }

    /** A further token for {@code user}; earlier ones stay valid until revoked. */
    public String issueToken(Caller user) {
        String token = Tokens.generate();
        userTx.run(user.userId(), () -> repository.insertToken(user.userId(), Tokens.hash(token), clock.instant()));
        return token;
    }

    /** Revokes every token of {@code user}; answers how many. Cached checks forget them at once. */
    public int revokeTokens(Caller user) {
        int revoked = userTx.write(user.userId(), () -> repository.deleteTokens(user.userId()));
        byHash.invalidateAll();
        log.info("[SECURITY] {} tokens of user '{}' revoked", revoked, user.name());
        return revoked;
    }

    /** The user named {@code name}, if {@code caller} may act for them; 404 when unknown, 403 when someone else's. */
    public Caller getUserFor(Caller caller, String name) {
        if (!caller.mayActFor(name)) {
            throw new ForbiddenException("User '" + caller.name() + "' may not act for user '" + name + "'");
        }
        return repository.findByName(name).orElseThrow(() -> new NotFoundException("No user '" + name + "'"));
    }

    /** The user with id {@code userId}, if there is one. */
    public Optional<Caller> findUser(long userId) {
        return repository.findById(userId);
    }

    public List<UserSummary> users() {
        return repository.findAll();
    }

    Caller admin() {
        return new Caller(UserRepository.ADMIN_ID, "admin", Role.ADMIN);
    }

    /** Registers {@code token} for the admin unless it is registered already. */
    void registerAdminToken(String token) {
        repository.insertToken(UserRepository.ADMIN_ID, Tokens.hash(token), clock.instant());
        byHash.invalidateAll();
    }

    boolean isRegistered(String token) {
        return repository.findByTokenHash(Tokens.hash(token)).isPresent();
    }
}
