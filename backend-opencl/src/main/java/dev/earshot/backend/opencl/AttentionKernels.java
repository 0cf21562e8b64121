package dev.earshot.backend.opencl;

import org.jocl.cl_mem;

/**
 * Launches fused attention: attention_query_block.c (one work-item per query) on CPU-shaped devices for heads of up
 * to {@link KernelShapes#QUERY_BLOCK_MAX_HEAD_DIM} channels, attention.c (a work-group per query) otherwise. The
 * launch geometry here must match the kernels' {@code reqd_work_group_size}.
 */
final class AttentionKernels {

    /** attention.c keeps 4 output channels per work-item of its 64. */
    static final int MAX_HEAD_DIM = 4 * 64;
    private static final int ATTENTION_LANES = 64;
    private static final int QUERY_BLOCK = 32;
    private static final int KEY_TILE = 32;

    private final KernelQueue kernels;
    private final KernelShapes shapes;
    private final cl_mem noScores;

    /** @param noScores any buffer, bound when no scores are wanted (the kernels do not write it then) */
    AttentionKernels(KernelQueue kernels, KernelShapes shapes, cl_mem noScores) {
        this.kernels = kernels;
        this.shapes = shapes;
        this.noScores = noScores;
    }

    /** Shapes are checked by the caller; {@code scores} may be null. */
    void run(ClTensor out, ClTensor q, ClTensor k, ClTensor v, int heads, boolean causal, ClTensor scores) {
        int d = q.cols();
        int headDim = d / heads;
        boolean queryBlocks = shapes == KernelShapes.CPU && headDim <= KernelShapes.QUERY_BLOCK_MAX_HEAD_DIM;
        KernelLaunch launch = kernels.launch(queryBlocks ? shapes.attention : "attention").tensor(out).tensor(q).tensor(k)
                .tensor(v);
        if (scores == null) {
            launch.buffer(noScores).integer(0).integer(0);
        } else {
            launch.tensor(scores).integer(1);
        }
        // openai scales q and k by headDim^−¼ each; one factor of headDim^−½ on q is the same up to rounding
        launch.integer(q.rows()).integer(k.rows()).integer(d).integer(headDim).integer(causal ? 1 : 0)
                .real((float) (1 / Math.sqrt(headDim)));
        if (queryBlocks) {
            long tileBytes = (long) KEY_TILE * headDim * Float.BYTES; // [KEY_TILE × head_dim] of keys, then of values
            launch.local(2 * tileBytes)
                    .run(new long[] {KernelLaunch.roundUp(q.rows(), QUERY_BLOCK), heads}, new long[] {QUERY_BLOCK, 1});
        } else {
            launch.local((long) headDim * Float.BYTES) // the head's query, [head_dim]
                    .run(new long[] {(long) q.rows() * ATTENTION_LANES, heads}, new long[] {ATTENTION_LANES, 1});
        }
    }
}
