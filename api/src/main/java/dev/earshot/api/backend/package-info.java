/**
 * The backend SPI: tensor operations that the Whisper model (module {@code model}) is written against once.
 *
 * <h2>Shape of the SPI</h2>
 * A {@link dev.earshot.api.backend.BackendProvider} (found with {@link java.util.ServiceLoader}) reports whether
 * it can run here and on which devices, without throwing, and opens a {@link dev.earshot.api.backend.Backend}
 * on one device. Tensors are opaque 2-D handles owned by the backend; weights are uploaded once from the
 * memory-mapped checkpoint ({@link dev.earshot.api.backend.WeightData}), activations are allocated once per
 * session, and every op writes into caller-owned outputs. Only {@code upload}, {@code write} (a mel
 * window, token ids) and {@code read} (one row of logits, optionally attention scores) cross the host–device
 * boundary, and {@link dev.earshot.api.backend.Backend#transfers()} counts them.
 *
 * <h2>How the device backends implement each op (sketch, written before freezing the SPI)</h2>
 * <table>
 *   <caption>Op by op: OpenCL (JOCL, OpenCL C kernels) and TornadoVM (Java kernels, per-block TaskGraphs)</caption>
 *   <tr><th>op</th><th>OpenCL</th><th>TornadoVM</th></tr>
 *   <tr><td>tensor, {@code allocate}, {@code rows} view</td>
 *       <td>a {@code cl_mem} buffer plus an element offset and row count; views pass the offset as a kernel
 *           argument (no sub-buffers: their alignment rules are device-specific)</td>
 *       <td>a {@code FloatArray}/{@code HalfFloatArray} plus offset; views are offsets passed to the task</td></tr>
 *   <tr><td>{@code upload}</td>
 *       <td>{@code clEnqueueWriteBuffer} from the mapped segment, once; F16 kept as {@code half} when the device
 *           has {@code cl_khr_fp16}, else widened to F32 while copying</td>
 *       <td>copied into device arrays transferred {@code FIRST_EXECUTION}</td></tr>
 *   <tr><td>{@code linear}</td>
 *       <td>encoder (many rows): tiled GEMM, 16×16 (or 32×32) tiles of x and W in local memory, each work-item
 *           a 4×4 register block; decoder (1–5 rows): GEMV, one work-group per block of output features,
 *           reduction of the dot product in local memory; bias added in the epilogue</td>
 *       <td>{@code KernelContext} kernel with local-memory tiles for GEMM; a {@code @Parallel} loop over output
 *           features with a per-thread dot product for GEMV; launch sizes from a {@code GridScheduler}</td></tr>
 *   <tr><td>{@code conv1d}</td>
 *       <td>im2col kernel into a scratch buffer, then the GEMM kernel (3000×(n_mels·3) · (n_mels·3)×d)</td>
 *       <td>same two tasks in the encoder-stem graph</td></tr>
 *   <tr><td>{@code gelu}, {@code add}</td>
 *       <td>element-wise kernels; {@code erf} is an OpenCL C builtin</td>
 *       <td>{@code @Parallel} loops; {@code TornadoMath} lacks erf, so a polynomial erf in Java</td></tr>
 *   <tr><td>{@code layerNorm}, {@code logSoftmax}</td>
 *       <td>one work-group per row: mean and variance (or max and sum) reduced in local memory, then the
 *           normalisation — never a reduction across work-groups (PoCL gives wrong results for those)</td>
 *       <td>{@code KernelContext} with a work-group per row and {@code localBarrier()}</td></tr>
 *   <tr><td>{@code attention}</td>
 *       <td>fused: one work-group per (head, block of queries); scores in local memory with an online
 *           softmax over key blocks (no T×T matrix in global memory); causal rule from
 *           {@link dev.earshot.api.backend.AttentionSpec}; writes the pre-softmax scores only when asked</td>
 *       <td>one task per (head, query) with online softmax; scores to an output array on request</td></tr>
 *   <tr><td>{@code embedding}</td>
 *       <td>the ids are written to a small int buffer (the one per-step upload), a kernel gathers rows</td>
 *       <td>an {@code IntArray} of ids transferred {@code EVERY_EXECUTION}; gather task</td></tr>
 *   <tr><td>{@code copyRows}</td>
 *       <td>gather kernel through a scratch buffer (beam reordering of KV caches stays on the device)</td>
 *       <td>gather task</td></tr>
 *   <tr><td>{@code read}</td>
 *       <td>{@code clEnqueueReadBuffer} blocking; the queue is in order, so it waits for prior kernels</td>
 *       <td>{@code transferToHost} at the end of the decoder-step graph; only the logits row</td></tr>
 * </table>
 * A device backend may also fuse: the SPI's eager ops are the default composition, and
 * {@link dev.earshot.api.backend.Backend#supports(Op, DType)} lets the model ask before relying on a
 * specialised form. A TornadoVM backend builds one {@code TaskGraph} per block from the same calls by
 * recording them (the model calls ops in the same order every pass) and replaying the compiled graph.
 */
package dev.earshot.api.backend;
