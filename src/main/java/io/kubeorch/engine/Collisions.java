package io.kubeorch.engine;

import java.sql.SQLException;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.util.ExceptionUtil;

/**
 * Whether the engine refused a command only because another transaction changed the same
 * executions at the same moment, so that running it again on what is now committed is right. The
 * engine says so with an OptimisticLockingException; on PostgreSQL, whose batched statements go on
 * past a row that changed, also with a foreign-key violation of a half-deleted execution tree, or
 * the server picks one of the two as a deadlock's victim.
 */
final class Collisions {

    private Collisions() {
    }

    static boolean collidedWithAnotherCommit(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof OptimisticLockingException) {
                return true;
            }
            for (SQLException sql = cause instanceof SQLException first ? first : null; sql != null;
                    sql = sql.getNextException()) {
                if (ExceptionUtil.checkForeignKeyConstraintViolation(sql) || ExceptionUtil.checkDeadlockException(sql)) {
                    return true;
                }
            }
        }
        return false;
    }
}
