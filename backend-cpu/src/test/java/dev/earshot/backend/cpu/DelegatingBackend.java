package dev.earshot.backend.cpu;

import dev.earshot.api.backend.AttentionSpec;
import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.DType;
import dev.earshot.api.backend.DeviceInfo;
import dev.earshot.api.backend.Op;
import dev.earshot.api.backend.Tensor;
import dev.earshot.api.backend.TransferStats;
import dev.earshot.api.backend.WeightData;

/** Forwards every call to a real backend; a test overrides one op to plant a bug. */
class DelegatingBackend implements Backend {

    final Backend delegate;

    DelegatingBackend(Backend delegate) {
        this.delegate = delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public DeviceInfo device() {
        return delegate.device();
    }

    @Override
    public boolean supports(Op op, DType weightType) {
        return delegate.supports(op, weightType);
    }

    @Override
    public Tensor upload(WeightData weight) {
        return delegate.upload(weight);
    }

    @Override
    public Tensor allocate(int rows, int cols) {
        return delegate.allocate(rows, cols);
    }

    @Override
    public Tensor allocate(int rows, int cols, DType type) {
        return delegate.allocate(rows, cols, type);
    }

    @Override
    public boolean supportsActivations(DType type) {
        return delegate.supportsActivations(type);
    }

    @Override
    public Tensor rows(Tensor tensor, int firstRow, int rowCount) {
        return delegate.rows(tensor, firstRow, rowCount);
    }

    @Override
    public void write(Tensor dst, float[] src) {
        delegate.write(dst, src);
    }

    @Override
    public void read(Tensor src, float[] dst) {
        delegate.read(src, dst);
    }

    @Override
    public void release(Tensor tensor) {
        delegate.release(tensor);
    }

    @Override
    public TransferStats transfers() {
        return delegate.transfers();
    }

    @Override
    public void linear(Tensor out, Tensor x, Tensor weight, Tensor bias) {
        delegate.linear(out, x, weight, bias);
    }

    @Override
    public void conv1d(Tensor out, Tensor x, Tensor weight, Tensor bias, int stride) {
        delegate.conv1d(out, x, weight, bias, stride);
    }

    @Override
    public void gelu(Tensor x) {
        delegate.gelu(x);
    }

    @Override
    public void layerNorm(Tensor out, Tensor x, Tensor gamma, Tensor beta, float eps) {
        delegate.layerNorm(out, x, gamma, beta, eps);
    }

    @Override
    public void add(Tensor out, Tensor a, Tensor b) {
        delegate.add(out, a, b);
    }

    @Override
    public void attention(Tensor out, Tensor q, Tensor k, Tensor v, AttentionSpec spec, Tensor scores) {
        delegate.attention(out, q, k, v, spec, scores);
    }

    @Override
    public void embedding(Tensor out, Tensor table, int[] ids) {
        delegate.embedding(out, table, ids);
    }

    @Override
    public void copyRows(Tensor dst, int[] dstRows, Tensor src, int[] srcRows) {
        delegate.copyRows(dst, dstRows, src, srcRows);
    }

    @Override
    public void logSoftmax(Tensor out, Tensor x) {
        delegate.logSoftmax(out, x);
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** All of {@code t} on the host (through the delegate, so it counts as a transfer like any read). */
    float[] hostCopy(Tensor t) {
        float[] values = new float[Math.toIntExact(t.elementCount())];
        delegate.read(t, values);
        return values;
    }
}
