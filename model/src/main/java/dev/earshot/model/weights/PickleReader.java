package dev.earshot.model.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the data subset of Python's pickle protocol (0–5 framing, protocol-2 opcodes) that {@code torch.save}
 * writes, without running anything: a pickle is a program, and a checkpoint from the internet must not get to
 * choose what it calls. Globals are only names; a global outside the caller's allow-list, or any opcode that
 * is not pure data, stops the read with an error naming it. What a {@code REDUCE} of an allowed global yields
 * is decided by the caller's {@link Calls}.
 */
public final class PickleReader {

    /** The caller's meaning for the few allowed globals and for persistent ids. */
    public interface Calls {
        /** Result of calling the allowed global {@code qualifiedName} ("module name") with {@code arguments}. */
        Object call(String qualifiedName, List<Object> arguments);

        /** The object a {@code BINPERSID} refers to. */
        Object persistentLoad(Object persistentId);
    }

    /** A global that was named by the pickle and is on the allow-list; it is only a name. */
    public record Global(String qualifiedName) {
    }

    /** A Python tuple (immutable, told apart from a list). */
    public record Tuple(List<Object> items) {
        public Object get(int i) {
            return items.get(i);
        }

        public int size() {
            return items.size();
        }
    }

    private static final Object MARK = new Object();

    private final Path source;
    private final ByteBuffer in;
    private final Set<String> allowedGlobals;
    private final Calls calls;
    private final List<Object> stack = new ArrayList<>();
    private final List<Integer> marks = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();

    private PickleReader(Path source, byte[] pickle, Set<String> allowedGlobals, Calls calls) {
        this.source = source;
        this.in = ByteBuffer.wrap(pickle).order(ByteOrder.LITTLE_ENDIAN);
        this.allowedGlobals = allowedGlobals;
        this.calls = calls;
    }

    /**
     * Reads one pickled object.
     *
     * @param source         named in errors
     * @param allowedGlobals "module name" strings that may appear; any other global is an error
     */
    public static Object read(Path source, byte[] pickle, Set<String> allowedGlobals, Calls calls) {
        return new PickleReader(source, pickle, allowedGlobals, calls).run();
    }

    private Object run() {
        while (true) {
            if (!in.hasRemaining()) {
                throw fail("ends without a STOP opcode: the pickle is truncated");
            }
            int position = in.position();
            int opcode = in.get() & 0xff;
            try {
                if (opcode == '.') {
                    if (stack.size() != 1) {
                        throw fail("STOP with " + stack.size() + " values on the stack instead of 1");
                    }
                    return stack.getFirst();
                }
                step(opcode, position);
            } catch (java.nio.BufferUnderflowException e) {
                throw fail("opcode " + opcodeName(opcode) + " at byte " + position + " runs past the end: the pickle is truncated");
            }
        }
    }

    private void step(int opcode, int position) {
        switch (opcode) {
            case 0x80 -> { // PROTO
                int protocol = in.get() & 0xff;
                if (protocol > 5) {
                    throw fail("uses pickle protocol " + protocol + "; protocols up to 5 are understood");
                }
            }
            case 0x95 -> in.getLong(); // FRAME: a length hint only
            case '(' -> { marks.add(stack.size()); push(MARK); }
            case '}' -> push(new LinkedHashMap<>());
            case ']' -> push(new ArrayList<>());
            case ')' -> push(new Tuple(List.of()));
            case 't' -> push(new Tuple(popToMark()));
            case 0x85 -> push(new Tuple(List.of(pop())));
            case 0x86 -> { Object b = pop(); Object a = pop(); push(new Tuple(List.of(a, b))); }
            case 0x87 -> { Object c = pop(); Object b = pop(); Object a = pop(); push(new Tuple(List.of(a, b, c))); }
            case 'q' -> memo.put((long) (in.get() & 0xff), peek());
            case 'r' -> memo.put(in.getInt() & 0xffffffffL, peek());
            case 0x94 -> memo.put((long) memo.size(), peek()); // MEMOIZE
            case 'h' -> push(memoGet(in.get() & 0xff));
            case 'j' -> push(memoGet(in.getInt() & 0xffffffffL));
            case 'J' -> push((long) in.getInt());
            case 'K' -> push((long) (in.get() & 0xff));
            case 'M' -> push((long) (in.getShort() & 0xffff));
            case 0x8a -> push(long1(in.get() & 0xff));
            case 'X' -> push(text(in.getInt() & 0xffffffffL));
            case 0x8c -> push(text(in.get() & 0xff));
            case 0x8d -> push(text(in.getLong()));
            case 'U' -> push(text(in.get() & 0xff)); // SHORT_BINSTRING: Python 2 str, ASCII in practice
            case 'T' -> push(text(in.getInt() & 0xffffffffL));
            case 'C' -> push(bytes(in.get() & 0xff));
            case 'B' -> push(bytes(in.getInt() & 0xffffffffL));
            case 'N' -> push(null);
            case 0x88 -> push(Boolean.TRUE);
            case 0x89 -> push(Boolean.FALSE);
            case 'G' -> { // BINFLOAT is the one big-endian field
                double value = in.order(ByteOrder.BIG_ENDIAN).getDouble();
                in.order(ByteOrder.LITTLE_ENDIAN);
                push(value);
            }
            case 's' -> { Object value = pop(); Object key = pop(); dict(peek(), opcode).put(key, value); }
            case 'u' -> {
                List<Object> items = popToMark();
                Map<Object, Object> dict = dict(peek(), opcode);
                for (int i = 0; i + 1 < items.size(); i += 2) {
                    dict.put(items.get(i), items.get(i + 1));
                }
            }
            case 'a' -> { Object value = pop(); list(peek(), opcode).add(value); }
            case 'e' -> { List<Object> items = popToMark(); list(peek(), opcode).addAll(items); }
            case 'c' -> push(global(line(), line()));
            case 0x93 -> { Object name = pop(); Object module = pop(); push(global(String.valueOf(module), String.valueOf(name))); }
            case 'R' -> {
                Object arguments = pop();
                Object callable = pop();
                if (!(callable instanceof Global global) || !(arguments instanceof Tuple tuple)) {
                    throw fail("REDUCE at byte " + position + " applies " + describe(callable) + " to " + describe(arguments)
                            + "; only allowed globals can be called, with a tuple");
                }
                push(calls.call(global.qualifiedName(), tuple.items()));
            }
            case 'Q' -> push(calls.persistentLoad(pop()));
            case 'b' -> { // BUILD: state for the object below; tensors and dicts keep none that matters
                Object state = pop();
                if (!(peek() instanceof Map) && !(peek() instanceof TensorSlice) && state != null) {
                    throw fail("BUILD at byte " + position + " sets state on " + describe(peek()) + ", which this reader cannot do safely");
                }
            }
            case '0' -> pop(); // POP
            default -> throw fail("has opcode " + opcodeName(opcode) + " at byte " + position
                    + ", which a PyTorch checkpoint does not use; refusing to go on (the file is corrupt or not a plain checkpoint)");
        }
    }

    private Global global(String module, String name) {
        String qualified = module + " " + name;
        if (!allowedGlobals.contains(qualified)) {
            throw fail("refers to the Python global '" + module + "." + name + "', which is not allowed in a model checkpoint"
                    + " (allowed: " + new TreeSet<>(allowedGlobals).stream().map(g -> g.replace(' ', '.')).toList()
                    + "); the file was not run and will not be loaded");
        }
        return new Global(qualified);
    }

    private Object long1(int length) {
        byte[] raw = new byte[length];
        in.get(raw);
        if (length == 0) {
            return 0L;
        }
        byte[] bigEndian = new byte[length];
        for (int i = 0; i < length; i++) {
            bigEndian[i] = raw[length - 1 - i];
        }
        java.math.BigInteger value = new java.math.BigInteger(bigEndian);
        if (value.bitLength() > 63) {
            throw fail("holds an integer of " + value.bitLength() + " bits");
        }
        return value.longValue();
    }

    private String text(long length) {
        return new String(bytes(length), StandardCharsets.UTF_8);
    }

    private byte[] bytes(long length) {
        if (length > in.remaining()) {
            throw fail("a string of " + length + " bytes runs past the end: the pickle is truncated");
        }
        byte[] out = new byte[(int) length];
        in.get(out);
        return out;
    }

    private String line() {
        StringBuilder s = new StringBuilder();
        while (true) {
            byte b = in.get();
            if (b == '\n') {
                return s.toString();
            }
            s.append((char) (b & 0xff));
            if (s.length() > 512) {
                throw fail("has a GLOBAL name longer than 512 characters");
            }
        }
    }

    private Object memoGet(long key) {
        if (!memo.containsKey(key)) {
            throw fail("reads memo slot " + key + ", which was never written");
        }
        return memo.get(key);
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> dict(Object target, int opcode) {
        if (target instanceof Map<?, ?> map) {
            return (Map<Object, Object>) map;
        }
        throw fail("opcode " + opcodeName(opcode) + " expects a dict but found " + describe(target));
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object target, int opcode) {
        if (target instanceof ArrayList<?> list) {
            return (List<Object>) list;
        }
        throw fail("opcode " + opcodeName(opcode) + " expects a list but found " + describe(target));
    }

    private void push(Object value) {
        stack.add(value);
    }

    private Object pop() {
        if (stack.isEmpty() || stack.getLast() == MARK) {
            throw fail("pops from an empty stack: the pickle is corrupt");
        }
        return stack.removeLast();
    }

    private Object peek() {
        if (stack.isEmpty() || stack.getLast() == MARK) {
            throw fail("reads from an empty stack: the pickle is corrupt");
        }
        return stack.getLast();
    }

    private List<Object> popToMark() {
        if (marks.isEmpty()) {
            throw fail("closes a MARK that was never opened: the pickle is corrupt");
        }
        int mark = marks.removeLast();
        List<Object> items = new ArrayList<>(stack.subList(mark + 1, stack.size()));
        stack.subList(mark, stack.size()).clear();
        return items;
    }

    private static String describe(Object value) {
        return value == null ? "None" : value.getClass().getSimpleName();
    }

    private static String opcodeName(int opcode) {
        String hex = String.format("0x%02x", opcode);
        return opcode >= 0x20 && opcode < 0x7f ? hex + " ('" + (char) opcode + "')" : hex;
    }

    private WeightFormatException fail(String problem) {
        return new WeightFormatException(source, "pickle " + problem);
    }
}
