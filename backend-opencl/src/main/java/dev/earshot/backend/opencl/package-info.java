/**
 * The OpenCL backend ({@code --backend opencl}) through JOCL: every op of {@link dev.earshot.api.backend.Backend}
 * as an OpenCL kernel (the shared sources of earshot-backend-kernels plus {@code kernels/linear.cl}, built once per
 * backend), with weights, activations
 * and KV caches resident in device buffers. A decode step crosses between host and device twice: the token id
 * goes up for the embedding gather and the logits row comes back.
 *
 * <p>Weights of every stored type are F32 on the device: F16 and BF16 go up as stored and a kernel widens them.
 * Kernels come in two shapes for the decoder-sized linear and the attention ({@link
 * dev.earshot.backend.opencl.KernelShapes}): local-memory reductions for GPUs, one work-item per output for CPU
 * drivers such as PoCL, which is how CI runs this backend.
 */
package dev.earshot.backend.opencl;
