package dev.earshot.model.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reading reference vectors. */
final class Json {

    private Json() {
    }

    static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).intValue();
        }
        return values;
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.textValue()));
        return values;
    }

    static List<List<Integer>> intLists(JsonNode arrays) {
        List<List<Integer>> values = new ArrayList<>();
        arrays.forEach(array -> values.add(boxed(ints(array))));
        return values;
    }

    static List<Integer> boxed(int[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    static List<List<Integer>> boxed(List<int[]> arrays) {
        return arrays.stream().map(Json::boxed).toList();
    }
}
