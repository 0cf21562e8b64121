// out[r] = x[r]·Wᵀ + bias: x [n × k], weight [m × k] (PyTorch orientation), bias [m] or none, out [n × m].

// ---- many rows (encoder): tiled GEMM --------------------------------------------------------------------
// A 16 × 16 work-group computes a 64 × 64 output tile, each work-item a 4 × 4 register block (rows ty + 16·i,
// features tx + 16·j, so neighbouring work-items write neighbouring addresses). The k dimension is walked in
// slices of 16: each slice of x and W is staged in local memory once and read 64 times from there.
#define GEMM_GROUP 16
#define GEMM_BLOCK 4
#define GEMM_TILE (GEMM_GROUP * GEMM_BLOCK)
#define GEMM_K_SLICE 16

__kernel __attribute__((reqd_work_group_size(GEMM_GROUP, GEMM_GROUP, 1)))
void gemm_tiled(__global float* out, int out_offset, __global const float* x, int x_offset,
                __global const float* weight, int weight_offset, __global const float* bias, int bias_offset,
                int has_bias, int n, int m, int k) {
    // [k slice][tile row] and [k slice][tile feature]; +1 column keeps the column reads free of bank conflicts
    __local float x_slice[GEMM_K_SLICE][GEMM_TILE + 1];
    __local float w_slice[GEMM_K_SLICE][GEMM_TILE + 1];
    int tx = get_local_id(0);
    int ty = get_local_id(1);
    int thread = ty * GEMM_GROUP + tx;
    int first_feature = get_group_id(0) * GEMM_TILE;
    int first_row = get_group_id(1) * GEMM_TILE;

    float acc[GEMM_BLOCK][GEMM_BLOCK];
    for (int i = 0; i < GEMM_BLOCK; i++) {
        for (int j = 0; j < GEMM_BLOCK; j++) {
            acc[i][j] = 0.0f;
        }
    }
    for (int k0 = 0; k0 < k; k0 += GEMM_K_SLICE) {
        // 64 rows × 16 k of each operand = 1024 elements, 4 per work-item; consecutive work-items read
        // consecutive k of one row
        for (int load = 0; load < GEMM_TILE * GEMM_K_SLICE / (GEMM_GROUP * GEMM_GROUP); load++) {
            int element = thread + load * GEMM_GROUP * GEMM_GROUP;
            int tile_row = element / GEMM_K_SLICE;
            int kk = element - tile_row * GEMM_K_SLICE;
            int column = k0 + kk;
            int row = first_row + tile_row;
            int feature = first_feature + tile_row;
            x_slice[kk][tile_row] = (row < n && column < k) ? x[x_offset + row * k + column] : 0.0f;
            w_slice[kk][tile_row] = (feature < m && column < k) ? weight[weight_offset + feature * k + column] : 0.0f;
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int kk = 0; kk < GEMM_K_SLICE; kk++) {
            float xs[GEMM_BLOCK];
            float ws[GEMM_BLOCK];
            for (int i = 0; i < GEMM_BLOCK; i++) {
                xs[i] = x_slice[kk][ty + GEMM_GROUP * i];
                ws[i] = w_slice[kk][tx + GEMM_GROUP * i];
            }
            for (int i = 0; i < GEMM_BLOCK; i++) {
                for (int j = 0; j < GEMM_BLOCK; j++) {
                    acc[i][j] += xs[i] * ws[j];
                }
            }
        }
        barrier(CLK_LOCAL_MEM_FENCE); // the slices are overwritten by the next iteration
    }
    for (int i = 0; i < GEMM_BLOCK; i++) {
        int row = first_row + ty + GEMM_GROUP * i;
        for (int j = 0; j < GEMM_BLOCK; j++) {
            int feature = first_feature + tx + GEMM_GROUP * j;
            if (row < n && feature < m) {
                out[out_offset + row * m + feature] = acc[i][j] + (has_bias ? bias[bias_offset + feature] : 0.0f);
            }
        }
    }
}

// ---- few rows (decoder): GEMV ---------------------------------------------------------------------------
// One work-group per (row of x, GEMV_FEATURES_PER_GROUP output features), taken GEMV_FEATURES at a time. Each
// feature's dot product is split over GEMV_LANES work-items that read consecutive weights (coalesced), then
// summed in local memory. Many features per group keep the group count low: on CPU drivers such as PoCL each
// work-group has a fixed scheduling cost that would otherwise dominate the 51865-feature logits.
#define GEMV_LANES 32
#define GEMV_FEATURES 8
#define GEMV_FEATURES_PER_GROUP 64

__kernel __attribute__((reqd_work_group_size(GEMV_LANES, GEMV_FEATURES, 1)))
void gemv(__global float* out, int out_offset, __global const float* x, int x_offset,
          __global const float* weight, int weight_offset, __global const float* bias, int bias_offset,
          int has_bias, int n, int m, int k) {
    __local float partial[GEMV_FEATURES][GEMV_LANES];
    int lane = get_local_id(0);
    int slot = get_local_id(1);
    int row = get_global_id(2);
    __global const float* x_row = x + x_offset + row * k;

    for (int first = get_group_id(1) * GEMV_FEATURES_PER_GROUP;
         first < (get_group_id(1) + 1) * GEMV_FEATURES_PER_GROUP && first < m; first += GEMV_FEATURES) {
        int feature = first + slot;
        float sum = 0.0f;
        if (feature < m) {
            __global const float* w_row = weight + weight_offset + feature * k;
            for (int c = lane; c < k; c += GEMV_LANES) {
                sum += x_row[c] * w_row[c];
            }
        }
        partial[slot][lane] = sum;
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int half_width = GEMV_LANES / 2; half_width > 0; half_width >>= 1) {
            if (lane < half_width) {
                partial[slot][lane] += partial[slot][lane + half_width];
            }
            barrier(CLK_LOCAL_MEM_FENCE);
        }
        if (lane == 0 && feature < m) {
            out[out_offset + row * m + feature] = partial[slot][0] + (has_bias ? bias[bias_offset + feature] : 0.0f);
        }
        barrier(CLK_LOCAL_MEM_FENCE); // partial is rewritten for the next features
    }
}

// ---- few rows on CPU-type devices: one work-item per output feature --------------------------------------
// The whole dot product in one work-item, no local memory and no barriers: a CPU driver (PoCL) runs each
// work-group as loops over its work-items split at every barrier, so the lane-split GEMV above costs it more
// in loop overhead than in arithmetic, while a sequential dot product per feature streams one weight row.
#define GEMV_ROWWISE_GROUP 64

__kernel __attribute__((reqd_work_group_size(GEMV_ROWWISE_GROUP, 1, 1)))
void gemv_rowwise(__global float* out, int out_offset, __global const float* x, int x_offset,
                  __global const float* weight, int weight_offset, __global const float* bias, int bias_offset,
                  int has_bias, int n, int m, int k) {
    int feature = get_global_id(0);
    int row = get_global_id(1);
    if (feature < m) {
        __global const float* x_row = x + x_offset + row * k;
        __global const float* w_row = weight + weight_offset + feature * k;
        float sum = 0.0f;
        for (int c = 0; c < k; c++) {
            sum += x_row[c] * w_row[c];
        }
        out[out_offset + row * m + feature] = sum + (has_bias ? bias[bias_offset + feature] : 0.0f);
    }
}
