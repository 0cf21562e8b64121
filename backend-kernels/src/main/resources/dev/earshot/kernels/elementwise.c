// Element-wise and gather kernels. Every tensor argument is a buffer plus an element offset, so row views of
// one buffer need no sub-buffers. 1-D launches are rounded up to the work-group size, hence the bounds checks.

// out[i] = a[i] + b[i] over count elements; out may be a or b (each element is read before it is written).
KERNEL void add(GLOBAL float* out, int out_offset,
                  GLOBAL const float* a, int a_offset,
                  GLOBAL const float* b, int b_offset, int count) {
    int i = GLOBAL_ID(0);
    if (i < count) {
        out[out_offset + i] = a[a_offset + i] + b[b_offset + i];
    }
}

// x = x·Φ(x) in place. Φ(x) = ½·erfc(−x/√2) rather than ½(1 + erf(x/√2)): for negative x the latter
// cancels (1 + erf ≈ 0) while erfc keeps its relative accuracy.
KERNEL void gelu(GLOBAL float* x, int offset, int count) {
    int i = GLOBAL_ID(0);
    if (i < count) {
        float v = x[offset + i];
        x[offset + i] = v * 0.5f * erfc(-v * SQRT1_2);
    }
}

// F16 storage → F32. vload_half is core OpenCL C, so this works on devices without cl_khr_fp16.
KERNEL void widen_f16(GLOBAL float* out, GLOBAL const HALF_STORAGE* stored, int count) {
    int i = GLOBAL_ID(0);
    if (i < count) {
        out[i] = LOAD_HALF(stored, i);
    }
}

// BF16 storage → F32: a bfloat16 is the upper half of a float's bits, so widening is a shift and exact.
KERNEL void widen_bf16(GLOBAL float* out, GLOBAL const ushort* stored, int count) {
    int i = GLOBAL_ID(0);
    if (i < count) {
        out[i] = BITS_AS_FLOAT(((uint) stored[i]) << 16);
    }
}

// out[r] = table[ids[r]]: out [count × cols], table [vocab × cols]; launched as (cols, count).
KERNEL void gather_rows(GLOBAL float* out, int out_offset,
                          GLOBAL const float* table, int table_offset,
                          GLOBAL const int* ids, int cols, int count) {
    int c = GLOBAL_ID(0);
    int r = GLOBAL_ID(1);
    if (c < cols && r < count) {
        out[out_offset + r * cols + c] = table[table_offset + ids[r] * cols + c];
    }
}

// Unfolds x [t_in × c_in] into patches [t_out × c_in·3] so conv1d becomes one GEMM against the weight
// [c_out × c_in·3] (PyTorch [c_out, c_in, 3]: column c·3 + tap). Padding 1: taps before 0 or past the end are 0.
KERNEL void im2col(GLOBAL float* patches, GLOBAL const float* x, int x_offset,
                     int t_in, int c_in, int t_out, int stride) {
    int e = GLOBAL_ID(0);
    int width = c_in * 3;
    if (e < t_out * width) {
        int t = e / width;
        int column = e - t * width;
        int channel = column / 3;
        int tap = column - channel * 3;
        int source = t * stride + tap - 1;
        patches[e] = (source >= 0 && source < t_in) ? x[x_offset + source * c_in + channel] : 0.0f;
    }
}
