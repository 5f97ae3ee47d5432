package io.kubeorch.web;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.kubeorch.audit.CommandRecord;
import io.kubeorch.audit.CommandRecords;
import io.kubeorch.history.HistoryFigures;
import io.kubeorch.history.OperationHistory;
import io.kubeorch.history.OperationSummary;
import io.kubeorch.history.OperationTimeline;
import io.kubeorch.install.InstallNotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The history of operations, for the history page and scripts: every operation of a period with
 * who started, approved, decided and retried; one operation's timeline and steps; figures across
 * a period. A period is {@code from} (included) to {@code to} (excluded), each an instant
 * ({@code 2031-05-04T10:00:00Z}) or a day ({@code 2031-05-04}, UTC; as {@code to} the whole day
 * is included); by default the last 30 days.
 */
@RestController
@RequestMapping("/api/history")
class HistoryController {

    static final int MAX_LIST = 1000;
    static final Duration DEFAULT_PERIOD = Duration.ofDays(30);

    private final OperationHistory history;
    private final CommandRecords commands;

    HistoryController(OperationHistory history, CommandRecords commands) {
        this.history = history;
        this.commands = commands;
    }

    record OperationList(Instant from, Instant to, List<OperationSummary> operations) {
    }

    @GetMapping("/operations")
    OperationList operations(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIST) {
            throw new IllegalArgumentException("limit: between 1 and " + MAX_LIST);
        }
        Period period = Period.of(from, to);
        return new OperationList(period.from(), period.to(), history.list(period.from(), period.to(), limit));
    }

    @GetMapping("/operations/{id}")
    OperationTimeline operation(@PathVariable String id) {
        return history.timeline(id).orElseThrow(() -> new InstallNotFoundException(id));
    }

    /** The command record of one operation, every command in the order it ran. */
    @GetMapping("/operations/{id}/commands")
    List<CommandRecord> commands(@PathVariable String id) {
        if (!history.exists(id)) {
            throw new InstallNotFoundException(id);
        }
        return commands.forInstall(id);
    }

    @GetMapping("/figures")
    HistoryFigures figures(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Period period = Period.of(from, to);
        return history.figures(period.from(), period.to());
    }

    record Period(Instant from, Instant to) {

        static Period of(String from, String to) {
            Instant end = to == null || to.isBlank() ? Instant.now() : parse("to", to, true);
            Instant start = from == null || from.isBlank() ? end.minus(DEFAULT_PERIOD) : parse("from", from, false);
            if (!start.isBefore(end)) {
                throw new IllegalArgumentException("from: " + start + " is not before to (" + end + ")");
            }
            return new Period(start, end);
        }

        private static Instant parse(String name, String value, boolean end) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException notAnInstant) {
                try {
                    LocalDate day = LocalDate.parse(value);
                    return (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notADay) {
                    throw new IllegalArgumentException(name + ": '" + value + "' is neither a day (2031-05-04) nor an"
                            + " instant (2031-05-04T10:00:00Z)");
                }
            }
        }
    }
}
