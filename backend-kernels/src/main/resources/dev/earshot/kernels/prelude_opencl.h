// The macro layer for OpenCL C 1.2. The shared kernels use only these names for everything the two dialects
// spell differently: qualifiers, work-item indices, barriers, local memory, half loads and bit casts.
#define KERNEL __kernel
#define GROUP_SIZE(x, y, z) __attribute__((reqd_work_group_size(x, y, z)))
#define DEVICE_FN static
#define GLOBAL __global
// A fixed-size local array declared in a kernel body, and a pointer parameter to local memory.
#define LOCAL_ARRAY __local
#define LOCAL_PTR __local
// Local memory sized per launch: OpenCL passes it as a trailing kernel argument (clSetKernelArg with a size and
// no value); CUDA declares it in the body (extern __shared__) and sizes it in the launch.
#define DYNAMIC_LOCAL_PARAM(type, name) , __local type* name
#define DYNAMIC_LOCAL(type, name)
#define GLOBAL_ID(d) ((int) get_global_id(d))
#define LOCAL_ID(d) ((int) get_local_id(d))
#define GROUP_ID(d) ((int) get_group_id(d))
#define BARRIER() barrier(CLK_LOCAL_MEM_FENCE)
#define HALF_STORAGE half
// vload_half is core OpenCL C: it works on devices without cl_khr_fp16 (PoCL here).
#define LOAD_HALF(pointer, index) vload_half((index), (pointer))
#define BITS_AS_FLOAT(bits) as_float(bits)
#define SQRT1_2 M_SQRT1_2_F
