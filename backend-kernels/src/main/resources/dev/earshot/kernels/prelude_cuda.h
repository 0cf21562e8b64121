// The macro layer for CUDA C++ (nvcc): the same names as prelude_opencl.h, spelled for CUDA. Kernels are
// extern "C" so their PTX entry names are the plain kernel names the backend looks up.
#include <cuda_fp16.h>

#define KERNEL extern "C" __global__
// reqd_work_group_size fixes the block shape in OpenCL; the closest CUDA promise is the block's size limit.
#define GROUP_SIZE(x, y, z) __launch_bounds__((x) * (y) * (z))
#define DEVICE_FN static __device__ __forceinline__
#define GLOBAL
#define LOCAL_ARRAY __shared__
// CUDA pointers to shared memory are generic pointers: no qualifier.
#define LOCAL_PTR
#define DYNAMIC_LOCAL_PARAM(type, name)
#define DYNAMIC_LOCAL(type, name) extern __shared__ type name[];
#define GLOBAL_ID(d) earshot_global_id(d)
#define LOCAL_ID(d) earshot_local_id(d)
#define GROUP_ID(d) earshot_group_id(d)
#define BARRIER() __syncthreads()
#define HALF_STORAGE __half
#define LOAD_HALF(pointer, index) __half2float((pointer)[index])
#define BITS_AS_FLOAT(bits) __uint_as_float(bits)
#define SQRT1_2 0.707106781186547524400844362104849039f
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif

typedef unsigned short ushort;
typedef unsigned int uint;

// OpenCL's index functions over CUDA's grid: the backend launches blocks of the OpenCL work-group size and
// grids of global / local blocks, so these give the values the kernels were written against.
static __device__ __forceinline__ int earshot_local_id(int d) {
    return d == 0 ? (int) threadIdx.x : d == 1 ? (int) threadIdx.y : (int) threadIdx.z;
}

static __device__ __forceinline__ int earshot_group_id(int d) {
    return d == 0 ? (int) blockIdx.x : d == 1 ? (int) blockIdx.y : (int) blockIdx.z;
}

static __device__ __forceinline__ int earshot_global_id(int d) {
    int size = d == 0 ? (int) blockDim.x : d == 1 ? (int) blockDim.y : (int) blockDim.z;
    return earshot_group_id(d) * size + earshot_local_id(d);
}
