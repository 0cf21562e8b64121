package dev.earshot.api.backend;

/**
 * Argument checks every backend makes the same way, with messages that name the shapes involved. For backend
 * implementations: each op checks its arguments before touching memory.
 */
public final class TensorArguments {

    private TensorArguments() {
    }

    /** {@code [rows × cols]}, as every message shows a shape. */
    public static String shape(Tensor t) {
        return "[" + t.rows() + " × " + t.cols() + "]";
    }

    public static void requireShape(String op, String role, Tensor t, int rows, int cols, String because) {
        if (t.rows() != rows || t.cols() != cols) {
            throw new IllegalArgumentException(op + ": " + role + " is " + shape(t) + " but must be [" + rows + " × "
                    + cols + "] for " + because);
        }
    }

    /** A host array copied to or from {@code t} must hold exactly its elements. */
    public static void requireSameSize(String op, Tensor t, int hostLength) {
        if (t.elementCount() != hostLength) {
            throw new IllegalArgumentException(op + ": tensor " + shape(t) + " holds " + t.elementCount()
                    + " elements but the host array has " + hostLength);
        }
    }

    public static void requireRowIndices(String op, String role, Tensor t, int[] rows) {
        for (int row : rows) {
            if (row < 0 || row >= t.rows()) {
                throw new IllegalArgumentException(op + ": " + role + " row " + row + " is outside " + shape(t));
            }
        }
    }

    /** The rows a {@link Backend#rows} view asks for lie inside {@code t}. */
    public static void requireRowRange(Tensor t, int firstRow, int rowCount) {
        if (firstRow < 0 || rowCount <= 0 || firstRow + rowCount > t.rows()) {
            throw new IllegalArgumentException("rows [" + firstRow + ", " + (firstRow + rowCount) + ") are outside "
                    + shape(t) + " (need 0 ≤ first, count ≥ 1, first + count ≤ " + t.rows() + ")");
        }
    }
}
