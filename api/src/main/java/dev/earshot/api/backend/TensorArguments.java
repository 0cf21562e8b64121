package dev.earshot.api.backend;

/**
 * Argument checks every backend makes the same way, with messages that name the shapes involved. For backend
 * implementations: each op checks its arguments before touching memory.
 */
public final class TensorArguments {

    /** The most elements one tensor may have: array headers need a few of {@link Integer#MAX_VALUE}'s. */
    public static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    /** The width of {@link Backend#conv1d}'s kernel, as in Whisper's two encoder convolutions. */
    public static final int CONV1D_KERNEL = 3;

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

    /**
     * The element count of a new [rows × cols] tensor, for {@link Backend#allocate} and for a backend's own buffers.
     *
     * @return rows · cols
     * @throws IllegalArgumentException when a size is not positive or the tensor would exceed {@link #MAX_ELEMENTS}
     */
    public static int requireAllocatable(int rows, int cols) {
        if (rows <= 0 || cols <= 0 || (long) rows * cols > MAX_ELEMENTS) {
            throw new IllegalArgumentException("cannot allocate [" + rows + " × " + cols + "]: both sizes must be positive"
                    + " and the tensor at most " + MAX_ELEMENTS + " elements");
        }
        return rows * cols;
    }

    /** {@link Backend#linear}'s shapes: x [n × in], weight [out × in], out [n × out]. */
    public static void requireLinearShapes(Tensor out, Tensor x, Tensor weight) {
        if (x.cols() != weight.cols()) {
            throw new IllegalArgumentException("linear: x " + shape(x) + " has " + x.cols() + " columns but weight "
                    + shape(weight) + " has " + weight.cols() + "; x·Wᵀ needs them equal");
        }
        requireShape("linear", "out", out, x.rows(), weight.rows(), "x " + shape(x) + " · weight " + shape(weight) + "ᵀ");
    }

    /**
     * {@link Backend#attention}'s shapes: q [T_q × d] with d a multiple of the heads, k and v [T_k × d], out like q,
     * T_q ≤ T_k when causal, and scores (when not null) [heads·T_q × T_k].
     *
     * @return the width of one head, d / heads
     */
    public static int requireAttentionShapes(Tensor out, Tensor q, Tensor k, Tensor v, AttentionSpec spec, Tensor scores) {
        int heads = spec.heads();
        int d = q.cols();
        if (d % heads != 0) {
            throw new IllegalArgumentException("attention: q " + shape(q) + " has " + d + " columns, not a multiple of "
                    + heads + " heads");
        }
        requireShape("attention", "k", k, k.rows(), d, "q " + shape(q));
        requireShape("attention", "v", v, k.rows(), d, "k " + shape(k));
        requireShape("attention", "out", out, q.rows(), d, "q " + shape(q));
        if (spec.causal() && q.rows() > k.rows()) {
            throw new IllegalArgumentException("attention: causal q " + shape(q) + " has more positions than k "
                    + shape(k) + "; the queries must be the last T_q of the T_k positions");
        }
        if (scores != null) {
            requireShape("attention", "scores", scores, heads * q.rows(), k.rows(),
                    heads + " heads × q " + shape(q) + " against k " + shape(k));
        }
        return d / heads;
    }

    /**
     * {@link Backend#conv1d}'s shapes: stride 1 or 2, x [T_in × C_in], weight [C_out × C_in·3], out [T_out × C_out]
     * with T_out = (T_in − 1) / stride + 1.
     *
     * @return T_out, the output steps
     */
    public static int requireConv1dShapes(Tensor out, Tensor x, Tensor weight, int stride) {
        if (stride != 1 && stride != 2) {
            throw new IllegalArgumentException("conv1d: stride must be 1 or 2, not " + stride);
        }
        if (weight.cols() != x.cols() * CONV1D_KERNEL) {
            throw new IllegalArgumentException("conv1d: weight " + shape(weight) + " needs " + x.cols() * CONV1D_KERNEL
                    + " columns (C_in·3) for x " + shape(x));
        }
        int stepsOut = (x.rows() - 1) / stride + 1;
        requireShape("conv1d", "out", out, stepsOut, weight.rows(), "x " + shape(x) + ", weight " + shape(weight)
                + ", stride " + stride);
        return stepsOut;
    }

    /** {@link Backend#embedding}'s arguments: out [ids.length × d] for table [vocab × d], and every id a row of the table. */
    public static void requireEmbeddingIds(Tensor out, Tensor table, int[] ids) {
        requireShape("embedding", "out", out, ids.length, table.cols(), ids.length + " ids from table " + shape(table));
        for (int id : ids) {
            if (id < 0 || id >= table.rows()) {
                throw new IllegalArgumentException("embedding: id " + id + " is outside table " + shape(table));
            }
        }
    }

    /**
     * {@link Backend#copyRows}'s arguments: as many destination rows as source rows, dst and src of the same width,
     * and every row index inside its tensor.
     */
    public static void requireCopyRows(Tensor dst, int[] dstRows, Tensor src, int[] srcRows) {
        if (dstRows.length != srcRows.length) {
            throw new IllegalArgumentException("copyRows: " + dstRows.length + " destination rows but " + srcRows.length
                    + " source rows");
        }
        if (dst.cols() != src.cols()) {
            throw new IllegalArgumentException("copyRows: dst " + shape(dst) + " and src " + shape(src)
                    + " have different column counts");
        }
        requireRowIndices("copyRows", "dst", dst, dstRows);
        requireRowIndices("copyRows", "src", src, srcRows);
    }
}
