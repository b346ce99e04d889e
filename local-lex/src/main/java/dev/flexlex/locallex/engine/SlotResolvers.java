package dev.flexlex.locallex.engine;

import dev.flexlex.locallex.definition.BuiltInSlotTypes;
import dev.flexlex.locallex.definition.LocaleDefinition;
import dev.flexlex.locallex.definition.SlotTypeDefinition;
import java.util.HashMap;
import java.util.Map;

/** The resolver of every slot type a locale uses: its custom types and the supported built-ins. */
final class SlotResolvers {

    private final Map<String, SlotResolver> byType = new HashMap<>();

    SlotResolvers(LocaleDefinition locale) {
        byType.put(BuiltInSlotTypes.DATE, new DateResolver());
        byType.put(BuiltInSlotTypes.TIME, new TimeResolver());
        byType.put(BuiltInSlotTypes.NUMBER, new NumberResolver());
        byType.put(BuiltInSlotTypes.ALPHANUMERIC, new AlphaNumericResolver());
        byType.put(BuiltInSlotTypes.FREE_FORM, new FreeFormResolver());
        byType.put(BuiltInSlotTypes.EMAIL, new EmailResolver());
        byType.put(BuiltInSlotTypes.CONFIRMATION, new ConfirmationResolver());
        for (SlotTypeDefinition type : locale.slotTypes().values()) {
            if (type.regexFilter() != null) {
                byType.put(type.name(), new RegexSlotResolver(type.regexFilter()));
            } else if (type.parentSignature() != null) {
                byType.put(type.name(), byType.get(type.parentSignature()));
            } else {
                byType.put(type.name(), new CustomSlotResolver(type));
            }
        }
    }

    /** The resolver of {@code slotTypeName}; the loader has checked that every slot's type has one. */
    SlotResolver forType(String slotTypeName) {
        SlotResolver resolver = byType.get(slotTypeName);
        if (resolver == null) {
            throw new IllegalStateException("no resolver for slot type " + slotTypeName);
        }
        return resolver;
    }
}
