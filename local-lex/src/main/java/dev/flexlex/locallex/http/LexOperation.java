package dev.flexlex.locallex.http;

/** Operations of the runtime model that share the session path; the last two are answered with a clear refusal. */
enum LexOperation {
    RECOGNIZE_TEXT("RecognizeText"),
    GET_SESSION("GetSession"),
    PUT_SESSION("PutSession"),
    DELETE_SESSION("DeleteSession"),
    RECOGNIZE_UTTERANCE("RecognizeUtterance"),
    START_CONVERSATION("StartConversation");

    private final String operationName;

    LexOperation(String operationName) {
        this.operationName = operationName;
    }

    String operationName() {
        return operationName;
    }
}
