package dev.earshot.backend.opencl;

import dev.earshot.api.backend.DeviceInfo;

/**
 * Which kernels run the decoder-sized linear and the attention: the shapes that suit GPUs (work-items split each
 * dot product and reduce in local memory, so global reads are coalesced) or those that suit CPU drivers such as
 * PoCL (one work-item per output feature or per query, no reductions: PoCL runs a work-group as loops over its
 * work-items split at every barrier, so barrier-heavy kernels cost it more in loop overhead than in arithmetic).
 * Both obey the same contracts; the tests run the conformance kit with each.
 */
enum KernelShapes {
    GPU("gemv", "attention"),
    CPU("gemv_rowwise", "attention_query_block");

    /** The few-rows linear kernel. */
    final String gemv;
    /** The attention kernel for heads of at most {@link #QUERY_BLOCK_MAX_HEAD_DIM} channels. */
    final String attention;

    /** attention_query_block keeps a head's query and accumulator in private arrays of this size. */
    static final int QUERY_BLOCK_MAX_HEAD_DIM = 64;

    KernelShapes(String gemv, String attention) {
        this.gemv = gemv;
        this.attention = attention;
    }

    static KernelShapes suitedTo(DeviceInfo device) {
        return device.kind() == DeviceInfo.Kind.CPU ? CPU : GPU;
    }

    KernelShapes other() {
        return this == CPU ? GPU : CPU;
    }
}
