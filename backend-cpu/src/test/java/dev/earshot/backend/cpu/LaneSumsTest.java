package dev.earshot.backend.cpu;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The four-at-once lane sum must give each vector's {@link LinearKernel#sumLanes} tree bit for bit: the GEMV and
 * the blocked kernel use it, and their outputs are promised identical to every other path's. Lanes of very
 * different magnitudes make any change of the adds' order visible in the low bits.
 */
class LaneSumsTest {

    @Test
    void fourAtOnceIsEachTreeBitForBit() {
        assumeTrue(LinearKernel.LANES == 16, "sumLanes4 is used with 16-lane vectors only; this machine has "
                + LinearKernel.LANES);
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 10_000; trial++) {
            FloatVector[] v = new FloatVector[4];
            for (int i = 0; i < 4; i++) {
                float[] lanes = new float[16];
                for (int l = 0; l < 16; l++) {
                    lanes[l] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(-6, 7)));
                }
                v[i] = FloatVector.fromArray(LinearKernel.SPECIES, lanes, 0);
            }
            FloatVector sums = LinearKernel.sumLanes4(v[0], v[1], v[2], v[3]);
            int[] laneOf = {0, 8, 4, 12};
            for (int i = 0; i < 4; i++) {
                assertEquals(Float.floatToRawIntBits(LinearKernel.sumLanes(v[i])), Float.floatToRawIntBits(sums.lane(laneOf[i])),
                        "vector " + i + " of trial " + trial);
            }
        }
    }
}
