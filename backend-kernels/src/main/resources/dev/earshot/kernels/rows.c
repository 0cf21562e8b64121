// Row-wise reductions: one work-group of ROW_LANES work-items per row, partial results combined in local
// memory. Never a reduction across work-groups: there is no cross-group synchronisation in OpenCL 1.2, and
// PoCL gets atomics-based cross-group reductions wrong.

#define ROW_LANES 256

// The sum of every lane's value, returned to all lanes. All lanes must call it (it has barriers).
DEVICE_FN float row_sum(LOCAL_PTR float* scratch, float value) {
    int lane = LOCAL_ID(0);
    scratch[lane] = value;
    BARRIER();
    for (int half_width = ROW_LANES / 2; half_width > 0; half_width >>= 1) {
        if (lane < half_width) {
            scratch[lane] += scratch[lane + half_width];
        }
        BARRIER();
    }
    float total = scratch[0];
    BARRIER(); // scratch is reused by the next call
    return total;
}

DEVICE_FN float row_max(LOCAL_PTR float* scratch, float value) {
    int lane = LOCAL_ID(0);
    scratch[lane] = value;
    BARRIER();
    for (int half_width = ROW_LANES / 2; half_width > 0; half_width >>= 1) {
        if (lane < half_width) {
            scratch[lane] = fmax(scratch[lane], scratch[lane + half_width]);
        }
        BARRIER();
    }
    float largest = scratch[0];
    BARRIER();
    return largest;
}

// out = (x − mean)/√(var + eps)·gamma + beta per row of x [rows × d]. Two passes (mean, then squared
// deviations) because E[x²] − E[x]² cancels catastrophically when |mean| ≫ σ. out may be x: each element is
// read and then written by the same work-item, after both reductions.
KERNEL GROUP_SIZE(ROW_LANES, 1, 1)
void layer_norm(GLOBAL float* out, int out_offset, GLOBAL const float* x, int x_offset,
                GLOBAL const float* gamma, int gamma_offset, GLOBAL const float* beta, int beta_offset,
                int d, float eps) {
    LOCAL_ARRAY float scratch[ROW_LANES];
    int lane = LOCAL_ID(0);
    int row_start = GROUP_ID(0) * d;
    GLOBAL const float* in = x + x_offset + row_start;
    GLOBAL float* result = out + out_offset + row_start;

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
KERNEL GROUP_SIZE(ROW_LANES, 1, 1)
void log_softmax(GLOBAL float* out, int out_offset, GLOBAL const float* x, int x_offset, int cols) {
    LOCAL_ARRAY float scratch[ROW_LANES];
    int lane = LOCAL_ID(0);
    int row_start = GROUP_ID(0) * cols;
    GLOBAL const float* in = x + x_offset + row_start;
    GLOBAL float* result = out + out_offset + row_start;

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
