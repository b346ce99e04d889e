package dev.flexlex.localflex;

import java.util.Random;

/** The fault spec in force (changeable at run time) and its seeded draws, one decision per REST call. */
final class Faults {
    enum Outcome { NONE, FAIL_429, FAIL_500, FAIL_500_AFTER, FAIL_400 }

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

    /** How the next interaction is set up: after how long, and whether its channel fails. */
    synchronized dev.flexlex.localflex.flex.FlexApi.Setup interactionSetup() {
        FaultSpec.Rule rule = spec.ruleFor("flex-api");
        boolean fails = rule.rateChannelFailed() > 0 && random.nextDouble() < rule.rateChannelFailed();
        return new dev.flexlex.localflex.flex.FlexApi.Setup(rule.setup(), fails);
    }

    synchronized Decision decide(String product) {
        return decide(product, "GET");
    }

    synchronized Decision decide(String product, String method) {
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
        } else if (draw < rule.rate429() + rule.rate500() + rule.rate500after() + rule.rate400()
                && "POST".equals(method)) {
            outcome = Outcome.FAIL_400;
        }
        return new Decision(outcome, rule.latency());
    }
}
