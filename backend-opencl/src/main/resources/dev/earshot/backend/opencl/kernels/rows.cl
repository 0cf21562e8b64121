// Row-wise reductions: one work-group of ROW_LANES work-items per row, partial results combined in local
// memory. Never a reduction across work-groups: there is no cross-group synchronisation in OpenCL 1.2, and
// PoCL gets atomics-based cross-group reductions wrong.

#define ROW_LANES 256

// The sum of every lane's value, returned to all lanes. All lanes must call it (it has barriers).
static float row_sum(__local float* scratch, float value) {
    int lane = get_local_id(0);
    scratch[lane] = value;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int half_width = ROW_LANES / 2; half_width > 0; half_width >>= 1) {
        if (lane < half_width) {
            scratch[lane] += scratch[lane + half_width];
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    float total = scratch[0];
    barrier(CLK_LOCAL_MEM_FENCE); // scratch is reused by the next call
    return total;
}

static float row_max(__local float* scratch, float value) {
    int lane = get_local_id(0);
    scratch[lane] = value;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int half_width = ROW_LANES / 2; half_width > 0; half_width >>= 1) {
        if (lane < half_width) {
            scratch[lane] = fmax(scratch[lane], scratch[lane + half_width]);
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    float largest = scratch[0];
    barrier(CLK_LOCAL_MEM_FENCE);
    return largest;
}

// out = (x − mean)/√(var + eps)·gamma + beta per row of x [rows × d]. Two passes (mean, then squared
// deviations) because E[x²] − E[x]² cancels catastrophically when |mean| ≫ σ. out may be x: each element is
// read and then written by the same work-item, after both reductions.
__kernel __attribute__((reqd_work_group_size(ROW_LANES, 1, 1)))
void layer_norm(__global float* out, int out_offset, __global const float* x, int x_offset,
                __global const float* gamma, int gamma_offset, __global const float* beta, int beta_offset,
                int d, float eps) {
    __local float scratch[ROW_LANES];
    int lane = get_local_id(0);
    int row_start = get_group_id(0) * d;
    __global const float* in = x + x_offset + row_start;
    __global float* result = out + out_offset + row_start;

    float sum = 0.0f;
    for (int c = lane; c < d; c += ROW_LANES) {
        sum += in[c];
    }
    float mean = row_sum(scratch, sum) / d;
    float squares = 0.0f;
    for (int c = lane; c < d; c += ROW_LANES) {
        float deviation = in[c] - mean;
        squares += deviation * deviation;
    }
    float inverse_deviation = 1.0f / sqrt(row_sum(scratch, squares) / d + eps);
    for (int c = lane; c < d; c += ROW_LANES) {
        result[c] = (in[c] - mean) * inverse_deviation * gamma[gamma_offset + c] + beta[beta_offset + c];
    }
}

// out = x − max − log Σ exp(x − max) per row of x [rows × cols]; the max is subtracted first so exp cannot
// overflow. out may be x.
__kernel __attribute__((reqd_work_group_size(ROW_LANES, 1, 1)))
void log_softmax(__global float* out, int out_offset, __global const float* x, int x_offset, int cols) {
    __local float scratch[ROW_LANES];
    int lane = get_local_id(0);
    int row_start = get_group_id(0) * cols;
    __global const float* in = x + x_offset + row_start;
    __global float* result = out + out_offset + row_start;

    float largest = -INFINITY;
    for (int c = lane; c < cols; c += ROW_LANES) {
        largest = fmax(largest, in[c]);
    }
    largest = row_max(scratch, largest);
    float sum = 0.0f;
    for (int c = lane; c < cols; c += ROW_LANES) {
        sum += exp(in[c] - largest);
    }
    float log_sum = log(row_sum(scratch, sum));
    for (int c = lane; c < cols; c += ROW_LANES) {
        result[c] = in[c] - largest - log_sum;
    }
}
