package dev.flexlex.localflex;

import java.util.Random;

/** The fault spec in force (changeable at run time) and its seeded draws, one decision per REST call. */
final class Faults {
    enum Outcome { NONE, FAIL_429, FAIL_500, FAIL_500_AFTER }

    record Decision(Outcome outcome, long latencyMillis) {
    }

    private FaultSpec spec;
    private Random random;

    Faults(FaultSpec spec) {
        set(spec);
    }

    synchronized void set(FaultSpec newSpec) {
        this.spec = newSpec == null ? FaultSpec.none() : newSpec;
        this.random = new Random(spec.seed());
    }

    synchronized FaultSpec spec() {
        return spec;
    }

    synchronized Decision decide(String product) {
        if (spec.isEmpty()) {
            return new Decision(Outcome.NONE, 0);
        }
        FaultSpec.Rule rule = spec.ruleFor(product);
        Outcome outcome = Outcome.NONE;
        double draw = random.nextDouble();
        if (draw < rule.rate429()) {
            outcome = Outcome.FAIL_429;
        } else if (draw < rule.rate429() + rule.rate500()) {
            outcome = Outcome.FAIL_500;
        } else if (draw < rule.rate429() + rule.rate500() + rule.rate500after()) {
            outcome = Outcome.FAIL_500_AFTER;
        }
        return new Decision(outcome, rule.latency());
    }
}
