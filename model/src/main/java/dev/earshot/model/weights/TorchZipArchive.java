package dev.earshot.model.weights;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The zip container {@code torch.save} writes, read from a memory-mapped file through its central directory.
 * PyTorch stores every entry uncompressed, so each entry is handed out as a slice of the mapping and tensor
 * data is never copied. Compressed entries, encrypted entries and entries outside the file are errors.
 */
final class TorchZipArchive {

    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    static final int LOCAL_HEADER_MAGIC = 0x04034b50;
    private static final int CENTRAL_HEADER_MAGIC = 0x02014b50;
    private static final int END_OF_DIRECTORY_MAGIC = 0x06054b50;
    private static final int ZIP64_END_MAGIC = 0x06064b50;
    private static final int ZIP64_LOCATOR_MAGIC = 0x07064b50;
    private static final int END_RECORD_SIZE = 22;
    private static final int MAX_COMMENT = 0xffff;

    private final Path path;
    private final Map<String, MemorySegment> entries;

    private TorchZipArchive(Path path, Map<String, MemorySegment> entries) {
        this.path = path;
        this.entries = entries;
    }

    static TorchZipArchive read(Path path, MemorySegment file) {
        long size = file.byteSize();
        long end = findEndOfDirectory(path, file);
        long entryCount = u16(file, end + 10);
        long directorySize = u32(file, end + 12);
        long directoryOffset = u32(file, end + 16);
        if (directoryOffset == 0xffffffffL || entryCount == 0xffff) {
            long locator = end - 20;
            if (locator < 0 || file.get(U32, locator) != ZIP64_LOCATOR_MAGIC) {
                throw new WeightFormatException(path, "zip directory needs a zip64 record that is missing: the file is damaged");
            }
            long zip64End = file.get(U64, locator + 8);
            if (zip64End < 0 || zip64End + 56 > size || file.get(U32, zip64End) != ZIP64_END_MAGIC) {
                throw new WeightFormatException(path, "zip64 end record is missing or outside the file: the file is damaged");
            }
            entryCount = file.get(U64, zip64End + 32);
            directorySize = file.get(U64, zip64End + 40);
            directoryOffset = file.get(U64, zip64End + 48);
        }
        if (directoryOffset < 0 || directoryOffset + directorySize > size) {
            throw new WeightFormatException(path, "zip directory at byte " + directoryOffset + " lies outside the file of "
                    + size + " bytes: the file is truncated");
        }
        Map<String, MemorySegment> entries = new LinkedHashMap<>();
        long at = directoryOffset;
        for (long i = 0; i < entryCount; i++) {
            if (at + 46 > size || file.get(U32, at) != CENTRAL_HEADER_MAGIC) {
                throw new WeightFormatException(path, "zip directory entry " + i + " at byte " + at + " is damaged");
            }
            int flags = u16(file, at + 8);
            int method = u16(file, at + 10);
            long compressedSize = u32(file, at + 20);
            long uncompressedSize = u32(file, at + 24);
            int nameLength = u16(file, at + 28);
            int extraLength = u16(file, at + 30);
            int commentLength = u16(file, at + 32);
            long localOffset = u32(file, at + 42);
            String name = new String(file.asSlice(at + 46, nameLength).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
            long[] zip64 = zip64Sizes(file, at + 46 + nameLength, extraLength, uncompressedSize, compressedSize, localOffset);
            uncompressedSize = zip64[0];
            compressedSize = zip64[1];
            localOffset = zip64[2];
            if ((flags & 1) != 0) {
                throw new WeightFormatException(path, "zip entry '" + name + "' is encrypted");
            }
            if (method != 0 || compressedSize != uncompressedSize) {
                throw new WeightFormatException(path, "zip entry '" + name + "' is compressed (method " + method
                        + "); torch.save stores entries uncompressed — was the file re-zipped?");
            }
            entries.put(name, entryData(path, file, name, localOffset, compressedSize));
            at += 46L + nameLength + extraLength + commentLength;
        }
        return new TorchZipArchive(path, Collections.unmodifiableMap(entries));
    }

    private static long findEndOfDirectory(Path path, MemorySegment file) {
        long size = file.byteSize();
        long lowest = Math.max(0, size - END_RECORD_SIZE - MAX_COMMENT);
        for (long at = size - END_RECORD_SIZE; at >= lowest; at--) {
            if (file.get(U32, at) == END_OF_DIRECTORY_MAGIC) {
                return at;
            }
        }
        throw new WeightFormatException(path, "has no zip end-of-directory record: the file is truncated or not a PyTorch zip checkpoint");
    }

    /** Replaces 0xffffffff size/offset fields by their values from the zip64 extra field. */
    private static long[] zip64Sizes(MemorySegment file, long extraStart, int extraLength,
                                     long uncompressed, long compressed, long offset) {
        long at = extraStart;
        long end = extraStart + extraLength;
        while (at + 4 <= end) {
            int id = u16(file, at);
            int length = u16(file, at + 2);
            if (id == 0x0001) {
                long field = at + 4;
                if (uncompressed == 0xffffffffL) { uncompressed = file.get(U64, field); field += 8; }
                if (compressed == 0xffffffffL) { compressed = file.get(U64, field); field += 8; }
                if (offset == 0xffffffffL) { offset = file.get(U64, field); }
            }
            at += 4 + length;
        }
        return new long[]{uncompressed, compressed, offset};
    }

    private static MemorySegment entryData(Path path, MemorySegment file, String name, long localOffset, long length) {
        long size = file.byteSize();
        if (localOffset < 0 || localOffset + 30 > size || file.get(U32, localOffset) != LOCAL_HEADER_MAGIC) {
            throw new WeightFormatException(path, "zip entry '" + name + "' has no local header at byte " + localOffset + ": the file is damaged");
        }
        long dataStart = localOffset + 30 + u16(file, localOffset + 26) + u16(file, localOffset + 28);
        if (dataStart + length > size) {
            throw new WeightFormatException(path, "zip entry '" + name + "' spans bytes [" + dataStart + ", " + (dataStart + length)
                    + ") of a " + size + "-byte file: the file is truncated");
        }
        return file.asSlice(dataStart, length);
    }

    private static int u16(MemorySegment file, long at) {
        return file.get(U16, at) & 0xffff;
    }

    private static long u32(MemorySegment file, long at) {
        return file.get(U32, at) & 0xffffffffL;
    }

    Map<String, MemorySegment> entries() {
        return entries;
    }

    /** The entry called {@code name}; a missing one is an error that says which. */
    MemorySegment entry(String name) {
        MemorySegment data = entries.get(name);
        if (data == null) {
            throw new WeightFormatException(path, "zip has no entry '" + name + "' (it has " + entries.size() + " entries)");
        }
        return data;
    }
}
