package dev.ledgerline.auth;

import dev.ledgerline.api.AuthApi;
import dev.ledgerline.api.model.LoginRequest;
import dev.ledgerline.api.model.LoginResponse;
import dev.ledgerline.api.model.SessionInfo;
import dev.ledgerline.api.model.SignupRequest;
import dev.ledgerline.api.model.SignupResponse;
import dev.ledgerline.web.AuthenticatedSession;
import dev.ledgerline.web.ClientAddresses;
import dev.ledgerline.web.CurrentSession;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;

import java.time.ZoneOffset;

@Controller
public class AuthController implements AuthApi {

    private final SignUp signUp;
    private final Login login;
    private final Sessions sessions;
    private final CurrentSession current;
    private final ClientAddresses clients;

    public AuthController(SignUp signUp, Login login, Sessions sessions, CurrentSession current, ClientAddresses clients) {
        this.signUp = signUp;
        this.login = login;
        this.sessions = sessions;
        this.current = current;
        this.clients = clients;
    }

    @Override
    public HttpResponse<SignupResponse> signup(SignupRequest request) {
        SignUp.SignedUp created = signUp.signup(request.getEmail(), request.getPassword(), request.getAccountName(),
                clients.current());
        return HttpResponse.created(new SignupResponse(created.accountId(), created.userId()));
    }

    @Override
    public LoginResponse login(LoginRequest request) {
        Sessions.Started loggedIn = login.login(request.getEmail(), request.getPassword(), clients.current());
        Session session = loggedIn.session();
        return new LoginResponse(session.sessionId(), loggedIn.token(), session.accountId(),
                session.expiresAt().atZone(ZoneOffset.UTC));
    }

    @Override
    public HttpResponse<Void> logout() {
        sessions.end(current.get().sessionId());
        return HttpResponse.noContent();
    }

    @Override
    public SessionInfo getSession() {
        AuthenticatedSession session = current.get();
        return new SessionInfo(session.accountId(), session.userId(), session.email(), session.roles());
    }
}
