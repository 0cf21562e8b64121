package dev.earshot.api.backend;

/**
 * An opaque handle to a 2-D row-major tensor owned by the backend that made it (device memory on a GPU).
 * Every Whisper tensor is a matrix: a conv weight [out, in, 3] is [out × in·3], a bias is [1 × n],
 * attention scores for h heads are [h·T_q × T_k]. Only the owning backend may read or write it.
 */
public interface Tensor {

    int rows();

    int cols();

    DType dtype();

    default long elementCount() {
        return (long) rows() * cols();
    }
}
