package io.candlekeep.app.security;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class UsersController {

    private final UserService users;

    UsersController(UserService users) {
        this.users = users;
    }

    record CreateUser(String name, String role) {
    }

    record UserView(long id, String name, String role) {
        static UserView of(Caller c) {
            return new UserView(c.userId(), c.name(), c.role().code());
        }
    }

    record NewToken(long id, String name, String role, String token) {
    }

    record Revoked(String name, int tokensRevoked) {
    }

    /** Admin only (AccessPolicy): a user with a first token, shown once. */
    @PostMapping(path = "/api/v1/users", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    NewToken create(@RequestBody CreateUser request) {
        Role role = parseRole(request.role());
        UserService.IssuedToken issued = users.createUser(request.name(), role);
        return newToken(issued.user(), issued.token());
    }

    /** Admin only (AccessPolicy). */
    @GetMapping("/api/v1/users")
    List<UserSummary> list() {
        return users.users();
    }

    @GetMapping("/api/v1/me")
    UserView me(Caller caller) {
        return UserView.of(caller);
    }

    /** A further token for the user: the user themselves or an admin. */
    @PostMapping("/api/v1/users/{name}/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    NewToken issue(Caller caller, @PathVariable String name) {
        Caller user = users.getUserFor(caller, name);
        return newToken(user, users.issueToken(user));
    }

    /** Revokes every token of the user: the user themselves or an admin. */
    @DeleteMapping("/api/v1/users/{name}/tokens")
    Revoked revoke(Caller caller, @PathVariable String name) {
        Caller user = users.getUserFor(caller, name);
        return new Revoked(user.name(), users.revokeTokens(user));
    }

    private static NewToken newToken(Caller user, String token) {
        return new NewToken(user.userId(), user.name(), user.role().code(), token);
    }

    private static Role parseRole(String text) {
        if (text == null || text.equalsIgnoreCase("user")) {
            return Role.USER;
        }
        if (text.equalsIgnoreCase("admin")) {
            return Role.ADMIN;
        }
        throw new IllegalArgumentException("Field 'role' = '" + text + "' is not a role: use user or admin");
    }
}
