package dev.ledgerline.auth;

import dev.ledgerline.errors.Unauthenticated;
import jakarta.inject.Singleton;

import java.util.Locale;
import java.util.Optional;

/**
 * Login by email and password. In order of cost: the client address's bucket (memory), a hashing
 * slot (memory), the guess limits (taken in the table before hashing), then the hash. An unknown
 * email costs the same hashing as a known one (a decoy), and gets the same answer as a wrong password.
 */
@Singleton
public class Login {

    private final UserRepo users;
    private final AddressThrottle addresses;
    private final HashingGate gate;
    private final LoginThrottle throttle;
    private final PasswordHasher hasher;
    private final Sessions sessions;

    public Login(UserRepo users, AddressThrottle addresses, HashingGate gate, LoginThrottle throttle, PasswordHasher hasher,
                 Sessions sessions) {
        this.users = users;
        this.addresses = addresses;
        this.gate = gate;
        this.throttle = throttle;
        this.hasher = hasher;
        this.sessions = sessions;
    }

    public Sessions.Started login(String email, String password, String clientAddress) {
        String normalized = normalize(email);
        addresses.take(clientAddress);
        Optional<User> user;
        boolean valid;
        try (HashingGate.Slot slot = gate.enter()) {
            throttle.take(normalized, clientAddress);
            user = users.findByEmail(normalized);
            valid = user.isPresent()
                    ? hasher.verify(password.toCharArray(), user.get().passwordHash())
                    : hasher.verifyDecoy(password.toCharArray());
        }
        if (!valid) {
            throw new Unauthenticated("Invalid email or password.");
        }
        throttle.succeeded(normalized, clientAddress);
        return sessions.start(user.get());
    }

    static String normalize(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
