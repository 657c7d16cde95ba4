/*===- uk_group.c - int4 / int8 group-format weight microkernels --*- C -*-===//
 *
 * sinkc's group formats (#tfm.group_quant), all 24: see sinkc_ukernels.h
 * for the layouts and summation order. Each group is a unit of G / 32
 * blocks whose d (and m) each row decodes once (uk_unit_factors), as the
 * K-quants' super-blocks; uk_block_bytes agrees with
 * SINKC_UK_GROUP_BLOCK_BYTES (UkernelGroupTest's rows are sized by the
 * latter).
 *===----------------------------------------------------------------------===*/

#include "uk_tile.h"

#define UK_DEFINE_GROUP(NAME, BITS, GROUP, ASYMMETRIC, SCALE_F32)             \
  UK_DEFINE_KERNELS(NAME, UK_GROUP_FMT(BITS, GROUP, ASYMMETRIC, SCALE_F32),    \
                    void)                                                      \
  UK_DEFINE_GATHER(NAME, UK_GROUP_FMT(BITS, GROUP, ASYMMETRIC, SCALE_F32))

SINKC_UK_GROUP_FORMATS(UK_DEFINE_GROUP)
