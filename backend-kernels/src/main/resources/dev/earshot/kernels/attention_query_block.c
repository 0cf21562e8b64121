// Fused multi-head attention with one work-item per query: a work-group takes QUERY_BLOCK queries of one head,
// stages KEY_TILE keys and values at a time in local memory (each read from global memory once per block rather
// than once per query), and every work-item runs its own online softmax over them, with no reductions and only
// the two barriers around each tile. This is the shape CPU drivers (PoCL) run well; GPUs use attention.cl.
//
// Same contract as attention.cl: q [t_q × d], k and v [t_k × d], out [t_q × d], scores [heads·t_q × t_k];
// causal query i sees keys j ≤ i + t_k − t_q, and its hidden scores are −∞.

#define QUERY_BLOCK 32
#define KEY_TILE 32
#define QUERY_BLOCK_MAX_HEAD_DIM 64

KERNEL GROUP_SIZE(QUERY_BLOCK, 1, 1)
void attention_query_block(GLOBAL float* out, int out_offset, GLOBAL const float* q, int q_offset,
                           GLOBAL const float* k, int k_offset, GLOBAL const float* v, int v_offset,
                           GLOBAL float* scores, int scores_offset, int want_scores,
                           int t_q, int t_k, int d, int head_dim, int causal, float scale
                           DYNAMIC_LOCAL_PARAM(float, tiles) /* [2 × KEY_TILE × head_dim], sized per launch */) {
    DYNAMIC_LOCAL(float, tiles)
    LOCAL_PTR float* key_tile = tiles;                         // [KEY_TILE × head_dim]
    LOCAL_PTR float* value_tile = tiles + KEY_TILE * head_dim; // [KEY_TILE × head_dim]
    int lane = LOCAL_ID(0);
    int first_query = GROUP_ID(0) * QUERY_BLOCK;
    int i = first_query + lane;
    int head_column = GROUP_ID(1) * head_dim;
    bool active = i < t_q;

    float query[QUERY_BLOCK_MAX_HEAD_DIM];
    float acc[QUERY_BLOCK_MAX_HEAD_DIM];
    for (int c = 0; c < head_dim; c++) {
        query[c] = active ? q[q_offset + i * d + head_column + c] * scale : 0.0f;
        acc[c] = 0.0f;
    }
    int visible = !active ? 0 : causal ? min(t_k, i + t_k - t_q + 1) : t_k;
    int last_query = min(first_query + QUERY_BLOCK, t_q) - 1;
    int block_visible = causal ? min(t_k, last_query + t_k - t_q + 1) : t_k; // what the block's last query sees
    int key_end = want_scores ? t_k : block_visible; // past `block_visible` only to write masked −∞ scores
    float running_max = -INFINITY;
    float running_sum = 0.0f;

    for (int tile = 0; tile < key_end; tile += KEY_TILE) {
        int tile_keys = min(KEY_TILE, key_end - tile);
        int loaded_keys = min(KEY_TILE, block_visible - tile);
        for (int e = lane; e < loaded_keys * head_dim; e += QUERY_BLOCK) {
            int key = e / head_dim;
            int c = e - key * head_dim;
            int source = (tile + key) * d + head_column + c;
            key_tile[e] = k[k_offset + source];
            value_tile[e] = v[v_offset + source];
        }
        BARRIER();
        if (active) {
            for (int key = 0; key < tile_keys; key++) {
                int j = tile + key;
                int score_index = scores_offset + ((GROUP_ID(1) * t_q) + i) * t_k + j;
                if (j >= visible) {
                    if (want_scores) {
                        scores[score_index] = -INFINITY;
                    }
                    continue;
                }
                float score = 0.0f;
                for (int c = 0; c < head_dim; c++) {
                    score += query[c] * key_tile[key * head_dim + c];
                }
                if (want_scores) {
                    scores[score_index] = score;
                }
                if (score > running_max) {
                    // rescale what was summed under the old max (exp(−∞) = 0 for the first key)
                    float rescale = exp(running_max - score);
                    running_sum *= rescale;
                    for (int c = 0; c < head_dim; c++) {
                        acc[c] *= rescale;
                    }
                    running_max = score;
                }
                float weight = exp(score - running_max);
                running_sum += weight;
                for (int c = 0; c < head_dim; c++) {
                    acc[c] += weight * value_tile[key * head_dim + c];
                }
            }
        }
        BARRIER(); // the tiles are overwritten next
    }
    if (active) {
        for (int c = 0; c < head_dim; c++) {
            out[out_offset + i * d + head_column + c] = acc[c] / running_sum;
        }
    }
}
