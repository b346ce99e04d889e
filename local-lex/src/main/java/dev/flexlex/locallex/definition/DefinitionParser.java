package dev.flexlex.locallex.definition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns definition nodes (CloudFormation PascalCase or export camelCase, see {@link DefinitionNode}) into
 * definition records, checking what the engine relies on.
 */
final class DefinitionParser {

    static final double DEFAULT_NLU_THRESHOLD = 0.40;

    private DefinitionParser() {
    }

    /** An intent's node and its slots' nodes (inline in a template, one file each in an export). */
    record IntentNodes(DefinitionNode intent, List<DefinitionNode> slots) {
    }

    static LocaleDefinition locale(DefinitionNode locale, List<DefinitionNode> slotTypeNodes, List<IntentNodes> intentNodes) {
        List<SlotTypeDefinition> slotTypes = new ArrayList<>();
        for (DefinitionNode slotType : slotTypeNodes) {
            slotTypes.add(slotType(slotType));
        }
        Set<String> typeNames = new HashSet<>();
        slotTypes.forEach(type -> typeNames.add(type.name()));
        List<IntentDefinition> intents = new ArrayList<>();
        for (IntentNodes intent : intentNodes) {
            intents.add(intent(intent.intent(), intent.slots(), typeNames));
        }
        String localeId = locale.requireText("localeId", "identifier");
        if (!localeId.matches("[a-z]{2}_([A-Z]{2}|[0-9]{3})")) {
            throw locale.get("localeId", "identifier").error("must look like en_US or es_419, was '" + localeId + "'");
        }
        double threshold = locale.optionalDouble(DEFAULT_NLU_THRESHOLD, "nluConfidenceThreshold", "nluIntentConfidenceThreshold");
        if (threshold < 0 || threshold > 1) {
            throw locale.get("nluConfidenceThreshold", "nluIntentConfidenceThreshold").error("must be within 0..1");
        }
        Map<String, SlotTypeDefinition> types = new LinkedHashMap<>();
        for (SlotTypeDefinition type : slotTypes) {
            if (types.put(type.name(), type) != null) {
                throw locale.get("slotTypes").error("defines slot type '" + type.name() + "' twice");
            }
        }
        for (IntentDefinition intent : intents) {
            checkSwitchTargets(locale, intent, intents);
        }
        if (intents.stream().map(IntentDefinition::name).distinct().count() < intents.size()) {
            throw locale.get("intents").error("defines an intent name twice: "
                    + intents.stream().map(IntentDefinition::name).toList());
        }
        List<IntentDefinition> all = new ArrayList<>(intents);
        if (all.stream().noneMatch(IntentDefinition::isFallback)) {
            all.add(new IntentDefinition("FallbackIntent", IntentDefinition.FALLBACK_SIGNATURE, List.of(), List.of(),
                    PromptDefinition.NONE, PromptDefinition.NONE, PromptDefinition.NONE, PromptDefinition.NONE,
                    FailureStep.FALLBACK_INTENT, PromptDefinition.NONE));
        }
        return new LocaleDefinition(localeId, threshold, all, types);
    }

    /** The bot's {@code idleSessionTTLInSeconds}, 300 (Lex's default) when absent. */
    static Duration idleSessionTtl(DefinitionNode bot) {
        int ttl = bot.optionalInt(300, "idleSessionTTLInSeconds");
        if (ttl < 60 || ttl > 86400) {
            throw bot.get("idleSessionTTLInSeconds").error("must be within 60..86400, was " + ttl);
        }
        return Duration.ofSeconds(ttl);
    }

    /** The test alias and one id per alias name. */
    static Set<String> aliasIds(String botName, Collection<String> aliasNames) {
        Set<String> aliasIds = new LinkedHashSet<>();
        aliasIds.add(BotIds.TEST_ALIAS_ID);
        aliasNames.forEach(alias -> aliasIds.add(BotIds.aliasId(botName, alias)));
        return aliasIds;
    }

    static IntentDefinition intent(DefinitionNode intent, List<DefinitionNode> slotNodes, Set<String> slotTypeNames) {
        String name = intent.requireText("name", "intentName");
        List<String> utterances = new ArrayList<>();
        for (DefinitionNode utterance : intent.list("sampleUtterances")) {
            utterances.add(utterance.json().isTextual() ? utterance.json().asText() : utterance.requireText("utterance"));
        }
        List<SlotDefinition> slots = new ArrayList<>();
        for (DefinitionNode slotNode : slotNodes) {
            slots.add(slot(slotNode, slotTypeNames));
        }
        slots = inPriorityOrder(intent, slots);
        DefinitionNode confirmation = intent.get("intentConfirmationSetting");
        PromptDefinition confirm = PromptDefinition.NONE;
        PromptDefinition decline = PromptDefinition.NONE;
        PromptDefinition confirmFailure = PromptDefinition.NONE;
        FailureStep confirmFailureStep = FailureStep.FALLBACK_INTENT;
        if (confirmation.isPresent() && confirmation.optionalBoolean(true, "isActive", "active")) {
            confirm = PromptParser.prompt(confirmation.require("promptSpecification", "confirmationPrompt"), true);
            decline = PromptParser.response(confirmation.get("declinationResponse"));
            confirmFailure = PromptParser.response(confirmation.get("failureResponse"));
            confirmFailureStep = failureStep(confirmation);
        }
        DefinitionNode initial = intent.get("initialResponseSetting");
        PromptDefinition initialResponse = PromptParser.response(initial.get("initialResponse"));
        DefinitionNode closing = intent.get("intentClosingSetting");
        PromptDefinition close = closing.isPresent() && closing.optionalBoolean(true, "isActive", "active")
                ? PromptParser.response(closing.get("closingResponse")) : PromptDefinition.NONE;
        String parent = intent.optionalText("parentIntentSignature").orElse(null);
        return new IntentDefinition(name, parent, utterances, slots, initialResponse, confirm, decline, confirmFailure,
                confirmFailureStep, close);
    }

    private static List<SlotDefinition> inPriorityOrder(DefinitionNode intent, List<SlotDefinition> slots) {
        Map<String, Integer> priorities = new LinkedHashMap<>();
        for (DefinitionNode priority : intent.list("slotPriorities")) {
            String slotName = priority.requireText("slotName", "slotId");
            if (slots.stream().noneMatch(s -> s.name().equals(slotName))) {
                throw priority.get("slotName", "slotId").error("names slot '" + slotName + "', which the intent does not define");
            }
            priorities.put(slotName, priority.optionalInt(Integer.MAX_VALUE, "priority"));
        }
        List<SlotDefinition> ordered = new ArrayList<>(slots);
        ordered.sort(Comparator.comparingInt(s -> priorities.getOrDefault(s.name(), Integer.MAX_VALUE)));
        return ordered;
    }

    static SlotDefinition slot(DefinitionNode slot, Set<String> slotTypeNames) {
        String name = slot.requireText("name", "slotName");
        String typeName = slot.requireText("slotTypeName");
        String type = BuiltInSlotTypes.canonical(typeName).orElse(typeName);
        if (!type.startsWith("AMAZON.") && !slotTypeNames.contains(type)) {
            throw slot.get("slotTypeName").error("names slot type '" + typeName + "', which the locale does not define");
        }
        if (type.startsWith("AMAZON.") && !BuiltInSlotTypes.ALL.contains(type)) {
            throw slot.get("slotTypeName").error("names built-in slot type '" + typeName
                    + "', which local-lex does not support (supported: " + BuiltInSlotTypes.ALL + ")");
        }
        DefinitionNode elicitation = slot.require("valueElicitationSetting", "slotValueElicitationSetting");
        // The model-building API puts slotConstraint in the elicitation setting; AWS's export format page beside it.
        DefinitionNode constraintHolder = elicitation.get("slotConstraint").isPresent() || !slot.get("slotConstraint").isPresent()
                ? elicitation : slot;
        String constraint = constraintHolder.requireText("slotConstraint");
        if (!constraint.equals("Required") && !constraint.equals("Optional")) {
            throw constraintHolder.get("slotConstraint").error("must be Required or Optional, was '" + constraint + "'");
        }
        boolean required = constraint.equals("Required");
        DefinitionNode promptNode = elicitation.get("promptSpecification");
        if (required && !promptNode.isPresent()) {
            throw promptNode.error("is missing (a Required slot needs a prompt)");
        }
        PromptDefinition prompt = promptNode.isPresent() ? PromptParser.prompt(promptNode, true) : PromptDefinition.NONE;
        PromptDefinition failure = PromptParser.response(elicitation.get("slotCaptureSetting").get("failureResponse"));
        FailureStep failureStep = failureStep(elicitation.get("slotCaptureSetting"));
        List<String> defaults = new ArrayList<>();
        for (DefinitionNode value : elicitation.get("defaultValueSpecification").list("defaultValueList")) {
            defaults.add(value.requireText("defaultValue"));
        }
        return new SlotDefinition(name, type, required, prompt, failure, failureStep, defaults);
    }

    /**
     * A setting's {@code failureNextStep} ({@code DialogState}): absent means the fallback intent. A
     * {@code failureConditional} that is active, or a dialog action local-lex does not follow, fails the load.
     */
    static FailureStep failureStep(DefinitionNode setting) {
        DefinitionNode conditional = setting.get("failureConditional");
        if (conditional.isPresent() && conditional.optionalBoolean(true, "active", "isActive")) {
            throw conditional.error("is not supported by local-lex (conditional branches are not evaluated)");
        }
        DefinitionNode next = setting.get("failureNextStep");
        if (!next.isPresent()) {
            return FailureStep.FALLBACK_INTENT;
        }
        String type = next.require("dialogAction").requireText("type");
        return switch (type) {
            case "StartIntent" -> new FailureStep(FailureStep.Kind.START_INTENT,
                    next.require("intent").requireText("name"));
            case "ElicitIntent" -> new FailureStep(FailureStep.Kind.ELICIT_INTENT, null);
            case "EndConversation" -> new FailureStep(FailureStep.Kind.END_CONVERSATION, null);
            default -> throw next.get("dialogAction").get("type").error("is '" + type
                    + "', which local-lex does not follow after a failed prompt (supported: "
                    + FailureStep.SUPPORTED_TYPES + ")");
        };
    }

    /** Every {@code StartIntent} failure step names an intent of the locale (or its fallback intent). */
    private static void checkSwitchTargets(DefinitionNode locale, IntentDefinition intent, List<IntentDefinition> intents) {
        List<FailureStep> steps = new ArrayList<>();
        steps.add(intent.confirmationFailureStep());
        intent.slots().forEach(slot -> steps.add(slot.failureNextStep()));
        for (FailureStep step : steps) {
            if (step.kind() == FailureStep.Kind.START_INTENT && !step.intentName().equals("FallbackIntent")
                    && intents.stream().noneMatch(other -> other.name().equals(step.intentName()))) {
                throw locale.get("intents").error("intent '" + intent.name() + "' has a failureNextStep starting intent '"
                        + step.intentName() + "', which the locale does not define");
            }
        }
    }

    static SlotTypeDefinition slotType(DefinitionNode slotType) {
        String name = slotType.requireText("name", "slotTypeName");
        List<SlotTypeDefinition.Value> values = new ArrayList<>();
        for (DefinitionNode value : slotType.list("slotTypeValues")) {
            String sample = value.require("sampleValue").requireText("value");
            List<String> synonyms = new ArrayList<>();
            for (DefinitionNode synonym : value.list("synonyms")) {
                synonyms.add(synonym.json().isTextual() ? synonym.json().asText() : synonym.requireText("value"));
            }
            values.add(new SlotTypeDefinition.Value(sample, synonyms));
        }
        DefinitionNode parentNode = slotType.get("parentSlotTypeSignature");
        String parent = parentNode.isPresent() ? BuiltInSlotTypes.canonical(parentNode.json().asText()).orElseThrow(
                () -> parentNode.error("names '" + parentNode.json().asText() + "', which local-lex does not support "
                        + "(supported: " + BuiltInSlotTypes.ALL + ")")) : null;
        if (values.isEmpty() && parent == null) {
            throw slotType.get("slotTypeValues").error("is missing or empty (local-lex needs the values of a custom slot type)");
        }
        DefinitionNode regexNode = slotType.get("valueSelectionSetting").get("regexFilter").get("pattern");
        String regex = regexNode.isPresent() ? regexNode.json().asText() : null;
        if (regex != null) {
            try {
                java.util.regex.Pattern.compile(regex);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw regexNode.error("is not a valid pattern: " + e.getDescription());
            }
        }
        DefinitionNode strategy = slotType.get("valueSelectionSetting").get("resolutionStrategy");
        SlotTypeDefinition.Resolution resolution = SlotTypeDefinition.Resolution.ORIGINAL_VALUE;
        if (strategy.isPresent()) {
            String text = strategy.json().asText().replace("_", "").toLowerCase();
            resolution = switch (text) {
                case "originalvalue" -> SlotTypeDefinition.Resolution.ORIGINAL_VALUE;
                case "topresolution" -> SlotTypeDefinition.Resolution.TOP_RESOLUTION;
                default -> throw strategy.error("must be ORIGINAL_VALUE or TOP_RESOLUTION, was '" + strategy.json().asText()
                        + "' (composite and grammar slot types are not supported)");
            };
        }
        return new SlotTypeDefinition(name, values, resolution, parent, regex);
    }
}
