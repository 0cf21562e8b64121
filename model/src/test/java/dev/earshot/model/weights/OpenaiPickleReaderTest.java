package dev.earshot.model.weights;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenaiPickleReaderTest {

    private static final Path SOURCE = Path.of("test.pkl");

    /** Records calls instead of doing anything, to show that reading never acts on its own. */
    private static final class RecordingCalls implements PickleReader.Calls {
        final List<String> called = new ArrayList<>();

        @Override
        public Object call(String qualifiedName, List<Object> arguments) {
            called.add(qualifiedName + arguments);
            return "result of " + qualifiedName;
        }

        @Override
        public Object persistentLoad(Object persistentId) {
            return "storage " + persistentId;
        }
    }

    private static Object read(String pickle, Set<String> allowed, RecordingCalls calls) {
        return PickleReader.read(SOURCE, pickle.getBytes(StandardCharsets.ISO_8859_1), allowed, calls);
    }

    @Test
    void readsDictsTuplesNumbersStringsAndMemo() {
        // protocol 2: {'a': (1, 300, -5, 2**40), 'b': ['x', True, None, 'x' via memo], 'f': 0.5}
        String pickle = "\u0080\u0002}q\u0000(X\u0001\u0000\u0000\u0000a(K\u0001M\u002c\u0001J\u00fb\u00ff\u00ff\u00ff"
                + "\u008a\u0006\u0000\u0000\u0000\u0000\u0000\u0001t\u0085"
                + "X\u0001\u0000\u0000\u0000b]q\u0001(X\u0001\u0000\u0000\u0000xq\u0002\u0088Nh\u0002e"
                + "X\u0001\u0000\u0000\u0000fG?\u00e0\u0000\u0000\u0000\u0000\u0000\u0000u.";
        Object value = read(pickle, Set.of(), new RecordingCalls());
        Map<?, ?> dict = (Map<?, ?>) value;
        PickleReader.Tuple outer = (PickleReader.Tuple) dict.get("a");
        assertEquals(List.of(1L, 300L, -5L, 1L << 40), ((PickleReader.Tuple) outer.get(0)).items());
        assertEquals(java.util.Arrays.asList("x", true, null, "x"), dict.get("b"));
        assertEquals(0.5, dict.get("f"));
    }

    @Test
    void allowedGlobalsAreOnlyNamesUntilTheCallerGivesThemMeaning() {
        RecordingCalls calls = new RecordingCalls();
        Object value = read("\u0080\u0002ccollections\nOrderedDict\n)R.", Set.of("collections OrderedDict"), calls);
        assertEquals("result of collections OrderedDict", value);
        assertEquals(List.of("collections OrderedDict[]"), calls.called);
    }

    @Test
    void aForbiddenGlobalStopsTheReadBeforeAnyCall() {
        RecordingCalls calls = new RecordingCalls();
        WeightFormatException e = assertThrows(WeightFormatException.class,
                () -> read("\u0080\u0002cbuiltins\neval\nX\u0001\u0000\u0000\u00001\u0085R.", Set.of("collections OrderedDict"), calls));
        assertTrue(e.getMessage().contains("'builtins.eval', which is not allowed"), e.getMessage());
        assertTrue(calls.called.isEmpty());
    }

    @Test
    void stackGlobalIsCheckedToo() {
        WeightFormatException e = assertThrows(WeightFormatException.class, () -> read(
                "\u0080\u0004\u008c\u0005posix\u008c\u0006system\u0093.", Set.of(), new RecordingCalls()));
        assertTrue(e.getMessage().contains("'posix.system'"), e.getMessage());
    }

    @Test
    void unknownOpcodesAndTruncationAreNamed() {
        WeightFormatException unknown = assertThrows(WeightFormatException.class,
                () -> read("\u0080\u0002\u00ff.", Set.of(), new RecordingCalls()));
        assertTrue(unknown.getMessage().contains("opcode 0xff at byte 2"), unknown.getMessage());
        WeightFormatException instObj = assertThrows(WeightFormatException.class,
                () -> read("\u0080\u0002(o.", Set.of(), new RecordingCalls()));
        assertTrue(instObj.getMessage().contains("opcode 0x6f ('o')"), instObj.getMessage());
        WeightFormatException truncated = assertThrows(WeightFormatException.class,
                () -> read("\u0080\u0002X\u0010\u0000\u0000\u0000abc", Set.of(), new RecordingCalls()));
        assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
        WeightFormatException noStop = assertThrows(WeightFormatException.class,
                () -> read("\u0080\u0002}", Set.of(), new RecordingCalls()));
        assertTrue(noStop.getMessage().contains("without a STOP"), noStop.getMessage());
    }

    @Test
    void reduceOfSomethingThatIsNotAnAllowedGlobalIsRefused() {
        WeightFormatException e = assertThrows(WeightFormatException.class,
                () -> read("\u0080\u0002X\u0001\u0000\u0000\u0000a)R.", Set.of(), new RecordingCalls()));
        assertTrue(e.getMessage().contains("REDUCE at byte 9 applies String"), e.getMessage());
    }
}
