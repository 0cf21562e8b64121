package dev.earshot.backend.opencl;

import org.jocl.CL;
import org.jocl.CLException;

/** Turns JOCL's status codes into the names the OpenCL specification uses, for messages. */
final class ClErrors {

    private ClErrors() {
    }

    static boolean isOutOfDeviceMemory(CLException e) {
        int status = e.getStatus();
        return status == CL.CL_MEM_OBJECT_ALLOCATION_FAILURE || status == CL.CL_OUT_OF_RESOURCES
               || status == CL.CL_OUT_OF_HOST_MEMORY || status == CL.CL_INVALID_BUFFER_SIZE;
    }

    static String name(CLException e) {
        return CL.stringFor_errorCode(e.getStatus());
    }
}
