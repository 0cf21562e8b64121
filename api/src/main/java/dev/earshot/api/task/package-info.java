/**
 * The task SPI: a {@link dev.earshot.api.task.TaskPlugin} composes prompts with the typed special-token grammar
 * ({@link dev.earshot.api.prompt.Prompt}), adds {@link dev.earshot.api.task.LogitFilter}s and interprets tokens,
 * through a narrow {@link dev.earshot.api.task.TaskContext} that never exposes the backend.
 */
package dev.earshot.api.task;
