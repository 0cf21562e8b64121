package dev.earshot.evaluation.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earshot.evaluation.wer.ErrorCounts;

/** One scored utterance: the texts before and after normalization and the word error counts. */
public record UtteranceResult(String id, String audio, String reference, String hypothesis,
                              String referenceNormalized, String hypothesisNormalized, ErrorCounts counts) {

    /** This utterance's word error rate. */
    public double wer() {
        return counts.rate();
    }

    ObjectNode toJson(ObjectMapper json) {
        ObjectNode node = json.createObjectNode();
        node.put("id", id);
        node.put("audio", audio);
        node.put("reference", reference);
        node.put("hypothesis", hypothesis);
        node.put("reference_normalized", referenceNormalized);
        node.put("hypothesis_normalized", hypothesisNormalized);
        node.put("wer", wer());
        node.put("reference_words", counts.referenceLength());
        node.put("hits", counts.hits());
        node.put("substitutions", counts.substitutions());
        node.put("deletions", counts.deletions());
        node.put("insertions", counts.insertions());
        return node;
    }

    static UtteranceResult fromJson(JsonNode node) {
        return new UtteranceResult(text(node, "id"), text(node, "audio"), text(node, "reference"),
                text(node, "hypothesis"), text(node, "reference_normalized"), text(node, "hypothesis_normalized"),
                new ErrorCounts(count(node, "hits"), count(node, "substitutions"), count(node, "deletions"),
                        count(node, "insertions")));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("\"" + field + "\" missing or not a string");
        }
        return value.asText();
    }

    private static int count(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new IllegalArgumentException("\"" + field + "\" missing or not a count");
        }
        return value.asInt();
    }
}
