package io.kubeorch.security;

import jakarta.annotation.PostConstruct;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Who may take an operation's decisions, for every process: {@link FourEyes} enforces it in the
 * engine; a model's approval reads the number of approvers as {@code ${approvalPolicy.approvers}}
 * (the loop cardinality of its sequential multi-instance user task). Getters: the model's
 * expression language reads bean properties.
 */
@Component("approvalPolicy")
@ConfigurationProperties("kubeorch.approval")
public class ApprovalPolicy {

    /** The user who started an operation may neither approve it nor take a decision on it. */
    private boolean fourEyes = true;
    /** How many operators must approve, each a different one. */
    private int approvers = 1;

    @PostConstruct
    void validate() {
        if (approvers < 1) {
            throw new IllegalStateException("kubeorch.approval.approvers: " + approvers
                    + " is no number of people; 1 or more (1 is the default)");
        }
    }

    public boolean isFourEyes() {
        return fourEyes;
    }

    public void setFourEyes(boolean fourEyes) {
        this.fourEyes = fourEyes;
    }

    public int getApprovers() {
        return approvers;
    }

    public void setApprovers(int approvers) {
        this.approvers = approvers;
    }
}
