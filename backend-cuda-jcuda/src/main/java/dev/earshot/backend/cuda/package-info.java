/**
 * The CUDA backend ({@code --backend cuda}) through JCuda 12: cuBLAS SGEMM for linear and conv1d, and the shared
 * kernels of earshot-backend-kernels compiled to PTX (compute_75) by nvcc when this module is built, loaded with
 * cuModuleLoadData. The same kernel source runs in the OpenCL backend, which is how CI tests its logic without a GPU.
 * Weights, activations and KV caches stay on the device; one stream per backend orders every op.
 */
package dev.earshot.backend.cuda;
