package dev.flexlex.localflex;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The fault spec in force (changeable at run time) and its seeded draws, one decision per REST call. */
final class Faults {
    enum Outcome { NONE, FAIL_429, FAIL_500, FAIL_500_AFTER, FAIL_400 }

    record Decision(Outcome outcome, long latencyMillis) {
    }

    private FaultSpec spec;
    private Random random;
    /** The spec's targeted faults with the matching requests each has left to fail. */
    private final List<Armed> armed = new ArrayList<>();

    private static final class Armed {
        final TargetedFault fault;
        int skip;
        int left;

        Armed(TargetedFault fault) {
            this.fault = fault;
            this.skip = fault.skip();
            this.left = fault.count();
        }
    }

    Faults(FaultSpec spec) {
        set(spec);
    }

    synchronized void set(FaultSpec newSpec) {
        this.spec = newSpec == null ? FaultSpec.none() : newSpec;
        this.random = new Random(spec.seed());
        armed.clear();
        spec.targeted().forEach(f -> armed.add(new Armed(f)));
    }

    /** Adds a targeted fault after those armed, leaving the spec and the others' counts as they are. */
    synchronized void arm(TargetedFault fault) {
        armed.add(new Armed(fault));
    }

    /** The first targeted fault, in spec order, that matches and has requests left to fail; null when none. */
    synchronized TargetedFault takeTargeted(String method, String path) {
        for (Armed a : armed) {
            if (a.left > 0 && a.fault.matches(method, path)) {
                if (a.skip > 0) {
                    a.skip--;
                    continue;
                }
                a.left--;
                return a.fault;
            }
        }
        return null;
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
