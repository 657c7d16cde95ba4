/*===- uk_f16.c - f16 weight microkernels -------------------------*- C -*-===//
 *
 * See sinkc_ukernels.h for the layout and summation order.
 *===----------------------------------------------------------------------===*/

#include "uk_tile.h"

UK_DEFINE_KERNELS(f16, UK_F16, uint16_t)
