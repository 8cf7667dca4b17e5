package dev.ledgerline.web;

import dev.ledgerline.store.Ids;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gives every request an id and puts it, and once the request is authenticated its account, in
 * the logging MDC ({@code requestId}, {@code accountId}) of whichever threads serve it: the values
 * travel in Micronaut's propagated context, so the blocking executor the controllers run on sees
 * them and nothing is left behind on a pooled thread afterwards. The id is the caller's
 * {@code X-Request-Id} when that is a short safe token (a load balancer's or another service's),
 * else a fresh one, and is echoed in the response. One access line per request is logged
 * (method, path, status, duration), except for the health and metrics endpoints.
 */
@ServerFilter("/**")
public class RequestIdFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_REQUEST_ID = "requestId";
    public static final String MDC_ACCOUNT_ID = "accountId";

    /** Runs after the session and service-key filters, so it sees who they let in. */
    static final int AFTER_AUTHENTICATION = FilterOrder.AUTHENTICATION + 1000;

    private static final Logger ACCESS = LoggerFactory.getLogger("dev.ledgerline.access");
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern INTERNAL_ACCOUNT = Pattern.compile("^/api/internal/accounts/([A-Za-z0-9_-]{1,64})(/.*)?$");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final int MAX_LOGGED_PATH = 200;
    public static final String REQUEST_ID_ATTRIBUTE = "ledgerline.requestId";
    private static final String ACCOUNT_ATTRIBUTE = "ledgerline.logAccountId";
    private static final String START_ATTRIBUTE = "ledgerline.requestStart";

    private final boolean accessLog;

    public RequestIdFilter(@Value("${billing.access-log:true}") boolean accessLog) {
        this.accessLog = accessLog;
    }

    @RequestFilter
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public void identify(HttpRequest<?> request, MutablePropagatedContext context) {
        String requestId = request.getHeaders().getFirst(HEADER).filter(RequestIdFilter::isSafe).orElseGet(() -> Ids.randomToken(12));
        request.setAttribute(REQUEST_ID_ATTRIBUTE, requestId);
        request.setAttribute(START_ATTRIBUTE, System.nanoTime());
        Map<String, String> mdc = new HashMap<>();
        mdc.put(MDC_REQUEST_ID, requestId);
        context.add(new MdcPropagationContext(mdc));
    }

    /** Adds the account the request was authenticated for: the session's, or the one a service key acts on. */
    @RequestFilter
    @Order(AFTER_AUTHENTICATION)
    public void addAccount(HttpRequest<?> request, MutablePropagatedContext context) {
        Optional<String> account = accountOf(request);
        if (account.isEmpty()) {
            return;
        }
        request.setAttribute(ACCOUNT_ATTRIBUTE, account.get());
        Optional<MdcPropagationContext> current = context.getContext().find(MdcPropagationContext.class);
        Map<String, String> mdc = new HashMap<>(current.map(MdcPropagationContext::state).orElse(Map.of()));
        mdc.put(MDC_ACCOUNT_ID, account.get());
        if (current.isPresent()) {
            context.replace(current.get(), new MdcPropagationContext(mdc));
        } else {
            context.add(new MdcPropagationContext(mdc));
        }
    }

    /** Outermost, so it also sees the responses earlier filters answered with (a 401 from the session filter). */
    @ResponseFilter
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public void echo(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Optional<String> requestId = request.getAttribute(REQUEST_ID_ATTRIBUTE, String.class);
        requestId.ifPresent(id -> response.header(HEADER, id));
        if (accessLog && requestId.isPresent() && !isProbe(request.getPath())) {
            long micros = (System.nanoTime() - request.getAttribute(START_ATTRIBUTE, Long.class).orElse(System.nanoTime())) / 1_000;
            Map<String, String> mdc = new HashMap<>();
            mdc.put(MDC_REQUEST_ID, requestId.get());
            request.getAttribute(ACCOUNT_ATTRIBUTE, String.class).ifPresent(account -> mdc.put(MDC_ACCOUNT_ID, account));
            // The response may be finished on a thread the request's context is not applied to; log with it explicitly.
            Map<String, String> previous = MDC.getCopyOfContextMap();
            MDC.setContextMap(mdc);
            try {
                ACCESS.info("{} {} {} {} ms", request.getMethodName(), printable(request.getPath()), response.code(), micros / 1000.0);
            } finally {
                if (previous == null) {
                    MDC.clear();
                } else {
                    MDC.setContextMap(previous);
                }
            }
        }
    }

    /** The path as a log may show it: no control characters (no forged lines in text logs), at most 200 characters. */
    static String printable(String path) {
        String shown = path.length() > MAX_LOGGED_PATH ? path.substring(0, MAX_LOGGED_PATH) + "..." : path;
        return CONTROL.matcher(shown).replaceAll("?");
    }

    static boolean isSafe(String requestId) {
        return SAFE_ID.matcher(requestId).matches();
    }

    private static Optional<String> accountOf(HttpRequest<?> request) {
        Optional<String> session = CurrentSession.of(request).map(AuthenticatedSession::accountId);
        if (session.isPresent()) {
            return session;
        }
        // Only reached once ServiceKeyFilter let the request through: the key acts on the account in the path.
        Matcher internal = INTERNAL_ACCOUNT.matcher(request.getPath());
        return internal.matches() ? Optional.of(internal.group(1)) : Optional.empty();
    }

    private static boolean isProbe(String path) {
        return path.equals("/health") || path.startsWith("/health/") || path.equals("/prometheus");
    }
}
