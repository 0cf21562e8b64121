package dev.earshot.backend.opencl;

import org.jocl.cl_mem;

/**
 * Launches {@code out [n × m] = x [n × k] · Wᵀ + b} (linear.cl): the GEMV-shaped kernel of the device's
 * {@link KernelShapes} for up to {@link #GEMV_MAX_ROWS} rows (decoder steps, beams), the tiled GEMM above that
 * (encoder, conv1d patches). The launch geometry here must match the kernels' {@code reqd_work_group_size}.
 */
final class LinearKernels {

    static final int GEMV_MAX_ROWS = 8;
    private static final int GEMM_GROUP = 16;
    private static final int GEMM_TILE = 64;
    private static final int GEMV_LANES = 32;
    private static final int GEMV_FEATURES = 8;
    private static final int GEMV_FEATURES_PER_GROUP = 64;
    private static final int GEMV_ROWWISE_GROUP = 64;

    private final KernelQueue kernels;
    private final KernelShapes shapes;
    private final cl_mem noBias;

    /** @param noBias any buffer, bound when there is no bias (the kernel does not read it then) */
    LinearKernels(KernelQueue kernels, KernelShapes shapes, cl_mem noBias) {
        this.kernels = kernels;
        this.shapes = shapes;
        this.noBias = noBias;
    }

    void run(cl_mem out, int outOffset, cl_mem x, int xOffset, int n, ClTensor weight, ClTensor bias) {
        int m = weight.rows();
        int k = weight.cols();
        boolean fewRows = n <= GEMV_MAX_ROWS;
        KernelLaunch launch = kernels.launch(fewRows ? shapes.gemv : "gemm_tiled").buffer(out).integer(outOffset)
                .buffer(x).integer(xOffset).tensor(weight);
        if (bias == null) {
            launch.buffer(noBias).integer(0).integer(0);
        } else {
            launch.tensor(bias).integer(1);
        }
        launch.integer(n).integer(m).integer(k);
        if (fewRows && shapes == KernelShapes.CPU) {
            launch.run(new long[] {KernelLaunch.roundUp(m, GEMV_ROWWISE_GROUP), n}, new long[] {GEMV_ROWWISE_GROUP, 1});
        } else if (fewRows) {
            long groups = KernelLaunch.roundUp(m, GEMV_FEATURES_PER_GROUP) / GEMV_FEATURES_PER_GROUP;
            launch.run(new long[] {GEMV_LANES, groups * GEMV_FEATURES, n}, new long[] {GEMV_LANES, GEMV_FEATURES, 1});
        } else {
            launch.run(new long[] {KernelLaunch.roundUp(m, GEMM_TILE) / GEMM_TILE * GEMM_GROUP,
                    KernelLaunch.roundUp(n, GEMM_TILE) / GEMM_TILE * GEMM_GROUP}, new long[] {GEMM_GROUP, GEMM_GROUP});
        }
    }
}
