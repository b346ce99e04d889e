package dev.flexlex.model;

/** A queue record written with a schema version this code does not understand (e.g. by a newer producer). */
public class UnsupportedSchemaVersionException extends MalformedRecordException {
    private final int schemaVersion;

    public UnsupportedSchemaVersionException(String recordType, int schemaVersion, int supported) {
        super(recordType + " schemaVersion " + schemaVersion + " is not supported (this consumer reads version "
                + supported + ")");
        this.schemaVersion = schemaVersion;
    }

    public int schemaVersion() {
        return schemaVersion;
    }
}
