package dev.earshot.evaluation.wer;

/**
 * One step of an alignment: the operation, the reference token ({@code null} for an insertion) and the
 * hypothesis token ({@code null} for a deletion).
 */
public record AlignedToken(EditOperation operation, String reference, String hypothesis) {
}
