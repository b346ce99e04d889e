package dev.flexlex.chat;

/**
 * Where handed-off chats are routed: the Flex TaskRouter workspace, workflow and task channel.
 *
 * @param taskChannel the task channel unique name ({@code chat} in Flex)
 */
public record HandoffRouting(String workspaceSid, String workflowSid, String taskChannel) {
}
