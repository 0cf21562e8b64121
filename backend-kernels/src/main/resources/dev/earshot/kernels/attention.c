// Fused multi-head attention: one work-group per (query, head). The keys are walked in blocks of
// ATTENTION_LANES, one key per work-item; an online softmax (running max and sum, earlier contributions
// rescaled when the max grows) means no T_q × T_k matrix is ever stored unless the caller asks for the scores.
//
// q [t_q × d], k and v [t_k × d], d = heads · head_dim, out [t_q × d]; scores [heads·t_q × t_k] head-major.
// Causal: query i (the last t_q of t_k positions) sees keys j ≤ i + t_k − t_q; hidden scores are −∞.

#define ATTENTION_LANES 64
// Each work-item accumulates output channels lane, lane + 64, …: head_dim ≤ 64 · ATTENTION_CHANNEL_SLOTS.
#define ATTENTION_CHANNEL_SLOTS 4

DEVICE_FN float block_reduce(LOCAL_PTR float* scratch, float value, int take_max) {
    int lane = LOCAL_ID(0);
    scratch[lane] = value;
    BARRIER();
    for (int half_width = ATTENTION_LANES / 2; half_width > 0; half_width >>= 1) {
        if (lane < half_width) {
            float other = scratch[lane + half_width];
            scratch[lane] = take_max ? fmax(scratch[lane], other) : scratch[lane] + other;
        }
        BARRIER();
    }
    float result = scratch[0];
    BARRIER();
    return result;
}

KERNEL GROUP_SIZE(ATTENTION_LANES, 1, 1)
void attention(GLOBAL float* out, int out_offset, GLOBAL const float* q, int q_offset,
               GLOBAL const float* k, int k_offset, GLOBAL const float* v, int v_offset,
               GLOBAL float* scores, int scores_offset, int want_scores,
               int t_q, int t_k, int d, int head_dim, int causal, float scale
               DYNAMIC_LOCAL_PARAM(float, query) /* [head_dim], sized per launch */) {
    DYNAMIC_LOCAL(float, query)
    LOCAL_ARRAY float scratch[ATTENTION_LANES];
    LOCAL_ARRAY float weights[ATTENTION_LANES];
    int lane = LOCAL_ID(0);
    int i = GROUP_ID(0);
    int head = GROUP_ID(1);
    int head_column = head * head_dim;

    for (int c = lane; c < head_dim; c += ATTENTION_LANES) {
        query[c] = q[q_offset + i * d + head_column + c] * scale;
    }
    BARRIER();

    int visible = causal ? min(t_k, i + t_k - t_q + 1) : t_k;
    int key_end = want_scores ? t_k : visible; // past `visible` only to write the −∞ of masked scores
    float running_max = -INFINITY;
    float running_sum = 0.0f;
    float acc[ATTENTION_CHANNEL_SLOTS];
    for (int s = 0; s < ATTENTION_CHANNEL_SLOTS; s++) {
        acc[s] = 0.0f;
    }

    for (int block = 0; block < key_end; block += ATTENTION_LANES) {
        int j = block + lane;
        float score = -INFINITY;
        if (j < visible) {
            GLOBAL const float* key = k + k_offset + j * d + head_column;
            float dot = 0.0f;
            for (int c = 0; c < head_dim; c++) {
                dot += query[c] * key[c];
            }
            score = dot;
        }
        if (want_scores && j < t_k) {
            scores[scores_offset + (head * t_q + i) * t_k + j] = score;
        }
        float new_max = fmax(running_max, block_reduce(scratch, score, 1));
        // a block wholly past the visible keys adds nothing (and new_max is finite: key 0 is always visible)
        float weight = score == -INFINITY ? 0.0f : exp(score - new_max);
        weights[lane] = weight;
        float block_sum = block_reduce(scratch, weight, 0); // its barriers also publish `weights`
        float rescale = running_max == -INFINITY ? 0.0f : exp(running_max - new_max);
        running_sum = running_sum * rescale + block_sum;
        int block_keys = min(ATTENTION_LANES, visible - block);
        for (int s = 0; s < ATTENTION_CHANNEL_SLOTS; s++) {
            int c = lane + s * ATTENTION_LANES;
            if (c < head_dim) {
                float a = acc[s] * rescale;
                for (int jj = 0; jj < block_keys; jj++) {
                    a += weights[jj] * v[v_offset + (block + jj) * d + head_column + c];
                }
                acc[s] = a;
            }
        }
        running_max = new_max;
        BARRIER(); // `weights` is rewritten by the next block
    }
    for (int s = 0; s < ATTENTION_CHANNEL_SLOTS; s++) {
        int c = lane + s * ATTENTION_LANES;
        if (c < head_dim) {
            out[out_offset + i * d + head_column + c] = acc[s] / running_sum;
        }
    }
}
