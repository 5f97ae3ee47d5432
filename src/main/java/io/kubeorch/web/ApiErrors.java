package io.kubeorch.web;

import java.util.List;
import java.util.stream.Collectors;

import io.kubeorch.cluster.ClusterNotFoundException;
import io.kubeorch.cluster.OperationNotFoundException;
import io.kubeorch.install.HostsBusyException;
import io.kubeorch.install.InstallNotFoundException;
import io.kubeorch.inventory.InvalidInventoryException;
import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every {@code /api} error in the one format ({@link ApiError}), for every controller without it
 * doing anything: kubeorch's own refusals, the engine's, and Spring MVC's (no body, a wrong content
 * type, a parameter that is not a number, no such path). A refusal is a 4xx; a 500 only for a
 * failure of kubeorch itself, logged with its stack trace. Requests outside {@code /api} (pages,
 * actuator) keep Spring's own error handling.
 */
@RestControllerAdvice
class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);
    static final String API = "/api/";

    @ExceptionHandler(InvalidInventoryException.class)
    ResponseEntity<ApiError> invalidInventory(InvalidInventoryException e, HttpServletRequest request)
            throws InvalidInventoryException {
        requireApi(request, e);
        List<ApiError.FieldError> fields = e.errors().stream()
                .map(error -> new ApiError.FieldError(error.field(), error.message())).toList();
        return error(HttpStatus.BAD_REQUEST, fields, "invalid inventory: " + fields.size()
                + (fields.size() == 1 ? " problem" : " problems") + ", each in errors with its field and the fix");
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ApiError> badRequest(IllegalArgumentException e, HttpServletRequest request) throws Exception {
        requireApi(request, e);
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler({InstallNotFoundException.class, ClusterNotFoundException.class, OperationNotFoundException.class})
    ResponseEntity<ApiError> notFound(RuntimeException e, HttpServletRequest request) throws Exception {
        requireApi(request, e);
        return error(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler({HostsBusyException.class, IllegalStateException.class})
    ResponseEntity<ApiError> conflict(RuntimeException e, HttpServletRequest request) throws Exception {
        requireApi(request, e);
        return error(HttpStatus.CONFLICT, e.getMessage());
    }

    /** The engine's refusals (missing permissions, four-eyes) and kubeorch's role check. */
    @ExceptionHandler(AuthorizationException.class)
    ResponseEntity<ApiError> forbidden(AuthorizationException e, HttpServletRequest request) throws Exception {
        requireApi(request, e);
        return error(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler(OptimisticLockingException.class)
    ResponseEntity<ApiError> changedMeanwhile(OptimisticLockingException e, HttpServletRequest request) throws Exception {
        requireApi(request, e);
        return error(HttpStatus.CONFLICT, "the install changed while this request ran (a step ended at the same moment):"
                + " send it again");
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) throws Exception {
        requireApi(request, e);
        String why = e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")
                ? "the request has no body" : "the body is not valid " + contentType(request);
        return error(HttpStatus.BAD_REQUEST, why + ": " + bodyHint(request));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> unsupportedType(HttpMediaTypeNotSupportedException e, HttpServletRequest request)
            throws Exception {
        requireApi(request, e);
        String accepted = types(e.getSupportedMediaTypes());
        String sent = e.getContentType() == null ? "no Content-Type" : "Content-Type " + e.getContentType();
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).headers(e.getHeaders())
                .body(new ApiError(415, request.getMethod() + " " + request.getRequestURI() + " does not take " + sent
                        + "; send one of: " + accepted));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ApiError> notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest request)
            throws Exception {
        requireApi(request, e);
        // the body is JSON whatever the client asked for: the only thing kubeorch's API speaks
        return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE).contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(406, "the API answers " + types(e.getSupportedMediaTypes())
                        + " only; ask for it with Accept: application/json (or send no Accept header)"));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> wrongMethod(HttpRequestMethodNotSupportedException e, HttpServletRequest request)
            throws Exception {
        requireApi(request, e);
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).headers(e.getHeaders())
                .body(new ApiError(405, request.getRequestURI() + " takes " + String.join(", ",
                        e.getSupportedMethods() == null ? new String[0] : e.getSupportedMethods()) + ", not "
                        + request.getMethod()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> wrongParameterType(MethodArgumentTypeMismatchException e, HttpServletRequest request)
            throws Exception {
        requireApi(request, e);
        Class<?> type = e.getRequiredType();
        String expected = type == null ? "a value of another kind"
                : Number.class.isAssignableFrom(type) || type == int.class || type == long.class ? "a whole number"
                : type.getSimpleName();
        return error(HttpStatus.BAD_REQUEST, List.of(new ApiError.FieldError(e.getName(),
                "'" + e.getValue() + "' is not " + expected)), e.getName() + ": '" + e.getValue() + "' is not " + expected);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e, HttpServletRequest request)
            throws Exception {
        requireApi(request, e);
        return error(HttpStatus.BAD_REQUEST, List.of(new ApiError.FieldError(e.getParameterName(), "required")),
                e.getParameterName() + ": required");
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<ApiError> noSuchPath(Exception e, HttpServletRequest request) throws Exception {
        requireApi(request, e);
        return error(HttpStatus.NOT_FOUND, "no such API: " + request.getMethod() + " " + request.getRequestURI()
                + "; docs/operators-guide.md lists kubeorch's API");
    }

    /**
     * Anything else: a refusal Spring MVC gave a 4xx status of its own keeps it; otherwise a failure
     * of kubeorch itself, the only kind that is a 500 and the only one logged with its stack trace.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> failure(Exception e, HttpServletRequest request) throws Exception {
        requireApi(request, e);
        if (e instanceof ErrorResponse refusal && refusal.getStatusCode().is4xxClientError()) {
            HttpStatusCode status = refusal.getStatusCode();
            String detail = refusal.getBody().getDetail();
            return ResponseEntity.status(status).headers(refusal.getHeaders()).contentType(MediaType.APPLICATION_JSON)
                    .body(new ApiError(status.value(), detail != null ? detail : e.getMessage()));
        }
        log.error("{} {} failed: a kubeorch fault", request.getMethod(), request.getRequestURI(), e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, request.getMethod() + " " + request.getRequestURI()
                + " failed inside kubeorch (" + e.getClass().getSimpleName() + "); its log has the details");
    }

    /** Outside {@code /api}, Spring's own handling: rethrowing the same exception hands it on. */
    private static <E extends Exception> void requireApi(HttpServletRequest request, E e) throws E {
        if (!request.getRequestURI().startsWith(API)) {
            throw e;
        }
    }

    private static ResponseEntity<ApiError> error(HttpStatus status, String message) {
        return error(status, List.of(), message);
    }

    private static ResponseEntity<ApiError> error(HttpStatus status, List<ApiError.FieldError> fields, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(status.value(), message, fields));
    }

    private static String contentType(HttpServletRequest request) {
        try {
            return MediaType.parseMediaType(request.getContentType()).getSubtype().toUpperCase(java.util.Locale.ROOT);
        } catch (RuntimeException e) {
            return "content";
        }
    }

    private static String bodyHint(HttpServletRequest request) {
        return request.getRequestURI().equals("/api/installs")
                ? "send the inventory (YAML or JSON), see docs/inventory.md"
                : "send a JSON object, see docs/operators-guide.md";
    }

    private static String types(List<MediaType> types) {
        return types.stream().map(MediaType::toString).collect(Collectors.joining(", "));
    }
}
