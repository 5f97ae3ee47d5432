package io.kubeorch.web;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;

/**
 * The one shape of every error {@code /api} answers, whatever refused the request (a controller,
 * Spring MVC, the authentication filter):
 * {@code {"status":400,"message":"...","errors":[{"field":"...","message":"..."}]}}. The message
 * says what was wrong and what to do; {@code errors} lists the fields at fault, when there are some.
 */
public record ApiError(int status, String message, List<FieldError> errors) {

    public record FieldError(String field, String message) {
    }

    public ApiError {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public ApiError(int status, String message) {
        this(status, message, List.of());
    }

    /** Writes the error as the response, for code that answers before Spring MVC does (filters). */
    public void writeTo(HttpServletResponse response, ObjectMapper json) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), this);
    }
}
